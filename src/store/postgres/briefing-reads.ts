import { PerVersion } from "../actor-index.js";
import { byMentions, indexRow } from "../story-actors.js";
import { allActors } from "./story-actors.js";
import { SERIES_REPORTS, seriesSteps, type SeriesReport } from "../figure-series.js";
import { textKey } from "../keys.js";
import {
  SLOT,
  articleColumns,
  bool,
  cite,
  figureColumns,
  figureText,
  findActor,
  OVERFETCH,
  foundColumns,
  sentenceAt,
  sentenceText,
  toFigure,
  toFound,
  type ArticleColumns,
  type FigureColumns,
  type FoundColumns,
} from "../rows.js";
import type {
  ActorIndexRow,
  ActorMentionRow,
  ArticleRow,
  FigureSeriesRow,
  FoundSentence,
  ReactionRow,
  SentenceSearch,
  TimelineRow,
  VideoRow,
} from "../store.js";
import type { Pool } from "./db.js";
import { articleRowColumns, newestArticleFirst } from "./story-reads.js";

/** Every article of the story numbered newest first, off the (story, as_of_ms, pk) index. */
const rankedArticles = `ranked AS (SELECT pk, ROW_NUMBER() OVER (ORDER BY as_of_ms DESC NULLS LAST, pk DESC) AS n FROM articles WHERE story = $1)`;

type Report = SeriesReport & { kind: string; articlePk: number; ord: number };

/**
 * The briefings' reads on PostgreSQL: the same answers as SQLite's, each in one round trip where
 * SQLite, in process, could afford several. Where SQLite takes a grouped row's other columns from
 * the row holding the MIN, these say so with DISTINCT ON.
 */
export function briefingReader(pool: Pool, version: () => Promise<string>) {
  async function all<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await pool.query<T>(sql, params)).rows;
  }

  async function figureSeries(story: string, steps: number): Promise<FigureSeriesRow[]> {
    // Distinct kinds by hopping along the kind index, then each kind's newest reports off the series index.
    const reports = await all<Report>(
      `WITH RECURSIVE k (key) AS (
         SELECT MIN(kind_key) FROM figures
         UNION ALL SELECT (SELECT MIN(kind_key) FROM figures WHERE kind_key > k.key) FROM k WHERE k.key IS NOT NULL
       )
       SELECT k.key AS kind, r.* FROM k CROSS JOIN LATERAL (
         SELECT f.count, f.qualifier, f.attributed_to AS "attributedTo", f.article_pk AS "articlePk", f.ord
         FROM figures f JOIN articles a ON a.pk = f.article_pk
         WHERE f.kind_key = k.key AND a.story = $1
         ORDER BY f.series_ms DESC, f.article_ms DESC NULLS LAST, f.article_pk DESC, f.ord LIMIT $2
       ) r WHERE k.key IS NOT NULL`,
      [story, SERIES_REPORTS + 1],
    );
    const byKind = new Map<string, Report[]>();
    for (const report of reports) byKind.set(report.kind, [...(byKind.get(report.kind) ?? []), report]);
    const series = [...byKind.values()].flatMap((kindReports) => {
      const found = seriesSteps(kindReports, steps);
      return found ? [found] : [];
    });
    const wanted = series.flatMap((s) => [s.latest, ...s.earlier]);
    const rows = await all<FigureColumns & { articlePk: number; ord: number }>(
      `SELECT ${figureColumns}, f.article_pk AS "articlePk", f.ord
       FROM unnest($1::bigint[], $2::int[]) AS w (pk, ord)
       JOIN figures f ON f.article_pk = w.pk AND f.ord = w.ord JOIN articles a ON a.pk = f.article_pk ${figureText}`,
      [wanted.map((r) => r.articlePk), wanted.map((r) => r.ord)],
    );
    const byKey = new Map(rows.map((row) => [`${row.articlePk}/${row.ord}`, row]));
    const full = (r: Report) => {
      const row = byKey.get(`${r.articlePk}/${r.ord}`);
      if (!row) throw new Error(`figure ${r.articlePk}/${r.ord} vanished while read`);
      const { articlePk: _, ord: __, ...columns } = row;
      return toFigure(columns);
    };
    return series.map((s) => ({ ...s, latest: full(s.latest), earlier: s.earlier.map(full) }));
  }

  const actorIndexes = new PerVersion<Promise<ActorIndexRow[]>>();
  const drawActorIndex = async (story: string): Promise<ActorIndexRow[]> => (await allActors(pool, story)).map(indexRow).sort(byMentions);
  async function actorIndex(story: string): Promise<ActorIndexRow[]> {
    const drawing = actorIndexes.get(await version(), story, () => drawActorIndex(story));
    // A failed draw is not an index: the next call draws again.
    return drawing.catch((error: unknown) => {
      actorIndexes.forget(story);
      throw error;
    });
  }

  /** A tsquery any of the terms matches; each term keeps only what textKey keeps of it. */
  const anyTerm = (terms: readonly string[]) => [...new Set(terms.flatMap((t) => textKey(t).split(" ")).filter(Boolean))].join(" | ");
  // The figures taken from a sentence.
  const figuresOf = `(SELECT COALESCE(json_agg(json_build_object('category', x.category, 'count', x.count, 'who', x.who)), '[]'::json)
     FROM figures x WHERE x.article_pk = s.article_pk AND x.sentence_index = s.idx) AS figures`;
  // Which of the actors asked about (the array parameter `$n`) a sentence mentions.
  const aboutAsked = (n: number) => `(SELECT COALESCE(json_agg(DISTINCT m.actor_id ORDER BY m.actor_id), '[]'::json) FROM actor_mentions m
     WHERE m.article_pk = s.article_pk AND m.actor_id = ANY($${n}::text[]) AND m.sentence_index = s.idx) AS about`;

  return {
    recentArticles: (story: string, limit: number): Promise<ArticleRow[]> =>
      all<ArticleRow>(`SELECT ${articleRowColumns} FROM articles a WHERE a.story = $1 ORDER BY ${newestArticleFirst} LIMIT $2`, [story, limit]),
    figureSeries,
    actorIndex,
    findActor: async (story: string, nameOrAlias: string): Promise<ActorIndexRow | null> => findActor(await actorIndex(story), nameOrAlias),
    async actorMentions(story: string, actorId: string, limit: number): Promise<ActorMentionRow[]> {
      const rows = await all<ArticleColumns & { sentenceIndex: number; text: string; at: string | null; unverified: number }>(
        `SELECT m.sentence_index AS "sentenceIndex", st.text, ${sentenceAt} AS at, s.unverified, ${articleColumns}
         FROM actors x
         JOIN articles a ON a.pk = x.article_pk
         JOIN actor_mentions m ON m.article_pk = x.article_pk AND m.actor_id = x.id
         JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
         ${sentenceText}
         WHERE x.id = $1 AND a.story = $2 ORDER BY x.article_ms DESC NULLS LAST, x.article_pk DESC, m.sentence_index LIMIT $3`,
        [actorId, story, limit],
      );
      return rows.map((row) => {
        const { sentenceIndex, text, at, unverified } = row;
        return { sentenceIndex, text, at, unverified: bool(unverified), article: cite(row).article };
      });
    },
    async distinctReactions(story: string): Promise<ReactionRow[]> {
      // One row per actor, country and statement: the one from the newest article.
      const rows = await all<ArticleColumns & Omit<ReactionRow, "article"> & { first: number }>(
        `WITH ${rankedArticles},
         firsts AS (
           SELECT DISTINCT ON (x.actor_key, x.gist_key, x.actor, x.country_or_org) x.article_pk AS pk, x.ord, r.n * ${SLOT} + x.ord AS first
           FROM ranked r JOIN reactions x ON x.article_pk = r.pk
           ORDER BY x.actor_key, x.gist_key, x.actor, x.country_or_org, first
         )
         SELECT x.actor, x.country_or_org AS "countryOrOrg", x.gist, x.quote, x.at, xt.text AS sentence, x.sentence_index AS "sentenceIndex",
           ${articleColumns}, f.first
         FROM firsts f JOIN reactions x ON x.article_pk = f.pk AND x.ord = f.ord JOIN articles a ON a.pk = f.pk
         JOIN texts xt ON xt.id = x.sentence_text_id
         ORDER BY f.first`,
        [story],
      );
      return rows.map(({ first: _, ...row }) => cite(row));
    },
    async distinctVideos(story: string): Promise<VideoRow[]> {
      const rows = await all<ArticleColumns & Omit<VideoRow, "article"> & { first: number }>(
        `WITH ${rankedArticles},
         firsts AS (
           SELECT DISTINCT ON (v.title_key, v.aired_at) v.article_pk AS pk, v.ord, r.n * ${SLOT} + v.ord AS first
           FROM ranked r JOIN videos v ON v.article_pk = r.pk
           ORDER BY v.title_key, v.aired_at, first
         )
         SELECT v.title, v.reporter, v.outlet, v.programme, v.aired_at AS "airedAt", v.url, ${articleColumns}, f.first
         FROM firsts f JOIN videos v ON v.article_pk = f.pk AND v.ord = f.ord JOIN articles a ON a.pk = f.pk
         ORDER BY f.first`,
        [story],
      );
      return rows.map(({ first: _, ...row }) => cite(row));
    },
    async recentTimeline(story: string, limit: number): Promise<TimelineRow[]> {
      const rows = await all<ArticleColumns & { at: string; text: string; sentenceIndex: number; unverified: number }>(
        `SELECT t.at, tt.text, t.sentence_index AS "sentenceIndex", s.unverified, ${articleColumns}
         FROM timeline t
         JOIN articles a ON a.pk = t.article_pk
         JOIN sentences s ON s.article_pk = t.article_pk AND s.idx = t.sentence_index
         JOIN texts tt ON tt.id = t.text_id
         WHERE a.story = $1
         ORDER BY COALESCE(t.at_ms, 0) DESC, t.at COLLATE "C" DESC, t.article_pk DESC, t.ord DESC LIMIT $2`,
        [story, limit],
      );
      return rows.reverse().map((row) => ({ ...cite(row), unverified: bool(row.unverified) }));
    },
    async searchSentences(story: string, search: SentenceSearch): Promise<FoundSentence[]> {
      const query = anyTerm(search.terms);
      // As SQLite does: the best matches among distinct texts by rank (cover density here, BM25
      // there) with the limit in the full-text query, each cited from the story's newest-stored
      // sentence that carries it, texts of one key once. Which ones are kept from the best ranked
      // decides little: /ask ranks what it gets by BM25 over their terms itself.
      const found = query
        ? await all<FoundColumns & { score: number }>(
            `WITH f AS (
               SELECT t.id, ts_rank_cd(t.found_by, q.query) AS score
               FROM to_tsquery('simple', $1) AS q (query), texts t
               WHERE t.found_by @@ q.query
               ORDER BY score DESC, t.id LIMIT $4 * ${OVERFETCH}
             ),
             c AS (
               SELECT f.score, x.article_pk, x.idx, x.key_hash FROM f CROSS JOIN LATERAL (
                 SELECT s.article_pk, s.idx, t.key_hash FROM sentences s JOIN articles a ON a.pk = s.article_pk JOIN texts t ON t.id = s.text_id
                 WHERE s.text_id = f.id AND a.story = $2 AND s.heading IS DISTINCT FROM 1 ORDER BY s.article_pk DESC LIMIT 1
               ) x
             ),
             d AS (SELECT DISTINCT ON (key_hash) article_pk, idx, score FROM c ORDER BY key_hash, score DESC, article_pk DESC, idx)
             SELECT ${foundColumns}, ${figuresOf}, ${aboutAsked(3)}, d.score
             FROM d JOIN sentences s ON s.article_pk = d.article_pk AND s.idx = d.idx ${sentenceText} JOIN articles a ON a.pk = s.article_pk
             ORDER BY d.score DESC, s.article_pk DESC, s.idx LIMIT $4`,
            [query, story, search.actorIds, search.limit],
          )
        : [];
      // What is said of the actors asked about, earliest first: the order a question about them is answered in.
      const said = search.actorIds.length
        ? await all<FoundColumns>(
            `SELECT ${foundColumns}, ${aboutAsked(1)}, ${figuresOf}
             FROM actors x
             JOIN articles a ON a.pk = x.article_pk
             JOIN actor_mentions m ON m.article_pk = x.article_pk AND m.actor_id = x.id
             JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
             ${sentenceText}
             WHERE x.id = ANY($1::text[]) AND a.story = $2 AND s.heading IS DISTINCT FROM 1
             ORDER BY COALESCE(${sentenceAt}, '') COLLATE "C", s.idx LIMIT $3`,
            [search.actorIds, story, search.limit],
          )
        : [];
      return [...found.map(({ score: _, ...row }) => row), ...said].map(toFound);
    },
  };
}
