import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalyser, extractArticle } from "../../src/extract/index.js";
import { readArticleFiles, storyFacts } from "../../src/pipeline/store-articles.js";
import { loadStories } from "../../src/story/config.js";
import { offThread, type OffThread } from "../../src/pipeline/off-thread.js";
import { ingestStoryFiles } from "../../src/pipeline/story-sources.js";
import { createLogger } from "../../src/logger.js";
import { openStore } from "../../src/store/index.js";

const SEED = "data/articles/000_3d272934acddc640.txt";
const STORY = loadStories("data/stories").find((s) => s.slug === "kazakhstan")!;
const KAZAKHSTAN = storyFacts(STORY);
const here = (article: Parameters<typeof extractArticle>[0]) => extractArticle(article, createAnalyser(KAZAKHSTAN));

describe("parsing and extraction on a worker thread", () => {
  let work: OffThread;
  let dir: string;
  beforeAll(() => {
    work = offThread();
    dir = mkdtempSync(join(tmpdir(), "off-thread-"));
  });
  afterAll(async () => {
    await work.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads and extracts exactly what the main thread would, bad files reported with file and reason", async () => {
    const bad = join(dir, "empty.txt");
    writeFileSync(bad, "");
    const read = readArticleFiles([SEED, bad]);
    const there = await work.readArticleFiles([SEED, bad]);
    expect(there.articles).toEqual(read.articles);
    expect(there.errors.map((e) => [e.name, e.message])).toEqual(read.errors.map((e) => [e.name, e.message]));
    expect(there.errors[0]?.origin).toBe(bad);
    expect(await work.extract(read.articles[0]!, KAZAKHSTAN)).toEqual(here(read.articles[0]!));
  });

  it("answers requests made at once, each with its own answer", async () => {
    const [article] = readArticleFiles([SEED]).articles;
    const retitled = { ...article!, title: "Almaty after the curfew" };
    const [first, second] = await Promise.all([work.extract(article!, KAZAKHSTAN), work.extract(retitled, KAZAKHSTAN)]);
    expect(first).toEqual(here(article!));
    expect(second).toEqual(here(retitled));
  });

  it("ends its worker once idle, and starts another for the next request", async () => {
    const brief = offThread(100);
    try {
      expect(brief.running).toBe(false);
      const first = await brief.readArticleFiles([SEED]);
      expect(brief.running).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(brief.running).toBe(false);
      expect(await brief.readArticleFiles([SEED])).toEqual(first);
      expect(brief.running).toBe(true);
    } finally {
      await brief.close();
    }
    expect(brief.running).toBe(false);
  });

  it("starts no worker for an inbox with no article in it, and one once an article arrives", async () => {
    const inbox = join(dir, "inbox");
    mkdirSync(inbox);
    writeFileSync(join(inbox, ".notes.txt"), "not an article: hidden files are the operator's");
    const store = await openStore(":memory:");
    const scheduled = offThread();
    try {
      expect(await ingestStoryFiles(store, STORY, [inbox], createLogger("silent"), scheduled)).toEqual([]);
      expect(scheduled.running).toBe(false);
      copyFileSync(SEED, join(inbox, "seed.txt"));
      const reports = await ingestStoryFiles(store, STORY, [inbox], createLogger("silent"), scheduled);
      expect(reports.map((r) => r.status)).toEqual(["added"]);
      expect(scheduled.running).toBe(true);
    } finally {
      await scheduled.close();
      await store.close();
    }
  });
});
