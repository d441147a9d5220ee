import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestStoryFiles } from "../../src/pipeline/story-sources.js";
import { createLogger } from "../../src/logger.js";
import { openStore, type Store } from "../../src/store/index.js";
import { StoryConfig } from "../../src/story/config.js";
import { STORE_BACKENDS, freshSchema } from "../support/store-backends.js";
import { runCliAsync } from "./run-cli.js";
import { processRuns } from "../support/process-runs.js";

const SEED = "data/articles/000_3d272934acddc640.txt";
const story = StoryConfig.parse({ slug: "kazakhstan", title: "Unrest in Kazakhstan", description: "Copy test", sources: { files: [] } });

/** What a bot answers from a store, through the reads it uses. */
async function answers(store: Store) {
  return {
    stories: await store.stories(),
    figures: await store.figureSeries("kazakhstan", 3),
    actors: await store.actorIndex("kazakhstan"),
    summary: await store.summary("kazakhstan", 6),
    reactions: await store.distinctReactions("kazakhstan"),
    timeline: await store.recentTimeline("kazakhstan", 50),
    // Both backends find the same sentences; each ranks them by its own full-text score.
    found: (await store.searchSentences("kazakhstan", { terms: ["demonstrator", "kill"], actorIds: [], limit: 100 })).map((s) => s.text).sort(),
    subscriptions: await store.subscriptions(),
    deliveries: await store.deliveries(),
  };
}

describe.skipIf(!STORE_BACKENDS.find((b) => b.name === "postgres")?.available)("cli migrate and copy-store", { timeout: processRuns(2) }, () => {
  let dir: string;
  let sqlite: string;
  let target: Awaited<ReturnType<typeof freshSchema>>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "copy-store-"));
    sqlite = join(dir, "briefing.db");
    target = await freshSchema();
    const store = await openStore(`file:${sqlite}`);
    await store.subscribe({ guildId: "100000000000000001", channelId: "200000000000000001", story: "kazakhstan", only: "all", createdBy: null });
    await ingestStoryFiles(store, story, [SEED], createLogger("silent"));
    await store.enqueueDeliveries();
    const [open] = await store.claim();
    await store.startBatch(
      open!.deliveries.map((d) => d.id),
      "nonce-before-the-move",
    );
    await store.close();
  });
  afterEach(async () => {
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrates a PostgreSQL database from the command line, then has nothing left to apply", async () => {
    const first = await runCliAsync(["migrate"], { DATABASE_URL: target.url });
    expect(first.stdout).toMatch(/^applied 001, 002, 003, 004, 005, 006, 007, 008, 009, 010, 011, 012, 013; schema version 13/);
    const again = await runCliAsync(["migrate"], { DATABASE_URL: target.url });
    expect(again.stdout).toMatch(/^nothing to apply; schema version 13/);
  });

  it("moves an install over with every answer, id and recorded nonce the same, and refuses to copy into it twice", async () => {
    const copied = await runCliAsync(["copy-store", "--from", `file:${sqlite}`, "--to", target.url]);
    expect(copied.stderr).toBe("");
    expect(copied.status).toBe(0);
    expect(copied.stdout).toMatch(/^articles +1$/m);
    expect(copied.stdout).toMatch(/copied \d+ rows in one transaction/);

    const before = await openStore(`file:${sqlite}`);
    const after = await openStore(target.url);
    try {
      expect(await answers(after)).toEqual(await answers(before));
      // Ids go on from where the old install stopped.
      await after.subscribe({ guildId: "100000000000000001", channelId: "200000000000000002", story: "kazakhstan", only: "all", createdBy: null });
      expect((await after.subscriptions()).map((s) => s.id).sort()).toEqual([1, 2]);

      const twice = await runCliAsync(["copy-store", "--from", `file:${sqlite}`, "--to", target.url]);
      expect(twice.status).toBe(1);
      expect(twice.stderr).toMatch(/target store is not empty/);
      expect((await after.subscriptions()).length).toBe(2);
    } finally {
      await before.close();
      await after.close();
    }
  });

  it("leaves the target empty when a row cannot be moved", async () => {
    // PostgreSQL refuses a NUL character in text, which SQLite stores: the last table's row fails.
    const db = new Database(sqlite);
    db.prepare("INSERT INTO sources (story, url, kind, failures, failing, changed_at) VALUES ('kazakhstan', ?, 'page', 0, 0, '2022-01-08')").run(
      "https://example.org/\u0000",
    );
    db.close();
    const failed = await runCliAsync(["copy-store", "--from", `file:${sqlite}`, "--to", target.url]);
    expect(failed.status).toBe(1);
    const after = await openStore(target.url);
    try {
      expect(await after.stories()).toEqual([]);
      expect(await after.subscriptions()).toEqual([]);
    } finally {
      await after.close();
    }
  });

  it("says what it needs when given the wrong kinds of URL, exit 2", async () => {
    const wrong = await runCliAsync(["copy-store", "--from", target.url, "--to", `file:${sqlite}`]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--from must be a file: URL/);
  });
});
