import type { Article } from "../ingest/article.js";
import type { Sentence } from "./facts.js";

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

// Intl.Segmenter breaks after abbreviations such as "a.m." or "Gen." before a capitalised word;
// those pieces are glued back so a fact's sentence reads whole.
const NO_BREAK_AFTER = /\b(?:a\.m|p\.m|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Prof|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|approx|e\.g|i\.e|vs)\.$/i;

// Hearsay markers and explicit "could not be verified" notes. A note in the following sentence
// covers the sentence before it ("X is said to have been arrested. This could not be verified.").
const HEARSAY = /\b(?:is|are|was|were) (?:said|reported|believed|alleged|thought) to\b|\breportedly\b|\ballegedly\b|\bunconfirmed\b/i;
const NOT_VERIFIED = /\b(?:could|can|cannot|can't|could not|couldn't) ?(?:not )?(?:be )?(?:independently )?(?:be )?verified\b|\bnot (?:been )?(?:independently )?(?:verified|confirmed)\b|\bunverified\b/i;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const piece = segment.trim();
    if (!piece) continue;
    const prev = out.at(-1);
    if (prev !== undefined && NO_BREAK_AFTER.test(prev)) out[out.length - 1] = `${prev} ${piece}`;
    else out.push(piece);
  }
  return out;
}

/**
 * The sentences facts may come from: headings, paragraphs and quotes, in order. Video captions,
 * page furniture (asides) and reader comments are not reporting and are left out.
 */
export function articleSentences(article: Article): Sentence[] {
  const sentences: Sentence[] = [];
  article.blocks.forEach((block, blockIndex) => {
    if (block.type !== "heading" && block.type !== "paragraph" && block.type !== "quote") return;
    const at = block.at ?? article.asOf;
    const texts = block.type === "heading" ? [block.text] : splitSentences(block.text);
    const first = sentences.length;
    for (const text of texts) {
      sentences.push({
        index: sentences.length,
        block: blockIndex,
        text,
        at,
        unverified: HEARSAY.test(text),
        ...(block.type === "heading" ? { heading: true } : {}),
      });
    }
    // "This could not be verified" speaks of what came before it in the same paragraph.
    for (let i = first; i < sentences.length; i++) {
      const s = sentences[i]!;
      if (NOT_VERIFIED.test(s.text)) {
        s.unverified = true;
        for (let j = i - 1; j >= first && j >= i - 2; j--) sentences[j]!.unverified = true;
      }
    }
  });
  return sentences;
}
