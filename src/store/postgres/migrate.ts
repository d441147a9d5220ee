import { checkNotNewer, loadMigrations, migrationsDir, type Migration } from "../migration-files.js";
import { LockClass, type Pool } from "./db.js";

/**
 * Applies every migration not yet in `schema_migrations`, each in its own transaction with its
 * row, so a failed migration leaves the schema as it was. Processes starting together take turns on
 * an advisory lock, and one finding a migration applied meanwhile skips it. Returns the versions applied.
 */
export async function migrate(pool: Pool, migrations: Migration[] = loadMigrations(migrationsDir("postgres"))): Promise<number[]> {
  const client = await pool.connect();
  try {
    // Per schema, like the leader lock: a schema's migrations never wait for another's.
    await client.query("SELECT pg_advisory_lock($1, hashtext(current_schema()))", [LockClass.migrate]);
    try {
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
      );
      const { rows } = await client.query<{ version: number | null }>("SELECT MAX(version) AS version FROM schema_migrations");
      const current = rows[0]?.version ?? 0;
      checkNotNewer(current, migrations);
      const applied: number[] = [];
      for (const migration of migrations.filter((m) => m.version > current)) {
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, hashtext(current_schema()))", [LockClass.migrate]);
    }
  } finally {
    client.release();
  }
}

/** The newest migration applied; 0 for an empty database. */
export async function schemaVersion(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ version: number | null }>(
    "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT MAX(version) FROM schema_migrations) END AS version",
  );
  return rows[0]?.version ?? 0;
}
