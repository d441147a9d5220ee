import type { ArticleRef } from "../store/index.js";
import { textKey } from "../store/keys.js";
import type { SourceRef, StoryRef } from "./views.js";
import type { StoryConfig } from "../story/config.js";

export const sourceOf = (article: ArticleRef): SourceRef => ({
  title: article.title,
  url: article.url,
  outlet: article.outlet,
  asOf: article.asOf,
});

export const storyRef = (story: StoryConfig): StoryRef => ({ slug: story.slug, title: story.title });

/** Ordering key for ISO times; unknown times sort first so the known latest stays last. */
export const timeOrder = (iso: string | null): number => (iso ? Date.parse(iso) || 0 : 0);

/**
 * One spelling per source across a story's articles: "State television" opening a sentence in one
 * and "state television" inside one in another are one source, cited as the lowercase spelling
 * (only a common noun is written so mid-sentence); names that differ otherwise stay apart.
 */
export function sourceSpellings(names: Iterable<string | null>): (name: string | null) => string | null {
  const chosen = new Map<string, string>();
  for (const name of names) {
    if (name === null) continue;
    const key = textKey(name);
    const held = chosen.get(key);
    if (held === undefined || (/^\p{Lu}/u.test(held) && /^\p{Ll}/u.test(name))) chosen.set(key, name);
  }
  return (name) => (name === null ? null : (chosen.get(textKey(name)) ?? name));
}
