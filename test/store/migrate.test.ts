import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/db.js";
import { loadMigrations, migrate } from "../../src/store/migrate.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "migrate-test-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("migrations", () => {
  it("apply once, and a second run on the same file applies nothing", () => {
    const path = join(dir, "store.db");
    const migrations = loadMigrations();
    const first = openDatabase(path);
    expect(migrate(first)).toEqual(migrations.map((m) => m.version));
    first.close();

    const second = openDatabase(path);
    expect(migrate(second)).toEqual([]);
    expect(second.pragma("user_version", { simple: true })).toBe(migrations.length);
    second.close();
  });

  it("apply only the migrations a database does not have yet", () => {
    const db = openDatabase(":memory:");
    const one = [{ version: 1, name: "001_a.sql", sql: "CREATE TABLE a (x INTEGER);" }];
    const two = [...one, { version: 2, name: "002_b.sql", sql: "CREATE TABLE b (a_x INTEGER REFERENCES a (x));" }];
    expect(migrate(db, one)).toEqual([1]);
    expect(migrate(db, two)).toEqual([2]);
    db.close();
  });

  it("leave the schema untouched when a migration fails half way", () => {
    const db = openDatabase(":memory:");
    const broken = [{ version: 1, name: "001_broken.sql", sql: "CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);" }];
    expect(() => migrate(db, broken)).toThrow(/already exists/);
    expect(db.pragma("user_version", { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
    db.close();
  });

  it("refuse a database written by newer code", () => {
    const db = openDatabase(":memory:");
    db.pragma("user_version = 7");
    expect(() => migrate(db)).toThrow(/newer than this code knows/);
    db.close();
  });

  it("refuse a gap in the numbering, which would mean a lost file", () => {
    writeFileSync(join(dir, "001_first.sql"), "CREATE TABLE a (x INTEGER);");
    writeFileSync(join(dir, "003_third.sql"), "CREATE TABLE c (x INTEGER);");
    expect(() => loadMigrations(dir)).toThrow(/003_third\.sql/);
  });
});
