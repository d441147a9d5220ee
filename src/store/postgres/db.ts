import { createHash } from "node:crypto";
import pg from "pg";

export type Pool = pg.Pool;
export type Client = pg.PoolClient | pg.Client;

const INT8 = 20;

/**
 * 64-bit integers (ids, epoch milliseconds, counts, 53-bit key hashes) come back as JS numbers, as
 * they do from SQLite: every value the store writes is below 2^53, so nothing is rounded.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 ? (value: string) => Number(value) : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};

export const connectionConfig = (url: string): pg.ClientConfig => ({ connectionString: url, types, application_name: "news-briefing-bot" });

/** The store's pool. `max` bounds this process's connections; interactions, ingest and delivery share it. */
export function createPool(url: string, max = 10): Pool {
  const pool = new pg.Pool({ ...connectionConfig(url), max });
  // An idle connection that the server drops (restart, failover) is taken out of the pool and the
  // next query opens a new one; without a listener the event would end the process.
  pool.on("error", () => undefined);
  // The store's queries each read a handful of rows, but some are costed as if they read many (a
  // key's rows before the first of the story): past jit_above_cost the server compiled them first,
  // 25 ms each time, for queries that then ran in a fraction of a millisecond. Sent before the client is handed out.
  pool.on("connect", (client) => {
    client.query("SET jit = off").catch(() => undefined);
  });
  return pool;
}

/** One transaction on one connection: committed when `work` resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Advisory lock classes (the first key of pg_advisory_lock's two), one per use, so uses never collide. */
export const LockClass = {
  migrate: 0x6e62_0001,
  ingest: 0x6e62_0002,
  subscription: 0x6e62_0003,
  worker: 0x6e62_0004,
  leader: 0x6e62_0005,
} as const;

/**
 * Takes this transaction's advisory lock of `lockClass` on `name` within the store's schema. Advisory locks are
 * the database's, not a schema's: keyed by the name alone, stores sharing a database in schemas of their own
 * (installs, test runs) would wait on each other's ingests of a story of the same name.
 */
export const lockInSchema = (client: Client, lockClass: number, name: string) =>
  client.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || '/' || $2))", [lockClass, name]);

const statementNames = new Map<string, string>();

/**
 * Runs `text` as a statement prepared once per connection, named by its text: the ingest's fixed
 * statements, run for every article, were parsed and planned as often (a fifth of the store step);
 * PostgreSQL then keeps a plan for them. Only for texts fixed in the code, never built from values.
 */
export function prepared<R extends pg.QueryResultRow>(client: Client, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `nb_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return client.query<R>({ name, text, values });
}
