import type { Sources } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";

/**
 * The configured sources that keep failing, per story slug, described for /help: the URL, how many
 * reads in a row failed and the last reason. Sources dropped from a story file are not listed.
 */
export async function failingSources(store: Pick<Sources, "sources">, stories: readonly StoryConfig[]): Promise<Map<string, string[]>> {
  const failing = new Map<string, string[]>();
  for (const story of stories) {
    const configured = new Set([...story.sources.pages, ...story.sources.feeds]);
    const lines = (await store.sources(story.slug))
      .filter((s) => s.failing && configured.has(s.url))
      .map((s) => `${s.url}: ${s.failures} failed reads in a row, last: ${s.lastError ?? "unknown error"}`);
    if (lines.length) failing.set(story.slug, lines);
  }
  return failing;
}
