import type { Qualifier } from "../../extract/facts.js";

/**
 * What a figures chart draws, and nothing more: one series per headline figure (the toll a reader
 * would quote), each report a point with its own source. The chart and its alt text are pure
 * functions of this, so whatever decides which reports form the headline series (today the
 * casualties view, later the story layer) only has to fill it in.
 */
export type ChartCategory = "killed" | "injured" | "detained";

export interface ChartPoint {
  /** ISO time the report counts up to. */
  at: string;
  count: number;
  qualifier: Qualifier;
  /** Who says so, as a reader should see it: "health ministry, via Caspian Herald". */
  source: string;
  unverified: boolean;
}

export interface ChartSeries {
  category: ChartCategory;
  /** In time order, oldest first. */
  points: ChartPoint[];
  /** Reports of the series the chart leaves out: older than those it shows, or undated. */
  omitted: number;
}

export interface ChartInput {
  /** IANA zone the dates are shown in (the story's); UTC when the story names none. */
  timeZone: string | null;
  series: ChartSeries[];
}

export const CHART_CATEGORIES: readonly ChartCategory[] = ["killed", "injured", "detained"];

export const CHART_LABEL: Record<ChartCategory, string> = {
  killed: "Killed",
  injured: "Injured",
  detained: "Detained or arrested",
};
