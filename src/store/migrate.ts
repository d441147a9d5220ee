import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Db } from "./db.js";

const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));
const migrationFile = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migration files in order. Numbers must run 1, 2, 3… so a missing or doubled file is caught at start. */
export function loadMigrations(dir: string = migrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .flatMap((name) => {
      const match = migrationFile.exec(name);
      return match?.[1] ? [{ version: Number(match[1]), name, sql: readFileSync(`${dir}/${name}`, "utf8") }] : [];
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(`Migrations must be numbered 001, 002, … without gaps; found ${migration.name} at position ${i + 1}`);
    }
  });
  return migrations;
}

/**
 * Applies every migration newer than the database's `user_version`, each in its own transaction
 * together with the version bump, so a failed migration leaves the schema as it was.
 * Returns the versions applied.
 */
export function migrate(db: Db, migrations: Migration[] = loadMigrations()): number[] {
  const current = userVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`Database schema version ${current} is newer than this code knows (${latest}); upgrade the bot`);
  }
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

function userVersion(db: Db): number {
  const version = db.pragma("user_version", { simple: true });
  if (typeof version !== "number") throw new Error("PRAGMA user_version returned no number");
  return version;
}
