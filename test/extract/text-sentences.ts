import { readFileSync } from "node:fs";
import type { Sentence } from "../../src/extract/facts.js";
import { splitSentences } from "../../src/extract/sentences.js";

/** Sentences of a plain text whose paragraphs are separated by blank lines, without the article parser. */
export function sentencesOf(text: string, at: string | null = null): Sentence[] {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return paragraphs
    .flatMap((paragraph, block) => splitSentences(paragraph).map((sentence) => ({ block, sentence })))
    .map(({ block, sentence }, index) => ({ index, block, text: sentence, at, unverified: false }));
}

export const SEED_AS_OF = "2022-01-08T09:12:00+01:00";

/** The seed article's reporting: no "As of" line, video credits or reader comments (from "Avatar" on). */
export function seedSentences(): Sentence[] {
  const raw = readFileSync(new URL("../../data/articles/000_3d272934acddc640.txt", import.meta.url), "utf8");
  const body = raw.slice(0, raw.indexOf("\nAvatar"));
  const reporting = body
    .split(/\n\s*\n/)
    .filter((p) => !/^As of:/.test(p.trim()) && !/^[^.,]+, [A-Z]{2,}\b.*\d{4}/.test(p.trim()))
    .join("\n\n");
  return sentencesOf(reporting, SEED_AS_OF);
}
