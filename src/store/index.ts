import { openSqliteStore } from "./sqlite/index.js";
import type { Store } from "./store.js";

export type * from "./store.js";
export { SUBSCRIPTION_FILTERS } from "./store.js";
export { Update, UpdateContent, FigureChange, PreviousFigure } from "./updates.js";

/** A `postgres://` (or `postgresql://`) URL names a PostgreSQL database; anything else is SQLite. */
export const isPostgresUrl = (location: string): boolean => /^postgres(?:ql)?:\/\//i.test(location);

const sqlitePath = (location: string) => (location.startsWith("file:") ? location.slice("file:".length) : location);

/**
 * Opens the store `location` names and brings its schema up to date: a `postgres://` URL opens
 * PostgreSQL; a `file:` URL or a plain path opens (creating if needed) that SQLite file, and
 * ":memory:" an in-memory SQLite store. `extractionVersion` plays a bot of another version of the
 * reading (extract/version.ts) in tests; the bot and the CLI give none and store as this code reads.
 */
export async function openStore(location: string, options: { extractionVersion?: number } = {}): Promise<Store> {
  if (isPostgresUrl(location)) return (await import("./postgres/index.js")).openPostgresStore(location, options.extractionVersion);
  return openSqliteStore(sqlitePath(location), undefined, options.extractionVersion);
}

/** Brings the schema of the store at `location` up to date without opening the store: the versions applied, and the one now. */
export async function migrateStore(location: string): Promise<{ applied: number[]; version: number }> {
  if (isPostgresUrl(location)) {
    const [{ createPool }, { migrate, schemaVersion }] = await Promise.all([import("./postgres/db.js"), import("./postgres/migrate.js")]);
    const pool = createPool(location, 1);
    try {
      return { applied: await migrate(pool), version: await schemaVersion(pool) };
    } finally {
      await pool.end();
    }
  }
  const [{ openDatabase }, { migrate, userVersion }] = await Promise.all([import("./sqlite/db.js"), import("./sqlite/migrate.js")]);
  const db = openDatabase(sqlitePath(location));
  try {
    return { applied: migrate(db), version: userVersion(db) };
  } finally {
    db.close();
  }
}
