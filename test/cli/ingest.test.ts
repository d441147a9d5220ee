import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { processRuns } from "../support/process-runs.js";

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
  "broken UTF-8": (p) =>
    writeFileSync(p, Buffer.concat([Buffer.from("Title\n\nFirst line is fine.\n"), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from("\n")])),
  "an unreadable As of: date": (p) => writeFileSync(p, "Curfew extended in Almaty\nAs of: yesterday-ish banana\n\nThe curfew was extended, officials said.\n"),
};

describe("cli ingest", { timeout: processRuns(2) }, () => {
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
      writeFileSync(
        good,
        "Curfew extended in Almaty\n\nAs of: January 9th, 2022 8:00 a.m.\n\nThe curfew in Almaty was extended until January 19, officials said.\n",
      );
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

  it("rejects a page nested 10,000 deep with its reason, exit 2 and no stack trace, and names no good file beside it", () => {
    const inbox = join(dir, "inbox");
    mkdirSync(inbox);
    const deep = join(inbox, "deep.html");
    writeFileSync(deep, `<html><head><title>Deep</title></head><body>${"<div>".repeat(10_000)}<p>Text.</p></body></html>`);
    writeFileSync(join(inbox, "good.txt"), "Curfew extended in Almaty\nAs of: January 9, 2022 8:00\n\nThe curfew was extended, officials said.\n");
    const run = runCli(["ingest", inbox], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `rejected ${deep}: the page nests elements 10002 deep; an article page nests far less than 128, so it is not parsed\nnothing was stored\n`,
    );
  });

  it("rejects an HTML file over the size limit without reading it (a sparse 3 GiB file)", () => {
    const huge = join(dir, "huge.html");
    writeFileSync(huge, "");
    truncateSync(huge, 3 * 2 ** 30);
    const run = runCli(["ingest", huge], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`rejected ${huge}: file is too large: 3221225472 bytes`);
  });

  it("stores an article that states no time as of the file's modification time and says so on stderr", () => {
    const undated = join(dir, "undated.txt");
    writeFileSync(undated, "Curfew extended in Almaty\n\nThe curfew in Almaty was extended until January 19, officials said.\n");
    utimesSync(undated, new Date("2022-01-10T07:30:00Z"), new Date("2022-01-10T07:30:00Z"));
    const run = runCli(["ingest", undated], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^added\s+.*undated\.txt: Curfew extended in Almaty/m);
    expect(run.stderr.split("\n")).toContain(`note ${undated}: as of 2022-01-10T07:30:00Z, the file's modification time: the article states no time`);
  });

  it("reads a saved feed file as its items' articles", () => {
    const run = runCli(["ingest", "test/fixtures/feeds/atom.xml"], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^rejected test\/fixtures\/feeds\/atom\.xml: 1 of 2 feed items carry only a teaser or a link/);
    const full = join(dir, "full.xml");
    writeFileSync(full, readFileSync("test/fixtures/feeds/rss2.xml", "utf8").replace(/<item>[\s\S]*?<\/item>/, ""));
    const stored = runCli(["ingest", full], env);
    expect(stored.status).toBe(0);
    expect(stored.stdout).toMatch(/^added\s+https:\/\/caspianwire\.example\/2022\/01\/07\/peacekeepers-arrive: Peacekeeping troops arrive in Kazakhstan/m);
  });

  it("creates the database under a new folder on first use", () => {
    const run = runCli(["ingest", SEED], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`created the folder ${join(dir, "store")} for the store (DATABASE_URL=${env.DATABASE_URL})\n`);
    expect(statSync(join(dir, "store", "briefing.db")).size).toBeGreaterThan(0);
  });
});
