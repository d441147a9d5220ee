import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadMigrations, migrationsDir } from "../../src/store/migration-files.js";
import { createPool, type Pool } from "../../src/store/postgres/db.js";
import { migrate as migratePostgres, schemaVersion } from "../../src/store/postgres/migrate.js";
import { openDatabase } from "../../src/store/sqlite/db.js";
import { migrate as migrateSqlite } from "../../src/store/sqlite/migrate.js";
import type { Store } from "../../src/store/index.js";
import { keyHash, textKey } from "../../src/store/keys.js";
import { textHash } from "../../src/store/texts.js";
import { STORE_BACKENDS, freshSchema } from "../support/store-backends.js";
import { storedRows } from "../support/stored-rows.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "migrate-test-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("migration files", () => {
  it("are numbered alike for both backends, so migration N is the same change in each", () => {
    const names = (backend: "sqlite" | "postgres") => loadMigrations(migrationsDir(backend)).map((m) => m.name);
    expect(names("postgres")).toEqual(names("sqlite"));
  });

  it("refuse a gap in the numbering, which would mean a lost file", () => {
    writeFileSync(join(dir, "001_first.sql"), "CREATE TABLE a (x INTEGER);");
    writeFileSync(join(dir, "003_third.sql"), "CREATE TABLE c (x INTEGER);");
    expect(() => loadMigrations(dir)).toThrow(/003_third\.sql/);
  });
});

const one = [{ version: 1, name: "001_a.sql", sql: "CREATE TABLE a (x INTEGER PRIMARY KEY);" }];
const two = [...one, { version: 2, name: "002_b.sql", sql: "CREATE TABLE b (a_x INTEGER REFERENCES a (x));" }];
const broken = [{ version: 1, name: "001_broken.sql", sql: "CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);" }];

describe("SQLite migrations", () => {
  it("apply once, and a second run on the same file applies nothing", () => {
    const path = join(dir, "store.db");
    const migrations = loadMigrations(migrationsDir("sqlite"));
    const first = openDatabase(path);
    expect(migrateSqlite(first)).toEqual(migrations.map((m) => m.version));
    first.close();

    const second = openDatabase(path);
    expect(migrateSqlite(second)).toEqual([]);
    expect(second.pragma("user_version", { simple: true })).toBe(migrations.length);
    second.close();
  });

  it("apply only the migrations a database does not have yet", () => {
    const db = openDatabase(":memory:");
    expect(migrateSqlite(db, one)).toEqual([1]);
    expect(migrateSqlite(db, two)).toEqual([2]);
    db.close();
  });

  it("leave the schema untouched when a migration fails half way", () => {
    const db = openDatabase(":memory:");
    expect(() => migrateSqlite(db, broken)).toThrow(/already exists/);
    expect(db.pragma("user_version", { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
    db.close();
  });

  it("refuse a database written by newer code", () => {
    const db = openDatabase(":memory:");
    db.pragma("user_version = 99");
    expect(() => migrateSqlite(db)).toThrow(/newer than this code knows/);
    db.close();
  });
});

describe.skipIf(!STORE_BACKENDS.find((b) => b.name === "postgres")?.available)("PostgreSQL migrations", () => {
  let pool: Pool;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const schema = await freshSchema();
    drop = schema.drop;
    pool = createPool(schema.url, 4);
  });
  afterEach(async () => {
    await pool.end();
    await drop();
  });

  it("apply once, and a second run (another process starting) applies nothing", async () => {
    const migrations = loadMigrations(migrationsDir("postgres"));
    const [first, second] = await Promise.all([migratePostgres(pool), migratePostgres(pool)]);
    expect([...first, ...second].sort((a, b) => a - b)).toEqual(migrations.map((m) => m.version));
    expect(await migratePostgres(pool)).toEqual([]);
    expect(await schemaVersion(pool)).toBe(migrations.length);
  });

  it("apply only the migrations a database does not have yet", async () => {
    expect(await migratePostgres(pool, one)).toEqual([1]);
    expect(await migratePostgres(pool, two)).toEqual([2]);
  });

  it("leave the schema untouched when a migration fails half way", async () => {
    await expect(migratePostgres(pool, broken)).rejects.toThrow(/001_broken\.sql failed: .*already exists/);
    expect(await schemaVersion(pool)).toBe(0);
    expect((await pool.query("SELECT to_regclass('a') AS found")).rows[0]).toEqual({ found: null });
  });

  it("refuse a database written by newer code", async () => {
    await migratePostgres(pool, two);
    await expect(migratePostgres(pool, one)).rejects.toThrow(/newer than this code knows/);
  });
});

describe("the story actor table (migration 007)", () => {
  it("is filled on opening from actors stored before it, merged by id as they were", async () => {
    const path = join(dir, "old.db");
    const db = openDatabase(path);
    migrateSqlite(db, loadMigrations(migrationsDir("sqlite")).slice(0, 6));
    db.exec(`
      INSERT INTO articles (pk, story, id, content_hash, title, as_of_ms, language, origin, first_seen_at, updated_at)
      VALUES (1, 'kz', 'a', 'h1', 'A', 1000, 'en', 'test:a', 'x', 'x'), (2, 'kz', 'b', 'h2', 'B', 2000, 'en', 'test:b', 'x', 'x');
      INSERT INTO sentences (article_pk, idx, block, text, text_key, at, unverified) VALUES
        (1, 0, 0, 'Tokayev spoke.', 'tokayev spoke', NULL, 0), (2, 0, 0, 'Kassym-Jomart Tokayev spoke.', 'kassym jomart tokayev spoke', NULL, 0);
      INSERT INTO actors (article_pk, ord, id, name, role, kind, affiliation) VALUES
        (1, 0, 'tokayev', 'Tokayev', 'President', 'person', NULL), (2, 0, 'tokayev', 'Kassym-Jomart Tokayev', NULL, 'person', NULL);
      INSERT INTO actor_aliases (article_pk, actor_id, ord, alias) VALUES (1, 'tokayev', 0, 'President Tokayev');
      INSERT INTO actor_mentions (article_pk, actor_id, sentence_index) VALUES (1, 'tokayev', 0), (2, 'tokayev', 0);
    `);
    db.close();
    const { openSqliteStore } = await import("../../src/store/sqlite/index.js");
    const store = openSqliteStore(path);
    try {
      expect(await store.actorIndex("kz")).toEqual([
        {
          id: "tokayev",
          name: "Kassym-Jomart Tokayev",
          aliases: ["Tokayev", "President Tokayev"],
          role: "President",
          kind: "person",
          affiliation: null,
          mentionCount: 2,
          articleCount: 2,
        },
      ]);
      expect((await store.actorMentions("kz", "tokayev", 5)).map((m) => m.article.id)).toEqual(["b", "a"]);
    } finally {
      await store.close();
    }
  });
});

const [killedKey, kremlinKey] = ["officials said 26 people were killed in almaty", "the kremlin said its troops would leave soon"];
/** Rows as a store at migration 008 held them: each sentence with its text and key, figures and reactions with copies. */
const storedBeforeTexts = `
  INSERT INTO articles (pk, story, id, content_hash, title, as_of_ms, language, origin, first_seen_at, updated_at)
  VALUES (1, 'kz', 'a', 'h1', 'A', 1000, 'en', 'test:a', 'x', 'x'), (2, 'kz', 'b', 'h2', 'B', 2000, 'en', 'test:b', 'x', 'x');
  INSERT INTO sentences (article_pk, idx, block, text, text_key, key_hash, at, unverified, heading, terms) VALUES
    (1, 0, 0, 'Officials said 26 people were killed in Almaty.', '${killedKey}', ${keyHash(killedKey)}, NULL, 0, NULL, 'official say people kill almaty'),
    (2, 0, 0, 'Officials said 26 people were killed in Almaty.', '${killedKey}', ${keyHash(killedKey)}, NULL, 0, NULL, 'official say people kill almaty'),
    (2, 1, 1, 'The Kremlin said its troops would leave soon.', '${kremlinKey}', ${keyHash(kremlinKey)}, NULL, 0, NULL, NULL);
  INSERT INTO figures (article_pk, ord, category, count, qualifier, who, unit, kind_key, attributed_to, as_of, as_of_ms, unverified, sentence,
    sentence_index, series_ms, article_ms)
  VALUES (2, 0, 'killed', 26, 'exact', 'people', NULL, 'killed|people|', 'Officials', NULL, NULL, 0, 'Officials said 26 people were killed in Almaty.', 0, 2000, 2000);
  INSERT INTO reactions (article_pk, ord, actor, actor_key, country_or_org, gist, gist_key, quote, quote_key, at, sentence, sentence_key, sentence_index)
  VALUES (2, 0, 'Kremlin', 'kremlin', 'Russia', 'says its troops will leave soon', 'says its troops will leave soon', NULL, NULL, NULL,
    'The Kremlin said its troops would leave soon.', 'the kremlin said its troops would leave soon', 1);
`;

/** What a store migrated from 008 answers: each text once, found by /ask, quoted by its figure and reaction. */
async function expectAnswersAfterTexts(store: Store, count: (sql: string) => Promise<number>): Promise<void> {
  expect(await count("SELECT COUNT(*) FROM texts")).toBe(2);
  const found = await store.searchSentences("kz", { terms: ["kill", "leave"], actorIds: [], limit: 10 });
  expect(found.map((s) => [s.article.id, s.text, s.terms])).toEqual(
    expect.arrayContaining([
      ["b", "Officials said 26 people were killed in Almaty.", "official say people kill almaty"],
      ["b", "The Kremlin said its troops would leave soon.", "the kremlin said its troops would leave soon"],
    ]),
  );
  expect(found).toHaveLength(2);
  const [series] = await store.figureSeries("kz", 2);
  expect(series?.latest.sentence).toBe("Officials said 26 people were killed in Almaty.");
  expect((await store.distinctReactions("kz")).map((r) => r.sentence)).toEqual(["The Kremlin said its troops would leave soon."]);
}

describe("texts stored once (migration 009)", () => {
  it("moves a SQLite store's sentence texts into one row each, and the store still answers", async () => {
    const path = join(dir, "old.db");
    const db = openDatabase(path);
    migrateSqlite(db, loadMigrations(migrationsDir("sqlite")).slice(0, 8));
    db.exec(storedBeforeTexts);
    db.close();
    const { openSqliteStore } = await import("../../src/store/sqlite/index.js");
    const store = openSqliteStore(path);
    try {
      const count = async (sql: string) => Number(storedRows(path, sql)[0]?.[0]);
      await expectAnswersAfterTexts(store, count);
      expect(storedRows(path, "SELECT COUNT(*) FROM sentences WHERE text_id IS NULL")).toEqual([[0]]);
    } finally {
      await store.close();
    }
  });

  const postgres = STORE_BACKENDS.find((b) => b.name === "postgres");
  it.skipIf(!postgres?.available)("moves a PostgreSQL store's sentence texts into one row each, and the store still answers", async () => {
    const schema = await freshSchema();
    const pool = createPool(schema.url, 2);
    try {
      await migratePostgres(pool, loadMigrations(migrationsDir("postgres")).slice(0, 8));
      await pool.query(storedBeforeTexts);
      const { openPostgresStore } = await import("../../src/store/postgres/index.js");
      const store = await openPostgresStore(schema.url);
      try {
        const count = async (sql: string) => Number((await pool.query<{ count: string }>(sql)).rows[0]?.count);
        await expectAnswersAfterTexts(store, count);
      } finally {
        await store.close();
      }
    } finally {
      await pool.end();
      await schema.drop();
    }
  });
});

const [earlier, later, ownTime] = ["2022-01-06T10:00:00+06:00", "2022-01-07T10:00:00+06:00", "2022-01-07T12:30:00+06:00"];
const [killed, ordered, retaken] = [
  "Officials said 26 people were killed in Almaty.",
  "Tokayev ordered the troops to fire.",
  "12:30 The airport was retaken by the army.",
];
const textValues = (id: number, text: string, words: string) => `(${id}, ${textHash(text)}, ${keyHash(textKey(text))}, '${text}', '${words}')`;
/**
 * Rows as a store at migration 010 held them: every sentence with its time (its article's, but for
 * one live-blog entry), summary and timeline sentences as copies, mentions carrying their
 * article's time. One summary sentence quotes a text no row holds.
 */
const storedBeforeLeanRows = `
  INSERT INTO articles (pk, story, id, content_hash, title, as_of, as_of_ms, language, origin, first_seen_at, updated_at) VALUES
    (1, 'kz', 'a', 'h1', 'A', '${earlier}', ${Date.parse(earlier)}, 'en', 'test:a', 'x', 'x'),
    (2, 'kz', 'b', 'h2', 'B', '${later}', ${Date.parse(later)}, 'en', 'test:b', 'x', 'x');
  INSERT INTO texts (id, hash, key_hash, text, words) VALUES
    ${textValues(1, killed, "official say people kill almaty")}, ${textValues(2, ordered, "tokayev order troop fire")},
    ${textValues(3, retaken, "airport retake army")};
  INSERT INTO sentences (article_pk, idx, block, text_id, at, unverified, heading) VALUES
    (1, 0, 0, 1, '${earlier}', 0, NULL), (2, 0, 0, 1, '${later}', 0, NULL), (2, 1, 1, 2, '${later}', 1, NULL), (2, 2, 2, 3, '${ownTime}', 0, NULL);
  INSERT INTO summary (article_pk, ord, text, sentence_index, score) VALUES
    (1, 0, '${killed}', 0, 0.8), (2, 0, '${killed}', 0, 0.9), (2, 1, '${retaken}', 2, 0.5), (2, 2, 'Tokayev ordered the troops to fire!', 1, 0.4);
  INSERT INTO timeline (article_pk, ord, at, at_ms, text, sentence_index) VALUES (2, 0, '${ownTime}', ${Date.parse(ownTime)}, '${retaken}', 2);
  INSERT INTO actors (article_pk, ord, id, name, role, kind, affiliation) VALUES
    (1, 0, 'tokayev', 'Tokayev', NULL, 'person', NULL), (2, 0, 'tokayev', 'Kassym-Jomart Tokayev', NULL, 'person', NULL);
  INSERT INTO actor_mentions (article_pk, actor_id, sentence_index, article_ms) VALUES
    (1, 'tokayev', 0, ${Date.parse(earlier)}), (2, 'tokayev', 1, ${Date.parse(later)}), (2, 'tokayev', 2, ${Date.parse(later)});
`;

/** What a store migrated from 010 answers: the same sentences with the same times, texts and order as before. */
async function expectAnswersAfterLeanRows(store: Store, count: (sql: string) => Promise<number>): Promise<void> {
  expect((await store.summary("kz", 10)).map((s) => [s.article.id, s.text, s.at])).toEqual([
    ["b", killed, later],
    ["b", retaken, ownTime],
    ["b", "Tokayev ordered the troops to fire!", later],
    ["a", killed, earlier],
  ]);
  expect((await store.recentTimeline("kz", 5)).map((t) => [t.at, t.text, t.article.id])).toEqual([[ownTime, retaken, "b"]]);
  expect((await store.actorMentions("kz", "tokayev", 5)).map((m) => [m.article.id, m.sentenceIndex, m.text, m.at, m.unverified])).toEqual([
    ["b", 1, ordered, later, true],
    ["b", 2, retaken, ownTime, false],
    ["a", 0, killed, earlier, false],
  ]);
  const asked = await store.searchSentences("kz", { terms: ["airport", "kill"], actorIds: ["tokayev"], limit: 10 });
  expect(asked.map((s) => [s.article.id, s.index, s.at])).toEqual(
    expect.arrayContaining([
      ["b", 0, later],
      ["b", 2, ownTime],
      ["a", 0, earlier],
    ]),
  );
  // Only the live-blog entry keeps a time of its own; the summary's unheld text became a text row.
  expect(await count("SELECT COUNT(*) FROM sentences WHERE at IS NOT NULL")).toBe(1);
  expect(await count("SELECT COUNT(*) FROM texts")).toBe(4);
}

describe("lean rows (migration 011)", () => {
  it("keeps a SQLite store's answers: sentence times, summary and timeline texts, an actor's newest mentions", async () => {
    const path = join(dir, "old.db");
    const db = openDatabase(path);
    migrateSqlite(db, loadMigrations(migrationsDir("sqlite")).slice(0, 10));
    db.exec(storedBeforeLeanRows);
    db.close();
    const { openSqliteStore } = await import("../../src/store/sqlite/index.js");
    const store = openSqliteStore(path);
    try {
      await expectAnswersAfterLeanRows(store, async (sql) => Number(storedRows(path, sql)[0]?.[0]));
    } finally {
      await store.close();
    }
  });

  const postgres = STORE_BACKENDS.find((b) => b.name === "postgres");
  it.skipIf(!postgres?.available)("keeps a PostgreSQL store's answers: sentence times, summary and timeline texts, an actor's newest mentions", async () => {
    const schema = await freshSchema();
    const pool = createPool(schema.url, 2);
    try {
      await migratePostgres(pool, loadMigrations(migrationsDir("postgres")).slice(0, 10));
      await pool.query(storedBeforeLeanRows);
      // Ids given above, as copy-store gives them: the identity moves past them.
      await pool.query("SELECT setval(pg_get_serial_sequence('texts', 'id'), (SELECT MAX(id) FROM texts))");
      const { openPostgresStore } = await import("../../src/store/postgres/index.js");
      const store = await openPostgresStore(schema.url);
      try {
        await expectAnswersAfterLeanRows(store, async (sql) => Number((await pool.query<{ count: string }>(sql)).rows[0]?.count));
      } finally {
        await store.close();
      }
    } finally {
      await pool.end();
      await schema.drop();
    }
  });
});
