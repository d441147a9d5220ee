import type { ParsedComponents, ParsedResult } from "chrono-node";
import { onFirstUse } from "../first-use.js";

const chrono = onFirstUse<typeof import("chrono-node")>("chrono-node");

export interface DateTimeOptions {
  /**
   * Zone for times the text gives without one: an IANA name ("Europe/Berlin") or a fixed offset
   * ("+06:00"). Null means UTC.
   */
  timeZone: string | null;
  /** Supplies what the text leaves out: the year of "Jan 7", the day of "9:45 a.m.". */
  reference?: Date;
  /** Read numeric dates day-first (7.1.2022 = 7 January), as European and wire sources write them. */
  dayFirst?: boolean;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * Reads the first date and time in `text` as an ISO 8601 string with offset, or null when the
 * text has no day we can pin down. An offset or zone abbreviation written in the text wins over
 * `timeZone`. Without a reference, a date missing its year or a bare time is null: the parser is
 * pure and never guesses from the clock.
 */
export function readDateTime(text: string, opts: DateTimeOptions): string | null {
  const parser = opts.dayFirst ? chrono().en.GB : chrono().en;
  const results = parser.parse(text, opts.reference ?? new Date(0));
  const found = combine(results);
  if (!found) return null;
  const { date, time } = found;

  const zone = explicitOffset(date) ?? (time ? explicitOffset(time) : null);
  const refWall = opts.reference ? wallClockAt(opts.reference, zone ?? opts.timeZone) : null;

  const month = certain(date, "month") ?? refWall?.month;
  const day = certain(date, "day") ?? refWall?.day;
  const year = certain(date, "year") ?? (refWall && month !== undefined && day !== undefined ? nearestYear(refWall, month, day) : undefined);
  if (year === undefined || month === undefined || day === undefined) return null;

  const clock = time ?? date;
  const wall: WallClock = {
    year,
    month,
    day,
    hour: certain(clock, "hour") ?? 0,
    minute: certain(clock, "minute") ?? 0,
    second: certain(clock, "second") ?? 0,
  };
  const offset = zone ?? offsetMinutesFor(wall, opts.timeZone);
  return formatIso(wall, offset);
}

/** What a line that is nothing but a date and/or time holds; null when it holds anything else. */
export interface DateTimeShape {
  hasDay: boolean;
  hasClock: boolean;
  /** The offset the text itself states ("CET", "GMT", "+06:00"), as +HH:MM. */
  statedOffset: string | null;
}

const MAX_STAMP_CHARS = 100;

/** Words that may sit between a date and a time without making the line more than a time stamp. */
const CONNECTIVES = /\b(?:at|on|um|uhr|local time|time|hrs?|h)\b/gi;

/**
 * Whether `text` is only a date/time stamp ("January 8th, 2022 • 9:39 am", "10:05 CET",
 * "7.1.2022"): what chrono reads plus connectives and punctuation, nothing else.
 */
export function dateTimeShape(text: string, dayFirst = false): DateTimeShape | null {
  // "Wednesday evening" or "today" ends a sentence far more often than it stamps an entry; and a
  // stamp is short, which also keeps chrono off megabyte-long lines.
  if (!/\d/.test(text) || text.length > MAX_STAMP_CHARS) return null;
  const parser = dayFirst ? chrono().en.GB : chrono().en;
  const results = parser.parse(text, new Date(0));
  if (results.length === 0) return null;
  let rest = text;
  for (const r of [...results].sort((a, b) => b.index - a.index)) {
    rest = rest.slice(0, r.index) + " " + rest.slice(r.index + r.text.length);
  }
  if (/[\p{L}\p{N}]/u.test(rest.replace(CONNECTIVES, " "))) return null;
  const offsetResult = results.find((r) => r.start.isCertain("timezoneOffset"));
  return {
    hasDay: results.some((r) => r.start.isCertain("day")),
    hasClock: results.some((r) => r.start.isCertain("hour")),
    statedOffset: offsetResult ? formatOffset(offsetResult.start.get("timezoneOffset") ?? 0) : null,
  };
}

/** An instant as ISO 8601 in UTC to the second ("2022-01-08T03:12:00Z"): file times, fetch times. */
export function isoInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Offset in minutes east of UTC that `timeZone` has at the given instant. */
export function offsetMinutesAt(instant: Date, timeZone: string | null): number {
  if (timeZone === null) return 0;
  const fixed = OFFSET.exec(timeZone);
  if (fixed) return (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  const wall = wallClockIn(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** Whether `timeZone` is an IANA zone Intl knows, or a fixed offset such as +06:00. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (OFFSET.test(timeZone)) return true;
  try {
    wallClockFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * chrono returns "January 8th, 2022 • 9:39 am" as two results, a date and a time; and a live-blog
 * stamp may be only a time. Pair the first dated result with a following time-only one.
 */
function combine(results: ParsedResult[]): { date: ParsedComponents; time: ParsedComponents | null } | null {
  const dated = results.findIndex((r) => r.start.isCertain("day"));
  if (dated === -1) {
    const timed = results.find((r) => r.start.isCertain("hour"));
    return timed ? { date: timed.start, time: null } : null;
  }
  const date = results[dated]!.start;
  if (date.isCertain("hour")) return { date, time: null };
  const time = results.slice(dated + 1).find((r) => r.start.isCertain("hour") && !r.start.isCertain("day"));
  return { date, time: time?.start ?? null };
}

/** "Dec 31" read on 8 January means last year's: take the year that puts the date nearest the reference. */
function nearestYear(reference: WallClock, month: number, day: number): number {
  const ref = Date.UTC(reference.year, reference.month - 1, reference.day);
  const candidates = [reference.year - 1, reference.year, reference.year + 1];
  const distance = (year: number) => Math.abs(Date.UTC(year, month - 1, day) - ref);
  return candidates.reduce((best, year) => (distance(year) < distance(best) ? year : best));
}

function certain(c: ParsedComponents, unit: "year" | "month" | "day" | "hour" | "minute" | "second"): number | undefined {
  if (!c.isCertain(unit)) return undefined;
  return c.get(unit) ?? undefined;
}

function explicitOffset(c: ParsedComponents): number | null {
  return c.isCertain("timezoneOffset") ? (c.get("timezoneOffset") ?? null) : null;
}

/** The wall clock in a zone given as IANA name, fixed offset, minutes, or null (UTC). */
function wallClockAt(instant: Date, zone: string | number | null): WallClock {
  if (typeof zone === "string" && !OFFSET.test(zone)) return wallClockIn(instant, zone);
  const minutes = typeof zone === "number" ? zone : offsetMinutesAt(instant, zone);
  const shifted = new Date(instant.getTime() + minutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** Building an Intl.DateTimeFormat costs far more than using one; zones are few, so each is kept. */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

function wallClockIn(instant: Date, timeZone: string): WallClock {
  const parts = wallClockFormat(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
    second: part("second"),
  };
}

/**
 * The offset a zone has at a local wall-clock time. Two passes settle the instant across a DST
 * change; a wall time skipped by spring-forward keeps the offset from before the change.
 */
function offsetMinutesFor(wall: WallClock, timeZone: string | null): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const first = offsetMinutesAt(new Date(asUtc), timeZone);
  const second = offsetMinutesAt(new Date(asUtc - first * 60_000), timeZone);
  return second;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function formatOffset(offsetMinutes: number): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function formatIso(wall: WallClock, offsetMinutes: number): string {
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` + formatOffset(offsetMinutes);
}
