import { describe, expect, it } from "vitest";
import { dateTimeShape, readDateTime } from "../../src/ingest/times.js";

const berlin = { timeZone: "Europe/Berlin" };

describe("readDateTime", () => {
  it("combines chrono's separate date and time results of a comment stamp", () => {
    expect(readDateTime("January 8th, 2022 • 9:39 am", berlin)).toBe("2022-01-08T09:39:00+01:00");
  });

  it("reads 7.1.2022 day-first as 7 January", () => {
    expect(readDateTime("7.1.2022", { ...berlin, dayFirst: true })).toBe("2022-01-07T00:00:00+01:00");
  });

  it("switches Berlin to summer time offsets in July", () => {
    expect(readDateTime("July 7, 2022 2:35 PM", berlin)).toBe("2022-07-07T14:35:00+02:00");
  });

  it("lets a zone written in the text win over the given zone", () => {
    expect(readDateTime("January 7, 2022 2:35 PM GMT", berlin)).toBe("2022-01-07T14:35:00+00:00");
    expect(readDateTime("8 Jan 2022, 15:20 MSK", berlin)).toBe("2022-01-08T15:20:00+03:00");
  });

  it("reads times without a zone as UTC when no zone is known", () => {
    expect(readDateTime("8 January 2022 6:39 a.m.", { timeZone: null })).toBe("2022-01-08T06:39:00+00:00");
  });

  it("takes a bare live-blog time's day from the reference, seen in the article's zone", () => {
    // 20:30 UTC on the 7th is already the 8th in Almaty (UTC+6 in 2022).
    const reference = new Date("2022-01-07T20:30:00Z");
    expect(readDateTime("9:45 a.m.", { timeZone: "Asia/Almaty", reference })).toBe("2022-01-08T09:45:00+06:00");
  });

  it("accepts a fixed offset as the zone", () => {
    expect(readDateTime("7 January 2022 10:05", { timeZone: "+06:00" })).toBe("2022-01-07T10:05:00+06:00");
  });

  it("puts a year-less date in the year nearest the reference", () => {
    const reference = new Date("2022-01-02T12:00:00Z");
    expect(readDateTime("Dec 31", { timeZone: null, reference })).toBe("2021-12-31T00:00:00+00:00");
    expect(readDateTime("Jan 7", { timeZone: null, reference })).toBe("2022-01-07T00:00:00+00:00");
  });

  it("does not guess a year or a day from the clock when there is no reference", () => {
    expect(readDateTime("Jan 7", { timeZone: null })).toBeNull();
    expect(readDateTime("9:45 a.m.", { timeZone: null })).toBeNull();
    expect(readDateTime("no date here", { timeZone: null })).toBeNull();
  });
});

describe("dateTimeShape", () => {
  it("recognises a line that is only a stamp, and the zone it states", () => {
    expect(dateTimeShape("10:05 CET")).toEqual({ hasDay: false, hasClock: true, statedOffset: "+01:00" });
    expect(dateTimeShape("8 January 2022 at 6:39 a.m.", true)).toMatchObject({ hasDay: true, hasClock: true });
  });

  it("refuses lines that say more than a time", () => {
    expect(dateTimeShape("9:34 am, Marmolada")).toBeNull();
    expect(dateTimeShape("Ina Ruck, ARD Moscow, daily news 8 p.m., 7.1.2022", true)).toBeNull();
    expect(dateTimeShape("Wednesday evening.")).toBeNull();
  });
});
