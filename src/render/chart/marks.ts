import type { Qualifier } from "../../extract/facts.js";
import { offsetMinutesAt } from "../../ingest/times.js";
import type { ChartPoint, ChartSeries } from "./model.js";

/**
 * What a chart draws for one series, worked out before any chart grammar: where each report goes
 * on the story's calendar, which reports make the line and which stand beside it, and which
 * source letter each carries.
 */

const DAY_MS = 86_400_000;

/** The story's wall-clock time of an instant, as a UTC timestamp, so UTC formatting shows local dates. */
export function wallClockMs(iso: string, timeZone: string | null): number {
  const instant = new Date(iso);
  return instant.getTime() + offsetMinutesAt(instant, timeZone) * 60_000;
}

export const dayOf = (wallMs: number) => Math.floor(wallMs / DAY_MS) * DAY_MS;

const QUALIFIER_MARK: Record<Qualifier, string> = {
  exact: "",
  "at least": "≥",
  "more than": ">",
  "up to": "≤",
  about: "~",
  almost: "<",
};

/** "≥70", ">4,000", "~400": the count as a chart label shows it. */
export function countLabel(point: Pick<ChartPoint, "count" | "qualifier">): string {
  return `${QUALIFIER_MARK[point.qualifier]}${point.count.toLocaleString("en")}`;
}

/** One mark on the chart: a report, or several that gave the same count on the same day. */
export interface Mark {
  /** Where on the time axis: its day's middle, nudged aside when the day has several marks. */
  x: number;
  /** The story-local midnight starting its day. */
  day: number;
  count: number;
  label: string;
  /** The sources that gave this count, and their letters in the footnote. */
  sources: string[];
  keys: string[];
  qualifier: Qualifier;
  /** On the line (the day's newest report) or beside it (a same-day source that disagrees). */
  onLine: boolean;
  unverified: boolean;
}

/** Source letters A, B, … Z, AA, AB, … in order of first appearance. */
export function sourceKeys(series: readonly ChartSeries[]): Map<string, string> {
  const keys = new Map<string, string>();
  const ordered = series.flatMap((s) => s.points).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const point of ordered) if (!keys.has(point.source)) keys.set(point.source, letters(keys.size));
  return keys;
}

function letters(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${letters(Math.floor(index / 26) - 1)}${letter}`;
}

/** How far apart (in days) same-day marks stand, newest rightmost. */
const SIDE_BY_SIDE = 0.3;

/**
 * A day's newest report is the line's value for that day; an earlier report that day with another
 * count is a separate mark beside it, never merged into it, so two sources that disagree are both
 * seen. Reports of the same count on the same day share one mark and list every source.
 */
export function seriesMarks(series: ChartSeries, keys: ReadonlyMap<string, string>, timeZone: string | null): Mark[] {
  const byDay = new Map<number, Array<{ point: ChartPoint; wallMs: number }>>();
  for (const point of series.points) {
    const wallMs = wallClockMs(point.at, timeZone);
    const day = dayOf(wallMs);
    byDay.set(day, [...(byDay.get(day) ?? []), { point, wallMs }]);
  }
  const marks: Mark[] = [];
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const reports = byDay.get(day)!.sort((a, b) => a.wallMs - b.wallMs);
    const countOf = (r: { point: ChartPoint }) => `${r.point.qualifier}|${r.point.count}`;
    const groups = new Map<string, typeof reports>();
    for (const report of reports) groups.set(countOf(report), [...(groups.get(countOf(report)) ?? []), report]);
    // Ordered by each count's newest report: the day's newest count comes last, on the line.
    const ordered = [...groups.values()].sort((a, b) => a.at(-1)!.wallMs - b.at(-1)!.wallMs);
    ordered.forEach((same, i) => {
      const last = same.at(-1)!;
      const offset = (i - (ordered.length - 1) / 2) * SIDE_BY_SIDE;
      marks.push({
        x: day + (0.5 + offset) * DAY_MS,
        day,
        count: last.point.count,
        label: countLabel(last.point),
        sources: [...new Set(same.map((r) => r.point.source))],
        keys: [...new Set(same.map((r) => keys.get(r.point.source) ?? "?"))],
        qualifier: last.point.qualifier,
        onLine: i === ordered.length - 1,
        unverified: same.every((r) => r.point.unverified),
      });
    });
  }
  return marks;
}

/** The days the chart spans, with a label at each day's middle (every `step` days when many). */
export function dayAxis(marks: readonly Mark[]): { start: number; end: number; midnights: number[]; labels: number[] } {
  const start = Math.min(...marks.map((m) => m.day));
  const end = Math.max(...marks.map((m) => m.day)) + DAY_MS;
  const days = Math.round((end - start) / DAY_MS);
  const step = Math.max(1, Math.ceil(days / 9));
  const midnights: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i <= days; i++) midnights.push(start + i * DAY_MS);
  for (let i = 0; i < days; i += step) labels.push(start + (i + 0.5) * DAY_MS);
  return { start, end, midnights, labels };
}
