import { checkNotNewer, loadMigrations, migrationsDir, type Migration } from "../migration-files.js";
import type { Db } from "./db.js";

/**
 * Applies every migration newer than the database's `user_version`, each in its own transaction
 * together with the version bump, so a failed migration leaves the schema as it was.
 * Returns the versions applied.
 */
export function migrate(db: Db, migrations: Migration[] = loadMigrations(migrationsDir("sqlite"))): number[] {
  const current = userVersion(db);
  checkNotNewer(current, migrations);
  const applied: number[] = [];
  for (const migration of migrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      // Another process may have applied it while this one waited for the write lock.
      if (userVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration.version);
    }).immediate();
  }
  return applied;
}

export function userVersion(db: Db): number {
  const version = db.pragma("user_version", { simple: true });
  if (typeof version !== "number") throw new Error("PRAGMA user_version returned no number");
  return version;
}
