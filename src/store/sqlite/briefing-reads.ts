import type { Qualifier } from "../../extract/facts.js";
import type { Db } from "./db.js";
import { PerVersion } from "../actor-index.js";
import { byMentions, indexRow } from "../story-actors.js";
import type { StoryActorRows } from "./story-actors.js";
import { SERIES_REPORTS, seriesSteps } from "../figure-series.js";
import {
  OVERFETCH,
  SLOT,
  articleColumns,
  bool,
  cite,
  figureColumns,
  figureText,
  findActor,
  foundColumns,
  sentenceAt,
  sentenceText,
  toFigure,
  toFound,
  type ArticleColumns,
  type FigureColumns,
  type FoundColumns,
} from "../rows.js";
import { newestArticleFirst } from "./story-reads.js";
import type {
  ActorIndexRow,
  ActorMentionRow,
  ArticleRow,
  FigureRow,
  FigureSeriesRow,
  FoundSentence,
  ReactionRow,
  SentenceSearch,
  TimelineRow,
  VideoRow,
} from "../store.js";

/** Every article of the story numbered newest first, straight off the (story, as_of_ms, pk) index. */
const rankedArticles = `ranked AS (SELECT pk, ROW_NUMBER() OVER (ORDER BY as_of_ms DESC, pk DESC) AS n FROM articles WHERE story = ?)`;

/**
 * Reads shaped for the briefings: each returns about what its view shows, with the ordering,
 * de-duplication and bounding done in SQL on indexes, so a reply's cost does not grow with the
 * story.
 */
export function briefingReader(db: Db, version: () => string, storyActors: StoryActorRows) {
  const recentArticles = db.prepare<[string, number], ArticleRow>(
    `SELECT a.id, a.title, a.url, a.outlet, a.as_of AS asOf, a.story, a.content_hash AS contentHash, a.language, a.origin,
       a.first_seen_at AS firstSeenAt, a.updated_at AS updatedAt
     FROM articles a WHERE a.story = ? ORDER BY ${newestArticleFirst} LIMIT ?`,
  );

  // Distinct kinds by hopping along the kind index: one probe per kind, not one per figure.
  const figureKinds = db
    .prepare<[], string>(
      `WITH RECURSIVE k (key) AS (
         SELECT MIN(kind_key) FROM figures
         UNION ALL SELECT (SELECT MIN(kind_key) FROM figures WHERE kind_key > k.key) FROM k WHERE k.key IS NOT NULL
       ) SELECT key FROM k WHERE key IS NOT NULL`,
    )
    .pluck();
  // A kind's newest reports, newest first, straight off the series index (no sort), with just what
  // tells one report from the next; the steps shown are then read whole by their keys.
  const newestReports = db.prepare<
    [string, string, number],
    { count: number; qualifier: Qualifier; attributedTo: string | null; articlePk: number; ord: number }
  >(
    `SELECT f.count, f.qualifier, f.attributed_to AS attributedTo, f.article_pk AS articlePk, f.ord
     FROM figures f CROSS JOIN articles a ON a.pk = f.article_pk
     WHERE f.kind_key = ? AND a.story = ?
     ORDER BY f.series_ms DESC, f.article_ms DESC, f.article_pk DESC, f.ord LIMIT ?`,
  );
  const figure = db.prepare<[number, number], FigureColumns>(
    `SELECT ${figureColumns} FROM figures f JOIN articles a ON a.pk = f.article_pk ${figureText} WHERE f.article_pk = ? AND f.ord = ?`,
  );

  const actorMentions = db.prepare<[string, string, number], ArticleColumns & { sentenceIndex: number; text: string; at: string | null; unverified: number }>(
    `SELECT m.sentence_index AS sentenceIndex, st.text, ${sentenceAt} AS at, s.unverified, ${articleColumns}
     FROM actors x
     CROSS JOIN articles a ON a.pk = x.article_pk
     CROSS JOIN actor_mentions m ON m.article_pk = x.article_pk AND m.actor_id = x.id
     JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
     ${sentenceText}
     WHERE x.id = ? AND a.story = ? ORDER BY x.article_ms DESC, x.article_pk DESC, m.sentence_index LIMIT ?`,
  );

  // One row per actor, country and statement: the one from the newest article (SQLite takes the
  // bare columns from the row that holds the MIN). Grouping keys alone and reading the few kept
  // rows after costs half of grouping whole rows.
  const distinctReactions = db.prepare<
    [string],
    ArticleColumns & {
      actor: string;
      countryOrOrg: string;
      gist: string;
      quote: string | null;
      at: string | null;
      sentence: string;
      sentenceIndex: number;
      first: number;
    }
  >(
    `WITH ${rankedArticles},
     firsts AS (
       SELECT x.article_pk AS pk, x.ord, MIN(r.n * ${SLOT} + x.ord) AS first
       FROM ranked r JOIN reactions x ON x.article_pk = r.pk
       GROUP BY x.actor_key, x.gist_key, x.actor, x.country_or_org
     )
     SELECT x.actor, x.country_or_org AS countryOrOrg, x.gist, x.quote, x.at, xt.text AS sentence, x.sentence_index AS sentenceIndex,
       ${articleColumns}, f.first
     FROM firsts f JOIN reactions x ON x.article_pk = f.pk AND x.ord = f.ord JOIN articles a ON a.pk = f.pk
     JOIN texts xt ON xt.id = x.sentence_text_id
     ORDER BY f.first`,
  );
  const distinctVideos = db.prepare<
    [string],
    ArticleColumns & {
      title: string;
      reporter: string | null;
      outlet: string | null;
      programme: string | null;
      airedAt: string | null;
      url: string | null;
      first: number;
    }
  >(
    `WITH ${rankedArticles},
     firsts AS (
       SELECT v.article_pk AS pk, v.ord, MIN(r.n * ${SLOT} + v.ord) AS first
       FROM ranked r JOIN videos v ON v.article_pk = r.pk
       GROUP BY v.title_key, v.aired_at
     )
     SELECT v.title, v.reporter, v.outlet, v.programme, v.aired_at AS airedAt, v.url, ${articleColumns}, f.first
     FROM firsts f JOIN videos v ON v.article_pk = f.pk AND v.ord = f.ord JOIN articles a ON a.pk = f.pk
     ORDER BY f.first`,
  );

  const recentTimeline = db.prepare<[string, number], ArticleColumns & { at: string; text: string; sentenceIndex: number; unverified: number }>(
    `SELECT t.at, tt.text, t.sentence_index AS sentenceIndex, s.unverified, ${articleColumns}
     FROM timeline t
     CROSS JOIN articles a ON a.pk = t.article_pk
     JOIN sentences s ON s.article_pk = t.article_pk AND s.idx = t.sentence_index
     JOIN texts tt ON tt.id = t.text_id
     WHERE a.story = ?
     ORDER BY COALESCE(t.at_ms, 0) DESC, t.at DESC, t.article_pk DESC, t.ord DESC LIMIT ?`,
  );

  // The figures taken from a sentence, and which of the actors asked about it mentions.
  const figuresOf = `(SELECT json_group_array(json_object('category', x.category, 'count', x.count, 'who', x.who))
     FROM figures x WHERE x.article_pk = s.article_pk AND x.sentence_index = s.idx) AS figures`;
  const aboutAsked = `(SELECT json_group_array(id) FROM (SELECT DISTINCT m.actor_id AS id FROM actor_mentions m, json_each(@ids) j
     WHERE m.article_pk = s.article_pk AND m.actor_id = j.value AND m.sentence_index = s.idx ORDER BY id)) AS about`;
  // The best BM25 matches among distinct texts, the limit applied inside the full-text query (FTS5
  // keeps only the best rows as it ranks), so what it ranks grows with what the stories say, not
  // with how many articles repeat it. Each text found is then cited from the story's newest-stored
  // sentence that carries it (one index probe), and texts of one key are kept once. The index spans
  // every story, hence the overfetch. MATERIALIZED keeps the match a query of its own: FTS5's rank
  // exists only there.
  const matching = db.prepare<{ query: string; story: string; ids: string; limit: number }, FoundColumns & { score: number }>(
    `WITH f AS MATERIALIZED (
       SELECT rowid AS id, rank AS score FROM texts_fts WHERE texts_fts MATCH @query ORDER BY rank LIMIT @limit * ${OVERFETCH}
     ),
     c AS (
       SELECT f.score, (
         SELECT x.article_pk * ${SLOT} + x.idx FROM sentences x CROSS JOIN articles xa ON xa.pk = x.article_pk
         WHERE x.text_id = f.id AND xa.story = @story AND x.heading IS NOT 1 ORDER BY x.article_pk DESC LIMIT 1
       ) AS at
       FROM f
     )
     SELECT ${foundColumns}, ${aboutAsked}, ${figuresOf}, MIN(c.score) AS score
     FROM c
     JOIN sentences s ON s.article_pk = c.at / ${SLOT} AND s.idx = c.at % ${SLOT}
     ${sentenceText}
     JOIN articles a ON a.pk = s.article_pk
     GROUP BY st.key_hash ORDER BY score LIMIT @limit`,
  );
  // What is said of the actors asked about, earliest first: the order a question about them is answered in.
  const earliestMentions = db.prepare<{ story: string; ids: string; limit: number }, FoundColumns>(
    `SELECT ${foundColumns}, ${aboutAsked}, ${figuresOf}
     FROM json_each(@ids) j
     CROSS JOIN actors x ON x.id = j.value
     CROSS JOIN articles a ON a.pk = x.article_pk
     CROSS JOIN actor_mentions m ON m.article_pk = x.article_pk AND m.actor_id = x.id
     JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
     ${sentenceText}
     WHERE a.story = @story AND s.heading IS NOT 1
     ORDER BY COALESCE(${sentenceAt}, ''), s.idx LIMIT @limit`,
  );

  const actorIndexes = new PerVersion<ActorIndexRow[]>();
  const actorIndex = (story: string): ActorIndexRow[] => actorIndexes.get(version(), story, () => storyActors.all(story).map(indexRow).sort(byMentions));

  return {
    recentArticles: (story: string, limit: number): ArticleRow[] => recentArticles.all(story, limit),
    figureSeries(story: string, steps: number): FigureSeriesRow[] {
      const full = (r: { articlePk: number; ord: number }): FigureRow => {
        const row = figure.get(r.articlePk, r.ord);
        if (!row) throw new Error(`figure ${r.articlePk}/${r.ord} vanished while read`);
        return toFigure(row);
      };
      return figureKinds.all().flatMap((kind) => {
        const series = seriesSteps(newestReports.all(kind, story, SERIES_REPORTS + 1), steps);
        return series ? [{ ...series, latest: full(series.latest), earlier: series.earlier.map(full) }] : [];
      });
    },
    actorIndex,
    findActor: (story: string, nameOrAlias: string): ActorIndexRow | null => findActor(actorIndex(story), nameOrAlias),
    actorMentions: (story: string, actorId: string, limit: number): ActorMentionRow[] =>
      actorMentions.all(actorId, story, limit).map((row) => {
        const { sentenceIndex, text, at, unverified } = row;
        return { sentenceIndex, text, at, unverified: bool(unverified), article: cite(row).article };
      }),
    distinctReactions: (story: string): ReactionRow[] => distinctReactions.all(story).map(({ first: _, ...row }) => cite(row)),
    distinctVideos: (story: string): VideoRow[] => distinctVideos.all(story).map(({ first: _, ...row }) => cite(row)),
    recentTimeline: (story: string, limit: number): TimelineRow[] =>
      recentTimeline
        .all(story, limit)
        .reverse()
        .map((row) => ({ ...cite(row), unverified: bool(row.unverified) })),
    searchSentences(story: string, search: SentenceSearch): FoundSentence[] {
      const ids = JSON.stringify(search.actorIds);
      const query = [...new Set(search.terms)].map((t) => `"${t.replaceAll('"', "")}"`).join(" OR ");
      const found = query ? matching.all({ query, story, ids, limit: search.limit }).map(({ score: _, ...row }) => row) : [];
      const said = search.actorIds.length ? earliestMentions.all({ story, ids, limit: search.limit }) : [];
      return [...found, ...said].map(toFound);
    },
  };
}
