import type { CasualtiesView, FigureSeries, FigureView } from "../../briefing/views.js";
import type { Figure, FigureCategory } from "../../extract/facts.js";
import type { Update } from "../../store/index.js";
import type { StoryConfig } from "../../story/config.js";
import { fit } from "../fit.js";
import { CHART_CATEGORIES, type ChartCategory, type ChartInput, type ChartPoint, type ChartSeries } from "./model.js";

/**
 * Which series of the casualties view the chart draws: per category the headline population's
 * (the story layer's toll), else the one a reader would call the toll.
 */

/** Arrests and detentions are one toll to a reader ("4,000 arrested" then "9,900 detained"). */
const FROM: Record<ChartCategory, readonly FigureCategory[]> = {
  killed: ["killed"],
  injured: ["injured"],
  detained: ["arrested", "detained"],
};

const SOURCE_ROOM = 40;

const reports = (s: FigureSeries) => s.earlier.length + 1 + s.older;

/**
 * The series with the most reports: the count outlets keep updating is the toll; a share
 * ("19 of them police") is reported once. Ties go to the larger count, the broader population.
 */
function headline(list: readonly FigureSeries[]): FigureSeries | null {
  return [...list].sort((a, b) => reports(b) - reports(a) || b.latest.count - a.latest.count)[0] ?? null;
}

/** Who says so: the attributed source, else the outlet, else the article (its title, quoted). */
const sourceName = (attributedTo: string | null, outlet: string | null, title: string) =>
  fit(attributedTo ?? outlet ?? `“${fit(title, SOURCE_ROOM - 2)}”`, SOURCE_ROOM);

function toPoint(f: FigureView): ChartPoint | null {
  if (!f.asOf || Number.isNaN(Date.parse(f.asOf))) return null;
  return { at: f.asOf, count: f.count, qualifier: f.qualifier, source: sourceName(f.attributedTo, f.source.outlet, f.source.title), unverified: f.unverified };
}

export function headlineSeries(view: CasualtiesView): ChartSeries[] {
  return CHART_CATEGORIES.flatMap((category): ChartSeries[] => {
    const picked = FROM[category].flatMap((c) => {
      const group = view.groups.find((g) => g.category === c);
      // The story layer's headline population is the toll; without one, the most reported series.
      return group?.series.find((s) => s.population === group.headline?.population) ?? headline(group?.series ?? []) ?? [];
    });
    if (picked.length === 0) return [];
    const figures = picked.flatMap((s) => [...s.earlier, s.latest]);
    const points = figures.flatMap((f) => toPoint(f) ?? []).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const omitted = picked.reduce((n, s) => n + s.older, 0) + figures.length - points.length;
    return points.length ? [{ category, points, omitted }] : [];
  });
}

export function casualtiesChartInput(view: CasualtiesView, story: Pick<StoryConfig, "timeZone">): ChartInput {
  return { timeZone: story.timeZone, series: headlineSeries(view) };
}

const chartCategoryOf = (category: FigureCategory) => CHART_CATEGORIES.find((c) => FROM[c].includes(category));

/**
 * Whether an update brought a headline figure the chart now ends on: one of its figures is the
 * newest report of the series drawn for its category (same count, qualifier and source).
 */
export function bringsHeadline(update: Update, input: ChartInput): boolean {
  const isNewest = (figure: Figure) => {
    const newest = input.series.find((s) => s.category === chartCategoryOf(figure.category))?.points.at(-1);
    return (
      newest !== undefined &&
      newest.count === figure.count &&
      newest.qualifier === figure.qualifier &&
      newest.source === sourceName(figure.attributedTo, update.articleOutlet, update.articleTitle)
    );
  };
  return update.figures.some(({ figure }) => isNewest(figure));
}
