import type { Article } from "../ingest/article.js";
import { cpuBudget, type Budget } from "../ingest/budget.js";
import { readPredicates } from "./clauses.js";
import { dayNamed } from "./days.js";
import { resolveEntities } from "./coreference.js";
import { storyGazetteer, type Gazetteer, type StoryFacts } from "./gazetteer.js";
import { findMentions, isTitleCase, type RawMention } from "./mentions.js";
import { tokenizeBlock } from "./tokens.js";
import { vocabulary } from "./vocabulary.js";
import type { AnalyzedArticle, AnalyzedSentence, Token } from "./types.js";

export type * from "./types.js";
export type { StoryFacts } from "./gazetteer.js";

/** What analysis needs of a story: its gazetteer (the general one plus the story's own places and outlets). */
export interface Analyser {
  gazetteer: Gazetteer;
}

/** Build once per story and reuse for each of its articles. */
export function createAnalyser(story: StoryFacts): Analyser {
  return { gazetteer: storyGazetteer(story) };
}

const NEGATION = new Set(["not", "cannot", "unable", "no"]);

/** "X is said to have been arrested", "reportedly", "allegedly". */
function isHearsay(tokens: readonly Token[]): boolean {
  return tokens.some(
    (t, i) =>
      vocabulary.hearsayWords.has(t.lower) ||
      (t.lemma === "be" && vocabulary.hearsayVerbs.has(tokens[i + 1]?.lemma ?? "") && tokens[i + 1]?.pos === "VERB" && tokens[i + 2]?.lower === "to"),
  );
}

/** "This could not be independently verified", "the figures have not been confirmed". */
function saysNotVerified(tokens: readonly Token[]): boolean {
  return (
    tokens.some((t, i) => {
      if (t.lemma !== "verify" && t.lemma !== "confirm") return false;
      return tokens.slice(Math.max(0, i - 5), i).some((n) => NEGATION.has(n.lemma) || n.lower === "n't");
    }) || tokens.some((t) => t.lower === "unverified")
  );
}

function sentencesOf(article: Article, budget: Budget): AnalyzedSentence[] {
  const sentences: AnalyzedSentence[] = [];
  article.blocks.forEach((block, blockIndex) => {
    budget.check("tokenising");
    // Video captions, page furniture and anything else that is not reporting yields no sentence.
    if (block.type !== "heading" && block.type !== "paragraph" && block.type !== "quote") return;
    const at = block.at ?? article.asOf;
    const pieces = block.type === "heading" ? [{ ...tokenizeBlock(block.text).reduce(joinPieces), text: block.text }] : tokenizeBlock(block.text);
    const first = sentences.length;
    for (const piece of pieces) {
      if (piece.tokens.length === 0) continue;
      sentences.push({
        index: sentences.length,
        block: blockIndex,
        text: piece.text,
        at,
        day: dayNamed({ text: piece.text, at, tokens: piece.tokens }),
        unverified: isHearsay(piece.tokens),
        ...(block.type === "heading" ? { heading: true } : {}),
        tokens: piece.tokens,
        quotes: piece.quotes,
        mentions: [],
        predicates: [],
      });
    }
    // "This could not be verified" speaks of what came before it in the same paragraph.
    for (let i = first; i < sentences.length; i++) {
      if (!saysNotVerified(sentences[i]!.tokens)) continue;
      for (let j = i; j >= first && j >= i - 2; j--) sentences[j]!.unverified = true;
    }
  });
  return sentences;
}

/** A heading is one line: its pieces, if the tagger split it, are read as one sentence. */
function joinPieces(a: ReturnType<typeof tokenizeBlock>[number], b: ReturnType<typeof tokenizeBlock>[number]) {
  const shift = a.text.length + 1;
  const offset = a.tokens.length;
  return {
    text: `${a.text} ${b.text}`,
    tokens: [...a.tokens, ...b.tokens.map((t) => ({ ...t, index: t.index + offset, start: t.start + shift, end: t.end + shift }))],
    quotes: [...a.quotes, ...b.quotes.map((q) => ({ ...q, start: q.start + offset, end: q.end + offset }))],
  };
}

/**
 * The one pass of analysis over an article: sentences, tokens with lemma and part of speech,
 * quotes, and the entities every sentence mentions. Pure: the same article and story always give
 * the same analysis.
 */
export function analyseArticle(article: Article, analyser: Analyser, budget: Budget = cpuBudget(article.origin)): AnalyzedArticle {
  const sentences = sentencesOf(article, budget);
  const headlines = new Set(sentences.filter((s) => isTitleCase(s.tokens)).map((s) => s.index));
  const raw: RawMention[] = [];
  const mentionsOf = (s: AnalyzedSentence, known: ReadonlySet<string> | null) => {
    budget.check("finding names");
    raw.push(...findMentions(s.index, s.tokens, s.text, analyser.gazetteer, known));
  };
  for (const s of sentences) if (!headlines.has(s.index)) mentionsOf(s, null);
  const known = new Set(raw.flatMap((m) => m.nameWords.map((w) => w.toLowerCase())));
  for (const s of sentences) if (headlines.has(s.index)) mentionsOf(s, known);
  const { entities, mentions } = resolveEntities(raw, {
    home: analyser.gazetteer.home,
    tokensOf: (i) => sentences[i]!.tokens,
    check: () => budget.check("coreference"),
  });
  for (const mention of mentions) sentences[mention.sentence]!.mentions.push(mention);
  for (const s of sentences) {
    budget.check("reading clauses");
    s.mentions.sort((a, b) => a.start - b.start);
    s.predicates = readPredicates(s.tokens, s.mentions);
  }
  return { article, home: analyser.gazetteer.home, sentences, entities, budget };
}
