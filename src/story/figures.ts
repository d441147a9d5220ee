import type { Qualifier } from "../extract/facts.js";

/**
 * The headline figure of one category across the story: the newest report of its broadest
 * population, where it came from (the earlier counts it replaced, oldest first), the reports of
 * about the same time from other sources that disagree with it (side by side, never merged), and
 * the parts ("19 of them police", "103 in Almaty") shown under it.
 */

/** What of a figure report this needs: its count, who says so and when. */
export interface Report {
  count: number;
  qualifier: Qualifier;
  asOf: string | null;
  attributedTo: string | null;
  source: { outlet: string | null; title: string };
}

export interface PopulationSeries<R extends Report> {
  population: string;
  /** The whole of the category (everyone counted), not a share of it. */
  whole: boolean;
  latest: R;
  /** Earlier steps, oldest first. */
  earlier: readonly R[];
}

export interface Headline<R extends Report> {
  population: string;
  latest: R;
  trajectory: R[];
  disagreeing: R[];
  /** Shares of the whole ("19 of them police"); only a count of everyone has parts. */
  parts: Array<SeriesSummary<R>>;
  /**
   * Without a count of everyone, the other populations counted ("26 protesters", "18 police
   * officers"): reported beside the headline, never as shares of it.
   */
  alongside: Array<SeriesSummary<R>>;
}

export interface SeriesSummary<R extends Report> {
  population: string;
  latest: R;
  earlier: readonly R[];
}

/** Reports this close in time to the headline are rival accounts of the same moment, not its history. */
export const SAME_TIME_MS = 12 * 3_600_000;

/** Who says so: the named source, else the outlet, else the article. */
export const sourceName = (r: Report): string => r.attributedTo ?? r.source.outlet ?? r.source.title;

const timeOf = (r: Report): number | null => {
  const ms = r.asOf ? Date.parse(r.asOf) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
};

export function headlineOf<R extends Report>(series: readonly PopulationSeries<R>[]): Headline<R> | null {
  // With no count of everyone, the largest population leads; the others stand beside it.
  const whole = series.find((s) => s.whole) ?? [...series].sort((a, b) => b.latest.count - a.latest.count)[0];
  if (!whole) return null;
  const { latest } = whole;
  const at = timeOf(latest);
  const rival = (r: R) => {
    const t = timeOf(r);
    return at !== null && t !== null && Math.abs(at - t) <= SAME_TIME_MS && r.count !== latest.count && sourceName(r) !== sourceName(latest);
  };
  const disagreeing = whole.earlier.filter(rival);
  const trajectory = whole.earlier.filter((r) => !rival(r) && !(r.count === latest.count && sourceName(r) === sourceName(latest)));
  const others = series
    .filter((s) => s !== whole)
    .map((s) => ({ population: s.population, latest: s.latest, earlier: s.earlier }))
    .sort((a, b) => b.latest.count - a.latest.count);
  return whole.whole
    ? { population: whole.population, latest, trajectory, disagreeing, parts: others, alongside: [] }
    : { population: whole.population, latest, trajectory, disagreeing, parts: [], alongside: others };
}
