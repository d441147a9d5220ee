import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalyser, extractArticle } from "../../src/extract/index.js";
import { readArticleFiles, storyFacts } from "../../src/pipeline/store-articles.js";
import { loadStories } from "../../src/story/config.js";
import { offThread, type OffThread } from "../../src/pipeline/off-thread.js";

const SEED = "data/articles/000_3d272934acddc640.txt";
const KAZAKHSTAN = storyFacts(loadStories("data/stories").find((s) => s.slug === "kazakhstan")!);
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
});
