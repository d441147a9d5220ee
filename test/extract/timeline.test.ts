import { describe, expect, it } from "vitest";
import { extractTimeline } from "../../src/extract/timeline.js";
import { analysedText } from "./analysed.js";

const days = (text: string, at = "2022-01-12T15:00:00Z") => extractTimeline(analysedText(text, { at })).map((e) => e.at);

describe("dating the timeline's events", () => {
  it("reads a date whichever way round the outlet writes it", () => {
    expect(days("On January 11 the city council extended the curfew by four days.")).toEqual(["2022-01-11"]);
    expect(days("On 11 January the city council extended the curfew by four days.")).toEqual(["2022-01-11"]);
    expect(days("The ban was announced on 7.1.2022 by the regional governor.")).toEqual(["2022-01-07"]);
  });

  it("dates a weekday against the report's time, in the past unless the sentence speaks of what is to come", () => {
    // 12 Jan 2022 was a Wednesday.
    expect(days("The protests began on Sunday in the west of the country.")).toEqual(["2022-01-09"]);
    expect(days("Police said on Monday that the airport had reopened.")).toEqual(["2022-01-10"]);
  });

  it("leaves out sentences that name no day", () => {
    expect(days("The curfew was extended again in the evening.")).toEqual([]);
  });

  it("does not date a sentence by a day that only bounds a period", () => {
    expect(days("Some 300 people have been detained since Sunday.")).toEqual([]);
    expect(days("The curfew applies from Monday to Friday in the capital.")).toEqual([]);
    expect(days("Rail traffic resumed on Monday after a week of strikes that began last Tuesday.")).toEqual(["2022-01-10"]);
  });
});
