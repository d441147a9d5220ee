import { describe, expect, it } from "vitest";
import { headlineOf, type PopulationSeries, type Report } from "../../src/story/figures.js";

const report = (count: number, asOf: string, attributedTo: string): Report => ({
  count,
  qualifier: "exact",
  asOf,
  attributedTo,
  source: { outlet: "Test Wire", title: "A report" },
});

const series = (population: string, whole: boolean, ...reports: Report[]): PopulationSeries<Report> => ({
  population,
  whole,
  latest: reports.at(-1) ?? report(0, "2022-01-01T00:00:00Z", "nobody"),
  earlier: reports.slice(0, -1),
});

describe("headlineOf", () => {
  it("puts the shares of a count of everyone under it", () => {
    const everyone = series("people", true, report(90, "2022-01-07T10:00:00Z", "health ministry"), report(164, "2022-01-09T10:00:00Z", "health ministry"));
    const police = series("security forces", false, report(18, "2022-01-08T10:00:00Z", "interior ministry"));
    const headline = headlineOf([police, everyone]);
    expect(headline?.population).toBe("people");
    expect(headline?.latest.count).toBe(164);
    expect(headline?.trajectory.map((r) => r.count)).toEqual([90]);
    expect(headline?.parts.map((p) => [p.population, p.latest.count])).toEqual([["security forces", 18]]);
    expect(headline?.alongside).toEqual([]);
  });

  it("without a count of everyone, leads with the largest population and sets the others beside it, not under it", () => {
    const protesters = series("protesters", false, report(26, "2022-01-07T20:00:00Z", "state television"));
    const police = series("security forces", false, report(18, "2022-01-08T08:00:00Z", "officials"));
    const headline = headlineOf([police, protesters]);
    expect(headline?.population).toBe("protesters");
    expect(headline?.parts).toEqual([]);
    expect(headline?.alongside.map((p) => [p.population, p.latest.count])).toEqual([["security forces", 18]]);
  });

  it("sets a rival count of the same moment beside the headline and keeps the earlier counts as its history", () => {
    const everyone = series(
      "people",
      true,
      report(40, "2022-01-07T10:00:00Z", "state television"),
      report(225, "2022-01-15T09:00:00Z", "rights group"),
      report(227, "2022-01-15T12:00:00Z", "prosecutor's office"),
    );
    const headline = headlineOf([everyone]);
    expect(headline?.latest.count).toBe(227);
    expect(headline?.disagreeing.map((r) => r.count)).toEqual([225]);
    expect(headline?.trajectory.map((r) => r.count)).toEqual([40]);
  });
});
