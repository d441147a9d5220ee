import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { isKnownTimeZone } from "../ingest/times.js";

/** A story is data: adding `data/stories/<slug>.json` adds a `/<slug>` command and its sources. */
export const StoryConfig = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,32}$/, "a slash-command name: 1-32 lowercase letters, digits or dashes"),
  title: z.string().min(1).max(100),
  description: z.string().min(1).max(100),
  /**
   * The country the story happens in, as its English short name ("Kazakhstan") or ISO 3166 code
   * ("KZ"). Its own officials are never "international reactions"; everyone else's may be.
   */
  country: z.string().min(2).nullable().default(null),
  /** IANA zone in which the story's dates are shown and day-only dates are read ("Asia/Almaty"). */
  timeZone: z
    .string()
    .min(1)
    .refine(isKnownTimeZone, { message: "not a known time zone: use an IANA name such as Asia/Almaty" })
    .nullable()
    .default(null),
  /** Local place names the general gazetteer does not know (cities, regions, squares): never people. */
  places: z.array(z.string().min(1)).default([]),
  /** Local media the story's articles cite: sources of facts, never actors in them. */
  outlets: z.array(z.string().min(1)).default([]),
  /** Shown as the `ask` option's hint ("e.g. …"); a question any story can take when not given. */
  exampleQuestion: z.string().min(3).max(90).nullable().default(null),
  sources: z
    .object({
      /** Article files or folders, relative to the project root. */
      files: z.array(z.string().min(1)).default([]),
      /** A folder operators drop new article files into; read on every scheduled refresh. */
      inbox: z.string().min(1).nullable().default(null),
      pages: z.array(z.url({ protocol: /^https?$/ })).default([]),
      feeds: z.array(z.url({ protocol: /^https?$/ })).default([]),
    })
    .prefault({}),
});
export type StoryConfig = z.infer<typeof StoryConfig>;

export function loadStories(dir: string): StoryConfig[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  return files.map((file) => {
    const path = join(dir, file);
    const parsed = StoryConfig.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
    if (`${parsed.data.slug}.json` !== file) throw new Error(`${path}: slug "${parsed.data.slug}" must match the file name`);
    return parsed.data;
  });
}
