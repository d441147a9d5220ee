import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../package-root.js";

const migrationFile = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Each backend's migrations live in their own folder, numbered alike: migration N means the same change in both. */
export const migrationsDir = (backend: "sqlite" | "postgres"): string => fileURLToPath(new URL(`src/store/migrations/${backend}/`, packageRoot));

/** The migration files in order. Numbers must run 1, 2, 3… so a missing or doubled file is caught at start. */
export function loadMigrations(dir: string): Migration[] {
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

/** The refusal both backends give a database whose schema is newer than the code. */
export function checkNotNewer(current: number, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`Database schema version ${current} is newer than this code knows (${latest}); upgrade the bot`);
  }
}
