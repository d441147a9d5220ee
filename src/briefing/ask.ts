import { vocabulary, type QuestionKind } from "../analyse/vocabulary.js";
import type { BriefingReads, FoundFigure, FoundSentence } from "../store/index.js";
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
/** An actor asked about, named in a sentence the store did not file under them, counts for less than one it did. */
const NAME_ONLY = 0.7;
/** In a statement question, an actor named after the first (whom it was said to) weighs this much of the speaker. */
const ADDRESSEE = 0.5;
/** A sentence that speaks of the one before ("This was announced by …") and that one, read as one passage, for a little less. */
const PASSAGE = 0.9;

const { questions } = vocabulary;
const markersOf = (kind: QuestionKind): string[] => (questions.kinds[kind].markers ?? []).map(textKey).filter(Boolean);
const NUMBER_WORDS = new Set("two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand thousands million".split(" "));
const titles = vocabulary.titles.map((t) => textKey(t.title));
const continuations = questions.continuations.map(textKey);
const YEAR = /\b(?:1[89]|20)\d\d\b/;
const DURATION = new RegExp(`\\b(?:\\d+|${[...NUMBER_WORDS].join("|")}|a few|a couple of|several)\\s+(?:${[...vocabulary.durations].join("|")})s?\\b`);
const PLACE_AFTER = /\b(?:in|at|near|outside|across|from|to)\s+(?:the\s+)?\p{Lu}/u;
const QUOTE_MARKS = /[“”"«»]/;

/** One sentence, or a sentence and the one before it that it speaks of, as ranking reads it. */
interface Passage {
  /** The sentences, in order: the last is the one found. */
  sentences: FoundSentence[];
  text: string;
  /** The words as written, folded (for markers). */
  words: string;
  /** Each sentence's terms with their counts, and how many terms it has. */
  parts: Array<{ tf: Map<string, number>; length: number }>;
  terms: Set<string>;
  about: Set<string>;
  figures: FoundFigure[];
}

const at = (s: FoundSentence) => `${s.article.id}#${s.index}`;

function passageOf(sentences: FoundSentence[]): Passage {
  const parts = sentences.map((s) => {
    const terms = s.terms.split(" ").filter(Boolean);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { tf, length: terms.length };
  });
  const text = sentences.map((s) => s.text).join(" ");
  return {
    sentences,
    text,
    words: textKey(text),
    parts,
    terms: new Set(parts.flatMap((p) => [...p.tf.keys()])),
    about: new Set(sentences.flatMap((s) => s.about)),
    figures: sentences.flatMap((s) => s.figures),
  };
}

/** The candidates once each (the same text found twice, by its words and as said of an actor, is one), headings and furniture left out. */
function candidatesOf(found: readonly FoundSentence[]): Passage[] {
  const byKey = new Map<string, FoundSentence>();
  for (const s of found) {
    if (s.heading) continue;
    const key = textKey(s.text);
    if (key.split(" ").length < MIN_WORDS) continue;
    const known = byKey.get(key);
    byKey.set(key, known ? { ...known, about: [...new Set([...known.about, ...s.about])] } : s);
  }
  return [...byKey.values()].map((s) => passageOf([s]));
}

/**
 * How much of the question a passage meets, 0..1: BM25 over the candidates, each of the question's
 * words weighted by its rarity among them and met by itself or, for less, by a word that stands
 * for it; each actor asked about counts as a word met by every sentence that mentions them, by name
 * or by pronoun.
 */
function relevanceOver(question: Question, pool: readonly Passage[]): (p: Passage) => number {
  const n = pool.length;
  const df = new Map<string, number>();
  for (const c of pool) for (const t of c.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const avgLength = pool.reduce((sum, c) => sum + c.parts[0]!.length, 0) / Math.max(n, 1) || 1;
  const idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  // A word met by no candidate, nor any word standing for it: another word (a phrasal verb's
  // "come") weighs half what the words met do on average; a name or number the story never
  // mentions outweighs everything else the question asks, so a question about something the story
  // does not hold gets no answer.
  const seen = question.concepts.map((concept) => df.get(concept.term) || Math.max(0, ...[...concept.variants.keys()].map((v) => df.get(v) ?? 0)));
  const metWeights = seen.filter((d) => d > 0).map(idf);
  const meanMet = metWeights.length ? metWeights.reduce((a, b) => a + b, 0) / metWeights.length : 1;
  const weights = question.concepts.map((concept, i) => (seen[i]! > 0 ? idf(seen[i]!) : concept.proper ? 0 : meanMet / 2));
  // What someone said to someone else is first what the speaker (named first) said.
  const actorWeights = question.named.map((_, i) => (metWeights.length ? meanMet : 1) * (i > 0 && question.kinds.has("statement") ? ADDRESSEE : 1));
  const actorTotal = actorWeights.reduce((a, b) => a + b, 0);
  const rest = weights.reduce((a, b) => a + b, 0) + actorTotal;
  question.concepts.forEach((concept, i) => {
    if (seen[i] === 0 && concept.proper) weights[i] = 2 * Math.max(rest, 1);
  });
  const total = weights.reduce((a, b) => a + b, 0) + actorTotal;
  const nameTerms = question.named.map((a) => textKey(a.name).split(" ").at(-1) ?? "");
  // Each word is met in the sentence of the passage that meets it best, by that sentence's length.
  const meets = (p: Passage, variant: string, weight: number) =>
    Math.max(
      0,
      ...p.parts.map(({ tf, length }) => {
        const count = tf.get(variant);
        return count ? (weight * (count * (K1 + 1))) / (count + K1 * (1 - B + (B * length) / avgLength)) : 0;
      }),
    );
  return (p) => {
    let met = 0;
    question.named.forEach((actor, i) => {
      met += actorWeights[i]! * (p.about.has(actor.id) ? 1 : p.terms.has(nameTerms[i]!) ? NAME_ONLY : 0);
    });
    question.concepts.forEach((concept, i) => {
      let best = 0;
      for (const [variant, weight] of concept.variants) if (p.terms.has(variant)) best = Math.max(best, meets(p, variant, weight));
      met += weights[i]! * best;
    });
    return total > 0 ? met / total : 0;
  };
}

const hasNumber = (p: Passage) => [...p.terms].some((t) => /\d/.test(t)) || p.words.split(" ").some((w) => NUMBER_WORDS.has(w));
const hasMarker = (p: Passage, kind: QuestionKind) => markersOf(kind).some((m) => hasPhrase(p.words, m));
const aboutNamed = (p: Passage, question: Question) => question.named.some((a) => p.about.has(a.id));

/** Whether a passage holds what the kind of question asks for. */
function answersKind(kind: QuestionKind, p: Passage, question: Question, story: StoryConfig): boolean {
  switch (kind) {
    case "count":
      return hasNumber(p);
    case "person": {
      const roles = question.named.flatMap((a) => (a.role ? [textKey(a.role)] : []));
      return aboutNamed(p, question) && (roles.some((r) => hasPhrase(p.words, r)) || titles.some((t) => hasPhrase(p.words, t)));
    }
    case "agent":
      return /\s\p{Lu}/u.test(p.text);
    case "place":
      return PLACE_AFTER.test(p.text) || story.places.some((place) => hasPhrase(p.words, place));
    case "time":
      return YEAR.test(p.text) || DURATION.test(p.words) || hasMarker(p, "time");
    case "statement":
      return (
        (question.named.length === 0 || aboutNamed(p, question)) &&
        (QUOTE_MARKS.test(p.text) || [...p.terms].some((t) => vocabulary.speechVerbs.has(t)) || hasMarker(p, "statement"))
      );
    case "cause":
    case "meaning":
      return hasMarker(p, kind);
    case "recent":
      return false;
  }
}

const broad = (who: string | null) => who === null || questions.broadPopulations.some((p) => hasPhrase(textKey(who), p));

/** Each passage's place by a value, 1 for the highest, 0 for the lowest. */
function placeBy(pool: readonly Passage[], value: (p: Passage) => number): Map<Passage, number> {
  const values = [...new Set(pool.map(value))].sort((a, b) => a - b);
  return new Map(pool.map((p) => [p, values.length > 1 ? values.indexOf(value(p)) / (values.length - 1) : 1]));
}
/** By its last sentence's own time, else its article's. */
const timeOf = (p: Passage) => timeOrder(p.sentences.at(-1)!.at ?? p.sentences.at(-1)!.article.asOf);

/**
 * A candidate that opens by pointing back ("This was announced by …", "It came after …") read
 * together with the sentence before it, when that one is a candidate too and the two meet more of
 * the question than either alone.
 */
function withPassages(pool: readonly Passage[], relevance: (p: Passage) => number): Array<{ p: Passage; rel: number }> {
  const byPosition = new Map(pool.map((p) => [at(p.sentences[0]!), p]));
  return pool.map((p) => {
    const rel = relevance(p);
    const s = p.sentences[0]!;
    const before = continuations.some((c) => p.words.startsWith(`${c} `)) ? byPosition.get(`${s.article.id}#${s.index - 1}`) : undefined;
    if (!before) return { p, rel };
    const joined = passageOf([before.sentences[0]!, s]);
    const joinedRel = relevance(joined) * PASSAGE;
    return joinedRel > rel && joinedRel > relevance(before) ? { p: joined, rel: joinedRel } : { p, rel };
  });
}

function rank(question: Question, found: readonly FoundSentence[], story: StoryConfig): SourcedSentence[] {
  const pool = candidatesOf(found);
  const passages = withPassages(pool, relevanceOver(question, pool));
  const figures = (p: Passage) => p.figures.filter((f) => f.category !== "other" && question.categories.has(f.category));
  const figured = passages.map(({ p }) => p).filter((p) => question.kinds.has("count") && figures(p).length > 0);
  const newest = placeBy(figured, timeOf);
  const largest = placeBy(figured, (p) => Math.max(...figures(p).map((f) => f.count)));
  const recent = question.kinds.has("recent")
    ? placeBy(
        passages.map(({ p }) => p),
        timeOf,
      )
    : new Map<Passage, number>();
  const scored = passages
    .filter(({ rel }) => rel >= MIN_RELEVANCE)
    .map(({ p, rel }) => {
      let score = rel;
      for (const kind of question.kinds) if (answersKind(kind, p, question, story)) score += BOOST[kind];
      if (figured.includes(p)) {
        score += FIGURE_BOOST + (largest.get(p) ?? 0) * LARGEST_BOOST + (newest.get(p) ?? 0) * NEWEST_BOOST;
        if (figures(p).some((f) => broad(f.who))) score += BROAD_BOOST;
      }
      score += (recent.get(p) ?? 0) * BOOST.recent;
      return { p, score };
    })
    .sort((a, b) => b.score - a.score || a.p.sentences[0]!.index - b.p.sentences[0]!.index);
  const best = scored[0]?.score ?? 0;
  // Best first; a sentence already given (alone or in a passage) is not given again.
  const given = new Set<string>();
  const answers: SourcedSentence[] = [];
  for (const { p, score } of scored) {
    if (score < best * RUNNER_UP || answers.length === MAX_ANSWERS) break;
    if (p.sentences.some((s) => given.has(at(s)))) continue;
    for (const s of p.sentences) given.add(at(s));
    const last = p.sentences.at(-1)!;
    answers.push({ text: p.text, at: last.at ?? last.article.asOf, unverified: p.sentences.some((s) => s.unverified), source: sourceOf(last.article) });
  }
  return answers;
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
