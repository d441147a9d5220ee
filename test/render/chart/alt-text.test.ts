import { describe, expect, it } from "vitest";
import { chartAltText } from "../../../src/render/chart/alt-text.js";
import type { ChartInput } from "../../../src/render/chart/model.js";
import { TOLL_STORY } from "./toll-story.js";

describe("chart alt text", () => {
  it("says what the chart shows: every point with its count, day and source, in the story's time zone", () => {
    expect(chartAltText(TOLL_STORY)).toBe(
      "Killed: 40 on 6 Jan (State television) → 44 on 7 Jan (State television) vs. at least 70 on 7 Jan (a rights group in Almaty; unverified) → 164 on 9 Jan (health ministry) → 225 on 15 Jan (prosecutor general's office). " +
        "Injured: 1,300 on 7 Jan (health ministry) → 2,200 on 9 Jan (health ministry) → 4,353 on 15 Jan (prosecutor general's office) (2 earlier or undated not shown). " +
        "Detained or arrested: more than 2,000 on 6 Jan (interior ministry) → 5,800 on 9 Jan (interior ministry) → 9,900 on 11 Jan (interior ministry). " +
        "Dates in Almaty time.",
    );
  });

  it("dates a report by the story's calendar, not UTC's", () => {
    const late: ChartInput = {
      timeZone: "Asia/Almaty",
      series: [
        { category: "killed", omitted: 0, points: [{ at: "2022-01-06T20:00:00Z", count: 12, qualifier: "exact", source: "Steppe Wire", unverified: false }] },
      ],
    };
    expect(chartAltText(late)).toBe("Killed: 12 on 7 Jan (Steppe Wire). Dates in Almaty time.");
    expect(chartAltText({ ...late, timeZone: null })).toBe("Killed: 12 on 6 Jan (Steppe Wire). Dates in UTC.");
  });

  it("stays within Discord's 1,024 characters for an attachment's description", () => {
    const source = "the regional office of the interior ministry in the south";
    const many: ChartInput = {
      timeZone: null,
      series: ["killed", "injured", "detained"].map((category) => ({
        category: category as "killed",
        omitted: 0,
        points: Array.from({ length: 6 }, (_, i) => ({
          at: `2022-01-0${i + 1}T10:00:00Z`,
          count: 100 * (i + 1),
          qualifier: "exact" as const,
          source,
          unverified: false,
        })),
      })),
    };
    const text = chartAltText(many);
    expect(text.length).toBeLessThanOrEqual(1024);
    expect(text.endsWith("…")).toBe(true);
  });
});
