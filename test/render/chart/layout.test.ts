import { describe, expect, it } from "vitest";
import { CHART_WIDTH, PANEL_HEIGHT, chartLayout, wrap, type Box } from "../../../src/render/chart/layout.js";
import { TOLL_STORY } from "./toll-story.js";

const overlapping = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe("chart layout", () => {
  const layout = chartLayout(TOLL_STORY)!;

  it("draws one panel per headline series, each on its own scale above its highest count", () => {
    expect(layout.panels.map((p) => [p.name, p.marks.length])).toEqual([
      ["Killed", 5],
      ["Injured", 3],
      ["Detained or arrested", 3],
    ]);
    expect(layout.panels.map((p) => p.max)).toEqual([300, 6000, 15000]);
  });

  it("labels every mark with its count and source letter, no label covering another, all inside the panel", () => {
    for (const panel of layout.panels) {
      const boxes = panel.marks.map((m) => m.box);
      boxes.forEach((box, i) => boxes.slice(i + 1).forEach((other) => expect(overlapping(box, other), panel.name).toBe(false)));
      for (const box of boxes) {
        expect(box.y1).toBeLessThanOrEqual(PANEL_HEIGHT);
        expect(box.x1).toBeLessThanOrEqual(CHART_WIDTH + 16);
      }
    }
    expect(layout.panels[0]!.marks.map((m) => m.text)).toEqual(["40 A", "44 A", "≥70? D", "164 C", "225 E"]);
  });

  it("names every source under the chart, with the time zone, what it leaves out and what the ? means", () => {
    const footnote = layout.footnote.join(" ").replace(/\u00a0/g, " ");
    expect(footnote).toMatch(
      /^Dates in Almaty time\. Sources: A State television · B interior ministry · C health ministry · D a rights group in Almaty · E prosecutor general's office/,
    );
    expect(footnote).toMatch(/Not shown: earlier or undated reports \(2 injured\)\. \? an unverified claim\.$/);
  });

  it("wraps text at a word so no line runs past the chart's width", () => {
    const lines = wrap("Sources: ".repeat(40).trim(), 200, 11);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((l) => l.length * 11 * 0.52 <= 200)).toBe(true);
  });

  it("has nothing to draw without a dated report", () => {
    expect(chartLayout({ timeZone: null, series: [{ category: "killed", points: [], omitted: 1 }] })).toBeNull();
  });
});
