import { Article } from "../../ingest/article.js";
import { Extraction } from "../../extract/facts.js";
import { figureKindKey, keyHash, textKey, timeMs } from "../keys.js";
import { articleTexts, hashesOf, idsOf, matchTexts, ownTime, wantedTexts, type StoredText } from "../texts.js";
import { readingOf, type StoredVersion } from "../reading.js";
import type { IngestResult, StoredArticle } from "../store.js";
import {
  Update,
  isEmpty,
  newInStory,
  RECENT_DEVELOPMENTS,
  reactionKeys,
  videoKeys,
  type KnownFigure,
  type StoryHistory,
  type UpdateContent,
} from "../updates.js";
import { LockClass, inTransaction, lockInSchema, prepared, type Client, type Pool } from "./db.js";
import { assignActors } from "../story-actors.js";
import { addArticleActors, candidateActors, deferActors, rebuildActors, settleActors } from "./story-actors.js";
import { articleRowColumns, newestArticleFirst } from "./story-reads.js";

const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

/**
 * "The row at `articlePk` is the story's ($1)", as a subquery per row the planner cannot turn into
 * a join: with a join, the planner (before ANALYZE has counted a young table, or with several
 * stories) may start from the story's articles, every one of them, instead of the key's index.
 */
const ofStory = (articlePk: string) => `(SELECT a.story FROM articles a WHERE a.pk = ${articlePk}) = $1`;

/**
 * What the story held before this article, read in a handful of queries for every key the
 * extraction has (a round trip per look-up would cost more than the look-ups), inside the ingest's
 * transaction and before the article's previous version is replaced. Each key is looked up on its
 * own down its index and stops at its first row in the story (LATERAL … LIMIT 1, EXISTS), so the
 * cost does not grow with the story: DISTINCT over every match read every figure of a kind, every
 * row of the story's main actors, for each article stored.
 */
async function storyHistory(client: Client, story: string, extraction: Extraction): Promise<StoryHistory> {
  const kinds = [...new Set(extraction.figures.map(figureKindKey))];
  const figureKeys = extraction.figures.map((f) => [figureKindKey(f), f.count] as const);
  const reactions = extraction.reactions.map(reactionKeys);
  const videos = extraction.videos.map(videoKeys);
  const summaryKeys = extraction.summary.map((s) => textKey(s.text));

  // Everything but what needs the texts of the keys, in one statement: each look-up a column of JSON rows.
  const { rows } = await prepared<{
    latest: Array<KnownFigure & { kindKey: string }>;
    figures: Array<{ kindKey: string; count: number }>;
    actors: string[];
    titles: string[];
    urls: string[];
    texts: Array<{ id: number; text: string }>;
    headlines: string[];
    said: Array<{ actor: string; gist: string; quote: string | null }>;
  }>(
    client,
    `SELECT
       -- Each kind's newest figure down the figures_latest index (migration 013): figures.article_ms is its article's as_of_ms.
       (SELECT COALESCE(json_agg(json_build_object('kindKey', k.kind, 'count', l.count, 'qualifier', l.qualifier,
           'asOf', COALESCE(l.as_of, a.as_of), 'articleTitle', a.title, 'source', COALESCE(l.attributed_to, a.outlet))), '[]')
        FROM unnest($2::text[]) AS k (kind) CROSS JOIN LATERAL (
          SELECT f.article_pk, f.count, f.qualifier, f.as_of, f.attributed_to FROM figures f WHERE f.kind_key = k.kind AND ${ofStory("f.article_pk")}
          ORDER BY COALESCE(f.as_of_ms, f.article_ms) DESC NULLS LAST, f.article_pk DESC, f.ord DESC LIMIT 1) l
        JOIN articles a ON a.pk = l.article_pk) AS latest,
       (SELECT COALESCE(json_agg(json_build_object('kindKey', k.kind, 'count', k.count)), '[]') FROM unnest($3::text[], $4::float8[]) AS k (kind, count)
        WHERE EXISTS (SELECT 1 FROM figures f WHERE f.kind_key = k.kind AND f.count = k.count AND ${ofStory("f.article_pk")})) AS figures,
       (SELECT COALESCE(json_agg(k.id), '[]') FROM unnest($5::text[]) AS k (id)
        WHERE EXISTS (SELECT 1 FROM actors x WHERE x.id = k.id AND ${ofStory("x.article_pk")})) AS actors,
       (SELECT COALESCE(json_agg(k.key), '[]') FROM unnest($6::text[]) AS k (key)
        WHERE EXISTS (SELECT 1 FROM videos v WHERE v.title_key = k.key AND ${ofStory("v.article_pk")})) AS titles,
       (SELECT COALESCE(json_agg(k.url), '[]') FROM unnest($7::text[]) AS k (url)
        WHERE EXISTS (SELECT 1 FROM videos v WHERE v.url = k.url AND ${ofStory("v.article_pk")})) AS urls,
       -- The texts of each key asked about (reactions' sentences, headlines): those the key's hash finds, their keys compared below.
       (SELECT COALESCE(json_agg(json_build_object('id', t.id, 'text', t.text)), '[]') FROM texts t WHERE t.key_hash = ANY($8::bigint[])) AS texts,
       (SELECT COALESCE(json_agg(h.text ORDER BY h.n), '[]') FROM (
          SELECT mt.text, h0.n FROM (
            SELECT m.text_id, ROW_NUMBER() OVER (ORDER BY a.as_of_ms DESC NULLS LAST, a.pk DESC, m.ord) AS n
            FROM articles a JOIN summary m ON m.article_pk = a.pk WHERE a.story = $1
            ORDER BY a.as_of_ms DESC NULLS LAST, a.pk DESC, m.ord LIMIT $9) h0 JOIN texts mt ON mt.id = h0.text_id) h) AS headlines,
       (SELECT COALESCE(json_agg(json_build_object('actor', r.actor, 'gist', r.gist, 'quote', r.quote) ORDER BY r.n), '[]') FROM (
          SELECT r.actor, r.gist, r.quote, ROW_NUMBER() OVER (ORDER BY a.as_of_ms DESC NULLS LAST, a.pk DESC, r.ord) AS n
          FROM articles a JOIN reactions r ON r.article_pk = a.pk WHERE a.story = $1
          ORDER BY a.as_of_ms DESC NULLS LAST, a.pk DESC, r.ord LIMIT $9) r) AS said`,
    [
      story,
      kinds,
      figureKeys.map(([kind]) => kind),
      figureKeys.map(([, count]) => count),
      extraction.actors.map((a) => a.id),
      videos.map((v) => v.title),
      videos.flatMap((v) => (v.url === null ? [] : [v.url])),
      [...new Set([...reactions.map((r) => r.sentence), ...summaryKeys].map(keyHash))],
      RECENT_DEVELOPMENTS,
    ],
  );
  const found = rows[0];
  if (!found) throw new Error("the story's history came back empty");
  const textsOf = (key: string) => found.texts.flatMap((t) => (textKey(t.text) === key ? [t.id] : []));
  // Known by gist or quote, or by sentence: one of the texts of its key (pairs of reaction number and text id);
  // and which texts of the headlines' keys a sentence of the story carries.
  const sentenceTexts = reactions.flatMap((r, i) => textsOf(r.sentence).map((id) => [i + 1, id] as const));
  const known = await prepared<{ reactions: number[]; texts: number[] }>(
    client,
    `SELECT
       (SELECT COALESCE(json_agg(k.i), '[]') FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS k (actor, gist, quote, i)
        WHERE EXISTS (SELECT 1 FROM reactions r
          WHERE r.actor_key = k.actor AND ${ofStory("r.article_pk")}
            AND (r.gist_key = k.gist OR r.quote_key = k.quote
              OR r.sentence_text_id IN (SELECT p.id FROM unnest($5::int[], $6::bigint[]) AS p (i, id) WHERE p.i = k.i)))) AS reactions,
       (SELECT COALESCE(json_agg(c.id), '[]') FROM unnest($7::bigint[]) AS c (id)
        WHERE EXISTS (SELECT 1 FROM sentences s WHERE s.text_id = c.id AND ${ofStory("s.article_pk")})) AS texts`,
    [
      story,
      reactions.map((r) => r.actor),
      reactions.map((r) => r.gist),
      reactions.map((r) => r.quote),
      sentenceTexts.map(([i]) => i),
      sentenceTexts.map(([, id]) => id),
      summaryKeys.flatMap(textsOf),
    ],
  );
  const { reactions: knownReactions = [], texts: storyTexts = [] } = known.rows[0] ?? {};

  const latestByKind = new Map(found.latest.map(({ kindKey, ...figure }) => [kindKey, figure]));
  const knownFigures = new Set(found.figures.map((r) => `${r.kindKey}|${r.count}`));
  const knownActors = new Set(found.actors);
  const reactionKey = (keys: ReturnType<typeof reactionKeys>) => JSON.stringify(keys);
  const knownReactionKeys = new Set(knownReactions.flatMap((i) => reactions.slice(i - 1, i).map(reactionKey)));
  const titles = new Set(found.titles);
  const urls = new Set(found.urls);
  const inStory = new Set(storyTexts);
  const knownSentences = new Set(summaryKeys.filter((key) => textsOf(key).some((id) => inStory.has(id))));
  return {
    recentHeadlines: () => found.headlines,
    recentReactions: () => found.said,
    latestFigure: (kindKey) => latestByKind.get(kindKey) ?? null,
    knowsFigure: (kindKey, count) => knownFigures.has(`${kindKey}|${count}`),
    knowsActor: (id) => knownActors.has(id),
    knowsReaction: (keys) => knownReactionKeys.has(reactionKey(keys)),
    knowsVideo: (keys) => titles.has(keys.title) || (keys.url !== null && urls.has(keys.url)),
    knowsSentence: (key) => knownSentences.has(key),
  };
}

/**
 * The ids of the texts the article carries (texts.ts wantedTexts), the new ones added: one query
 * finds what is stored, one adds the rest.
 */
async function textIds(client: Client, extraction: Extraction): Promise<ReturnType<typeof articleTexts>> {
  const wanted = wantedTexts(extraction);
  const hashes = hashesOf(wanted);
  const stored = await client.query<StoredText>("SELECT id, text, words FROM texts WHERE hash = ANY($1::bigint[])", [[...new Set(hashes.values())]]);
  const { ids, added } = matchTexts(wanted, hashes, stored.rows);
  let addedIds: number[] = [];
  if (added.length) {
    const inserted = await client.query<StoredText>(
      "INSERT INTO texts (hash, key_hash, text, words) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) RETURNING id, text, words",
      [added.map((r) => r.hash), added.map((r) => r.keyHash), added.map((r) => r.text), added.map((r) => r.words)],
    );
    const byText = new Map(inserted.rows.map((r) => [`${r.words}\u0000${r.text}`, r.id]));
    addedIds = added.map((r) => byText.get(`${r.words}\u0000${r.text}`) ?? -1);
    if (addedIds.includes(-1)) throw new Error("INSERT … RETURNING gave no row for a text");
  }
  return articleTexts(extraction, idsOf(ids, addedIds));
}

/**
 * Every fact of the article in one statement, an INSERT per table (rows from unnest arrays) in a
 * WITH: a round trip per table was a third of the store step. A table the article has nothing for
 * gets empty arrays, so the text is always the same and its plan is kept (db.ts prepared).
 */
async function insertFacts(client: Client, pk: number, article: Article, extraction: Extraction): Promise<void> {
  const articleAsOfMs = timeMs(article.asOf);
  const texts = await textIds(client, extraction);
  const { sentences: s, figures: f, actors: a, reactions: r, videos: v, summary: m, timeline: t } = extraction;
  const aliases = a.flatMap((x) => [...new Set(x.aliases)].map((alias, ord) => ({ id: x.id, ord, alias })));
  const mentions = a.flatMap((x) => x.mentions.map((index) => ({ id: x.id, index })));
  const rk = r.map(reactionKeys);
  await prepared(
    client,
    `WITH sentences_in AS (
       INSERT INTO sentences (article_pk, idx, block, text_id, at, unverified, heading)
       SELECT $1::bigint, * FROM unnest($2::int[], $3::int[], $4::bigint[], $5::text[], $6::smallint[], $7::smallint[])
     ), figures_in AS (
       INSERT INTO figures (article_pk, ord, category, count, qualifier, who, unit, kind_key, attributed_to, as_of, as_of_ms,
         unverified, sentence_text_id, sentence_index, series_ms, article_ms)
       SELECT $1::bigint, k.ord - 1, k.category, k.count, k.qualifier, k.who, k.unit, k.kind_key, k.attributed_to, k.as_of, k.as_of_ms,
         k.unverified, k.sentence, k.sentence_index, k.series_ms, $8::bigint
       FROM unnest($9::text[], $10::float8[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::bigint[],
         $18::smallint[], $19::bigint[], $20::int[], $21::bigint[])
         WITH ORDINALITY AS k (category, count, qualifier, who, unit, kind_key, attributed_to, as_of, as_of_ms, unverified, sentence,
           sentence_index, series_ms, ord)
     ), actors_in AS (
       INSERT INTO actors (article_pk, ord, id, name, role, kind, affiliation, article_ms)
       SELECT $1::bigint, k.ord - 1, k.id, k.name, k.role, k.kind, k.affiliation, $8::bigint
       FROM unnest($22::text[], $23::text[], $24::text[], $25::text[], $26::text[]) WITH ORDINALITY AS k (id, name, role, kind, affiliation, ord)
     ), aliases_in AS (
       INSERT INTO actor_aliases (article_pk, actor_id, ord, alias) SELECT $1::bigint, * FROM unnest($27::text[], $28::int[], $29::text[])
     ), mentions_in AS (
       -- An extractor may list a sentence twice for one actor; once is enough.
       INSERT INTO actor_mentions (article_pk, actor_id, sentence_index)
       SELECT DISTINCT $1::bigint, k.* FROM unnest($30::text[], $31::int[]) AS k
       ON CONFLICT DO NOTHING
     ), reactions_in AS (
       INSERT INTO reactions (article_pk, ord, actor, actor_key, country_or_org, gist, gist_key, quote, quote_key, at, sentence_text_id,
         sentence_index)
       SELECT $1::bigint, k.ord - 1, k.actor, k.actor_key, k.country_or_org, k.gist, k.gist_key, k.quote, k.quote_key, k.at, k.sentence,
         k.sentence_index
       FROM unnest($32::text[], $33::text[], $34::text[], $35::text[], $36::text[], $37::text[], $38::text[], $39::text[], $40::bigint[],
         $41::int[])
         WITH ORDINALITY AS k (actor, actor_key, country_or_org, gist, gist_key, quote, quote_key, at, sentence, sentence_index, ord)
     ), videos_in AS (
       INSERT INTO videos (article_pk, ord, title, title_key, reporter, outlet, programme, aired_at, url)
       SELECT $1::bigint, k.ord - 1, k.title, k.title_key, k.reporter, k.outlet, k.programme, k.aired_at, k.url
       FROM unnest($42::text[], $43::text[], $44::text[], $45::text[], $46::text[], $47::text[], $48::text[])
         WITH ORDINALITY AS k (title, title_key, reporter, outlet, programme, aired_at, url, ord)
     ), summary_in AS (
       INSERT INTO summary (article_pk, ord, text_id, sentence_index, score)
       SELECT $1::bigint, k.ord - 1, k.text_id, k.sentence_index, k.score
       FROM unnest($49::bigint[], $50::int[], $51::float8[]) WITH ORDINALITY AS k (text_id, sentence_index, score, ord)
     )
     INSERT INTO timeline (article_pk, ord, at, at_ms, text_id, sentence_index)
     SELECT $1::bigint, k.ord - 1, k.at, k.at_ms, k.text_id, k.sentence_index
     FROM unnest($52::text[], $53::bigint[], $54::bigint[], $55::int[]) WITH ORDINALITY AS k (at, at_ms, text_id, sentence_index, ord)`,
    [
      pk,
      s.map((x) => x.index),
      s.map((x) => x.block),
      texts.sentences,
      s.map((x) => ownTime(x, article)),
      s.map((x) => flag(x.unverified)),
      s.map((x) => flag(x.heading)),
      articleAsOfMs,
      f.map((x) => x.category),
      f.map((x) => x.count),
      f.map((x) => x.qualifier),
      f.map((x) => x.who),
      f.map((x) => x.unit),
      f.map(figureKindKey),
      f.map((x) => x.attributedTo),
      f.map((x) => x.asOf),
      f.map((x) => timeMs(x.asOf)),
      f.map((x) => flag(x.unverified)),
      texts.figures,
      f.map((x) => x.sentenceIndex),
      // Its place in its series: its own time when it gives one (even unreadable), else its article's.
      f.map((x) => (x.asOf === null ? articleAsOfMs : timeMs(x.asOf)) ?? 0),
      a.map((x) => x.id),
      a.map((x) => x.name),
      a.map((x) => x.role),
      a.map((x) => x.kind),
      a.map((x) => x.affiliation),
      aliases.map((x) => x.id),
      aliases.map((x) => x.ord),
      aliases.map((x) => x.alias),
      mentions.map((x) => x.id),
      mentions.map((x) => x.index),
      r.map((x) => x.actor),
      rk.map((k) => k.actor),
      r.map((x) => x.countryOrOrg),
      r.map((x) => x.gist),
      rk.map((k) => k.gist),
      r.map((x) => x.quote),
      rk.map((k) => k.quote),
      r.map((x) => x.at),
      texts.reactions,
      r.map((x) => x.sentenceIndex),
      v.map((x) => x.title),
      v.map((x) => videoKeys(x).title),
      v.map((x) => x.reporter),
      v.map((x) => x.outlet),
      v.map((x) => x.programme),
      v.map((x) => x.airedAt),
      v.map((x) => x.url),
      texts.summary,
      m.map((x) => x.sentenceIndex),
      m.map((x) => x.score),
      t.map((x) => x.at),
      t.map((x) => timeMs(x.at)),
      texts.timeline,
      t.map((x) => x.sentenceIndex),
    ],
  );
}

/**
 * An ingest's look-ups each want the first row of a key in the story, which a plain index scan
 * finds at once; a bitmap scan, which the planner takes where it expects few rows, first reads every
 * row of the key: the story's every sentence of a text, its every figure of a count, per article.
 */
const pointLookUps = (client: Client) => client.query("SET LOCAL enable_bitmapscan = off");

/**
 * Ingest on PostgreSQL: one transaction per article, one ingest per story at a time (an advisory
 * lock, as SQLite's write lock); articles are stored as read by `extractionVersion` (sqlite/articles.ts).
 */
export function articleWriter(pool: Pool, now: () => Date, extractionVersion: number) {
  async function ingestOne(client: Client, story: string, article: Article, extracted: Extraction): Promise<IngestResult> {
    // Per story, like SQLite's single writer: what is new is judged against everything committed before.
    await lockInSchema(client, LockClass.ingest, story);
    const found = await client.query<StoredVersion & { pk: number }>(
      `SELECT pk, content_hash AS "contentHash", raw_path AS "rawPath", raw_hash AS "rawHash", extraction_version AS "extractionVersion"
       FROM articles WHERE story = $1 AND id = $2`,
      [story, article.id],
    );
    const existing = found.rows[0];
    const [rawPath, rawHash] = [article.rawInput?.path ?? null, article.rawInput?.hash ?? null];
    const reading = existing && readingOf(existing, article, extractionVersion);
    if (existing && reading === "unchanged") {
      // The same content from a touched file: the file's new hash, so the next run need not parse it.
      if (existing.rawPath !== rawPath || existing.rawHash !== rawHash) {
        await client.query("UPDATE articles SET raw_path = $1, raw_hash = $2 WHERE pk = $3", [rawPath, rawHash, existing.pk]);
      }
      return { status: "unchanged", articleId: article.id, update: null };
    }

    // The article's actors under the story's ids: who is new is judged by who the story already has.
    const candidates = await candidateActors(client, story, extracted.actors);
    const extraction = { ...extracted, actors: assignActors(extracted.actors, candidates) };
    // A new reading of what the story already had is no news, whatever it finds.
    const content = reading === "reextracted" ? null : newInStory(await storyHistory(client, story, extraction), extraction, article);
    const at = now().toISOString();
    const row = [
      article.contentHash,
      article.title,
      article.asOf,
      timeMs(article.asOf),
      article.url,
      article.outlet,
      article.language,
      article.origin,
      rawPath,
      rawHash,
      extractionVersion,
      at,
    ];
    let pk: number;
    let replaced: string[] = [];
    if (existing) {
      pk = existing.pk;
      replaced = (await client.query<{ id: string }>("SELECT id FROM actors WHERE article_pk = $1", [pk])).rows.map((r) => r.id);
      await client.query(
        `UPDATE articles SET content_hash = $1, title = $2, as_of = $3, as_of_ms = $4, url = $5, outlet = $6, language = $7,
           origin = $8, raw_path = $9, raw_hash = $10, extraction_version = $11, updated_at = $12 WHERE pk = $13`,
        [...row, pk],
      );
      // Deleting sentences cascades to every fact that points at one; actors and videos hang off the article.
      for (const table of ["sentences", "actors", "videos"]) await client.query(`DELETE FROM ${table} WHERE article_pk = $1`, [pk]);
    } else {
      const inserted = await client.query<{ pk: number }>(
        `INSERT INTO articles (content_hash, title, as_of, as_of_ms, url, outlet, language, origin, raw_path, raw_hash, extraction_version,
           first_seen_at, updated_at, story, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14) RETURNING pk`,
        [...row, story, article.id],
      );
      pk = inserted.rows[0]!.pk;
    }
    await insertFacts(client, pk, article, extraction);
    // A replaced version's share of its actors cannot be subtracted: they are rebuilt, or left to one pass
    // after a re-reading (sqlite/articles.ts says why).
    if (content === null) await deferActors(client, story);
    else if (existing) await rebuildActors(client, story, [...new Set([...replaced, ...extraction.actors.map((a) => a.id)])]);
    else await addArticleActors(client, story, extraction.actors, { ms: timeMs(article.asOf), pk }, candidates);
    await client.query("UPDATE store_version SET n = n + 1");

    if (content === null) return { status: "reextracted", articleId: article.id, update: null };
    const status = existing ? "updated" : "added";
    // A new article is itself a development; a new version of one is only when it says something new.
    if (status === "updated" && isEmpty(content)) return { status, articleId: article.id, update: null };
    return { status, articleId: article.id, update: await recordUpdate(client, story, article, status, at, content) };
  }

  async function recordUpdate(client: Client, story: string, article: Article, status: "added" | "updated", at: string, content: UpdateContent) {
    const payload = { ...content, status, articleOutlet: article.outlet };
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO updates (story, article_id, article_title, article_url, created_at, payload) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [story, article.id, article.title, article.url, at, JSON.stringify(payload)],
    );
    return Update.parse({
      ...payload,
      id: inserted.rows[0]!.id,
      story,
      articleId: article.id,
      articleTitle: article.title,
      articleUrl: article.url,
      createdAt: at,
    });
  }

  return {
    async ingest(story: string, article: Article, extraction: Extraction): Promise<IngestResult> {
      try {
        // Source text is untrusted and extractors are code: check the shapes before anything is written.
        const [checkedArticle, checkedExtraction] = [Article.parse(article), Extraction.parse(extraction)];
        return await inTransaction(pool, async (client) => {
          await pointLookUps(client);
          return ingestOne(client, story, checkedArticle, checkedExtraction);
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Could not store article ${article.id} (${article.origin}) in story "${story}": ${reason}`, { cause: error });
      }
    },
    async ingestBatch(story: string, items: ReadonlyArray<{ article: Article; extraction: Extraction }>): Promise<Array<IngestResult | Error>> {
      return inTransaction(pool, async (client) => {
        await pointLookUps(client);
        const results: Array<IngestResult | Error> = [];
        for (const { article, extraction } of items) {
          await client.query("SAVEPOINT article");
          try {
            const [checkedArticle, checkedExtraction] = [Article.parse(article), Extraction.parse(extraction)];
            results.push(await ingestOne(client, story, checkedArticle, checkedExtraction));
            await client.query("RELEASE SAVEPOINT article");
          } catch (error) {
            await client.query("ROLLBACK TO SAVEPOINT article");
            const reason = error instanceof Error ? error.message : String(error);
            results.push(new Error(`Could not store article ${article.id} (${article.origin}) in story "${story}": ${reason}`, { cause: error }));
          }
        }
        return results;
      });
    },
    settleActors: (story: string): Promise<void> => settleActors(pool, story),
    async isUnchanged(articleId: string, contentHash: string): Promise<boolean> {
      const { rowCount } = await pool.query("SELECT 1 FROM articles WHERE id = $1 AND content_hash = $2 AND extraction_version = $3 LIMIT 1", [
        articleId,
        contentHash,
        extractionVersion,
      ]);
      return (rowCount ?? 0) > 0;
    },
    async rawInputs(story: string, options: { includeOlderReadings?: boolean } = {}): Promise<Map<string, string>> {
      const { rows } = await pool.query<{ path: string; hash: string }>(
        // A file whose facts an older extraction made is left out, so that it is parsed and extracted again.
        `SELECT raw_path AS path, raw_hash AS hash FROM articles
         WHERE story = $1 AND raw_path IS NOT NULL AND raw_hash IS NOT NULL AND ($2::int IS NULL OR extraction_version = $2)`,
        [story, options.includeOlderReadings ? null : extractionVersion],
      );
      return new Map(rows.map((r) => [r.path, r.hash]));
    },
    async articles(story: string): Promise<StoredArticle[]> {
      const { rows } = await pool.query<StoredArticle>(
        `SELECT ${articleRowColumns}, a.extraction_version <> $2 AS "olderReading" FROM articles a WHERE a.story = $1 ORDER BY ${newestArticleFirst}`,
        [story, extractionVersion],
      );
      return rows;
    },
  };
}
