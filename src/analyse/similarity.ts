import bm25Vectorizer from "wink-nlp/utilities/bm25-vectorizer.js";
import { lemmasOf } from "./tokens.js";
import { vocabulary, type Vocabulary } from "./vocabulary.js";

/**
 * Whether sentences of different articles report the same development. Outlets word one event
 * differently ("Security forces detained almost 8,000 people" / "Nearly 8,000 people have been
 * detained"), so sentences are compared as bags of content lemmas weighted by BM25 over the pool
 * they are drawn from (wink-nlp's vectorizer): words the whole story shares ("Kazakhstan",
 * "protest") weigh little, a rare number or name a lot. Two sentences are one development when the
 * cosine of their bags reaches SAME_DEVELOPMENT, they share at least two content lemmas, and
 * neither their names nor their counts contradict (see Profile).
 */
export const SAME_DEVELOPMENT = 0.28;
const MIN_SHARED = 2;

/** The lemmas of a text that say which development it reports: no function words, digits joined ("5,800" = "5800"). */
export function contentTerms(text: string, vocab: Vocabulary = vocabulary): string[] {
  return lemmasOf(text.replace(/(\d),(?=\d{3}\b)/g, "$1"))
    .filter((lemma) => lemma.length > 1 && !vocab.functionWords.has(lemma) && !/^\p{P}+$/u.test(lemma))
    .map((lemma) => lemma.replace(/['’]s$/, ""));
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

const namesOf = (text: string): Set<string> =>
  new Set([...text.matchAll(/(?<=[\p{L}\p{N},;:)”"’]\s+)\p{Lu}[\p{L}’'-]+/gu)].map((m) => m[0].toLowerCase()));
const countsOf = (text: string): Set<string> =>
  new Set([...text.replace(/(\d),(?=\d{3}\b)/g, "$1").matchAll(/\b\d{2,}(?:\.\d+)?\b/g)].map((m) => m[0]).filter((n) => !/^(?:19|20)\d\d$/.test(n)));

/** Profiles of each text, weighted over this pool (BM25, L2-normalised). */
export function profiles(texts: readonly string[]): Profile[] {
  if (texts.length === 0) return [];
  const terms = texts.map((t) => contentTerms(t));
  const vectorizer = bm25Vectorizer({ norm: "l2", k: 1, k1: 1.2, b: 0.75 });
  for (const t of terms) vectorizer.learn(t.length ? [...t] : ["∅"]);
  // A sentence's first word is a name when the pool writes it capitalised mid-sentence too
  // ("Uzbekistan is concerned"), not when it merely starts the sentence ("Protests spread").
  const inner = texts.map(namesOf);
  const pooled = new Set(inner.flatMap((names) => [...names]));
  const nameSets = texts.map((text, i) => {
    const first = /^\P{L}*(\p{Lu}[\p{L}’'-]+)/u.exec(text)?.[1]?.toLowerCase();
    return first && pooled.has(first) ? new Set([...inner[i]!, first]) : inner[i]!;
  });
  // A name most of the pool gives (the story's country) tells nothing apart.
  const seen = new Map<string, number>();
  for (const names of nameSets) for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
  const common = (n: string) => texts.length >= 8 && (seen.get(n) ?? 0) > texts.length / 5;
  return texts.map((text, i) => ({
    bag: new Map(Object.entries(vectorizer.bowOf([...terms[i]!]))),
    names: new Set([...nameSets[i]!].filter((n) => !common(n))),
    counts: countsOf(text),
  }));
}

const disjoint = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size > 0 && b.size > 0 && ![...a].some((x) => b.has(x));

export function similar(a: Profile, b: Profile, threshold = SAME_DEVELOPMENT): boolean {
  if (disjoint(a.names, b.names) || disjoint(a.counts, b.counts)) return false;
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
export function clusterTexts(texts: readonly string[], threshold = SAME_DEVELOPMENT): number[][] {
  const all = profiles(texts);
  const groups: number[][] = [];
  const seedsByTerm = new Map<string, number[]>();
  all.forEach((profile, i) => {
    const candidates = new Set<number>();
    for (const term of profile.bag.keys()) for (const g of seedsByTerm.get(term) ?? []) candidates.add(g);
    const match = [...candidates].sort((x, y) => x - y).find((g) => similar(profile, all[groups[g]![0]!]!, threshold));
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

/** Whether `text` reports a development one of `known` already reported, weighed over both. */
export function alreadyReported(text: string, known: readonly string[], threshold = SAME_DEVELOPMENT): boolean {
  if (known.length === 0) return false;
  const [profile, ...others] = profiles([text, ...known]);
  return others.some((other) => similar(profile!, other, threshold));
}
