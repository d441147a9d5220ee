import { boundedMemo } from "../bounded-memo.js";
import { vocabulary, type Vocabulary } from "./vocabulary.js";

/**
 * Whether sentences of different articles report the same development. Outlets word one event
 * differently ("Security forces detained almost 8,000 people" / "Nearly 8,000 people have been
 * detained"), so sentences are compared as bags of content stems weighted by BM25 over the pool
 * they are drawn from: words the whole story shares ("Kazakhstan",
 * "protest") weigh little, a rare number or name a lot. Two sentences are one development when the
 * cosine of their bags reaches SAME_DEVELOPMENT, they share at least two content stems, and
 * neither their names nor their counts contradict (see Profile).
 */
export const SAME_DEVELOPMENT = 0.28;

/**
 * Two reports of one speaker's words: the speaker is settled, so less of the wording must agree,
 * and the places and names each outlet adds ("Washington", "the Kazakh authorities") do not tell
 * statements apart.
 */
export const SAME_STATEMENT: Comparison = { threshold: 0.15, names: false };

export interface Comparison {
  threshold: number;
  /** Whether disjoint names make two sentences different developments. */
  names: boolean;
}

const DEVELOPMENT: Comparison = { threshold: SAME_DEVELOPMENT, names: true };
const MIN_SHARED = 2;

/** Past this many letters words of one family agree ("arrested"/"arrests", "protesters"/"protests"). */
const STEM = 6;

/**
 * The words of a text that say which development it reports, as stems: no function words, counts
 * joined ("5,800" = "5800"). A prefix stem, not the analysis stage's lemmas: the story layer
 * compares hundreds of stored sentences per ingest and per store version, and lemmatising them
 * again cost 0.3 ms a sentence, a prefix costs microseconds.
 */
export function contentTerms(text: string, vocab: Vocabulary = vocabulary): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !vocab.functionWords.has(word))
    .map((word) => (/\d/.test(word) ? word : word.slice(0, STEM)));
}

type Bag = ReadonlyMap<string, number>;

/**
 * A sentence as compared: its weighted bag, and what tells two developments apart even when their
 * words agree: the names it gives (capitalised words past its first) and the counts it reports.
 * "Macron is concerned" and "Uzbekistan is concerned" share every other word.
 */
export interface Profile {
  bag: Bag;
  names: ReadonlySet<string>;
  counts: ReadonlySet<string>;
}

const namesOf = (text: string): ReadonlySet<string> =>
  new Set([...text.matchAll(/(?<=[\p{L}\p{N},;:)”"’]\s+)\p{Lu}[\p{L}’'-]+/gu)].map((m) => m[0].toLowerCase()));
const countsOf = (text: string): ReadonlySet<string> =>
  new Set([...text.replace(/(\d),(?=\d{3}\b)/g, "$1").matchAll(/\b\d{2,}(?:\.\d+)?\b/g)].map((m) => m[0]).filter((n) => !/^(?:19|20)\d\d$/.test(n)));

const K1 = 1.2;
const B = 0.75;

/**
 * BM25 weights of each text's terms over the pool, L2-normalised so a dot product is the cosine.
 * Written out here because wink-nlp's vectorizer recomputes its weights on every bag it is asked
 * for (0.3 ms a sentence, the whole cost of clustering a story).
 */
function bm25Bags(terms: readonly (readonly string[])[]): Bag[] {
  const df = new Map<string, number>();
  for (const t of terms) for (const term of new Set(t)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = terms.length;
  const avg = terms.reduce((sum, t) => sum + t.length, 0) / Math.max(1, n) || 1;
  return terms.map((t) => {
    const tf = new Map<string, number>();
    for (const term of t) tf.set(term, (tf.get(term) ?? 0) + 1);
    const bag = new Map<string, number>();
    let norm = 0;
    for (const [term, f] of tf) {
      const idf = Math.log(1 + (n - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
      const w = (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * t.length) / avg));
      bag.set(term, w);
      norm += w * w;
    }
    const length = Math.sqrt(norm) || 1;
    for (const [term, w] of bag) bag.set(term, w / length);
    return bag;
  });
}

/** What a text is weighed by that does not depend on the pool it is weighed in. */
interface Features {
  terms: string[];
  names: ReadonlySet<string>;
  counts: ReadonlySet<string>;
  first: string | undefined;
}

/**
 * Features of texts weighed lately: an ingest weighs each new article's headlines against the
 * story's hundred newest, the same texts article after article, and reading their words was most
 * of that cost. Bounded to a few of those pools, so an idle bot keeps little of it.
 */
const featuresOf = boundedMemo(
  (text: string): Features => ({
    terms: contentTerms(text),
    names: namesOf(text),
    counts: countsOf(text),
    first: /^\P{L}*(\p{Lu}[\p{L}’'-]+)/u.exec(text)?.[1]?.toLowerCase(),
  }),
  1024,
);

/** Profiles of each text, weighted over this pool. */
export function profiles(texts: readonly string[]): Profile[] {
  if (texts.length === 0) return [];
  const features = texts.map(featuresOf);
  const bags = bm25Bags(features.map((f) => f.terms));
  // A sentence's first word is a name when the pool writes it capitalised mid-sentence too
  // ("Uzbekistan is concerned"), not when it merely starts the sentence ("Protests spread").
  const pooled = new Set(features.flatMap((f) => [...f.names]));
  const nameSets = features.map(({ names, first }) => (first && pooled.has(first) ? new Set([...names, first]) : names));
  // A name most of the pool gives (the story's country) tells nothing apart.
  const seen = new Map<string, number>();
  for (const names of nameSets) for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
  const common = (n: string) => texts.length >= 8 && (seen.get(n) ?? 0) > texts.length / 5;
  return features.map((f, i) => ({
    bag: bags[i]!,
    names: new Set([...nameSets[i]!].filter((n) => !common(n))),
    counts: f.counts,
  }));
}

const disjoint = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size > 0 && b.size > 0 && ![...a].some((x) => b.has(x));

export function similar(a: Profile, b: Profile, { threshold, names }: Comparison = DEVELOPMENT): boolean {
  if ((names && disjoint(a.names, b.names)) || disjoint(a.counts, b.counts)) return false;
  let score = 0;
  let shared = 0;
  const [small, large] = a.bag.size <= b.bag.size ? [a.bag, b.bag] : [b.bag, a.bag];
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other === undefined) continue;
    score += weight * other;
    shared += 1;
  }
  return score >= threshold && shared >= MIN_SHARED;
}

/**
 * Groups items reporting the same development, in input order: each item joins the first group
 * whose first item (its seed) it is similar to, else starts its own; comparing with seeds only
 * keeps one group from chaining into another through a sentence that touches both. Candidates are
 * found through a term index, so a pool of hundreds compares each item with the few seeds sharing
 * its terms. Returns groups of indexes into `texts`.
 */
export function clusterTexts(texts: readonly string[], comparison: Comparison = DEVELOPMENT): number[][] {
  return clusterProfiles(profiles(texts), comparison);
}

/** As clusterTexts, over profiles weighted beforehand (over a larger pool than the one clustered). */
export function clusterProfiles(all: readonly Profile[], comparison: Comparison = DEVELOPMENT): number[][] {
  const groups: number[][] = [];
  const seedsByTerm = new Map<string, number[]>();
  all.forEach((profile, i) => {
    const candidates = new Set<number>();
    for (const term of profile.bag.keys()) for (const g of seedsByTerm.get(term) ?? []) candidates.add(g);
    const match = [...candidates].sort((x, y) => x - y).find((g) => similar(profile, all[groups[g]![0]!]!, comparison));
    if (match !== undefined) {
      groups[match]!.push(i);
      return;
    }
    const group = groups.push([i]) - 1;
    for (const term of profile.bag.keys()) {
      const list = seedsByTerm.get(term);
      if (list) list.push(group);
      else seedsByTerm.set(term, [group]);
    }
  });
  return groups;
}

/**
 * For each of `texts`, whether it reports a development one of `known` already reported; all are
 * weighed over one pool (the new texts and the known ones), profiled once. With `among`, only the
 * known items it accepts for a text count (that speaker's, say), the rest only weigh terms.
 */
export function alreadyReported(
  texts: readonly string[],
  known: readonly string[],
  comparison: Comparison = DEVELOPMENT,
  among: (text: number, known: number) => boolean = () => true,
): boolean[] {
  if (known.length === 0) return texts.map(() => false);
  const all = profiles([...texts, ...known]);
  const knownProfiles = all.slice(texts.length);
  return texts.map((_, t) => knownProfiles.some((other, k) => among(t, k) && similar(all[t]!, other, comparison)));
}
