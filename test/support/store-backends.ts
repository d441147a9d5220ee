import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { storedRows, storedSnapshot } from "./stored-rows.js";

/**
 * The store conformance suite runs every store test against each backend. PostgreSQL is the one
 * at TEST_DATABASE_URL (default: the local server CI starts); each store opened here gets a schema
 * of its own, dropped afterwards. Without a server answering, the PostgreSQL half is skipped, and
 * each test file says so on stderr.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A fresh store of one backend, with what tests need around it. */
export interface StoreUnderTest {
  store: Store;
  /** What DATABASE_URL would be to reach this store from another process. */
  url: string;
  /** Another store on the same database, as a second process (the CLI, another bot) opens it; `extractionVersion` plays an older or newer bot. */
  openAgain(options?: { extractionVersion?: number }): Promise<Store>;
  /** A store as another bot process opens it, delivering under its own claims; `kill` ends it as a crash would. */
  openWorker(): Promise<{ store: Store; kill(): Promise<void> }>;
  /** Raw rows of a read-only query, each as its column values; `?` placeholders in both backends. */
  rows(sql: string, ...params: unknown[]): Promise<unknown[][]>;
  /** Every row of every table, to compare whole-store states. */
  snapshot(): Promise<Record<string, unknown[]>>;
  /** Closes every store opened here and removes the database. */
  dispose(): Promise<void>;
}

export interface StoreBackend {
  name: "sqlite" | "postgres";
  available: boolean;
  open(): Promise<StoreUnderTest>;
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const sqlite: StoreBackend = {
  name: "sqlite",
  available: true,
  async open() {
    const dir = mkdtempSync(join(tmpdir(), "store-sqlite-"));
    const path = join(dir, "briefing.db");
    // Workers here are processes; the test plays them with ids it declares alive or dead.
    const alive = new Set<number>();
    const claimant = () => {
      const id = 1_000_000 + alive.size;
      alive.add(id);
      return { id, isAlive: (other: number) => alive.has(other) };
    };
    const self = claimant();
    const opened: Store[] = [openSqliteStore(path, self)];
    return {
      store: opened[0]!,
      url: `file:${path}`,
      async openAgain(options = {}) {
        const store = openSqliteStore(path, self, options.extractionVersion);
        opened.push(store);
        return store;
      },
      async openWorker() {
        const worker = claimant();
        const store = openSqliteStore(path, worker);
        opened.push(store);
        return { store, kill: async () => void alive.delete(worker.id) };
      },
      rows: async (sql, ...params) => storedRows(path, sql, ...params),
      snapshot: async () => storedSnapshot(path),
      async dispose() {
        for (const store of opened) await store.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** The URL of a schema of the test database: the store's connections put it first on their search_path. */
export const schemaUrl = (schema: string) => {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
};

/** A fresh, empty schema of the test database, and how to drop it. */
export async function freshSchema(): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    schema,
    url: schemaUrl(schema),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

async function readPostgres<T>(url: string, read: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET default_transaction_read_only = on");
    return await read(client);
  } finally {
    await client.end();
  }
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const postgres: StoreBackend = {
  name: "postgres",
  available: await postgresAnswers(TEST_DATABASE_URL),
  async open() {
    const { schema, url, drop } = await freshSchema();
    const opened: Store[] = [
      await openStore(url).catch(async (error: unknown) => {
        await drop();
        throw error;
      }),
    ];
    return {
      store: opened[0]!,
      url,
      async openAgain(options = {}) {
        const store = await openStore(url, options);
        opened.push(store);
        return store;
      },
      async openWorker() {
        // Its own application name, so the test can end exactly its connections, as the server does when a process dies.
        const name = `worker_${randomBytes(4).toString("hex")}`;
        const workerUrl = new URL(url);
        workerUrl.searchParams.set("application_name", name);
        const store = await openStore(workerUrl.toString());
        opened.push(store);
        return {
          store,
          kill: () =>
            readPostgres(TEST_DATABASE_URL, async (client) => {
              await client.query("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = $1", [name]);
            }),
        };
      },
      rows: (sql, ...params) =>
        readPostgres(url, async (client) => (await client.query({ text: numbered(sql), values: params, rowMode: "array" })).rows as unknown[][]),
      snapshot: () =>
        readPostgres(url, async (client) => {
          const tables = await client.query<{ name: string }>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
            [schema],
          );
          const snapshot: Record<string, unknown[]> = {};
          for (const { name } of tables.rows) snapshot[name] = (await client.query(`SELECT * FROM "${name}" ORDER BY 1, 2`)).rows;
          return snapshot;
        }),
      async dispose() {
        for (const store of opened) await store.close().catch(() => undefined);
        await drop();
      },
    };
  },
};

export const STORE_BACKENDS: readonly StoreBackend[] = [sqlite, postgres];

if (!postgres.available) {
  process.stderr.write(`\n!!! PostgreSQL does not answer at ${TEST_DATABASE_URL}: the PostgreSQL half of the store conformance suite is SKIPPED !!!\n\n`);
}

/** Runs the suite once per backend, as a describe block named after it; an unavailable backend's block is skipped. */
export function forEachBackend(suite: (backend: StoreBackend) => void): void {
  for (const backend of STORE_BACKENDS) describe.skipIf(!backend.available)(backend.name, () => suite(backend));
}

/** A fresh store of `backend` for each test (`t.store`, `t.db`), disposed of after it. */
export function storeForEachTest(backend: StoreBackend): { db: StoreUnderTest; store: Store } {
  const current = {} as { db: StoreUnderTest; store: Store };
  beforeEach(async () => {
    current.db = await backend.open();
    current.store = current.db.store;
  });
  afterEach(async () => {
    await current.db.dispose();
  });
  return current;
}
