import { CHART_LABEL, type ChartCategory, type ChartInput } from "./model.js";
import { dayAxis, seriesMarks, sourceKeys, type Mark } from "./marks.js";

/**
 * Where everything of a figures chart goes, in pixels, before any chart grammar: one panel per
 * category on its own scale (26 deaths are not flattened under 9,900 detentions), a shared day
 * axis, a label for every mark placed where it covers nothing else, and the footnote lines. The
 * text widths are estimates for the shipped font, on the wide side.
 */

/** Discord shows an embed image in a box of about 400 × 300: drawn at about this size it needs little shrinking. */
export const CHART_WIDTH = 400;
export const PANEL_HEIGHT = 74;
/** Room under zero (a share of the scale), so a label can sit below a small first count. */
export const FLOOR = 0.12;
export const LABEL_SIZE = 12;
export const NAME_SIZE = 13;
export const FOOTNOTE_SIZE = 11;
/**
 * Average advance of IBM Plex Sans in em, erring wide: semibold labels (digits are 0.6), regular
 * footnote text. A line that still runs long only widens the image, which is cropped to what is drawn.
 */
const CHAR_WIDTH = 0.58;
const REGULAR_CHAR_WIDTH = 0.52;
const GAP = 6;

export type Place = "above" | "below" | "left" | "right" | "above-left" | "above-right" | "below-left" | "below-right";

export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface LabelledMark extends Mark {
  text: string;
  box: Box;
}

export interface Panel {
  category: ChartCategory;
  name: string;
  /** Top of the panel's scale; its bottom is a little under zero (FLOOR). */
  max: number;
  marks: LabelledMark[];
}

export interface ChartLayout {
  panels: Panel[];
  axis: ReturnType<typeof dayAxis>;
  footnote: string[];
}

const labelText = (mark: Mark) => `${mark.label}${mark.unverified ? "?" : ""} ${mark.keys.join(",")}`;
export const textWidth = (text: string, size: number) => text.length * size * CHAR_WIDTH;

/** Where a label of `width` goes for each place around its point at (x, y). */
function labelBox(place: Place, x: number, y: number, width: number): Box {
  const h = LABEL_SIZE + 2;
  const [left, top] = {
    above: [x - width / 2, y - GAP - h],
    below: [x - width / 2, y + GAP],
    left: [x - GAP - 2 - width, y - h / 2],
    right: [x + GAP + 2, y - h / 2],
    "above-left": [x - 3 - width, y - 3 - h],
    "above-right": [x + 3, y - 3 - h],
    "below-left": [x - 3 - width, y + 3],
    "below-right": [x + 3, y + 3],
  }[place];
  return { x0: left!, x1: left! + width, y0: top!, y1: top! + h };
}

const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/** Headroom over the highest point for its label, on a round number. */
function yMax(marks: readonly Mark[]): number {
  const top = Math.max(...marks.map((m) => m.count)) * 1.25;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(top, 1)));
  return [1, 1.5, 2, 3, 4, 5, 6, 8, 10].map((f) => f * magnitude).find((m) => m >= top) ?? 10 * magnitude;
}

/**
 * Each label takes the place around its point that covers least of the other labels, the points,
 * the line and the panel's name, and stays inside the panel; ties go to the usual place (above for
 * the line, to the left for a disagreeing source, which stands left of the line's point that day).
 */
function placeLabels(marks: readonly Mark[], toX: (x: number) => number, toY: (count: number) => number, reserved: Box): LabelledMark[] {
  const dot = (x: number, y: number, r: number): Box => ({ x0: x - r, x1: x + r, y0: y - r, y1: y + r });
  const line = marks.filter((m) => m.onLine);
  // The line itself, sampled every few pixels, so no label sits on it.
  const segments = line.slice(1).flatMap((m, i) => {
    const [ax, ay, bx, by] = [toX(line[i]!.x), toY(line[i]!.count), toX(m.x), toY(m.count)];
    const steps = Math.ceil(Math.hypot(bx - ax, by - ay) / 4);
    return Array.from({ length: steps }, (_, k) => dot(ax + ((bx - ax) * k) / steps, ay + ((by - ay) * k) / steps, 1.5));
  });
  const taken: Box[] = [reserved, ...segments, ...marks.map((m) => dot(toX(m.x), toY(m.count), 5))];
  const inside = (box: Box) =>
    Math.max(0, -LABEL_SIZE - box.y0) + Math.max(0, box.y1 - PANEL_HEIGHT) + Math.max(0, -20 - box.x0) + Math.max(0, box.x1 - CHART_WIDTH - 16);
  const placed: LabelledMark[] = [];
  for (const mark of marks) {
    const text = labelText(mark);
    const x = toX(mark.x);
    const y = toY(mark.count);
    const width = textWidth(text, LABEL_SIZE);
    const order: Place[] = mark.onLine
      ? ["above", "below", "above-left", "above-right", "right", "left", "below-right", "below-left"]
      : ["left", "below-left", "above-left", "below", "above", "right", "below-right", "above-right"];
    const cost = (place: Place, rank: number) => {
      const box = labelBox(place, x, y, width);
      return taken.reduce((sum, t) => sum + overlap(box, t), 0) + inside(box) * 40 + rank * 0.5;
    };
    const place = order.map((p, rank) => ({ p, c: cost(p, rank) })).sort((a, b) => a.c - b.c)[0]!.p;
    const box = labelBox(place, x, y, width);
    taken.push(box);
    placed.push({ ...mark, text, box });
  }
  return placed;
}

/** Greedy word wrap of regular-weight text by estimated width. */
export function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && next.length * size * REGULAR_CHAR_WIDTH > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export function zoneName(timeZone: string | null): string {
  if (!timeZone) return "UTC";
  if (/^[+-]\d/.test(timeZone)) return `UTC${timeZone}`;
  return `${timeZone.split("/").at(-1)?.replace(/_/g, " ")} time`;
}

export function chartLayout(input: ChartInput): ChartLayout | null {
  const series = input.series.filter((s) => s.points.length > 0);
  if (series.length === 0) return null;
  const keys = sourceKeys(series);
  const marked = series.map((s) => ({ series: s, marks: seriesMarks(s, keys, input.timeZone) }));
  const axis = dayAxis(marked.flatMap((p) => p.marks));
  const toX = (x: number) => ((x - axis.start) / (axis.end - axis.start)) * CHART_WIDTH;
  const panels = marked.map(({ series: s, marks }) => {
    const max = yMax(marks);
    const toY = (count: number) => PANEL_HEIGHT - ((count + max * FLOOR) / (max * (1 + FLOOR))) * PANEL_HEIGHT;
    const name = CHART_LABEL[s.category];
    const nameBox = { x0: 0, x1: textWidth(name, NAME_SIZE) + 4, y0: -2, y1: NAME_SIZE + 2 };
    return { category: s.category, name, max, marks: placeLabels(marks, toX, toY, nameBox) };
  });
  const omitted = series.filter((s) => s.omitted > 0).map((s) => `${s.omitted} ${CHART_LABEL[s.category].toLowerCase()}`);
  const notes = [
    ...(omitted.length ? [`Not shown: earlier or undated reports (${omitted.join(", ")}).`] : []),
    ...(panels.some((p) => p.marks.some((m) => m.unverified)) ? ["? an unverified claim."] : []),
  ];
  const footnote = [
    ...wrap(
      `Dates in ${zoneName(input.timeZone)}. Sources: ${[...keys].map(([source, key]) => `${key}\u00a0${source}`).join(" · ")}`,
      CHART_WIDTH,
      FOOTNOTE_SIZE,
    ),
    ...(notes.length ? wrap(notes.join(" "), CHART_WIDTH, FOOTNOTE_SIZE) : []),
  ];
  return { panels, axis, footnote };
}
