import { describe, expect, it } from "vitest";
import { findQuantities, readNumber } from "../../src/extract/numbers.js";

function counted(text: string): Array<[string, number, string | null]> {
  return findQuantities(text).map((q) => [text.slice(q.start, q.end), q.value, q.unit]);
}

describe("readNumber", () => {
  it.each([
    ["4,000", 4000, 5],
    ["26 demonstrators", 26, 2],
    ["2.2 million euros", 2_200_000, 11],
    ["1.5bn in aid", 1_500_000_000, 5],
    ["1.5 billion", 1_500_000_000, 11],
    ["three", 3, 5],
    ["Twenty-six protesters", 26, 10],
    ["a dozen officers", 12, 7],
    ["two dozen", 24, 9],
    ["hundred", 100, 7],
    ["three hundred and fifty people", 350, 23],
    ["one thousand two hundred", 1200, 24],
    ["4.000 Festnahmen", 4000, 5],
    ["1.500.000", 1_500_000, 9],
    ["2,2 million", 2_200_000, 11],
    ["4\u00a0000 people", 4000, 5],
  ])("reads %j", (text, value, end) => {
    const reading = readNumber(text);
    expect(reading).toEqual({ value, end });
  });

  it("reads a decimal before a scale word rather than German thousands", () => {
    expect(readNumber("2.500 million")).toEqual({ value: 2_500_000, end: 13 });
  });

  it("reads from the given position and gives the end in the whole text", () => {
    expect(readNumber("at least 18 soldiers", 9)).toEqual({ value: 18, end: 11 });
  });

  it("reads nothing from words that only sound like amounts", () => {
    expect(readNumber("a few days")).toBeNull();
    expect(readNumber("several")).toBeNull();
    expect(readNumber("and fifty")).toBeNull();
  });
});

describe("findQuantities", () => {
  it("keeps counts and drops the dateline's date, year and clock time", () => {
    expect(counted("As of: January 8th, 2022 9:12 a.m.")).toEqual([]);
    expect(counted("Ina Ruck, ARD Moscow, daily news 8 p.m., 7.1.2022")).toEqual([]);
    expect(counted("Andrea Beer, ARD Moscow, 8 January 2022 6:39 a.m.")).toEqual([]);
    expect(counted("That led to the 1789 French revolution.")).toEqual([]);
  });

  it("reads amounts with their currency sign or percent word", () => {
    expect(counted("Fuel prices rose by 100 percent and €5m in aid was pledged, up 12%.")).toEqual([
      ["100 percent", 100, "%"],
      ["€5m", 5_000_000, "euros"],
      ["12%", 12, "%"],
    ]);
  });

  it("leaves out ages, ordinals, phone numbers, ids and numbers inside names", () => {
    const text =
      "A 22-year-old man aged 45 called +7 727 255 5555 from flat No. 12 with ID 12345678 on the 3rd day of COVID-19 rules in the 1990s, in a G7 state, on 2022-01-05 at 20:00.";
    expect(counted(text)).toEqual([]);
  });

  it("reads month-name dates as dates but 'may' as a verb", () => {
    expect(counted("On May 26, officials said 26 may have died by 5 January.")).toEqual([["26", 26, null]]);
  });

  it("treats a four-digit year-like number as a count only after a qualifier", () => {
    expect(counted("In 2021 at least 1500 people fled.")).toEqual([["1500", 1500, null]]);
  });

  it("keeps a year and the count that follows it apart", () => {
    expect(counted("in 2022 26 people")).toEqual([["26", 26, null]]);
  });

  it("does not count 'no one'", () => {
    expect(counted("No one was hurt, but one officer died.")).toEqual([["one", 1, null]]);
  });
});
