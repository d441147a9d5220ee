import { onFirstUse } from "../first-use.js";
import type { Token } from "./types.js";

const chrono = onFirstUse<typeof import("chrono-node")>("chrono-node");

// Only sentences naming a day are worth a (cheap, but not free) chrono pass. Vague phrases such as
// "in the evening" or "last year" are not dates a timeline can place.
const MENTIONS_DAY =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/i;

const DAY_MS = 24 * 3600 * 1000;
const FUTURE = new Set(["will", "would", "shall", "plan", "schedule", "due", "expect", "next", "going"]);

/** The sentence speaks of what is to come ("will meet on Monday", "is due to", "plans to"). */
function speaksOfFuture(sentence: { tokens: readonly Token[] }): boolean {
  return sentence.tokens.some((t) => FUTURE.has(t.lemma) || FUTURE.has(t.lower));
}

/** Words that make a day the bound of a period ("killed since Wednesday"), not the day of what is told. */
const PERIOD_BOUND = /\b(?:since|from|until|till|through|starting)\s+(?:last\s+|this\s+|the\s+)?$/i;

/**
 * The day a sentence names ("on Friday", "on 5 January", "7.1.2022"), read against the sentence's
 * own time: a weekday is the one before it unless the sentence speaks of what is to come. A day
 * that only bounds a period ("since Wednesday", "from Monday to Friday") is not the sentence's day.
 */
export function dayNamed(sentence: { text: string; at: string | null; tokens: readonly Token[] }): string | null {
  if (!MENTIONS_DAY.test(sentence.text)) return null;
  const reference = sentence.at ? new Date(sentence.at) : undefined;
  const options = [reference ? { instant: reference } : undefined, { forwardDate: false }] as const;
  // Day-first dates ("7.1.2022", "11 January") read the British way; "January 11", which the
  // British parser takes for a month and a year, the American way.
  const { en } = chrono();
  const results = [...en.GB.parse(sentence.text, ...options), ...en.parse(sentence.text, ...options).filter((r) => /^\p{L}/u.test(r.text))];
  for (const result of results) {
    const start = result.start;
    if (result.end || PERIOD_BOUND.test(sentence.text.slice(0, result.index))) continue;
    if (!start.isCertain("day") && !start.isCertain("weekday")) continue;
    // A weekday needs a reference to become a date.
    if (!start.isCertain("day") && !reference) continue;
    let day = new Date(Date.UTC(start.get("year") ?? 0, (start.get("month") ?? 1) - 1, start.get("day") ?? 1));
    // Chrono takes the nearest such weekday, but "the unrest began on Sunday" in a Thursday report
    // is the Sunday before: news tells what happened unless it says what is to come.
    if (!start.isCertain("day") && reference && day.getTime() > reference.getTime() + DAY_MS && !speaksOfFuture(sentence)) {
      day = new Date(day.getTime() - 7 * DAY_MS);
    }
    return day.toISOString().slice(0, 10);
  }
  return null;
}
