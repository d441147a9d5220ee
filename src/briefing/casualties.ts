import type { FigureCategory } from "../extract/facts.js";
import type { FigureRow, Store } from "../store/index.js";
import { figureKindKey } from "../store/keys.js";
import type { StoryConfig } from "../story/config.js";
import { sourceOf, storyRef, timeOrder } from "./source.js";
import type { CasualtiesView, FigureSeries, FigureView } from "./views.js";

const CATEGORY_ORDER: readonly FigureCategory[] = ["killed", "injured", "arrested", "detained", "missing", "other"];

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

const sameReport = (a: FigureView, b: FigureView) =>
  a.count === b.count && a.qualifier === b.qualifier && a.attributedTo === b.attributedTo;

/**
 * Figures of the same kind (category, who, unit) form one series, ordered by time: the latest is
 * shown with what it replaced ("26 → 164"), each step keeping its own source. A repeat of the same
 * number by the same source is one report, not a change.
 */
export function figureSeries(rows: readonly FigureRow[]): Map<FigureCategory, FigureSeries[]> {
  const byKind = new Map<string, FigureView[]>();
  for (const row of rows) {
    const key = figureKindKey(row);
    const list = byKind.get(key) ?? [];
    list.push(toView(row));
    byKind.set(key, list);
  }
  const byCategory = new Map<FigureCategory, FigureSeries[]>();
  for (const views of byKind.values()) {
    const ordered = views
      .map((view, i) => ({ view, i }))
      // Rows come newest article first: on equal times the later index is the older report.
      .sort((a, b) => timeOrder(a.view.asOf) - timeOrder(b.view.asOf) || b.i - a.i)
      .map(({ view }) => view)
      .filter((view, i, all) => i === 0 || !sameReport(view, all[i - 1]!));
    const latest = ordered.at(-1)!;
    const list = byCategory.get(latest.category) ?? [];
    list.push({ latest, earlier: ordered.slice(0, -1) });
    byCategory.set(latest.category, list);
  }
  for (const list of byCategory.values()) list.sort((a, b) => timeOrder(b.latest.asOf) - timeOrder(a.latest.asOf) || b.latest.count - a.latest.count);
  return byCategory;
}

export function casualtiesView(store: Store, story: StoryConfig): CasualtiesView {
  const series = figureSeries(store.figures(story.slug));
  return {
    story: storyRef(story),
    groups: CATEGORY_ORDER.flatMap((category) => {
      const list = series.get(category);
      return list?.length ? [{ category, series: list }] : [];
    }),
  };
}
