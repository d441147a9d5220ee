import { createPool, inTransaction } from "./postgres/db.js";
import { migrate as migratePostgres } from "./postgres/migrate.js";
import { openDatabase } from "./sqlite/db.js";
import { migrate as migrateSqlite } from "./sqlite/migrate.js";

/** Every table that holds data, parents before children; both schemas have them with the same columns. */
const TABLES = [
  "articles",
  "texts",
  "sentences",
  "figures",
  "actors",
  "actor_aliases",
  "actor_mentions",
  "story_actors",
  "story_actor_names",
  "story_actors_to_fill",
  "reactions",
  "videos",
  "summary",
  "timeline",
  "updates",
  "subscriptions",
  "deliveries",
  "sources",
] as const;

/** Identity columns whose sequences must move past the copied ids. */
const IDENTITIES = [
  ["articles", "pk"],
  ["texts", "id"],
  ["updates", "id"],
  ["subscriptions", "id"],
  ["deliveries", "id"],
] as const;

/** A claim names a process of the old install; none of them holds anything in the new one. */
const NOT_COPIED = new Set(["claimed_by"]);

const CHUNK = 2000;

export interface CopyReport {
  /** Rows copied per table. */
  tables: Array<{ table: string; rows: number }>;
}

/**
 * Moves a SQLite store into an empty PostgreSQL database, all or nothing: every row of every table
 * (ids kept, so nonces and batches recorded before stay true) in one PostgreSQL transaction, which
 * commits only when the last row is in. Both schemas are brought up to date first. A target that
 * holds anything already is refused, untouched.
 */
export async function copySqliteToPostgres(sqlitePath: string, postgresUrl: string): Promise<CopyReport> {
  const source = openDatabase(sqlitePath);
  const pool = createPool(postgresUrl, 2);
  try {
    migrateSqlite(source);
    await migratePostgres(pool);
    return await inTransaction(pool, async (client) => {
      for (const table of TABLES) {
        const { rows } = await client.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS found`);
        if (rows[0]?.found) throw new Error(`the target store is not empty (${table} has rows): copy-store only fills an empty database`);
      }
      const report: CopyReport = { tables: [] };
      for (const table of TABLES) {
        const columns = source
          .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)
          .all()
          .map((c) => c.name)
          .filter((name) => !NOT_COPIED.has(name));
        const list = columns.map((c) => `"${c}"`).join(", ");
        const insert = `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json)`;
        let chunk: unknown[] = [];
        let count = 0;
        for (const row of source.prepare(`SELECT ${list} FROM ${table}`).iterate()) {
          chunk.push(row);
          if (chunk.length === CHUNK) {
            await client.query(insert, [JSON.stringify(chunk)]);
            count += chunk.length;
            chunk = [];
          }
        }
        if (chunk.length) await client.query(insert, [JSON.stringify(chunk)]);
        report.tables.push({ table, rows: count + chunk.length });
      }
      for (const [table, column] of IDENTITIES) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), COALESCE((SELECT MAX(${column}) FROM ${table}), 0) + 1, false)`);
      }
      // Bots already running against the target see new articles.
      await client.query("UPDATE store_version SET n = n + 1");
      return report;
    });
  } finally {
    source.close();
    await pool.end();
  }
}
