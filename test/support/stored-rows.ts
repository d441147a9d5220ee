import Database from "better-sqlite3";

/**
 * Raw rows of a store's database file, read through a connection of their own that cannot write:
 * for tests about what is stored (no duplicate after an update, nothing left by a rollback), which
 * the store's view-shaped reads de-duplicate or bound away by design.
 */
function readOnly<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Each row of the query as an array of its column values, in the query's order. */
export function storedRows(path: string, sql: string, ...params: unknown[]): unknown[][] {
  return readOnly(
    path,
    (db) =>
      db
        .prepare(sql)
        .raw()
        .all(...params) as unknown[][],
  );
}

/** Every row of every table, to compare whole-store states (a full-text index by its shadow tables, which hold what it holds). */
export function storedSnapshot(path: string): Record<string, unknown[]> {
  return readOnly(path, (db) => {
    const tables = db
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
      .pluck()
      .all();
    return Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]));
  });
}
