import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalyser, extractArticle } from "../../src/extract/index.js";
import { cpuBudget } from "../../src/ingest/budget.js";
import { storyFacts } from "../../src/pipeline/store-articles.js";
import { ingestStoryFiles } from "../../src/pipeline/story-sources.js";
import { parseArticleText } from "../../src/ingest/text.js";
import { offThread, type OffThread } from "../../src/pipeline/off-thread.js";
import { openStore, type Store } from "../../src/store/index.js";
import { loadStories } from "../../src/story/config.js";
import { captureLogs } from "../support/log-capture.js";
import { inputError } from "../ingest/input-error.js";

const SEED = "data/articles/000_3d272934acddc640.txt";
const [STORY] = loadStories("data/stories").filter((s) => s.slug === "kazakhstan");
if (!STORY) throw new Error("data/stories has no kazakhstan story");

/**
 * A page well inside every size limit (about 170 KB, 1,500 paragraphs) whose every sentence names
 * new people and bodies: matching each name against all before it made analysis take ~10 s of CPU
 * (and a 2 MB page of it many minutes). Names come from a seeded generator, so the page is the same
 * on every run.
 */
function namesFlood(): string {
  let state = 7;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const syllables = ["ka", "ri", "mo", "ta", "se", "nu", "bek", "ov", "al", "zh", "an", "ur"];
  const name = () => {
    const word = Array.from({ length: 3 }, () => syllables[Math.floor(next() * syllables.length)]).join("");
    return word.charAt(0).toUpperCase() + word.slice(1);
  };
  const paragraphs = Array.from(
    { length: 1500 },
    () =>
      `${name()} ${name()}ov said ${1 + Math.floor(next() * 900)} people were detained, ${name()} ${name()}, the head of the ${name()} Committee, told ${name()} ${name()}.`,
  );
  return `Names upon names\nAs of: January 9, 2022 10:00\n\n${paragraphs.join("\n\n")}\n`;
}

describe("a CPU time budget per article", () => {
  it("refuses once a pass has spent its allowance, naming the stage, and not before", () => {
    let now = 0;
    const budget = cpuBudget("page.html", 1000, () => now);
    now = 1000;
    expect(() => budget.check("coreference")).not.toThrow();
    now = 1001;
    expect(inputError(() => budget.check("coreference"))).toMatchObject({
      origin: "page.html",
      reason: expect.stringMatching(/^too costly to read: more than 1000 ms of CPU time in coreference/),
    });
  });

  it("rejects a page whose names would stall analysis for seconds, with the reason", () => {
    const article = parseArticleText(namesFlood(), "names.txt");
    const started = process.cpuUsage();
    const error = inputError(() => extractArticle(article, createAnalyser(storyFacts(STORY))));
    const spent = process.cpuUsage(started);
    expect(error).toMatchObject({ origin: "names.txt", reason: expect.stringMatching(/^too costly to read: more than 1000 ms of CPU time in /) });
    // Stopped at its allowance (plus one step), not after the ~10 s the page would take.
    expect((spent.user + spent.system) / 1000).toBeLessThan(5000);
  }, 60_000);

  describe("in a scheduled run, on the worker thread", () => {
    let dir: string;
    let store: Store;
    let work: OffThread;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "budget-"));
      store = await openStore(`file:${join(dir, "store.db")}`);
      work = offThread();
    });
    afterAll(async () => {
      await work.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("rejects the stalling page and stores the article beside it", async () => {
      const flood = join(dir, "names.txt");
      writeFileSync(flood, namesFlood());
      const { logger, logs } = captureLogs();
      const reports = await ingestStoryFiles(store, STORY, [flood, SEED], logger, work);
      expect(reports.map((r) => [r.origin, r.status])).toEqual([[SEED, "added"]]);
      expect(logs.filter((l) => l.msg === "article rejected")).toEqual([
        expect.objectContaining({ origin: flood, reason: expect.stringMatching(/^too costly to read/) }),
      ]);
      expect((await store.articles("kazakhstan")).map((a) => a.origin)).toEqual([SEED]);
    }, 60_000);
  });
});
