import type { FigureCategory } from "../extract/facts.js";
import { populationOf } from "../extract/populations.js";
import type { BriefingReads, FigureRow } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import { headlineOf } from "../story/figures.js";
import { sourceOf, sourceSpellings, storyRef, timeOrder } from "./source.js";
import type { CasualtiesView, FigureSeries, FigureView, HeadlineFigure } from "./views.js";

/** Deaths first, then injuries, arrests, detentions, the missing; claims and other figures last. */
export const CATEGORY_ORDER: readonly FigureCategory[] = ["killed", "injured", "arrested", "detained", "missing", "other"];

const toView = (row: FigureRow, spelling: (name: string | null) => string | null): FigureView => ({
  category: row.category,
  count: row.count,
  qualifier: row.qualifier,
  who: row.who,
  unit: row.unit,
  attributedTo: spelling(row.attributedTo),
  asOf: row.asOf ?? row.article.asOf,
  unverified: row.unverified,
  source: sourceOf(row.article),
});

/**
 * The reports before the latest that the view carries: the chart draws up to six reports of a
 * series; the text shows the last three of them and counts the rest.
 */
const HISTORY_STEPS = 5;

const byTime = (a: FigureView, b: FigureView) => timeOrder(a.asOf) - timeOrder(b.asOf);

/**
 * Series of one population (a store written before populations were normalised can hold several
 * wordings of it) become one: every report in time order, the newest the latest.
 */
function mergeSeries(list: readonly FigureSeries[]): FigureSeries {
  if (list.length === 1) return list[0]!;
  const reports = list.flatMap((s) => [...s.earlier, s.latest]).sort(byTime);
  const latest = reports.pop()!;
  const earlier = reports.slice(-HISTORY_STEPS);
  const dropped = reports.length - earlier.length;
  return {
    ...list[0]!,
    latest,
    earlier,
    older: list.reduce((n, s) => n + s.older, 0) + dropped,
    olderUncounted: list.some((s) => s.olderUncounted),
  };
}

/**
 * Figures of the same kind (category and population counted, or unit for other figures) form one
 * series, ordered by time: the latest is shown with what it replaced ("26 → 164"), each step
 * keeping its own source. A repeat of the same number by the same source is one report, not a
 * change. By category, the most recent first.
 */
export async function figureSeries(store: BriefingReads, slug: string, steps: number): Promise<Map<FigureCategory, FigureSeries[]>> {
  const byKind = new Map<string, FigureSeries[]>();
  const rows = await store.figureSeries(slug, steps);
  const spelling = sourceSpellings(rows.flatMap((row) => [row.latest, ...row.earlier].map((r) => r.attributedTo)));
  for (const row of rows) {
    const latest = toView(row.latest, spelling);
    const population = populationOf(latest.who);
    const key = latest.category === "other" ? `other|${latest.unit ?? ""}` : `${latest.category}|${population.key}`;
    const series: FigureSeries = {
      population: latest.category === "other" ? (latest.unit ?? "") : population.label,
      whole: latest.category !== "other" && population.whole,
      latest,
      earlier: row.earlier.map((r) => toView(r, spelling)),
      older: row.older,
      olderUncounted: row.olderUncounted,
    };
    byKind.set(key, [...(byKind.get(key) ?? []), series]);
  }
  const byCategory = new Map<FigureCategory, FigureSeries[]>();
  for (const list of byKind.values()) {
    const series = mergeSeries(list);
    byCategory.set(series.latest.category, [...(byCategory.get(series.latest.category) ?? []), series]);
  }
  for (const list of byCategory.values())
    list.sort((a, b) => Number(b.whole) - Number(a.whole) || timeOrder(b.latest.asOf) - timeOrder(a.latest.asOf) || b.latest.count - a.latest.count);
  return byCategory;
}

export function headlineFigure(category: FigureCategory, series: readonly FigureSeries[]): HeadlineFigure | null {
  if (category === "other") return null;
  const headline = headlineOf(series);
  return headline && { category, ...headline };
}

export async function casualtiesView(store: BriefingReads, story: StoryConfig): Promise<CasualtiesView> {
  const series = await figureSeries(store, story.slug, HISTORY_STEPS);
  return {
    story: storyRef(story),
    groups: CATEGORY_ORDER.flatMap((category) => {
      const list = series.get(category);
      return list?.length ? [{ category, headline: headlineFigure(category, list), series: list }] : [];
    }),
  };
}
