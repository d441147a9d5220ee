import { vocabulary, type QuestionKind } from "../analyse/vocabulary.js";
import type { BriefingReads, FoundSentence } from "../store/index.js";
import { textKey } from "../store/keys.js";
import type { StoryConfig } from "../story/config.js";
import { hasPhrase, readQuestion, type Question } from "./question.js";
import { sourceOf, storyRef, timeOrder } from "./source.js";
import type { AnswerView, SourcedSentence } from "./views.js";

export const MAX_ANSWERS = 3;
/** Candidate sentences drawn from the store for one question, before they are ranked here. */
const CANDIDATES = 100;

/**
 * How much of the question's weight a sentence must meet to be an answer at all, and how close to
 * the best answer a second or third must come: below that, "no answer" is the honest reply.
 */
const MIN_RELEVANCE = 0.34;
const RUNNER_UP = 0.5;

// BM25's term-frequency saturation and (softened) length normalisation.
const K1 = 1.2;
const B = 0.5;

/** A sentence shorter than this many words is a label or page furniture, never an answer. */
const MIN_WORDS = 4;

/** What a sentence that answers each kind of question holds, beyond the question's own words. */
const BOOST: Record<QuestionKind, number> = {
  count: 0.25,
  person: 0.5,
  agent: 0.1,
  place: 0.3,
  time: 0.3,
  statement: 0.4,
  cause: 0.3,
  meaning: 0.4,
  recent: 0.2,
};
/**
 * A count question is best answered by a figure of the category asked: the broadest population
 * first (counts of everyone rather than of police, and the largest count, as a total is larger
 * than its parts and a toll grows), then the newest.
 */
const FIGURE_BOOST = 0.5;
const BROAD_BOOST = 0.1;
const LARGEST_BOOST = 0.15;
const NEWEST_BOOST = 0.05;

const { questions } = vocabulary;
const markersOf = (kind: QuestionKind): string[] => (questions.kinds[kind].markers ?? []).map(textKey).filter(Boolean);
const NUMBER_WORDS = new Set("two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand thousands million".split(" "));
const titles = vocabulary.titles.map((t) => textKey(t.title));
const YEAR = /\b(?:1[89]|20)\d\d\b/;
const DURATION = new RegExp(`\\b(?:\\d+|${[...NUMBER_WORDS].join("|")}|a few|a couple of|several)\\s+(?:${[...vocabulary.durations].join("|")})s?\\b`);
const PLACE_AFTER = /\b(?:in|at|near|outside|across|from|to)\s+(?:the\s+)?\p{Lu}/u;
const QUOTE_MARKS = /[“”"«»]/;

interface Candidate {
  s: FoundSentence;
  /** The sentence's words as written, folded (for markers) and its terms with their counts. */
  words: string;
  tf: Map<string, number>;
  length: number;
}

function candidatesOf(found: readonly FoundSentence[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const s of found) {
    if (s.heading) continue;
    const words = textKey(s.text);
    if (words.split(" ").length < MIN_WORDS) continue;
    const known = byKey.get(words);
    if (known) {
      // The same sentence found twice (by its words and as said of an actor) is one candidate.
      if (s.about) known.s = { ...known.s, about: true };
      continue;
    }
    const terms = s.terms.split(" ").filter(Boolean);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    byKey.set(words, { s, words, tf, length: terms.length });
  }
  return [...byKey.values()];
}

/**
 * How much of the question a sentence meets, 0..1: BM25 over the candidates, each of the question's
 * words weighted by its rarity among them (a word no candidate has counts as the rarest) and met
 * by itself or, for less, by a word that stands for it; an actor asked about counts as a word met
 * by every sentence that mentions them, by name or by pronoun.
 */
function relevance(question: Question, pool: readonly Candidate[]): Map<Candidate, number> {
  const n = pool.length;
  const df = new Map<string, number>();
  for (const c of pool) for (const t of c.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avgLength = pool.reduce((sum, c) => sum + c.length, 0) / Math.max(n, 1) || 1;
  const idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  // A word met by no candidate, nor any word standing for it: another word (a phrasal verb's
  // "look", "come") weighs half what the words met do on average; a name or number the story never
  // mentions outweighs everything else the question asks, so a question about something the story
  // does not hold gets no answer.
  const seen = question.concepts.map((concept) => df.get(concept.term) || Math.max(0, ...[...concept.variants.keys()].map((v) => df.get(v) ?? 0)));
  const metWeights = seen.filter((d) => d > 0).map(idf);
  const meanMet = metWeights.length ? metWeights.reduce((a, b) => a + b, 0) / metWeights.length : 1;
  const weights = question.concepts.map((concept, i) => (seen[i]! > 0 ? idf(seen[i]!) : concept.proper ? 0 : meanMet / 2));
  const actorWeight = question.named.length ? (weights.length ? weights.reduce((a, b) => a + b, 0) / weights.length : 1) : 0;
  const rest = weights.reduce((a, b) => a + b, 0) + actorWeight;
  question.concepts.forEach((concept, i) => {
    if (seen[i] === 0 && concept.proper) weights[i] = 2 * Math.max(rest, 1);
  });
  const total = weights.reduce((a, b) => a + b, 0) + actorWeight;
  const scores = new Map<Candidate, number>();
  for (const c of pool) {
    const norm = K1 * (1 - B + (B * c.length) / avgLength);
    let met = question.named.length && c.s.about ? actorWeight : 0;
    question.concepts.forEach((concept, i) => {
      let best = 0;
      for (const [variant, weight] of concept.variants) {
        const tf = c.tf.get(variant);
        if (tf) best = Math.max(best, (weight * (tf * (K1 + 1))) / (tf + norm));
      }
      met += weights[i]! * best;
    });
    scores.set(c, total > 0 ? met / total : 0);
  }
  return scores;
}

const hasNumber = (c: Candidate) => [...c.tf.keys()].some((t) => /\d/.test(t)) || c.words.split(" ").some((w) => NUMBER_WORDS.has(w));
const hasMarker = (c: Candidate, kind: QuestionKind) => markersOf(kind).some((m) => hasPhrase(c.words, m));

/** Whether a sentence holds what the kind of question asks for. */
function answersKind(kind: QuestionKind, c: Candidate, question: Question, story: StoryConfig): boolean {
  switch (kind) {
    case "count":
      return hasNumber(c);
    case "person": {
      const roles = question.named.flatMap((a) => (a.role ? [textKey(a.role)] : []));
      return c.s.about && (roles.some((r) => hasPhrase(c.words, r)) || titles.some((t) => hasPhrase(c.words, t)));
    }
    case "agent":
      return /\s\p{Lu}/u.test(c.s.text);
    case "place":
      return PLACE_AFTER.test(c.s.text) || story.places.some((p) => hasPhrase(c.words, p));
    case "time":
      return YEAR.test(c.s.text) || DURATION.test(c.words) || hasMarker(c, "time");
    case "statement":
      return (question.named.length === 0 || c.s.about) && (QUOTE_MARKS.test(c.s.text) || [...c.tf.keys()].some((t) => vocabulary.speechVerbs.has(t)) || hasMarker(c, "statement"));
    case "cause":
    case "meaning":
      return hasMarker(c, kind);
    case "recent":
      return false;
  }
}

const broad = (who: string | null) => who === null || questions.broadPopulations.some((p) => hasPhrase(textKey(who), p));

/** Each candidate's place by a value, 1 for the highest, 0 for the lowest. */
function placeBy(pool: readonly Candidate[], value: (c: Candidate) => number): Map<Candidate, number> {
  const values = [...new Set(pool.map(value))].sort((a, b) => a - b);
  return new Map(pool.map((c) => [c, values.length > 1 ? values.indexOf(value(c)) / (values.length - 1) : 1]));
}
/** By the sentence's own time, else its article's. */
const timeOf = (c: Candidate) => timeOrder(c.s.at ?? c.s.article.asOf);

function rank(question: Question, found: readonly FoundSentence[], story: StoryConfig): SourcedSentence[] {
  const pool = candidatesOf(found);
  const relevant = relevance(question, pool);
  const figures = (c: Candidate) => c.s.figures.filter((f) => f.category !== "other" && question.categories.has(f.category));
  const figured = pool.filter((c) => question.kinds.has("count") && figures(c).length > 0);
  const newest = placeBy(figured, timeOf);
  const largest = placeBy(figured, (c) => Math.max(...figures(c).map((f) => f.count)));
  const recent = question.kinds.has("recent") ? placeBy(pool, timeOf) : new Map<Candidate, number>();
  const scored = pool
    .map((c) => {
      const rel = relevant.get(c) ?? 0;
      let score = rel;
      for (const kind of question.kinds) if (answersKind(kind, c, question, story)) score += BOOST[kind];
      if (figures(c).length) {
        score += FIGURE_BOOST + (largest.get(c) ?? 0) * LARGEST_BOOST + (newest.get(c) ?? 0) * NEWEST_BOOST;
        if (figures(c).some((f) => broad(f.who))) score += BROAD_BOOST;
      }
      score += (recent.get(c) ?? 0) * BOOST.recent;
      return { c, rel, score };
    })
    .filter(({ rel }) => rel >= MIN_RELEVANCE)
    .sort((a, b) => b.score - a.score || a.c.s.index - b.c.s.index);
  const best = scored[0]?.score ?? 0;
  return scored
    .filter(({ score }) => score >= best * RUNNER_UP)
    .slice(0, MAX_ANSWERS)
    .map(({ c: { s } }) => ({ text: s.text, at: s.at ?? s.article.asOf, unverified: s.unverified, source: sourceOf(s.article) }));
}

/**
 * A short answer to a free question, built only from the store's sentences: the one to three that
 * best meet the question's words (by lemma, BM25-weighted), the actors it names and the kind of
 * answer it asks for, best first. Nothing that meets enough of the question is an honest "no
 * answer" (an empty list), never a guess.
 */
export async function answerQuestion(store: BriefingReads, story: StoryConfig, text: string): Promise<SourcedSentence[]> {
  const question = readQuestion(text, await store.actorIndex(story.slug));
  if (question.concepts.length === 0 && question.named.length === 0) return [];
  const found = await store.searchSentences(story.slug, {
    terms: question.concepts.flatMap((c) => [...c.variants.keys()]),
    actorIds: question.named.map((a) => a.id),
    limit: CANDIDATES,
  });
  return rank(question, found, story);
}

export async function askView(store: BriefingReads, story: StoryConfig, question: string): Promise<AnswerView> {
  return { story: storyRef(story), question, answers: await answerQuestion(store, story, question) };
}
