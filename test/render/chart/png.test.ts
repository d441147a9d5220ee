import { describe, expect, it } from "vitest";
import { drawFiguresChart } from "../../../src/render/chart/figures-chart.js";
import { chartFonts } from "../../../src/render/chart/font.js";
import { svgToPng } from "../../../src/render/chart/png.js";
import { inspectPng } from "../../support/png.js";
import { TOLL_STORY } from "./toll-story.js";

describe("drawing the chart to PNG", () => {
  it("draws text with the font shipped in node_modules, never a system font", () => {
    const fonts = chartFonts();
    expect(fonts.files.every((f) => f.includes("node_modules/@expo-google-fonts/ibm-plex-sans/") && f.endsWith(".ttf"))).toBe(true);
    const text = (family: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="4" y="22" font-family="${family}" font-size="20">225 killed</text></svg>`;
    // loadSystemFonts is off: ink appears only because the shipped TTF was found and used.
    expect(inspectPng(svgToPng(text("IBM Plex Sans"), fonts, 1, 0).data).inkedShare).toBeGreaterThan(0.03);
    expect(inspectPng(svgToPng(text("IBM Plex Sans"), { family: "IBM Plex Sans", files: [] }, 1, 0).data).inkedShare).toBe(0);
  });

  it("gives a PNG sized for an embed, with ink on it, crisp at twice its drawn size, and its alt text", async () => {
    const chart = (await drawFiguresChart(TOLL_STORY, chartFonts()))!;
    const png = inspectPng(chart.data);
    expect(png.ihdr).toEqual({ width: chart.width, height: chart.height });
    expect(chart.width / 2).toBeGreaterThan(400);
    expect(chart.width / 2).toBeLessThan(470);
    expect(chart.height / 2).toBeLessThan(380);
    expect(png.inkedShare).toBeGreaterThan(0.04);
    expect(png.colours).toBeGreaterThan(20);
    expect(chart.data.length).toBeLessThan(200_000);
    expect(chart.name).toBe("casualties.png");
    expect(chart.description).toMatch(/^Killed: 40 on 6 Jan \(State television\)/);
  });

  it("draws article text with markup characters in it as text: a source name cannot break the SVG", async () => {
    const source = 'Fox & Hound <b>"News"</b> ]]>';
    const chart = await drawFiguresChart(
      {
        timeZone: null,
        series: [{ category: "killed", omitted: 0, points: [{ at: "2022-01-06T10:00:00Z", count: 5, qualifier: "exact", source, unverified: false }] }],
      },
      chartFonts(),
    );
    expect(inspectPng(chart!.data).inkedShare).toBeGreaterThan(0.02);
    expect(chart!.description).toBe(`Killed: 5 on 6 Jan (${source}). Dates in UTC.`);
  });

  it("draws nothing when no series has a dated report", async () => {
    expect(await drawFiguresChart({ timeZone: null, series: [] }, chartFonts())).toBeNull();
  });
});
