import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** A story is data: adding `data/stories/<slug>.json` adds a `/<slug>` command and its sources. */
export const StoryConfig = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,32}$/, "a slash-command name: 1-32 lowercase letters, digits or dashes"),
  title: z.string().min(1).max(100),
  description: z.string().min(1).max(100),
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
