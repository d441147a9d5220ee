import type { TopLevelSpec } from "vega-lite";
import { CHART_WIDTH, FLOOR, FOOTNOTE_SIZE, LABEL_SIZE, NAME_SIZE, PANEL_HEIGHT, type ChartLayout } from "./layout.js";
import type { ChartCategory } from "./model.js";

/**
 * A laid-out figures chart as a Vega-Lite spec: panels stacked on a shared day axis, the line of
 * each series with its points, disagreeing same-day reports as hollow marks, every label where
 * the layout put it, and the footnote naming the sources.
 */

export const CHART_FONT_FAMILY = "IBM Plex Sans";
const FOOTNOTE_LINE = 14;

const COLOR: Record<ChartCategory, string> = {
  killed: "#b3261e",
  injured: "#b35c00",
  detained: "#1f5fbf",
};
const INK = "#1d1d1f";
const MUTED = "#5f6368";
const GRID = "#e6e6e6";

/** 0, 150, 300 · 2.5k, 5k · 1.2M: short axis numbers, so the panels keep their width. */
const COMPACT =
  "datum.value >= 1e6 ? format(datum.value / 1e6, '~r') + 'M' : datum.value >= 1e3 && datum.value % 100 === 0 ? format(datum.value / 1e3, '~r') + 'k' : format(datum.value, ',')";

export function chartSpec(layout: ChartLayout): TopLevelSpec {
  const { axis, panels, footnote } = layout;
  const xScale = { type: "utc" as const, domain: [axis.start, axis.end] };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    // No canvas colour: the PNG step paints white and crops to what was drawn.
    background: "transparent",
    padding: 0,
    config: {
      font: CHART_FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFontSize: 11, labelColor: MUTED, domain: false, ticks: false, gridColor: GRID, title: null, labelPadding: 3 },
      concat: { spacing: 8 },
    },
    resolve: { scale: { x: "shared", y: "independent" } },
    vconcat: [
      ...panels.map((panel, index) => {
        const { max, name } = panel;
        const x = {
          field: "x",
          type: "temporal" as const,
          scale: xScale,
          axis: index === panels.length - 1 ? { values: axis.labels, format: "%-d %b", grid: false, labelFontSize: 11.5, labelColor: INK } : null,
        };
        const y = {
          field: "count",
          type: "quantitative" as const,
          scale: { domain: [-max * FLOOR, max], nice: false },
          axis: { values: [0, max / 2, max], labelExpr: COMPACT, grid: true },
        };
        const color = COLOR[panel.category];
        return {
          width: CHART_WIDTH,
          height: PANEL_HEIGHT,
          data: { values: panel.marks.map((m) => ({ x: m.x, count: m.count, onLine: m.onLine })) },
          layer: [
            {
              data: { values: axis.midnights.map((t) => ({ t })) },
              mark: { type: "rule" as const, color: GRID, strokeWidth: 1 },
              encoding: { x: { field: "t", type: "temporal" as const, scale: xScale } },
            },
            {
              data: { values: [{ name }] },
              mark: {
                type: "text" as const,
                align: "left" as const,
                baseline: "top" as const,
                fontSize: NAME_SIZE,
                fontWeight: 600 as const,
                color,
                x: 2,
                y: 0,
              },
              encoding: { text: { field: "name" } },
            },
            {
              transform: [{ filter: "datum.onLine" }],
              mark: { type: "line" as const, color, strokeWidth: 2.5, point: { filled: true, size: 42, color } },
              encoding: { x, y },
            },
            {
              transform: [{ filter: "!datum.onLine" }],
              mark: { type: "point" as const, filled: true, fill: "#ffffff", stroke: color, size: 42, strokeWidth: 2, opacity: 1 },
              encoding: { x, y },
            },
            {
              // In pixels (scale: null), where the layout put each label: one layer for all of them.
              data: { values: panel.marks.map((m) => ({ text: m.text, ...m.box })) },
              mark: { type: "text" as const, fontSize: LABEL_SIZE, fontWeight: 600 as const, color: INK, align: "left" as const, baseline: "top" as const },
              encoding: {
                x: { field: "x0", type: "quantitative" as const, scale: null },
                y: { field: "y0", type: "quantitative" as const, scale: null },
                text: { field: "text" },
              },
            },
          ],
        };
      }),
      {
        width: CHART_WIDTH,
        height: footnote.length * FOOTNOTE_LINE,
        data: { values: footnote.map((text, i) => ({ text, y: i * FOOTNOTE_LINE })) },
        mark: { type: "text", align: "left", baseline: "top", fontSize: FOOTNOTE_SIZE, color: MUTED },
        encoding: { x: { value: 0 }, y: { field: "y", type: "quantitative", scale: null }, text: { field: "text" } },
      },
    ],
  };
}
