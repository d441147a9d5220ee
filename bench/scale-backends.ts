import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createPool } from "../src/store/postgres/db.js";
import { benchSchema } from "./postgres.js";

/**
 * Where the scale bench stores its story, and what it measures there that differs by backend: the
 * floor of the store step, bytes written, disk. The rows themselves are scale.ts's, one run for both.
 */
export interface ScaleBackend {
  /** What openStore is given. */
  location: string;
  /** For the heading: where the store is. */
  where: string;
  /** For the store step's row: what its floor is. */
  floorName: string;
  /** ms per article to put each article's sentences into a bare full-text table, one transaction per article. */
  floor(docs: ReadonlyArray<readonly string[]>, count: number): Promise<number>;
  /** What the backend does after an ingest step, before the step is read; `settles` says what, when it does anything. */
  settle(): Promise<void>;
  settles?: string;
  /** A running count of bytes written, or null where it cannot be read; `writtenWhat` says whose. */
  written(): Promise<number | null>;
  writtenWhat: string;
  /** Bytes the store takes on disk; `diskWhat` says what is counted. */
  disk(): Promise<number>;
  diskWhat: string;
  close(): Promise<void>;
}

/** Bytes this process has written to storage so far (Linux), or null where /proc does not say. */
function processWrittenBytes(): number | null {
  try {
    const line = readFileSync("/proc/self/io", "utf8")
      .split("\n")
      .find((l) => l.startsWith("write_bytes:"));
    return line ? Number(line.split(/\s+/)[1]) : null;
  } catch {
    return null;
  }
}

/** A SQLite file in a directory of its own; its floor is a bare FTS5 table in another. */
export function sqliteBackend(): ScaleBackend {
  const dir = mkdtempSync(join(tmpdir(), "bench-scale-"));
  const floorDir = mkdtempSync(join(tmpdir(), "bench-scale-floor-"));
  return {
    location: join(dir, "scale.db"),
    where: "SQLite file",
    floorName: "a bare FTS5 table",
    async floor(docs, count) {
      const path = join(floorDir, "floor.db");
      const db = new Database(path);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.exec("CREATE VIRTUAL TABLE f USING fts5 (text)");
      const insert = db.prepare("INSERT INTO f (text) VALUES (?)");
      const one = db.transaction((sentences: readonly string[]) => {
        for (const text of sentences) insert.run(text);
      });
      const started = performance.now();
      for (let i = 0; i < count; i++) one(docs[i % docs.length] ?? []);
      const ms = (performance.now() - started) / count;
      db.close();
      rmSync(path, { force: true });
      rmSync(`${path}-wal`, { force: true });
      rmSync(`${path}-shm`, { force: true });
      return ms;
    },
    settle: () => Promise.resolve(),
    written: () => Promise.resolve(processWrittenBytes()),
    writtenWhat: "by this process (/proc/self/io)",
    disk: () => Promise.resolve(readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)),
    diskWhat: "the database file, its WAL and shared memory",
    close() {
      rmSync(dir, { recursive: true, force: true });
      rmSync(floorDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/**
 * A fresh schema of the bench server (bench/postgres.ts). Its floor is a bare table in another
 * schema with a GIN index of to_tsvector('simple', …), the configuration of the store's own index
 * (texts.found_by, migration 009), fed over the store's kind of connection (node-postgres, one pool).
 */
export async function postgresBackend(): Promise<ScaleBackend> {
  const [store, floor] = [await benchSchema(), await benchSchema()];
  if (!store || !floor) throw new Error("no PostgreSQL server answers (BENCH_DATABASE_URL, default the local test server)");
  const admin = createPool(store.url, 1);
  const schema = (await admin.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]?.schema;
  // pg_stat_wal gives wal_bytes from PostgreSQL 14.
  // Without autovacuum (as on a test server) no table of a new schema has statistics and the
  // planner guesses every story holds a few rows: the bench analyzes after each step instead.
  const autovacuum = (await admin.query<{ on: boolean }>("SELECT current_setting('autovacuum') = 'on' AS on")).rows[0]?.on ?? false;
  const hasWalStats = (await admin.query("SELECT 1 FROM pg_catalog.pg_views WHERE viewname = 'pg_stat_wal'")).rowCount === 1;
  return {
    location: store.url,
    where: `PostgreSQL schema ${schema} (${new URL(store.url).host})`,
    floorName: "a bare GIN tsvector table",
    async floor(docs, count) {
      const pool = createPool(floor.url, 1);
      await pool.query("CREATE TABLE f (text TEXT NOT NULL, found_by tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED)");
      await pool.query("CREATE INDEX f_found_by ON f USING GIN (found_by)");
      const client = await pool.connect();
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        await client.query("BEGIN");
        await client.query("INSERT INTO f (text) SELECT unnest($1::text[])", [docs[i % docs.length] ?? []]);
        await client.query("COMMIT");
      }
      const ms = (performance.now() - started) / count;
      client.release();
      await pool.query("DROP TABLE f");
      await pool.end();
      return ms;
    },
    async settle() {
      if (autovacuum) return;
      const { rows } = await admin.query<{ name: string }>("SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema()");
      await admin.query(`ANALYZE ${rows.map((r) => r.name).join(", ")}`);
    },
    ...(autovacuum ? {} : { settles: "the server runs without autovacuum: the schema is ANALYZEd after each ingest step, as autovacuum would" }),
    async written() {
      if (!hasWalStats) return null;
      // The store's connections report their WAL when they end; stats are flushed at most every second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await admin.query("SELECT pg_stat_clear_snapshot()");
      return (await admin.query<{ bytes: number }>("SELECT wal_bytes::bigint AS bytes FROM pg_stat_wal")).rows[0]?.bytes ?? null;
    },
    writtenWhat: "the server's WAL (pg_stat_wal.wal_bytes: every session's, data-file writes at checkpoints not counted)",
    async disk() {
      const { rows } = await admin.query<{ bytes: number }>(
        `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint AS bytes FROM pg_class c
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'm')`,
      );
      return rows[0]?.bytes ?? 0;
    },
    diskWhat: "pg_total_relation_size of the schema's tables (heap, indexes, TOAST; WAL not)",
    async close() {
      await admin.end();
      await store.drop();
      await floor.drop();
    },
  };
}
