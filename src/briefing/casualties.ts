import type { FigureCategory } from "../extract/facts.js";
import type { BriefingReads, FigureRow } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef, timeOrder } from "./source.js";
import type { CasualtiesView, FigureSeries, FigureView } from "./views.js";

/** Deaths first, then injuries, arrests, detentions, the missing; claims and other figures last. */
export const CATEGORY_ORDER: readonly FigureCategory[] = ["killed", "injured", "arrested", "detained", "missing", "other"];

const toView = (row: FigureRow): FigureView => ({
  category: row.category,
  count: row.count,
  qualifier: row.qualifier,
  who: row.who,
  unit: row.unit,
  attributedTo: row.attributedTo,
  asOf: row.asOf ?? row.article.asOf,
  unverified: row.unverified,
  source: sourceOf(row.article),
});

/**
 * The reports before the latest that the view carries: the chart draws up to six reports of a
 * series; the text shows the last three of them and counts the rest.
 */
const HISTORY_STEPS = 5;

/**
 * Figures of the same kind (category, who, unit) form one series, ordered by time: the latest is
 * shown with what it replaced ("26 → 164"), each step keeping its own source. A repeat of the same
 * number by the same source is one report, not a change. By category, the most recent first.
 */
export async function figureSeries(store: BriefingReads, slug: string, steps: number): Promise<Map<FigureCategory, FigureSeries[]>> {
  const byCategory = new Map<FigureCategory, FigureSeries[]>();
  for (const row of await store.figureSeries(slug, steps)) {
    const latest = toView(row.latest);
    const list = byCategory.get(latest.category) ?? [];
    list.push({ latest, earlier: row.earlier.map(toView), older: row.older, olderUncounted: row.olderUncounted });
    byCategory.set(latest.category, list);
  }
  for (const list of byCategory.values()) list.sort((a, b) => timeOrder(b.latest.asOf) - timeOrder(a.latest.asOf) || b.latest.count - a.latest.count);
  return byCategory;
}

export async function casualtiesView(store: BriefingReads, story: StoryConfig): Promise<CasualtiesView> {
  const series = await figureSeries(store, story.slug, HISTORY_STEPS);
  return {
    story: storyRef(story),
    groups: CATEGORY_ORDER.flatMap((category) => {
      const list = series.get(category);
      return list?.length ? [{ category, series: list }] : [];
    }),
  };
}
