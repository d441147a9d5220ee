import { lemmaOfWord, tokenizeBlock } from "./tokens.js";
import type { Pos, Token } from "./types.js";

/**
 * The words a sentence is found by: each content word's lemma ("died" → die, "protests" →
 * protest, "began" → begin), folded (lower case, no accents, no punctuation, "12,000" → 12000),
 * in the order written. Questions are read by the same function, so a question's words and a
 * sentence's words meet whatever form each is written in. Function words (articles, prepositions,
 * pronouns, auxiliaries) are left out: they find nothing and only weigh on the index.
 */

const CONTENT: ReadonlySet<Pos> = new Set(["NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM", "X", "INTJ"]);

/** One word (or lemma) as the index holds it: lower case, no accents, punctuation a space, no thousands separators. */
export const foldTerm = (word: string): string =>
  word
    .replace(/(\d)[,.](?=\d{3}(?:\D|$))/g, "$1")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** A sentence's first word tagged as a name but known as a word is the word ("Protesters gathered"). */
const lemmaOf = (t: Token): string => (t.index === 0 && t.pos === "PROPN" && !t.unknownWord ? lemmaOfWord(t.lower) : t.lemma);

/** The search terms of tagged tokens, in order; a name the tagger mistook for a function word counts too. */
export function termsOfTokens(tokens: readonly Token[]): string[] {
  return tokens
    .filter((t) => CONTENT.has(t.pos) || t.unknownWord)
    .flatMap((t) => foldTerm(lemmaOf(t)).split(" "))
    .filter(Boolean);
}

/** The search terms of a piece of text (a question): tagged as one block, so read as it would be in an article. */
export function termsOfText(text: string): string[] {
  return tokenizeBlock(text).flatMap((s) => termsOfTokens(s.tokens));
}
