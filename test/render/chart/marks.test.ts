import { describe, expect, it } from "vitest";
import { countLabel, dayAxis, seriesMarks, sourceKeys, wallClockMs } from "../../../src/render/chart/marks.js";
import type { ChartSeries } from "../../../src/render/chart/model.js";
import { TOLL_STORY } from "./toll-story.js";

const killed = TOLL_STORY.series[0]!;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe("chart marks", () => {
  it("puts a report on the story's own calendar: 20:00 UTC on 6 Jan is 7 Jan in Almaty", () => {
    expect(new Date(wallClockMs("2022-01-06T20:00:00Z", "Asia/Almaty")).toISOString()).toBe("2022-01-07T02:00:00.000Z");
    expect(new Date(wallClockMs("2022-01-06T20:00:00Z", null)).toISOString()).toBe("2022-01-06T20:00:00.000Z");
  });

  it("gives every source one letter, in order of first report", () => {
    expect([...sourceKeys(TOLL_STORY.series)]).toEqual([
      ["State television", "A"],
      ["interior ministry", "B"],
      ["health ministry", "C"],
      ["a rights group in Almaty", "D"],
      ["prosecutor general's office", "E"],
    ]);
  });

  it("draws a same-day source that disagrees as its own mark beside the line, the day's newest report on it", () => {
    const marks = seriesMarks(killed, sourceKeys(TOLL_STORY.series), TOLL_STORY.timeZone);
    expect(marks.map((m) => [m.count, m.onLine, m.keys.join()])).toEqual([
      [40, true, "A"],
      [44, false, "A"],
      [70, true, "D"],
      [164, true, "C"],
      [225, true, "E"],
    ]);
    const [, stateTv, rightsGroup] = marks;
    expect(stateTv!.day).toBe(day("2022-01-07"));
    expect(rightsGroup!.day).toBe(day("2022-01-07"));
    expect(stateTv!.x).toBeLessThan(rightsGroup!.x);
    expect(rightsGroup!.unverified).toBe(true);
  });

  it("shares one mark among sources that gave the same count on the same day, naming them all", () => {
    const series: ChartSeries = {
      category: "killed",
      omitted: 0,
      points: [
        { at: "2022-01-09T10:00:00+06:00", count: 164, qualifier: "exact", source: "health ministry", unverified: false },
        { at: "2022-01-09T12:00:00+06:00", count: 164, qualifier: "exact", source: "Steppe Wire", unverified: false },
      ],
    };
    const marks = seriesMarks(series, sourceKeys([series]), "Asia/Almaty");
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ count: 164, onLine: true, sources: ["health ministry", "Steppe Wire"], keys: ["A", "B"] });
  });

  it("labels counts with their qualifier", () => {
    expect(countLabel({ count: 4000, qualifier: "more than" })).toBe(">4,000");
    expect(countLabel({ count: 70, qualifier: "at least" })).toBe("≥70");
    expect(countLabel({ count: 400, qualifier: "about" })).toBe("~400");
    expect(countLabel({ count: 225, qualifier: "exact" })).toBe("225");
  });

  it("spans the days from the first report to the last, a label in the middle of each", () => {
    const marks = TOLL_STORY.series.flatMap((s) => seriesMarks(s, sourceKeys(TOLL_STORY.series), TOLL_STORY.timeZone));
    const axis = dayAxis(marks);
    expect(axis.start).toBe(day("2022-01-06"));
    expect(axis.end).toBe(day("2022-01-16"));
    expect(axis.midnights).toHaveLength(11);
    expect(axis.labels[0]).toBe(day("2022-01-06") + 12 * 3_600_000);
  });
});
