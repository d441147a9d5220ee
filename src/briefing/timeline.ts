import { clusterTexts } from "../analyse/similarity.js";
import type { BriefingReads, TimelineRow } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { sourceKey } from "../story/developments.js";
import { sourceOf, storyRef, timeOrder } from "./source.js";
import type { TimelineView } from "./views.js";

/** The newest events a timeline shows; older ones are in the articles, not in a reply. */
export const TIMELINE_EVENTS = 250;

const dayOf = (at: string) => at.slice(0, 10);

/**
 * One line per event across sources: events of one day that report the same thing (clustered as
 * the summary's points are) are one line, dated when it happened, with how many sources report it.
 */
export async function timelineView(store: BriefingReads, story: StoryConfig): Promise<TimelineView> {
  const byDay = new Map<string, TimelineRow[]>();
  for (const row of await store.recentTimeline(story.slug, TIMELINE_EVENTS)) byDay.set(dayOf(row.at), [...(byDay.get(dayOf(row.at)) ?? []), row]);
  const events: TimelineView["events"] = [];
  for (const rows of byDay.values()) {
    for (const indexes of clusterTexts(rows.map((r) => r.text))) {
      const members = indexes.map((i) => rows[i]!);
      const best = [...members].sort((a, b) => Number(a.unverified) - Number(b.unverified) || a.text.length - b.text.length)[0]!;
      events.push({
        at: best.at,
        text: best.text,
        unverified: best.unverified,
        source: sourceOf(best.article),
        sources: new Set(members.map((m) => sourceKey(m.article))).size,
      });
    }
  }
  events.sort((a, b) => timeOrder(a.at) - timeOrder(b.at));
  return { story: storyRef(story), events };
}
