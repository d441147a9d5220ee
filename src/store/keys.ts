import { boundedMemo } from "../bounded-memo.js";
import { populationOf } from "../extract/populations.js";

// ASCII plus no-break space and general punctuation (typographic quotes, dashes, ellipsis): none
// of these is a letter or digit, nor decomposes into one.
const PLAIN = /^[\x00-\x7f\u00a0\u2000-\u206f]*$/;

/**
 * Identity keys for recognising the same fact across articles and article versions. Outlets and
 * translations differ in case, accents, quote marks and punctuation, and none of that makes a
 * fact new.
 */
export function textKey(text: string): string {
  // Such text has nothing to decompose or strip, and its letters and digits are exactly [a-z0-9]
  // once lower-cased: the same key without the Unicode passes, which cost most of the time.
  if (PLAIN.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * A 53-bit hash of a key (cyrb53), for indexing long keys compactly: fits a JS number and an
 * SQLite integer exactly. Equal keys hash equal; a match must still compare the keys themselves.
 */
export function keyHash(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** "The demonstrators" and "demonstrators" count the same people. */
function phraseKey(text: string | null): string {
  return textKey(text ?? "").replace(/^(?:the|a|an) /, "");
}

/**
 * What a later figure of the same kind supersedes: same category, same population counted (outlets'
 * wordings of who normalised), and, for what is not people, the same unit.
 */
export function figureKindKey(figure: { category: string; who: string | null; unit: string | null }): string {
  if (figure.category === "other") return `other||${phraseKey(figure.unit)}`;
  return `${figure.category}|${populationKey(figure.who)}|`;
}

/**
 * Reading a population off the vocabulary is most of a kind key's cost, an ingest asks for each
 * figure's kind three times, and a story names the same few populations in every article: each
 * wording is read once (bounded, so a stream of odd wordings cannot grow it without end).
 */
const populationKey = boundedMemo((who: string | null) => populationOf(who).key, 10_000);

export function nameKey(name: string): string {
  return phraseKey(name);
}

/** Epoch milliseconds of an ISO time, for ordering; null when absent or unreadable. */
export function timeMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
