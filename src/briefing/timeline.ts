import type { Store } from "../store/index.js";
import { textKey } from "../store/keys.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef } from "./source.js";
import type { TimelineView } from "./views.js";

export function timelineView(store: Store, story: StoryConfig): TimelineView {
  const seen = new Set<string>();
  const events = store.timeline(story.slug).flatMap((row) => {
    const key = `${row.at}|${textKey(row.text)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ at: row.at, text: row.text, unverified: row.unverified, source: sourceOf(row.article) }];
  });
  return { story: storyRef(story), events };
}
