import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const SEED = "data/articles/000_3d272934acddc640.txt";
let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "briefing-cli-"));
  env = { DATABASE_URL: `file:${join(dir, "store", "briefing.db")}` };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every row of every table, so "untouched" means exactly that. */
function dump(): string {
  const db = new Database(join(dir, "store", "briefing.db"), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  } finally {
    db.close();
  }
}

const malformed: Record<string, (path: string) => void> = {
  "an empty file": (p) => writeFileSync(p, ""),
  "a binary file": (p) => writeFileSync(p, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])),
  "a file without a title": (p) => writeFileSync(p, "As of: January 8th, 2022 9:12 a.m.\n\nSomething happened in Almaty today.\n"),
  "10 MB of text": (p) => writeFileSync(p, `Title\n\n${"Security forces patrolled the streets of Almaty. ".repeat(220_000)}`),
  "broken UTF-8": (p) => writeFileSync(p, Buffer.concat([Buffer.from("Title\n\nFirst line is fine.\n"), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from("\n")])),
};

describe("cli ingest", () => {
  it("stores the seed once: a second run reports it unchanged and changes nothing", () => {
    const first = runCli(["ingest", SEED], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^added\s+data\/articles\/000_3d272934acddc640\.txt: Riots in Kazakhstan/m);
    expect(first.stdout).toContain("1 added, 0 updated, 0 unchanged");
    const before = dump();
    const second = runCli(["ingest", "data/articles"], env);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("0 added, 0 updated, 1 unchanged");
    expect(dump()).toBe(before);
  });

  it("replaces a changed article's facts and says what is new", () => {
    const copy = join(dir, "live.txt");
    copyFileSync(SEED, copy);
    expect(runCli(["ingest", copy], env).status).toBe(0);
    const text = readFileSync(copy, "utf8").replace(
      "NATO Secretary General",
      "The EU's foreign policy chief Josep Borrell called for restraint.\n\nNATO Secretary General",
    );
    writeFileSync(copy, text);
    const run = runCli(["ingest", copy], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^updated\s+.*live\.txt: Riots in Kazakhstan.*\(new: 0 figures, 1 reactions, 2 actors, 0 videos\)/m);
  });

  for (const [what, write] of Object.entries(malformed)) {
    it(`rejects ${what} with file and reason, exit 2, and stores nothing of the batch`, () => {
      expect(runCli(["ingest", SEED], env).status).toBe(0);
      const before = dump();
      const bad = join(dir, "inbox", "bad.txt");
      mkdirSync(join(dir, "inbox"), { recursive: true });
      write(bad);
      const good = join(dir, "inbox", "good.txt");
      writeFileSync(good, "Curfew extended in Almaty\n\nAs of: January 9th, 2022 8:00 a.m.\n\nThe curfew in Almaty was extended until January 19, officials said.\n");
      const run = runCli(["ingest", join(dir, "inbox")], env);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(bad);
      expect(run.stderr).toMatch(/nothing was stored/);
      expect(run.stdout).toBe("");
      expect(dump()).toBe(before);
    });
  }

  it("names the line of the first invalid UTF-8 byte", () => {
    const bad = join(dir, "bad.txt");
    malformed["broken UTF-8"]!(bad);
    const run = runCli(["ingest", bad], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${bad}:4:`);
    expect(existsSync(join(dir, "store", "briefing.db"))).toBe(false);
  });

  it("refuses an unknown story and an invalid DATABASE_URL with exit 2 and a readable reason", () => {
    const story = runCli(["ingest", SEED, "--story", "atlantis"], env);
    expect(story.status).toBe(2);
    expect(story.stderr).toMatch(/unknown story "atlantis"/);
    const config = runCli(["ingest", SEED], { DATABASE_URL: "mysql://nope" });
    expect(config.status).toBe(2);
    expect(config.stderr).toMatch(/DATABASE_URL: file:<path to the SQLite database>/);
  });

  it("creates the database under a new folder on first use", () => {
    const run = runCli(["ingest", SEED], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`created the folder ${join(dir, "store")} for the store (DATABASE_URL=${env.DATABASE_URL})\n`);
    expect(statSync(join(dir, "store", "briefing.db")).size).toBeGreaterThan(0);
  });
});
