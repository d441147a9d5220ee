/**
 * Reading numbers out of news prose: "4,000", "2.2 million", "1.5bn", "twenty-six", "a dozen",
 * and telling quantities apart from the numbers that are not counts (years, times, dates,
 * ordinals, ages, reference numbers). Pure and regex-only: it runs on every sentence at ingest.
 */

export interface NumberReading {
  value: number;
  /** Index just past the number (and its scale word, "million"), relative to the text given. */
  end: number;
}

/** A number in a sentence that counts something. */
export interface Quantity {
  value: number;
  start: number;
  end: number;
  /** Spelled out ("three", "a dozen") rather than written in digits. */
  spelled: boolean;
  /** "%" for percentages, a currency name for "€5 million"; otherwise null. */
  unit: string | null;
}

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  bn: 1e9,
  tn: 1e12,
};
const CURRENCIES: Readonly<Record<string, string>> = {
  $: "dollars",
  "€": "euros",
  "£": "pounds",
  "₸": "tenge",
  "₽": "roubles",
};

// Digits, most specific grouping first. Thin and no-break spaces group thousands in translated
// pages ("4 000"); a plain space never does, so "in 2022 26 people" stays two numbers.
const COMMA_THOUSANDS = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)/y;
const DOT_THOUSANDS = /\d{1,3}(?:\.\d{3})+(?![\d.,]?\d)/y;
const SPACE_THOUSANDS = /\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)/y;
const DECIMAL_COMMA = /(\d+),(\d{1,2})(?=\s?(?:thousand|million|billion|mn|bn)\b)/y;
const PLAIN = /\d+(?:\.\d+)?/y;
// "1.5bn", "2.2m" (glued), "2.2 million", "26 thousand", "two dozen".
const DIGIT_SCALE = /(?:\s|-)?(thousand|million|billion|trillion|dozen|hundred)\b|(k|m|mn|mln|bn|tn)\b/iy;
const WORD = /[a-z]+/iy;
const GAP = /\s*-\s*|\s+/y;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function readDigits(text: string, at: number): NumberReading | null {
  let value: number;
  let end: number;
  const decimalComma = sticky(DECIMAL_COMMA, text, at);
  const grouped = sticky(COMMA_THOUSANDS, text, at) ?? sticky(SPACE_THOUSANDS, text, at);
  const dotted = sticky(DOT_THOUSANDS, text, at);
  if (decimalComma) {
    value = Number(`${decimalComma[1]}.${decimalComma[2]}`);
    end = at + decimalComma[0].length;
  } else if (grouped) {
    value = Number(grouped[0].replace(/[^\d.]/g, ""));
    end = at + grouped[0].length;
  } else if (dotted && !sticky(DIGIT_SCALE, text, at + dotted[0].length)) {
    // "4.000" is German-style thousands unless a scale word follows ("2.500 million" is a decimal).
    value = Number(dotted[0].replace(/\./g, ""));
    end = at + dotted[0].length;
  } else {
    const plain = sticky(PLAIN, text, at);
    if (!plain) return null;
    value = Number(plain[0]);
    end = at + plain[0].length;
  }
  const scale = sticky(DIGIT_SCALE, text, end);
  if (scale) {
    const word = (scale[1] ?? scale[2] ?? "").toLowerCase();
    value *= word === "dozen" ? 12 : word === "hundred" ? 100 : (SCALES[word] ?? 1);
    end += scale[0].length;
  }
  return { value: Math.round(value * 1e6) / 1e6, end };
}

/** "twenty-six", "three hundred and fifty", "a dozen", "two million", "hundred". */
function readWords(text: string, at: number): NumberReading | null {
  let total = 0;
  let current = 0;
  let end = -1;
  let pos = at;
  let last: "start" | "article" | "unit" | "tens" | "hundred" | "scale" | "and" = "start";
  for (;;) {
    const word = sticky(WORD, text, pos);
    if (!word) break;
    const w = word[0].toLowerCase();
    const after = pos + word[0].length;
    if ((w === "a" || w === "an") && last === "start") {
      last = "article";
    } else if (w === "and" && (last === "hundred" || last === "scale")) {
      last = "and";
    } else if (w in UNITS && (last === "start" || last === "tens" || last === "hundred" || last === "scale" || last === "and")) {
      if (last === "tens" && (UNITS[w] ?? 0) >= 10) break;
      current += UNITS[w] ?? 0;
      last = "unit";
      end = after;
    } else if (w in TENS && last !== "unit" && last !== "tens" && last !== "article") {
      current += TENS[w] ?? 0;
      last = "tens";
      end = after;
    } else if (w === "hundred" && last !== "hundred") {
      current = (current || 1) * 100;
      last = "hundred";
      end = after;
    } else if (w === "dozen" && (last === "start" || last === "article" || last === "unit")) {
      current = (current || 1) * 12;
      last = "unit";
      end = after;
    } else if ((w === "thousand" || w === "million" || w === "billion") && last !== "and") {
      total += (current || 1) * (SCALES[w] ?? 1);
      current = 0;
      last = "scale";
      end = after;
    } else {
      break;
    }
    const gap = sticky(GAP, text, after);
    pos = gap ? after + gap[0].length : after;
  }
  return end < 0 ? null : { value: total + current, end };
}

/**
 * The number written at `start` of `text` (digits with their grouping and scale word, or number
 * words), or null when none starts there. It reads only; whether the number is a count is
 * `findQuantities`' business.
 */
export function readNumber(text: string, start = 0): NumberReading | null {
  const first = text.charCodeAt(start);
  return first >= 48 && first <= 57 ? readDigits(text, start) : readWords(text, start);
}

const NUMBER_WORD = Object.keys({ ...UNITS, ...TENS }).join("|");
// Where a number may start: a digit (with a currency sign before it) or a number word.
const CANDIDATE = new RegExp(`([$€£₸₽])?(\\d)|\\b(?:${NUMBER_WORD}|hundred|thousand|million|an? (?:dozen|hundred|thousand|million)|dozen)\\b`, "gi");

const MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)";
// Month names are matched case-sensitively: "26 may have died" is not a date.
const MONTH_BEFORE = new RegExp(`\\b${MONTH}\\.?\\s+$`);
const MONTH_AFTER = new RegExp(`^(?:\\s+of)?\\s+${MONTH}\\b`);
const NUMERIC_DATE = /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d)/y;
const CLOCK = /\d{1,2}(?::\d{2}|\.\d{2}(?=\s*(?:[ap]\.?m\b|h\b|hrs\b|Uhr\b)))(?:\s*(?:[ap]\.?m\.?|h|hrs|Uhr|GMT|UTC|CET)(?![a-z]))?/iy;
const HOUR = /\d{1,2}\s*(?:[ap]\.m\.|[ap]m\b|o'clock|Uhr\b|hrs\b)/iy;
// "+7 727 255 5555", "0171-555-0199": several digit groups in a row are a phone or reference.
const DIGIT_RUN = /[+#№]?\d{1,5}(?:[ \-/]\d{2,5}){2,}(?!\d)/y;
const YEAR = /^(?:1[0-9]|20|21)\d\d$/;
const REFERENCE_BEFORE = /(?:\b(?:No|Nr|no|nr)\.?|\bnumber|[#№+])\s*$/;
const AGE_BEFORE = /\b(?:aged|age|ages|age of)\s+$/i;
const AGE_AFTER = /^(?:-|\s)(?:years?|yrs?)(?:-|\s)old\b|^-year\b/i;
const IN_WORD_BEFORE = /[A-Za-z][-‑]?$/;
const GLUED_AFTER = /^[A-Za-z]/;
const PERCENT_AFTER = /^(?:\s?%|\s+per\s?cent\b|\s+percent\b)/i;
const COUNT_QUALIFIER_BEFORE = /\b(?:least|than|to|of|about|around|some|nearly|almost|over|roughly|approximately|estimated)\s+$/i;

function notACount(text: string, start: number, digitsStart: number, reading: NumberReading, isDigit: boolean): boolean {
  const before = text.slice(Math.max(0, start - 16), start);
  const after = text.slice(reading.end, reading.end + 16);
  if (GLUED_AFTER.test(after)) return true; // 8th, 1990s, 5G
  if (MONTH_BEFORE.test(before) || MONTH_AFTER.test(after)) return true;
  if (AGE_BEFORE.test(before) || AGE_AFTER.test(after)) return true;
  if (!isDigit) return /\b(?:no|any|every|each)[\s-]*$/i.test(before); // "no one" counts nobody
  if (IN_WORD_BEFORE.test(before) || REFERENCE_BEFORE.test(before)) return true; // COVID-19, G7, No. 5
  const written = text.slice(digitsStart, reading.end);
  // A bare four-digit number between 1000 and 2199 is a year unless a qualifier makes it a count.
  if (YEAR.test(written) && !COUNT_QUALIFIER_BEFORE.test(before)) return true;
  return /^\d{7,}$/.test(written); // long bare digit strings are identifiers
}

/**
 * Every number in `text` that counts something, in order. Years, clock times, dates, ordinals,
 * ages, phone and reference numbers and numbers inside names (COVID-19) are left out.
 * Spelled-out numbers are read too; whether "one" is a count is for the caller to judge.
 */
export function findQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match; match = CANDIDATE.exec(text)) {
    const start = match.index;
    const currency = match[1];
    const digitsStart = currency ? start + 1 : start;
    const isDigit = match[2] !== undefined;
    if (isDigit) {
      const skip =
        sticky(NUMERIC_DATE, text, digitsStart) ?? sticky(CLOCK, text, digitsStart) ?? sticky(HOUR, text, digitsStart) ?? sticky(DIGIT_RUN, text, digitsStart);
      if (skip) {
        CANDIDATE.lastIndex = digitsStart + skip[0].length;
        continue;
      }
    }
    const reading = readNumber(text, digitsStart);
    if (!reading) continue; // "a dozen" style candidates always read; this guards odd input
    CANDIDATE.lastIndex = reading.end;
    if (notACount(text, start, digitsStart, reading, isDigit)) continue;
    const percent = PERCENT_AFTER.exec(text.slice(reading.end, reading.end + 10));
    const end = percent ? reading.end + percent[0].length : reading.end;
    const unit = percent ? "%" : currency ? (CURRENCIES[currency] ?? null) : null;
    found.push({ value: reading.value, start, end, spelled: !isDigit, unit });
    CANDIDATE.lastIndex = end;
  }
  return found;
}
