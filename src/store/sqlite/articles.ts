import { Article } from "../../ingest/article.js";
import { Extraction } from "../../extract/facts.js";
import type { Db } from "./db.js";
import { figureKindKey, keyHash, textKey, timeMs } from "../keys.js";
import { articleTexts, hashesOf, idsOf, matchTexts, ownTime, wantedTexts, type StoredText } from "../texts.js";
import { readingOf, type StoredVersion } from "../reading.js";
import type { IngestResult } from "../store.js";
import { assignActors } from "../story-actors.js";
import type { StoryActorRows } from "./story-actors.js";
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

const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

/**
 * Ingest and its prepared statements, prepared once per connection and reused for every article.
 * `extractionVersion` is the version of the reading this process's extractions come from
 * (extract/version.ts): an article stored under another one is stored again when it is read again.
 */
export function articleWriter(db: Db, now: () => Date, storyActors: StoryActorRows, extractionVersion: number) {
  const findArticle = db.prepare<[string, string], StoredVersion & { pk: number }>(
    `SELECT pk, content_hash AS contentHash, raw_path AS rawPath, raw_hash AS rawHash, extraction_version AS extractionVersion
     FROM articles WHERE story = ? AND id = ?`,
  );
  const setRawInput = db.prepare<[string | null, string | null, number]>("UPDATE articles SET raw_path = ?, raw_hash = ? WHERE pk = ?");
  // A file whose facts an older extraction made is left out, so that it is parsed and extracted again.
  const rawInputs = db.prepare<{ story: string; version: number | null }, { path: string; hash: string }>(
    `SELECT raw_path AS path, raw_hash AS hash FROM articles
     WHERE story = @story AND raw_path IS NOT NULL AND raw_hash IS NOT NULL AND (@version IS NULL OR extraction_version = @version)`,
  );
  const findVersion = db.prepare<[string, string, number], { found: number }>(
    "SELECT 1 AS found FROM articles WHERE id = ? AND content_hash = ? AND extraction_version = ? LIMIT 1",
  );
  const insertArticle = db.prepare<
    {
      story: string;
      id: string;
      contentHash: string;
      title: string;
      asOf: string | null;
      asOfMs: number | null;
      url: string | null;
      outlet: string | null;
      language: string;
      origin: string;
      rawPath: string | null;
      rawHash: string | null;
      extractionVersion: number;
      now: string;
    },
    { pk: number }
  >(
    `INSERT INTO articles (story, id, content_hash, title, as_of, as_of_ms, url, outlet, language, origin, raw_path, raw_hash, extraction_version,
       first_seen_at, updated_at)
     VALUES (@story, @id, @contentHash, @title, @asOf, @asOfMs, @url, @outlet, @language, @origin, @rawPath, @rawHash, @extractionVersion, @now, @now)
     RETURNING pk`,
  );
  const updateArticle = db.prepare(
    `UPDATE articles SET content_hash = @contentHash, title = @title, as_of = @asOf, as_of_ms = @asOfMs, url = @url,
       outlet = @outlet, language = @language, origin = @origin, raw_path = @rawPath, raw_hash = @rawHash,
       extraction_version = @extractionVersion, updated_at = @now
     WHERE pk = @pk`,
  );
  // Deleting sentences cascades to every fact that points at one; actors and videos hang off the article.
  const deleteFacts = [
    db.prepare<[number]>("DELETE FROM sentences WHERE article_pk = ?"),
    db.prepare<[number]>("DELETE FROM actors WHERE article_pk = ?"),
    db.prepare<[number]>("DELETE FROM videos WHERE article_pk = ?"),
  ];
  const findTexts = db.prepare<[string], StoredText>("SELECT id, text, words FROM texts WHERE hash IN (SELECT value FROM json_each(?))");
  const insertText = db.prepare<[number, number, string, string], { id: number }>(
    "INSERT INTO texts (hash, key_hash, text, words) VALUES (?, ?, ?, ?) RETURNING id",
  );
  /** The ids of the article's texts (texts.ts wantedTexts), the new ones added: one look-up for all of them. */
  function textIds(extraction: Extraction) {
    const wanted = wantedTexts(extraction);
    const hashes = hashesOf(wanted);
    const { ids, added } = matchTexts(wanted, hashes, findTexts.all(JSON.stringify([...new Set(hashes.values())])));
    const addedIds = added.map((row) => {
      const inserted = insertText.get(row.hash, row.keyHash, row.text, row.words);
      if (!inserted) throw new Error("INSERT … RETURNING gave no row");
      return inserted.id;
    });
    return articleTexts(extraction, idsOf(ids, addedIds));
  }
  const insertSentence = db.prepare("INSERT INTO sentences (article_pk, idx, block, text_id, at, unverified, heading) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const insertFigure = db.prepare(
    `INSERT INTO figures (article_pk, ord, category, count, qualifier, who, unit, kind_key, attributed_to, as_of, as_of_ms,
       unverified, sentence_text_id, sentence_index, series_ms, article_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertActor = db.prepare("INSERT INTO actors (article_pk, ord, id, name, role, kind, affiliation, article_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const insertAlias = db.prepare("INSERT INTO actor_aliases (article_pk, actor_id, ord, alias) VALUES (?, ?, ?, ?)");
  // An extractor may list a sentence twice for one actor; once is enough.
  const insertMention = db.prepare("INSERT OR IGNORE INTO actor_mentions (article_pk, actor_id, sentence_index) VALUES (?, ?, ?)");
  const actorIdsOf = db.prepare<[number], string>("SELECT id FROM actors WHERE article_pk = ?").pluck();
  const insertReaction = db.prepare(
    `INSERT INTO reactions (article_pk, ord, actor, actor_key, country_or_org, gist, gist_key, quote, quote_key, at, sentence_text_id,
       sentence_index)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertVideo = db.prepare(
    `INSERT INTO videos (article_pk, ord, title, title_key, reporter, outlet, programme, aired_at, url)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSummary = db.prepare("INSERT INTO summary (article_pk, ord, text_id, sentence_index, score) VALUES (?, ?, ?, ?, ?)");
  const insertTimeline = db.prepare("INSERT INTO timeline (article_pk, ord, at, at_ms, text_id, sentence_index) VALUES (?, ?, ?, ?, ?, ?)");
  const insertUpdate = db.prepare<[string, string, string, string | null, string, string], { id: number }>(
    `INSERT INTO updates (story, article_id, article_title, article_url, created_at, payload)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
  );

  const latest = latestFigures(db);
  const history = storyHistory(db, latest);

  function insertFacts(story: string, pk: number, article: Article, extraction: Extraction): void {
    const articleAsOfMs = timeMs(article.asOf);
    const texts = textIds(extraction);
    extraction.sentences.forEach((s, i) => {
      insertSentence.run(pk, s.index, s.block, texts.sentences[i], ownTime(s, article), flag(s.unverified), flag(s.heading));
    });
    extraction.figures.forEach((f, ord) => {
      const kindKey = figureKindKey(f);
      const ms = timeMs(f.asOf);
      // Its place in its series: its own time when it gives one (even unreadable), else its article's.
      const seriesMs = (f.asOf === null ? articleAsOfMs : ms) ?? 0;
      insertFigure.run(
        pk,
        ord,
        f.category,
        f.count,
        f.qualifier,
        f.who,
        f.unit,
        kindKey,
        f.attributedTo,
        f.asOf,
        ms,
        flag(f.unverified),
        texts.figures[ord],
        f.sentenceIndex,
        seriesMs,
        articleAsOfMs,
      );
      latest.inserted(story, kindKey, {
        count: f.count,
        qualifier: f.qualifier,
        asOf: f.asOf ?? article.asOf,
        articleTitle: article.title,
        source: f.attributedTo ?? article.outlet,
        ms: ms ?? articleAsOfMs,
        pk,
        ord,
      });
    });
    extraction.actors.forEach((a, ord) => {
      insertActor.run(pk, ord, a.id, a.name, a.role, a.kind, a.affiliation, articleAsOfMs);
      [...new Set(a.aliases)].forEach((alias, i) => insertAlias.run(pk, a.id, i, alias));
      for (const index of a.mentions) insertMention.run(pk, a.id, index);
    });
    extraction.reactions.forEach((r, ord) => {
      const keys = reactionKeys(r);
      insertReaction.run(pk, ord, r.actor, keys.actor, r.countryOrOrg, r.gist, keys.gist, r.quote, keys.quote, r.at, texts.reactions[ord], r.sentenceIndex);
    });
    extraction.videos.forEach((v, ord) => {
      insertVideo.run(pk, ord, v.title, videoKeys(v).title, v.reporter, v.outlet, v.programme, v.airedAt, v.url);
    });
    extraction.summary.forEach((s, ord) => insertSummary.run(pk, ord, texts.summary[ord], s.sentenceIndex, s.score));
    extraction.timeline.forEach((t, ord) => insertTimeline.run(pk, ord, t.at, timeMs(t.at), texts.timeline[ord], t.sentenceIndex));
  }

  const ingestOne = db.transaction((story: string, article: Article, extracted: Extraction): IngestResult => {
    latest.sync();
    const existing = findArticle.get(story, article.id);
    const [rawPath, rawHash] = [article.rawInput?.path ?? null, article.rawInput?.hash ?? null];
    const reading = existing && readingOf(existing, article, extractionVersion);
    if (existing && reading === "unchanged") {
      // The same content from a touched file: the file's new hash, so the next run need not parse it.
      if (existing.rawPath !== rawPath || existing.rawHash !== rawHash) setRawInput.run(rawPath, rawHash, existing.pk);
      return { status: "unchanged", articleId: article.id, update: null };
    }

    // The article's actors under the story's ids: who is new is judged by who the story already has.
    const candidates = storyActors.candidates(story, extracted.actors);
    const extraction = { ...extracted, actors: assignActors(extracted.actors, candidates) };
    // A new reading of what the story already had is no news, whatever it finds.
    const content = reading === "reextracted" ? null : newInStory(history(story), extraction, article);
    const at = now().toISOString();
    const row = {
      story,
      id: article.id,
      contentHash: article.contentHash,
      title: article.title,
      asOf: article.asOf,
      asOfMs: timeMs(article.asOf),
      url: article.url,
      outlet: article.outlet,
      language: article.language,
      origin: article.origin,
      rawPath,
      rawHash,
      extractionVersion,
      now: at,
    };
    let pk: number;
    let replaced: string[] = [];
    if (existing) {
      pk = existing.pk;
      updateArticle.run({ ...row, pk });
      replaced = actorIdsOf.all(pk);
      for (const statement of deleteFacts) statement.run(pk);
      latest.forget(story);
    } else {
      const inserted = insertArticle.get(row);
      if (!inserted) throw new Error("INSERT … RETURNING gave no row");
      pk = inserted.pk;
    }
    insertFacts(story, pk, article, extraction);
    // A replaced version's share of its actors cannot be subtracted (whose name was newest?): they are
    // rebuilt, which reads every article naming them. A re-reading of the whole store would do that
    // once per article for the story's main actors, so it leaves them to one pass (settleActors).
    if (content === null) storyActors.defer(story);
    else if (existing) storyActors.rebuild(story, [...new Set([...replaced, ...extraction.actors.map((a) => a.id)])]);
    else storyActors.add(story, extraction.actors, { ms: row.asOfMs, pk }, candidates);

    if (content === null) return { status: "reextracted", articleId: article.id, update: null };
    const status = existing ? "updated" : "added";
    // A new article is itself a development; a new version of one is only when it says something new.
    if (status === "updated" && isEmpty(content)) return { status, articleId: article.id, update: null };
    const update = recordUpdate(story, article, status, at, content);
    return { status, articleId: article.id, update };
  });

  function recordUpdate(story: string, article: Article, status: "added" | "updated", at: string, content: UpdateContent) {
    const payload = { ...content, status, articleOutlet: article.outlet };
    const inserted = insertUpdate.get(story, article.id, article.title, article.url, at, JSON.stringify(payload));
    if (!inserted) throw new Error("INSERT … RETURNING gave no row");
    return Update.parse({
      ...payload,
      id: inserted.id,
      story,
      articleId: article.id,
      articleTitle: article.title,
      articleUrl: article.url,
      createdAt: at,
    });
  }

  /** One article; inside a batch's transaction better-sqlite3 makes this a savepoint. */
  function ingest(story: string, article: Article, extraction: Extraction): IngestResult {
    try {
      // Source text is untrusted and extractors are code: check the shapes before anything is written.
      return ingestOne.immediate(story, Article.parse(article), Extraction.parse(extraction));
    } catch (error) {
      // The transaction (or savepoint) rolled back, taking figures and actors the caches already counted with it.
      latest.clear();
      storyActors.forget();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Could not store article ${article.id} (${article.origin}) in story "${story}": ${reason}`, {
        cause: error,
      });
    }
  }
  const batch = db.transaction((story: string, items: ReadonlyArray<{ article: Article; extraction: Extraction }>) =>
    items.map(({ article, extraction }) => {
      try {
        return ingest(story, article, extraction);
      } catch (error) {
        return error as Error;
      }
    }),
  );

  return {
    ingest,
    ingestBatch(story: string, items: ReadonlyArray<{ article: Article; extraction: Extraction }>): Array<IngestResult | Error> {
      try {
        return batch.immediate(story, items);
      } catch (error) {
        // The commit itself failed: nothing of the batch is stored.
        latest.clear();
        storyActors.forget();
        throw error;
      }
    },
    settleActors: (story: string): Promise<void> => storyActors.settle(story),
    isUnchanged(articleId: string, contentHash: string): boolean {
      return findVersion.get(articleId, contentHash, extractionVersion) !== undefined;
    },
    rawInputs: (story: string, options: { includeOlderReadings?: boolean } = {}): Map<string, string> =>
      new Map(rawInputs.all({ story, version: options.includeOlderReadings ? null : extractionVersion }).map((r) => [r.path, r.hash])),
  };
}

/** A figure row's place in "latest of its kind" order: its time (else its article's), then article and position. */
interface FigureRank {
  ms: number | null;
  pk: number;
  ord: number;
}

type RankedFigure = KnownFigure & FigureRank;

/** Whether `a` comes after `b` in the order the latest-figure query sorts by (a time beats none). */
function isLater(a: FigureRank, b: FigureRank): boolean {
  if (a.ms !== b.ms) return b.ms === null || (a.ms !== null && a.ms > b.ms);
  return a.pk !== b.pk ? a.pk > b.pk : a.ord > b.ord;
}

/**
 * The latest figure of each kind per story. Finding it sorts every figure of the kind the story
 * holds, so a long story would pay that on every new number; the answer is remembered and moved
 * on as this connection inserts figures. Anything else invalidates it: another connection's commit
 * (PRAGMA data_version), an article's facts being replaced, a rolled-back ingest.
 */
function latestFigures(db: Db) {
  const query = db.prepare<[string, string], RankedFigure>(
    `SELECT f.count, f.qualifier, COALESCE(f.as_of, a.as_of) AS asOf, a.title AS articleTitle,
       COALESCE(f.attributed_to, a.outlet) AS source, COALESCE(f.as_of_ms, a.as_of_ms) AS ms, a.pk AS pk, f.ord AS ord
     FROM figures f JOIN articles a ON a.pk = f.article_pk
     WHERE a.story = ? AND f.kind_key = ?
     ORDER BY COALESCE(f.as_of_ms, a.as_of_ms) DESC NULLS LAST, a.pk DESC, f.ord DESC LIMIT 1`,
  );
  const dataVersion = db.prepare<[], number>("PRAGMA data_version").pluck();
  const byStory = new Map<string, Map<string, RankedFigure | null>>();
  let seenVersion: number | undefined;

  return {
    /** Call at the start of each write transaction: drops what other connections' commits made stale. */
    sync(): void {
      const version = dataVersion.get();
      if (version !== seenVersion) byStory.clear();
      seenVersion = version;
    },
    get(story: string, kindKey: string): KnownFigure | null {
      let kinds = byStory.get(story);
      if (!kinds) byStory.set(story, (kinds = new Map<string, RankedFigure | null>()));
      let found = kinds.get(kindKey);
      if (found === undefined) kinds.set(kindKey, (found = query.get(story, kindKey) ?? null));
      return found && { count: found.count, qualifier: found.qualifier, asOf: found.asOf, articleTitle: found.articleTitle, source: found.source };
    },
    /** A figure row just inserted by this connection. */
    inserted(story: string, kindKey: string, figure: RankedFigure): void {
      const kinds = byStory.get(story);
      if (!kinds?.has(kindKey)) return;
      const current = kinds.get(kindKey);
      if (!current || isLater(figure, current)) kinds.set(kindKey, figure);
    },
    forget(story: string): void {
      byStory.delete(story);
    },
    clear(): void {
      byStory.clear();
    },
  };
}

/** The story's state before an ingest, read inside the ingest's transaction. */
function storyHistory(db: Db, latest: ReturnType<typeof latestFigures>): (story: string) => StoryHistory {
  const figure = db.prepare<[string, string, number]>(
    `SELECT 1 FROM figures f JOIN articles a ON a.pk = f.article_pk WHERE a.story = ? AND f.kind_key = ? AND f.count = ? LIMIT 1`,
  );
  // CROSS JOIN keeps SQLite on the id index: left to itself it walks every article of the story,
  // so an actor the story has never seen cost time in proportion to the story's length.
  const actor = db.prepare<[string, string]>("SELECT 1 FROM actors x CROSS JOIN articles a ON a.pk = x.article_pk WHERE x.id = ? AND a.story = ? LIMIT 1");
  // The texts of a key: those its hash finds, their keys compared.
  const textsOfHash = db.prepare<[number], { id: number; text: string }>("SELECT id, text FROM texts WHERE key_hash = ?");
  const textsOf = (key: string): number[] => textsOfHash.all(keyHash(key)).flatMap((t) => (textKey(t.text) === key ? [t.id] : []));
  // A reaction is known by its gist or quote, or by its sentence (one of the texts of its key).
  const reaction = db.prepare<{ story: string; actor: string; gist: string; quote: string | null; texts: string }>(
    `SELECT 1 FROM reactions r JOIN articles a ON a.pk = r.article_pk
     WHERE a.story = @story AND r.actor_key = @actor
       AND (r.gist_key = @gist OR r.quote_key = @quote OR r.sentence_text_id IN (SELECT value FROM json_each(@texts))) LIMIT 1`,
  );
  // Two lookups, one per index: with OR, SQLite walked every video of the story.
  const video = db.prepare<[string, string, string | null, string]>(
    `SELECT 1 WHERE EXISTS (SELECT 1 FROM videos v CROSS JOIN articles a ON a.pk = v.article_pk WHERE v.title_key = ? AND a.story = ?)
       OR EXISTS (SELECT 1 FROM videos v CROSS JOIN articles a ON a.pk = v.article_pk WHERE v.url = ? AND a.story = ?)`,
  );
  // CROSS JOIN from the text's sentences: left to itself SQLite walked every article of the story.
  const sentence = db.prepare<[string, string]>(
    `SELECT 1 FROM json_each(?) j CROSS JOIN sentences s ON s.text_id = j.value CROSS JOIN articles a ON a.pk = s.article_pk WHERE a.story = ? LIMIT 1`,
  );
  const headlines = db
    .prepare<[string, number], string>(
      `SELECT mt.text FROM articles a JOIN summary m ON m.article_pk = a.pk JOIN texts mt ON mt.id = m.text_id WHERE a.story = ?
       ORDER BY a.as_of_ms DESC, a.pk DESC, m.ord LIMIT ?`,
    )
    .pluck();
  const reactions = db.prepare<[string, number], { actor: string; gist: string; quote: string | null }>(
    `SELECT r.actor, r.gist, r.quote FROM articles a JOIN reactions r ON r.article_pk = a.pk WHERE a.story = ?
     ORDER BY a.as_of_ms DESC, a.pk DESC, r.ord LIMIT ?`,
  );
  return (story) => ({
    recentHeadlines: () => headlines.all(story, RECENT_DEVELOPMENTS),
    recentReactions: () => reactions.all(story, RECENT_DEVELOPMENTS),
    latestFigure: (kindKey) => latest.get(story, kindKey),
    knowsFigure: (kindKey, count) => figure.get(story, kindKey, count) !== undefined,
    knowsActor: (id) => actor.get(id, story) !== undefined,
    knowsReaction: (keys) =>
      reaction.get({ story, actor: keys.actor, gist: keys.gist, quote: keys.quote, texts: JSON.stringify(textsOf(keys.sentence)) }) !== undefined,
    knowsVideo: (keys) => video.get(keys.title, story, keys.url, story) !== undefined,
    knowsSentence: (key) => sentence.get(JSON.stringify(textsOf(key)), story) !== undefined,
  });
}
