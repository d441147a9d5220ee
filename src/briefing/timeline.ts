import type { Store } from "../store/index.js";
import { textKey } from "../store/keys.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef, timeOrder } from "./source.js";
import type { TimelineView } from "./views.js";

export function timelineView(store: Store, story: StoryConfig): TimelineView {
  const seen = new Set<string>();
  const events = store.timeline(story.slug).flatMap((row) => {
    const key = `${row.at}|${textKey(row.text)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ at: row.at, text: row.text, unverified: row.unverified, source: sourceOf(row.article) }];
  });
  // Each article is itself a dated development: what was known at its as-of time.
  for (const article of store.articles(story.slug)) {
    if (article.asOf) events.push({ at: article.asOf, text: article.title, unverified: false, source: sourceOf(article) });
  }
  events.sort((a, b) => timeOrder(a.at) - timeOrder(b.at));
  return { story: storyRef(story), events };
}
