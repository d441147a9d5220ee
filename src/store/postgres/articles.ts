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
import { LockClass, inTransaction, lockInSchema, type Client, type Pool } from "./db.js";
import { assignActors } from "../story-actors.js";
import { addArticleActors, candidateActors, deferActors, rebuildActors, settleActors } from "./story-actors.js";
import { articleRowColumns, newestArticleFirst } from "./story-reads.js";

const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

/**
 * What the story held before this article, read in a handful of queries for every key the
 * extraction has (a round trip per look-up would cost more than the look-ups), inside the ingest's
 * transaction and before the article's previous version is replaced.
 */
async function storyHistory(client: Client, story: string, extraction: Extraction): Promise<StoryHistory> {
  const kinds = [...new Set(extraction.figures.map(figureKindKey))];
  const figureKeys = extraction.figures.map((f) => [figureKindKey(f), f.count] as const);
  const reactions = extraction.reactions.map(reactionKeys);
  const videos = extraction.videos.map(videoKeys);
  const summaryKeys = extraction.summary.map((s) => textKey(s.text));

  // One connection answers one query at a time: these run in turn.
  const latest = await client.query<KnownFigure & { kindKey: string }>(
    `SELECT DISTINCT ON (f.kind_key) f.kind_key AS "kindKey", f.count, f.qualifier, COALESCE(f.as_of, a.as_of) AS "asOf",
       a.title AS "articleTitle", COALESCE(f.attributed_to, a.outlet) AS source
     FROM figures f JOIN articles a ON a.pk = f.article_pk
     WHERE a.story = $1 AND f.kind_key = ANY($2::text[])
     ORDER BY f.kind_key, COALESCE(f.as_of_ms, a.as_of_ms) DESC NULLS LAST, a.pk DESC, f.ord DESC`,
    [story, kinds],
  );
  const figures = await client.query<{ kindKey: string; count: number }>(
    `SELECT DISTINCT f.kind_key AS "kindKey", f.count FROM figures f JOIN articles a ON a.pk = f.article_pk
     JOIN unnest($2::text[], $3::float8[]) AS k (kind, count) ON f.kind_key = k.kind AND f.count = k.count
     WHERE a.story = $1`,
    [story, figureKeys.map(([kind]) => kind), figureKeys.map(([, count]) => count)],
  );
  const actors = await client.query<{ id: string }>(
    "SELECT DISTINCT x.id FROM actors x JOIN articles a ON a.pk = x.article_pk WHERE a.story = $1 AND x.id = ANY($2::text[])",
    [story, extraction.actors.map((a) => a.id)],
  );
  // The texts of each key asked about (reactions' sentences, headlines): those the key's hash finds, their keys compared.
  const hashed = await client.query<{ id: number; text: string }>("SELECT id, text FROM texts WHERE key_hash = ANY($1::bigint[])", [
    [...new Set([...reactions.map((r) => r.sentence), ...summaryKeys].map(keyHash))],
  ]);
  const textsOf = (key: string) => hashed.rows.flatMap((t) => (textKey(t.text) === key ? [t.id] : []));
  // Known by gist or quote, or by sentence: one of the texts of its key (pairs of reaction number and text id).
  const sentenceTexts = reactions.flatMap((r, i) => textsOf(r.sentence).map((id) => [i + 1, id] as const));
  const knownReactions = await client.query<{ i: number }>(
    `SELECT k.i FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS k (actor, gist, quote, i)
     WHERE EXISTS (SELECT 1 FROM reactions r JOIN articles a ON a.pk = r.article_pk
       WHERE a.story = $1 AND r.actor_key = k.actor
         AND (r.gist_key = k.gist OR r.quote_key = k.quote
           OR r.sentence_text_id IN (SELECT p.id FROM unnest($5::int[], $6::bigint[]) AS p (i, id) WHERE p.i = k.i)))`,
    [
      story,
      reactions.map((r) => r.actor),
      reactions.map((r) => r.gist),
      reactions.map((r) => r.quote),
      sentenceTexts.map(([i]) => i),
      sentenceTexts.map(([, id]) => id),
    ],
  );
  const videoTitles = await client.query<{ key: string }>(
    "SELECT DISTINCT v.title_key AS key FROM videos v JOIN articles a ON a.pk = v.article_pk WHERE a.story = $1 AND v.title_key = ANY($2::text[])",
    [story, videos.map((v) => v.title)],
  );
  const videoUrls = await client.query<{ url: string }>(
    "SELECT DISTINCT v.url FROM videos v JOIN articles a ON a.pk = v.article_pk WHERE a.story = $1 AND v.url = ANY($2::text[])",
    [story, videos.flatMap((v) => (v.url === null ? [] : [v.url]))],
  );
  // Which texts of the headlines' keys a sentence of the story carries.
  const sentences = await client.query<{ id: number }>(
    `SELECT c.id FROM unnest($2::bigint[]) AS c (id)
     WHERE EXISTS (SELECT 1 FROM sentences s JOIN articles a ON a.pk = s.article_pk WHERE s.text_id = c.id AND a.story = $1)`,
    [story, summaryKeys.flatMap(textsOf)],
  );

  const headlines = await client.query<{ text: string }>(
    `SELECT mt.text FROM articles a JOIN summary m ON m.article_pk = a.pk JOIN texts mt ON mt.id = m.text_id WHERE a.story = $1
     ORDER BY a.as_of_ms DESC NULLS LAST, a.pk DESC, m.ord LIMIT $2`,
    [story, RECENT_DEVELOPMENTS],
  );
  const said = await client.query<{ actor: string; gist: string; quote: string | null }>(
    `SELECT r.actor, r.gist, r.quote FROM articles a JOIN reactions r ON r.article_pk = a.pk WHERE a.story = $1
     ORDER BY a.as_of_ms DESC NULLS LAST, a.pk DESC, r.ord LIMIT $2`,
    [story, RECENT_DEVELOPMENTS],
  );

  const latestByKind = new Map(latest.rows.map(({ kindKey, ...figure }) => [kindKey, figure]));
  const knownFigures = new Set(figures.rows.map((r) => `${r.kindKey}|${r.count}`));
  const knownActors = new Set(actors.rows.map((r) => r.id));
  const reactionKey = (keys: ReturnType<typeof reactionKeys>) => JSON.stringify(keys);
  const knownReactionKeys = new Set(knownReactions.rows.flatMap((r) => reactions.slice(r.i - 1, r.i).map(reactionKey)));
  const titles = new Set(videoTitles.rows.map((r) => r.key));
  const urls = new Set(videoUrls.rows.map((r) => r.url));
  const storyTexts = new Set(sentences.rows.map((r) => r.id));
  const knownSentences = new Set(summaryKeys.filter((key) => textsOf(key).some((id) => storyTexts.has(id))));
  return {
    recentHeadlines: () => headlines.rows.map((r) => r.text),
    recentReactions: () => said.rows,
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

/** Every fact of the article, one multi-row INSERT per table. */
async function insertFacts(client: Client, pk: number, article: Article, extraction: Extraction): Promise<void> {
  const articleAsOfMs = timeMs(article.asOf);
  const column = <T, V>(items: readonly T[], value: (item: T) => V) => items.map(value);
  const s = extraction.sentences;
  const texts = await textIds(client, extraction);
  await client.query(
    `INSERT INTO sentences (article_pk, idx, block, text_id, at, unverified, heading)
     SELECT $1::bigint, * FROM unnest($2::int[], $3::int[], $4::bigint[], $5::text[], $6::smallint[], $7::smallint[])`,
    [
      pk,
      column(s, (x) => x.index),
      column(s, (x) => x.block),
      texts.sentences,
      column(s, (x) => ownTime(x, article)),
      column(s, (x) => flag(x.unverified)),
      column(s, (x) => flag(x.heading)),
    ],
  );
  const f = extraction.figures;
  if (f.length) {
    await client.query(
      `INSERT INTO figures (article_pk, ord, category, count, qualifier, who, unit, kind_key, attributed_to, as_of, as_of_ms,
         unverified, sentence_text_id, sentence_index, series_ms, article_ms)
       SELECT $1::bigint, k.ord - 1, k.category, k.count, k.qualifier, k.who, k.unit, k.kind_key, k.attributed_to, k.as_of, k.as_of_ms,
         k.unverified, k.sentence, k.sentence_index, k.series_ms, $15
       FROM unnest($2::text[], $3::float8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[],
         $11::smallint[], $12::bigint[], $13::int[], $14::bigint[])
         WITH ORDINALITY AS k (category, count, qualifier, who, unit, kind_key, attributed_to, as_of, as_of_ms, unverified, sentence,
           sentence_index, series_ms, ord)`,
      [
        pk,
        column(f, (x) => x.category),
        column(f, (x) => x.count),
        column(f, (x) => x.qualifier),
        column(f, (x) => x.who),
        column(f, (x) => x.unit),
        f.map(figureKindKey),
        column(f, (x) => x.attributedTo),
        column(f, (x) => x.asOf),
        column(f, (x) => timeMs(x.asOf)),
        column(f, (x) => flag(x.unverified)),
        texts.figures,
        column(f, (x) => x.sentenceIndex),
        // Its place in its series: its own time when it gives one (even unreadable), else its article's.
        column(f, (x) => (x.asOf === null ? articleAsOfMs : timeMs(x.asOf)) ?? 0),
        articleAsOfMs,
      ],
    );
  }
  const a = extraction.actors;
  if (a.length) {
    await client.query(
      `INSERT INTO actors (article_pk, ord, id, name, role, kind, affiliation, article_ms)
       SELECT $1::bigint, k.ord - 1, k.id, k.name, k.role, k.kind, k.affiliation, $7::bigint
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS k (id, name, role, kind, affiliation, ord)`,
      [
        pk,
        column(a, (x) => x.id),
        column(a, (x) => x.name),
        column(a, (x) => x.role),
        column(a, (x) => x.kind),
        column(a, (x) => x.affiliation),
        articleAsOfMs,
      ],
    );
    const aliases = a.flatMap((x) => [...new Set(x.aliases)].map((alias, ord) => ({ id: x.id, ord, alias })));
    if (aliases.length) {
      await client.query("INSERT INTO actor_aliases (article_pk, actor_id, ord, alias) SELECT $1::bigint, * FROM unnest($2::text[], $3::int[], $4::text[])", [
        pk,
        column(aliases, (x) => x.id),
        column(aliases, (x) => x.ord),
        column(aliases, (x) => x.alias),
      ]);
    }
    const mentions = a.flatMap((x) => x.mentions.map((index) => ({ id: x.id, index })));
    if (mentions.length) {
      // An extractor may list a sentence twice for one actor; once is enough.
      await client.query(
        `INSERT INTO actor_mentions (article_pk, actor_id, sentence_index)
         SELECT DISTINCT $1::bigint, k.* FROM unnest($2::text[], $3::int[]) AS k
         ON CONFLICT DO NOTHING`,
        [pk, column(mentions, (x) => x.id), column(mentions, (x) => x.index)],
      );
    }
  }
  const r = extraction.reactions;
  if (r.length) {
    const rk = r.map(reactionKeys);
    await client.query(
      `INSERT INTO reactions (article_pk, ord, actor, actor_key, country_or_org, gist, gist_key, quote, quote_key, at, sentence_text_id,
         sentence_index)
       SELECT $1::bigint, k.ord - 1, k.actor, k.actor_key, k.country_or_org, k.gist, k.gist_key, k.quote, k.quote_key, k.at, k.sentence,
         k.sentence_index
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[],
         $11::int[])
         WITH ORDINALITY AS k (actor, actor_key, country_or_org, gist, gist_key, quote, quote_key, at, sentence, sentence_index, ord)`,
      [
        pk,
        column(r, (x) => x.actor),
        rk.map((k) => k.actor),
        column(r, (x) => x.countryOrOrg),
        column(r, (x) => x.gist),
        rk.map((k) => k.gist),
        column(r, (x) => x.quote),
        rk.map((k) => k.quote),
        column(r, (x) => x.at),
        texts.reactions,
        column(r, (x) => x.sentenceIndex),
      ],
    );
  }
  const v = extraction.videos;
  if (v.length) {
    await client.query(
      `INSERT INTO videos (article_pk, ord, title, title_key, reporter, outlet, programme, aired_at, url)
       SELECT $1::bigint, k.ord - 1, k.title, k.title_key, k.reporter, k.outlet, k.programme, k.aired_at, k.url
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         WITH ORDINALITY AS k (title, title_key, reporter, outlet, programme, aired_at, url, ord)`,
      [
        pk,
        column(v, (x) => x.title),
        v.map((x) => videoKeys(x).title),
        column(v, (x) => x.reporter),
        column(v, (x) => x.outlet),
        column(v, (x) => x.programme),
        column(v, (x) => x.airedAt),
        column(v, (x) => x.url),
      ],
    );
  }
  const m = extraction.summary;
  if (m.length) {
    await client.query(
      `INSERT INTO summary (article_pk, ord, text_id, sentence_index, score)
       SELECT $1::bigint, k.ord - 1, k.text_id, k.sentence_index, k.score
       FROM unnest($2::bigint[], $3::int[], $4::float8[]) WITH ORDINALITY AS k (text_id, sentence_index, score, ord)`,
      [pk, texts.summary, column(m, (x) => x.sentenceIndex), column(m, (x) => x.score)],
    );
  }
  const t = extraction.timeline;
  if (t.length) {
    await client.query(
      `INSERT INTO timeline (article_pk, ord, at, at_ms, text_id, sentence_index)
       SELECT $1::bigint, k.ord - 1, k.at, k.at_ms, k.text_id, k.sentence_index
       FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::int[]) WITH ORDINALITY AS k (at, at_ms, text_id, sentence_index, ord)`,
      [pk, column(t, (x) => x.at), column(t, (x) => timeMs(x.at)), texts.timeline, column(t, (x) => x.sentenceIndex)],
    );
  }
}

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
    const extraction = { ...extracted, actors: assignActors(extracted.actors, await candidateActors(client, story, extracted.actors)) };
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
    else await addArticleActors(client, story, extraction.actors, { ms: timeMs(article.asOf), pk });
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
        return await inTransaction(pool, (client) => ingestOne(client, story, checkedArticle, checkedExtraction));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Could not store article ${article.id} (${article.origin}) in story "${story}": ${reason}`, { cause: error });
      }
    },
    async ingestBatch(story: string, items: ReadonlyArray<{ article: Article; extraction: Extraction }>): Promise<Array<IngestResult | Error>> {
      return inTransaction(pool, async (client) => {
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
