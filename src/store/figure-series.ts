import type { Qualifier } from "../extract/facts.js";
import { textKey } from "./keys.js";

/** How far back a figure series is read: enough to count its steps in any real story, bounded for a generated one. */
export const SERIES_REPORTS = 1000;

/** What tells one report of a series from the next. */
export interface SeriesReport {
  count: number;
  qualifier: Qualifier;
  attributedTo: string | null;
}

/**
 * Which of a kind's reports a series shows, from its newest reports (newest first, up to
 * SERIES_REPORTS + 1 of them read): a report is a step when it differs from the one before it in
 * time, and the oldest report of the series always is one. The latest step, up to `steps` before
 * it (oldest first), and how many older steps there are.
 */
export function seriesSteps<R extends SeriesReport>(
  reports: readonly R[],
  steps: number,
): { latest: R; earlier: R[]; older: number; olderUncounted: boolean } | null {
  const counted = reports.slice(0, SERIES_REPORTS);
  const stepRows = counted.filter((r, i) => {
    const before = reports[i + 1];
    // "State television" opening a sentence is the "state television" of the next report.
    return !before || r.count !== before.count || r.qualifier !== before.qualifier || textKey(r.attributedTo ?? "") !== textKey(before.attributedTo ?? "");
  });
  const [latest, ...earlier] = stepRows.slice(0, steps + 1);
  if (!latest) return null;
  return { latest, earlier: earlier.reverse(), older: stepRows.length - 1 - earlier.length, olderUncounted: reports.length > SERIES_REPORTS };
}
