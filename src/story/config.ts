import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ConfigError, describeIssue, settingError } from "../config.js";
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
  timeZone: z.string().min(1).refine(isKnownTimeZone, { message: "not a known time zone: use an IANA name such as Asia/Almaty" }).nullable().default(null),
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

/**
 * Reads every story file of STORIES_DIR. A missing folder or a bad file is a ConfigError naming the
 * setting or the file (and line, for broken JSON), which the entry points print and exit 2 on.
 */
export function loadStories(dir: string): StoryConfig[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such folder" : code === "ENOTDIR" ? "not a folder" : (error as Error).message;
    throw settingError("STORIES_DIR", dir, `a folder of story files (<slug>.json): ${why}`);
  }
  const files = entries.filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw settingError("STORIES_DIR", dir, "a folder of story files (<slug>.json): it holds none");
  return files.map((file) => {
    const path = join(dir, file);
    const input = parseJson(readFileSync(path, "utf8"), path);
    const parsed = StoryConfig.safeParse(input);
    if (!parsed.success) {
      throw new ConfigError(`Invalid story file ${path}:\n${parsed.error.issues.map((i) => `  ${describeIssue(i, input)}`).join("\n")}`);
    }
    if (`${parsed.data.slug}.json` !== file) throw new ConfigError(`Invalid story file ${path}: slug "${parsed.data.slug}" must match the file name`);
    return parsed.data;
  });
}

/** JSON.parse, with the line and column of a syntax error instead of a character offset. */
function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const before = position === undefined ? null : text.slice(0, Number(position)).split("\n");
    const where = before ? `:${before.length}:${(before.at(-1)?.length ?? 0) + 1}` : "";
    throw new ConfigError(`Invalid story file ${path}${where}: not valid JSON (${message.replace(/ in JSON at position \d+.*$/, "")})`);
  }
}
