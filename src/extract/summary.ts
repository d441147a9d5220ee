import type { Actor, Figure, Reaction, Sentence, SummarySentence } from "./facts.js";

export const SUMMARY_LENGTH = 5;

// Editorial notes ("This could not be verified independently.") qualify the sentence before them;
// alone they tell a reader nothing, so they are never a key development on their own.
const EDITORIAL_NOTE = /^(?:this|the|that|these) (?:information|report|claims?|figures?|details?)? ?(?:could|can|cannot|has|have)\b.*\b(?:verified|confirmed)\b/i;
const STOPWORDS = new Set(
  "the a an of in on at to for and or but is are was were be been has have had it its this that with from by as into over after about than more".split(" "),
);

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2 && !STOPWORDS.has(w));

function overlap(a: ReadonlySet<string>, b: readonly string[]): number {
  if (b.length === 0) return 0;
  let shared = 0;
  for (const w of b) if (a.has(w)) shared++;
  return shared / b.length;
}

/**
 * A ranked extractive summary: sentences that carry the news (casualty figures, named actors,
 * international reactions, the article's own lead) rank first; near-repeats of a chosen sentence
 * are dropped. Scores only compare sentences of one article.
 */
export function rankSummary(
  title: string,
  sentences: readonly Sentence[],
  facts: { figures: readonly Figure[]; actors: readonly Actor[]; reactions: readonly Reaction[] },
  length = SUMMARY_LENGTH,
): SummarySentence[] {
  const titleWords = new Set(words(title));
  const casualtySentences = new Set(facts.figures.filter((f) => f.category !== "other").map((f) => f.sentenceIndex));
  const reactionSentences = new Set(facts.reactions.map((r) => r.sentenceIndex));
  const actorsPerSentence = new Map<number, number>();
  for (const actor of facts.actors)
    for (const m of actor.mentions) actorsPerSentence.set(m, (actorsPerSentence.get(m) ?? 0) + 1);
  const firstBlock = sentences.find((s) => !s.heading)?.block;
  const blocks = [...new Set(sentences.map((s) => s.block))];

  const scored = sentences
    .filter((s) => !s.heading && s.text.length >= 30 && !EDITORIAL_NOTE.test(s.text))
    .map((s) => {
      const position = blocks.indexOf(s.block);
      let score = 1 / (1 + position * 0.25);
      if (s.block === firstBlock) score += 1.5;
      if (casualtySentences.has(s.index)) score += 2;
      if (reactionSentences.has(s.index)) score += 1;
      score += Math.min(actorsPerSentence.get(s.index) ?? 0, 2) * 0.5;
      const sentenceWords = words(s.text);
      score += overlap(titleWords, sentenceWords) * 2;
      const distinct = new Set(sentenceWords);
      return { text: s.text, sentenceIndex: s.index, score: Math.round(score * 1000) / 1000, words: distinct, distinct: [...distinct] };
    })
    .sort((a, b) => b.score - a.score || a.sentenceIndex - b.sentenceIndex);

  const chosen: typeof scored = [];
  for (const candidate of scored) {
    if (chosen.length >= length) break;
    if (chosen.some((c) => overlap(c.words, candidate.distinct) > 0.6)) continue;
    chosen.push(candidate);
  }
  return chosen.map(({ text, sentenceIndex, score }) => ({ text, sentenceIndex, score }));
}
