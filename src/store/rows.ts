import { nameKey } from "./keys.js";
import type { FigureCategory, Qualifier } from "../extract/facts.js";
import type { ActorIndexRow, ArticleRef, FigureRow, FoundFigure, FoundSentence } from "./store.js";

/** Columns every cited row carries (both backends' SQL; PostgreSQL needs the names quoted to keep their case). */
export const articleColumns = 'a.id AS "articleId", a.title AS "articleTitle", a.url AS "articleUrl", a.outlet AS "articleOutlet", a.as_of AS "articleAsOf"';

export interface ArticleColumns {
  articleId: string;
  articleTitle: string;
  articleUrl: string | null;
  articleOutlet: string | null;
  articleAsOf: string | null;
}

export function cite<T extends ArticleColumns>(row: T): Omit<T, keyof ArticleColumns> & { article: ArticleRef } {
  const { articleId, articleTitle, articleUrl, articleOutlet, articleAsOf, ...rest } = row;
  return { ...rest, article: { id: articleId, title: articleTitle, url: articleUrl, outlet: articleOutlet, asOf: articleAsOf } };
}

export const bool = (value: number): boolean => value === 1;

/** Positions within an article (fact order, alias order) stay below this, so rank × it + position orders rows. */
export const SLOT = 1048576;

export type FigureColumns = ArticleColumns & {
  category: FigureCategory;
  count: number;
  qualifier: Qualifier;
  who: string | null;
  unit: string | null;
  attributedTo: string | null;
  asOf: string | null;
  unverified: number;
  sentence: string;
  sentenceIndex: number;
};

/** figureColumns read the figure's sentence through this join (texts are stored once, migration 009). */
export const figureText = "JOIN texts ft ON ft.id = f.sentence_text_id";
export const figureColumns = `f.category, f.count, f.qualifier, f.who, f.unit, f.attributed_to AS "attributedTo", f.as_of AS "asOf",
  f.unverified, ft.text AS sentence, f.sentence_index AS "sentenceIndex", ${articleColumns}`;

export type SentenceColumns = ArticleColumns & { index: number; block: number; text: string; at: string | null; unverified: number; heading: number | null };
/** sentenceColumns (and foundColumns) read the sentence's text through this join. */
export const sentenceText = "JOIN texts st ON st.id = s.text_id";
/** A sentence's time: its block's own, else its article's (stored only when its own, migration 011). */
export const sentenceAt = "COALESCE(s.at, a.as_of)";
export const sentenceColumns = `s.idx AS "index", s.block, st.text, ${sentenceAt} AS at, s.unverified, s.heading, ${articleColumns}`;

export const toFigure = (row: FigureColumns): FigureRow => {
  const { category, count, qualifier, who, unit, attributedTo, asOf, unverified, sentence, sentenceIndex } = row;
  return { category, count, qualifier, who, unit, attributedTo, asOf, unverified: bool(unverified), sentence, sentenceIndex, article: cite(row).article };
};

export const toSentence = ({ heading, ...row }: SentenceColumns): Omit<FoundSentence, "about" | "terms" | "figures"> => {
  const { index, block, text, at, unverified } = row;
  return { index, block, text, at, unverified: bool(unverified), ...(heading === null ? {} : { heading: bool(heading) }), article: cite(row).article };
};

/**
 * How many times its limit the full-text query for /ask is asked for, before the story's distinct
 * texts are kept: room for texts only other stories hold (the index spans every story) and for
 * texts that differ only in what their keys drop (case, punctuation).
 */
export const OVERFETCH = 4;

/** What a candidate for /ask carries besides its sentence; `about` and `figures` are JSON (SQLite gives it as text, PostgreSQL parsed). */
export type FoundColumns = SentenceColumns & { terms: string; about: string | string[]; figures: string | FoundFigure[] };
export const foundColumns = `${sentenceColumns}, st.words AS terms`;

export const toFound = ({ terms, about, figures, ...row }: FoundColumns): FoundSentence => ({
  ...toSentence(row),
  about: typeof about === "string" ? (JSON.parse(about) as string[]) : about,
  terms,
  figures: typeof figures === "string" ? (JSON.parse(figures) as FoundFigure[]) : figures,
});

const words = (text: string): string[] => nameKey(text).split(" ").filter(Boolean);
const containsWords = (haystack: string, needle: string[]): boolean => {
  const have = new Set(words(haystack));
  return needle.length > 0 && needle.every((w) => have.has(w));
};

/**
 * Exact name or alias first, then an exact role ("the president"), then every word of the query
 * in a name ("Massimov"), then in a role ("foreign minister"). Actors come most mentioned first,
 * so an ambiguous query finds the one the story is most about.
 */
export function findActor<T extends Pick<ActorIndexRow, "name" | "aliases" | "role">>(actors: readonly T[], query: string): T | null {
  const key = nameKey(query);
  if (key === "") return null;
  const queryWords = words(query);
  const tests: Array<(actor: T) => boolean> = [
    (a) => [a.name, ...a.aliases].some((n) => nameKey(n) === key),
    (a) => a.role !== null && nameKey(a.role) === key,
    (a) => [a.name, ...a.aliases].some((n) => containsWords(n, queryWords)),
    (a) => a.role !== null && containsWords(a.role, queryWords),
  ];
  for (const test of tests) {
    const found = actors.find(test);
    if (found) return found;
  }
  return null;
}
