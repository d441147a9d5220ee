import type { ChartInput, ChartPoint } from "../../../src/render/chart/model.js";

const at = (iso: string, count: number, source: string, extra: Partial<ChartPoint> = {}): ChartPoint => ({
  at: iso,
  count,
  qualifier: "exact",
  source,
  unverified: false,
  ...extra,
});

/**
 * A week of invented reports: tolls that rise, a rights group that disagrees with state television
 * on the same day, detentions from two kinds of report.
 */
export const TOLL_STORY: ChartInput = {
  timeZone: "Asia/Almaty",
  series: [
    {
      category: "killed",
      omitted: 0,
      points: [
        at("2022-01-06T09:30:00+06:00", 40, "State television"),
        at("2022-01-07T14:15:00+06:00", 44, "State television"),
        at("2022-01-07T20:00:00+06:00", 70, "a rights group in Almaty", { qualifier: "at least", unverified: true }),
        at("2022-01-09T18:40:00+06:00", 164, "health ministry"),
        at("2022-01-15T16:20:00+06:00", 225, "prosecutor general's office"),
      ],
    },
    {
      category: "injured",
      omitted: 2,
      points: [
        at("2022-01-07T14:15:00+06:00", 1300, "health ministry"),
        at("2022-01-09T18:40:00+06:00", 2200, "health ministry"),
        at("2022-01-15T16:20:00+06:00", 4353, "prosecutor general's office"),
      ],
    },
    {
      category: "detained",
      omitted: 0,
      points: [
        at("2022-01-06T09:30:00+06:00", 2000, "interior ministry", { qualifier: "more than" }),
        at("2022-01-09T18:40:00+06:00", 5800, "interior ministry"),
        at("2022-01-11T10:05:00+06:00", 9900, "interior ministry"),
      ],
    },
  ],
};
