import { createHash } from "node:crypto";
import { keyHash, textKey } from "./keys.js";

/**
 * Texts are stored once each (migration 009) and referenced by the sentences, figures and reactions
 * that carry them. A text looks for itself by this hash: the first 52 bits of its MD5, which
 * PostgreSQL computes alike (`md5()`), so either backend can fill the table from rows it holds.
 */
export function textHash(text: string): number {
  return parseInt(createHash("md5").update(text, "utf8").digest("hex").slice(0, 13), 16);
}

/** A text as stored: the words it is found by are its terms (analyse/terms.ts), else its key. */
export interface TextRow {
  hash: number;
  keyHash: number;
  text: string;
  words: string;
}

export function textRow(text: string, terms: string | undefined): TextRow {
  const key = textKey(text);
  return { hash: textHash(text), keyHash: keyHash(key), text, words: terms ?? key };
}

/**
 * Whether a stored text serves: a sentence's must also be found by the same words, a fact's
 * (`words` undefined) quotes the text whatever it is found by.
 */
export const serves = (stored: { text: string; words: string }, wanted: { text: string; words?: string }): boolean =>
  stored.text === wanted.text && (wanted.words === undefined || stored.words === wanted.words);
