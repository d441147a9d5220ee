import type { AnalyzedArticle, AnalyzedSentence } from "../analyse/index.js";
import type { Actor, Figure, Reaction, SummarySentence } from "./facts.js";

export const SUMMARY_LENGTH = 5;

const CONTENT = new Set(["NOUN", "PROPN", "VERB", "ADJ", "NUM"]);
const MIN_CHARS = 30;
/** A lead sentence with fewer content words than this and no fact in it sets a scene rather than reporting. */
const KICKER_LEMMAS = 5;

/** The sentence's content lemmas, the words two sentences share when they say the same thing. */
function contentLemmas(sentence: AnalyzedSentence): Set<string> {
  return new Set(sentence.tokens.filter((t) => CONTENT.has(t.pos) && t.lemma.length > 2 && t.lemma !== "be").map((t) => t.lemma));
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (b.size === 0) return 0;
  let shared = 0;
  for (const w of b) if (a.has(w)) shared++;
  return shared / b.size;
}

/**
 * Editorial notes ("This could not be verified independently.") qualify the sentence before them;
 * alone they tell a reader nothing, so they are never a key development on their own.
 */
function isEditorialNote(sentence: AnalyzedSentence): boolean {
  const first = sentence.tokens[0];
  return (
    (first?.lemma === "this" || first?.lemma === "the" || first?.lemma === "that") &&
    sentence.tokens.some((t) => t.lemma === "verify" || t.lemma === "confirm") &&
    sentence.tokens.length < 14
  );
}

/**
 * A ranked extractive summary: sentences that carry the news (casualty figures, named actors,
 * international reactions, the article's own lead) rank first; near-repeats of a chosen sentence
 * are dropped. Scores only compare sentences of one article.
 */
export function rankSummary(
  analysis: AnalyzedArticle,
  facts: { figures: readonly Figure[]; actors: readonly Actor[]; reactions: readonly Reaction[] },
  length = SUMMARY_LENGTH,
): SummarySentence[] {
  const titleWords = new Set(
    analysis.article.title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2),
  );
  const casualtySentences = new Set(facts.figures.filter((f) => f.category !== "other").map((f) => f.sentenceIndex));
  const reactionSentences = new Set(facts.reactions.map((r) => r.sentenceIndex));
  const actorsPerSentence = new Map<number, number>();
  for (const actor of facts.actors) for (const m of actor.mentions) actorsPerSentence.set(m, (actorsPerSentence.get(m) ?? 0) + 1);
  const sentences = analysis.sentences;
  // A scene-setting line ("The country is not coming to rest.") states no development: it has no
  // fact in it and few content words.
  const lemmasOf = new Map(sentences.map((s) => [s.index, contentLemmas(s)]));
  const statesNews = (s: AnalyzedSentence) =>
    casualtySentences.has(s.index) || reactionSentences.has(s.index) || actorsPerSentence.has(s.index) || (lemmasOf.get(s.index)?.size ?? 0) >= KICKER_LEMMAS;
  const firstBlock = sentences.find((s) => !s.heading)?.block;
  // A news lead states the main development in its first sentence that states one.
  const firstOfLead = sentences.find((s) => !s.heading && s.block === firstBlock && statesNews(s))?.index;
  const blocks = [...new Set(sentences.map((s) => s.block))];

  const scored = sentences
    .filter((s) => !s.heading && s.text.length >= MIN_CHARS && !isEditorialNote(s))
    .map((s) => {
      analysis.budget.check("summary");
      const position = blocks.indexOf(s.block);
      let score = 1 / (1 + position * 0.25);
      const lemmas = lemmasOf.get(s.index) ?? contentLemmas(s);
      if (s.block === firstBlock && statesNews(s)) score += s.index === firstOfLead ? 3 : 1.5;
      if (casualtySentences.has(s.index)) score += 2;
      if (reactionSentences.has(s.index)) score += 1;
      score += Math.min(actorsPerSentence.get(s.index) ?? 0, 2) * 0.5;
      const words = new Set(s.tokens.map((t) => t.lower));
      score += overlap(titleWords, words) * 2;
      return { text: s.text, sentenceIndex: s.index, score: Math.round(score * 1000) / 1000, lemmas };
    })
    .sort((a, b) => b.score - a.score || a.sentenceIndex - b.sentenceIndex);

  const chosen: typeof scored = [];
  for (const candidate of scored) {
    if (chosen.length >= length) break;
    if (chosen.some((c) => overlap(c.lemmas, candidate.lemmas) > 0.6)) continue;
    chosen.push(candidate);
  }
  return chosen.map(({ text, sentenceIndex, score }) => ({ text, sentenceIndex, score }));
}
