import { articleColumns, bool, cite, sentenceAt, type ArticleColumns } from "../rows.js";
import type { StoryRow, SummaryRow } from "../store.js";
import type { Pool } from "./db.js";

/** Newest article first, articles without a time last (PostgreSQL would put NULLs first). */
export const newestArticleFirst = "a.as_of_ms DESC NULLS LAST, a.pk DESC";

export const articleRowColumns = `a.id, a.title, a.url, a.outlet, a.as_of AS "asOf", a.story, a.content_hash AS "contentHash", a.language,
  a.origin, a.first_seen_at AS "firstSeenAt", a.updated_at AS "updatedAt"`;

/** The story list, which of some article ids a story has, and a story's summary. */
export function storyReader(pool: Pool) {
  return {
    async stories(): Promise<StoryRow[]> {
      const { rows } = await pool.query<StoryRow>(
        `SELECT story, COUNT(*) AS "articleCount", MAX(updated_at) AS "lastIngestedAt" FROM articles GROUP BY story ORDER BY story COLLATE "C"`,
      );
      return rows;
    },
    async storedIds(story: string, ids: readonly string[]): Promise<Set<string>> {
      const { rows } = await pool.query<{ id: string }>("SELECT id FROM articles WHERE story = $1 AND id = ANY($2::text[])", [story, ids]);
      return new Set(rows.map((r) => r.id));
    },
    async summary(story: string, limit: number): Promise<SummaryRow[]> {
      const { rows } = await pool.query<ArticleColumns & { text: string; sentenceIndex: number; score: number; at: string | null; unverified: number }>(
        `SELECT mt.text, m.sentence_index AS "sentenceIndex", m.score, ${sentenceAt} AS at, s.unverified, ${articleColumns}
         FROM summary m
         JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
         JOIN texts mt ON mt.id = m.text_id
         JOIN articles a ON a.pk = m.article_pk
         WHERE a.story = $1 ORDER BY ${newestArticleFirst}, m.score DESC, m.ord LIMIT $2`,
        [story, limit],
      );
      return rows.map((row) => ({ ...cite(row), unverified: bool(row.unverified) }));
    },
  };
}
