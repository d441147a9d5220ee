import type { Db } from "./db.js";
import { nameKey } from "./keys.js";
import type { ActorIndexRow, ArticleRef, ArticleRow, StoryRow, SummaryRow } from "./store.js";

/** Columns every cited row carries, and the newest-article-first order all lists share. */
export const articleColumns = "a.id AS articleId, a.title AS articleTitle, a.url AS articleUrl, a.outlet AS articleOutlet, a.as_of AS articleAsOf";
// DESC already puts NULLs last in SQLite; spelling it out kept the planner off the (story, as_of_ms, pk) index.
export const newestArticleFirst = "a.as_of_ms DESC, a.pk DESC";

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

/** The story list, a story's articles and its summary, prepared once per connection. */
export function storyReader(db: Db) {
  const stories = db.prepare<[], StoryRow>(
    `SELECT story, COUNT(*) AS articleCount, MAX(updated_at) AS lastIngestedAt FROM articles GROUP BY story ORDER BY story`,
  );
  const articles = db.prepare<[string], ArticleRow>(
    `SELECT a.id, a.title, a.url, a.outlet, a.as_of AS asOf, a.story, a.content_hash AS contentHash, a.language, a.origin,
       a.first_seen_at AS firstSeenAt, a.updated_at AS updatedAt
     FROM articles a WHERE a.story = ? ORDER BY ${newestArticleFirst}`,
  );
  const summary = db.prepare<
    [string, number],
    ArticleColumns & { text: string; sentenceIndex: number; score: number; at: string | null; unverified: number }
  >(
    `SELECT m.text, m.sentence_index AS sentenceIndex, m.score, s.at, s.unverified, ${articleColumns}
     FROM summary m
     JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
     JOIN articles a ON a.pk = m.article_pk
     WHERE a.story = ? ORDER BY ${newestArticleFirst}, m.score DESC, m.ord LIMIT ?`,
  );

  return {
    stories: (): StoryRow[] => stories.all(),
    articles: (story: string): ArticleRow[] => articles.all(story),
    summary: (story: string, limit: number): SummaryRow[] =>
      summary.all(story, limit).map((row) => ({ ...cite(row), unverified: bool(row.unverified) })),
  };
}

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
