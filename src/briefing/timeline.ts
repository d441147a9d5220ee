import type { BriefingReads } from "../store/index.js";
import { textKey } from "../store/keys.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef, timeOrder } from "./source.js";
import type { TimelineView } from "./views.js";

/** The newest events a timeline shows; older ones are in the articles, not in a reply. */
export const TIMELINE_EVENTS = 250;

export async function timelineView(store: BriefingReads, story: StoryConfig): Promise<TimelineView> {
  const seen = new Set<string>();
  const events = (await store.recentTimeline(story.slug, TIMELINE_EVENTS)).flatMap((row) => {
    const key = `${row.at}|${textKey(row.text)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ at: row.at, text: row.text, unverified: row.unverified, source: sourceOf(row.article) }];
  });
  // Each article is itself a dated development: what was known at its as-of time.
  for (const article of await store.recentArticles(story.slug, TIMELINE_EVENTS)) {
    if (article.asOf) events.push({ at: article.asOf, text: article.title, unverified: false, source: sourceOf(article) });
  }
  events.sort((a, b) => timeOrder(a.at) - timeOrder(b.at));
  // Each source gave its newest, so these are the newest of both.
  return { story: storyRef(story), events: events.slice(-TIMELINE_EVENTS) };
}
