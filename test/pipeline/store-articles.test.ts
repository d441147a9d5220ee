import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnalyser, extractArticle } from "../../src/extract/index.js";
import { parseArticleText } from "../../src/ingest/text.js";
import {
  FIRST_WRITE_BATCH,
  MAX_WRITE_BATCH,
  WRITE_HOLD_MS,
  nextWriteBatch,
  storyFacts,
  writeArticles,
  type Extracted,
} from "../../src/pipeline/store-articles.js";
import { openStore, type Store } from "../../src/store/index.js";
import { loadStories } from "../../src/story/config.js";

const [STORY] = loadStories("data/stories").filter((s) => s.slug === "kazakhstan");
if (!STORY) throw new Error("data/stories has no kazakhstan story");
const analyser = createAnalyser(storyFacts(STORY));

/** A short report per day and town, each its own article. */
const report = (i: number) =>
  parseArticleText(
    `Curfew extended in town ${i}\n\nAs of: January ${1 + (i % 28)}, 2022 10:00\n\nThe curfew in town number ${i} was extended, the mayor said. ${i + 3} people were detained overnight.\n`,
    `reports/${i}.txt`,
  );

let dir: string;
let store: Store;
let batches: number[];
let written: string[];
let lookUps: string[][];
let listings: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "store-articles-"));
  const opened = await openStore(join(dir, "briefing.db"));
  [batches, written, lookUps, listings] = [[], [], [], 0];
  // The real store, counting the batches it is handed (and the articles, in order) and what it is asked about stored articles.
  store = Object.assign(Object.create(opened) as Store, {
    ingestBatch: (...args: Parameters<Store["ingestBatch"]>) => {
      batches.push(args[1].length);
      written.push(...args[1].map((item) => item.article.id));
      return opened.ingestBatch(...args);
    },
    storedIds: (...args: Parameters<Store["storedIds"]>) => {
      lookUps.push([...args[1]]);
      return opened.storedIds(...args);
    },
    articles: (...args: Parameters<Store["articles"]>) => {
      listings++;
      return opened.articles(...args);
    },
  });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("writeArticles", () => {
  it("writes a run's articles in batches, one commit each, and reports every article in the order given", async () => {
    const extracted: Extracted[] = Array.from({ length: FIRST_WRITE_BATCH + 6 }, (_, i) => {
      const article = report(i);
      return { article, extraction: extractArticle(article, analyser) };
    });
    const reports = await writeArticles(store, STORY, extracted);
    // The first batch's pace sizes the rest (nextWriteBatch): the six left, in one batch unless the machine is very slow.
    expect(batches[0]).toBe(FIRST_WRITE_BATCH);
    expect(batches.reduce((sum, n) => sum + n, 0)).toBe(FIRST_WRITE_BATCH + 6);
    expect(reports.map((r) => r.origin)).toEqual(extracted.map((e) => e.article.origin));
    expect(reports.every((r) => r.status === "added")).toBe(true);
    expect(await store.articles(STORY.slug)).toHaveLength(FIRST_WRITE_BATCH + 6);
  });

  it("sizes each next batch to what the last one's pace fits in the hold allowed, from one article to the most", () => {
    expect(nextWriteBatch(16, WRITE_HOLD_MS / 4)).toBe(64);
    expect(nextWriteBatch(16, WRITE_HOLD_MS * 4)).toBe(4);
    expect(nextWriteBatch(16, WRITE_HOLD_MS * 100)).toBe(1);
    expect(nextWriteBatch(16, 0)).toBe(MAX_WRITE_BATCH);
  });

  it("undoes only an article that cannot be stored, keeps the rest of its batch, and then says which one failed", async () => {
    const extracted: Extracted[] = Array.from({ length: 5 }, (_, i) => {
      const article = report(i);
      return { article, extraction: extractArticle(article, analyser) };
    });
    const broken = extracted[2];
    const [figure] = broken?.extraction?.figures ?? [];
    if (!broken?.extraction || !figure) throw new Error("the report should carry a figure");
    broken.extraction = { ...broken.extraction, figures: [{ ...figure, count: -3 }] };
    await expect(writeArticles(store, STORY, extracted)).rejects.toThrow(/reports\/2\.txt.*count/s);
    const stored = (await store.articles(STORY.slug)).map((a) => a.origin).sort();
    expect(stored).toEqual(["reports/0.txt", "reports/1.txt", "reports/3.txt", "reports/4.txt"]);
  });

  it("writes the articles the story has before the new ones, looking up only the run's ids instead of listing the story", async () => {
    const extract = (i: number): Extracted => {
      const article = report(i);
      return { article, extraction: extractArticle(article, analyser) };
    };
    await writeArticles(store, STORY, [extract(0), extract(1)]);
    [written, lookUps] = [[], []];
    const run = [extract(2), extract(1), extract(3), extract(0)];
    await writeArticles(store, STORY, run);
    expect(written).toEqual([1, 0, 2, 3].map((i) => report(i).id));
    expect(lookUps).toEqual([run.map((e) => e.article.id)]);
    expect(listings).toBe(0);
  });

  it("hands an article stored already in this version to no batch", async () => {
    const article = report(1);
    const reports = await writeArticles(store, STORY, [{ article, extraction: null }]);
    expect(batches).toEqual([]);
    expect(reports).toMatchObject([{ status: "unchanged", origin: "reports/1.txt" }]);
  });
});
