import { hash } from "node:crypto";
import type { Extraction } from "../extract/facts.js";
import { keyHash, textKey } from "./keys.js";

/**
 * Texts are stored once each (migration 009) and referenced by the sentences, figures and reactions
 * that carry them. A text looks for itself by this hash: the first 52 bits of its MD5, which
 * PostgreSQL computes alike (`md5()`), so either backend can fill the table from rows it holds.
 */
export function textHash(text: string): number {
  // The one-shot hash (Node 20.12) costs half of a createHash object per text, and ingest hashes every sentence.
  return parseInt(hash("md5", text, "hex").slice(0, 13), 16);
}

/** A text as stored: the words it is found by are its terms (analyse/terms.ts), else its key. */
export interface TextRow {
  hash: number;
  keyHash: number;
  text: string;
  words: string;
}

/**
 * Whether a stored text serves: a sentence's must also be found by the same words, a fact's
 * (`words` undefined) quotes the text whatever it is found by.
 */
export const serves = (stored: { text: string; words: string }, wanted: { text: string; words?: string }): boolean =>
  stored.text === wanted.text && (wanted.words === undefined || stored.words === wanted.words);

/** A text an article carries: a sentence's with the words it is found by, a fact's with none. */
export interface WantedText {
  text: string;
  words?: string;
}

export interface StoredText {
  id: number;
  text: string;
  words: string;
}

/** The texts of an extraction, in the order `articleTexts` hands their ids back: sentences, figures, reactions, summary, timeline. */
export function wantedTexts(extraction: Extraction): WantedText[] {
  return [
    ...extraction.sentences.map((s) => ({ text: s.text, words: s.terms ?? textKey(s.text) })),
    ...extraction.figures.map((f) => ({ text: f.sentence })),
    ...extraction.reactions.map((r) => ({ text: r.sentence })),
    ...extraction.summary.map((m) => ({ text: m.text })),
    ...extraction.timeline.map((t) => ({ text: t.text })),
  ];
}

/** The hashes to look the wanted texts up by, each distinct text hashed once. */
export function hashesOf(wanted: readonly WantedText[]): Map<string, number> {
  const hashes = new Map<string, number>();
  for (const { text } of wanted) if (!hashes.has(text)) hashes.set(text, textHash(text));
  return hashes;
}

/**
 * Which wanted texts the stored ones (those their hashes found) serve, and the rows to add for
 * the rest, each once. `ids` holds the stored id, or the position in `added` as `-1 - k`, until
 * `idsOf` is given the added rows' ids.
 */
export function matchTexts(wanted: readonly WantedText[], hashes: ReadonlyMap<string, number>, stored: readonly StoredText[]) {
  // By text: an article carries some sixty texts, and a scan of all of them for each was a tenth of its store step.
  const known = new Map<string, StoredText[]>();
  const remember = (t: StoredText) => {
    const same = known.get(t.text);
    if (same) same.push(t);
    else known.set(t.text, [t]);
  };
  stored.forEach(remember);
  const added: TextRow[] = [];
  const ids = wanted.map((w) => {
    const match = known.get(w.text)?.find((t) => serves(t, w));
    if (match) return match.id;
    const key = textKey(w.text);
    const words = w.words ?? key;
    const id = -1 - added.length;
    added.push({ hash: hashes.get(w.text) ?? textHash(w.text), keyHash: keyHash(key), text: w.text, words });
    remember({ id, text: w.text, words });
    return id;
  });
  return { ids, added };
}

/** The ids of the wanted texts once the added rows have theirs (in `added` order). */
export function idsOf(ids: readonly number[], addedIds: readonly number[]): number[] {
  return ids.map((id) => {
    if (id >= 0) return id;
    const added = addedIds[-1 - id];
    if (added === undefined) throw new Error("no id for an added text");
    return added;
  });
}

/** The ids `wantedTexts` asked for, split back by what carries them. */
export function articleTexts(extraction: Extraction, ids: readonly number[]) {
  let at = 0;
  const next = (items: readonly unknown[]) => ids.slice(at, (at += items.length));
  const { sentences, figures, reactions, summary, timeline } = extraction;
  return { sentences: next(sentences), figures: next(figures), reactions: next(reactions), summary: next(summary), timeline: next(timeline) };
}

/**
 * A sentence's time as stored (migration 011): only its block's own, null when it is its article's
 * (Sentence.at), which is what nearly every sentence has; reads take COALESCE(s.at, a.as_of).
 */
export const ownTime = (sentence: { at: string | null }, article: { asOf: string | null }): string | null =>
  sentence.at === article.asOf ? null : sentence.at;
