import type { Db } from "./db.js";
import { articleColumns, bool, cite, sentenceAt, type ArticleColumns } from "../rows.js";
import type { StoredArticle, StoryRow, SummaryRow } from "../store.js";

// DESC already puts NULLs last in SQLite; spelling it out kept the planner off the (story, as_of_ms, pk) index.
export const newestArticleFirst = "a.as_of_ms DESC, a.pk DESC";

/** The story list, a story's articles (all, or which of some ids) and its summary, prepared once per connection; `extractionVersion` as in articles.ts. */
export function storyReader(db: Db, extractionVersion: number) {
  const stories = db.prepare<[], StoryRow>(
    `SELECT story, COUNT(*) AS articleCount, MAX(updated_at) AS lastIngestedAt FROM articles GROUP BY story ORDER BY story`,
  );
  const articles = db.prepare<[number, string], Omit<StoredArticle, "olderReading"> & { olderReading: number }>(
    `SELECT a.id, a.title, a.url, a.outlet, a.as_of AS asOf, a.story, a.content_hash AS contentHash, a.language, a.origin,
       a.first_seen_at AS firstSeenAt, a.updated_at AS updatedAt, a.extraction_version <> ? AS olderReading
     FROM articles a WHERE a.story = ? ORDER BY ${newestArticleFirst}`,
  );
  // The ids come as one JSON array, so any number of them is one statement.
  const storedIds = db.prepare<[string, string], string>("SELECT a.id FROM articles a WHERE a.story = ? AND a.id IN (SELECT value FROM json_each(?))").pluck();
  const summary = db.prepare<[string, number], ArticleColumns & { text: string; sentenceIndex: number; score: number; at: string | null; unverified: number }>(
    `SELECT mt.text, m.sentence_index AS sentenceIndex, m.score, ${sentenceAt} AS at, s.unverified, ${articleColumns}
     FROM summary m
     JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
     JOIN texts mt ON mt.id = m.text_id
     JOIN articles a ON a.pk = m.article_pk
     WHERE a.story = ? ORDER BY ${newestArticleFirst}, m.score DESC, m.ord LIMIT ?`,
  );

  return {
    stories: (): StoryRow[] => stories.all(),
    articles: (story: string): StoredArticle[] => articles.all(extractionVersion, story).map((row) => ({ ...row, olderReading: bool(row.olderReading) })),
    storedIds: (story: string, ids: readonly string[]): Set<string> => new Set(storedIds.all(story, JSON.stringify(ids))),
    summary: (story: string, limit: number): SummaryRow[] => summary.all(story, limit).map((row) => ({ ...cite(row), unverified: bool(row.unverified) })),
  };
}
