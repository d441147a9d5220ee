import { appendFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, expect, it, vi } from "vitest";
import { Extraction } from "../../src/extract/facts.js";
import type { Article } from "../../src/ingest/article.js";
import { loadChangedArticles } from "../../src/ingest/load.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";
import { sentencesOf } from "./fixtures.js";

// Counts the parses of article text: an unchanged file must not reach the parser at all.
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../src/ingest/text.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/ingest/text.js")>();
  return {
    ...original,
    parseArticleText: (...args: Parameters<typeof original.parseArticleText>) => {
      parses.count++;
      return original.parseArticleText(...args);
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), "raw-inputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const story = "kazakhstan";
const TEXT = "Airport reopens in Almaty\nAs of: January 10, 2022 9:00\n\nThe airport in Almaty reopened to passenger flights on Monday, the operator said.\n";

/** Just its sentences: what is stored besides does not matter to whether the file is read again. */
const factsOf = (article: Article) =>
  Extraction.parse({ sentences: sentencesOf(article), figures: [], actors: [], reactions: [], videos: [], summary: [], timeline: [] });

forEachBackend((backend) => {
  const t = storeForEachTest(backend);
  let path: string;
  beforeEach(() => {
    path = join(dir, `${backend.name}-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(path, TEXT);
    utimesSync(path, new Date("2022-01-10T10:00:00Z"), new Date("2022-01-10T10:00:00Z"));
    parses.count = 0;
  });

  /** Loads the file as an ingest run would, against what the store has from files, and stores what it parsed. */
  async function ingestFile(): Promise<Article[] | null> {
    const articles = loadChangedArticles(path, await t.store.rawInputs(story));
    for (const article of articles ?? []) await t.store.ingest(story, article, factsOf(article));
    return articles;
  }

  it("does not parse a file again that is stored as it reads now", async () => {
    const [first] = (await ingestFile()) ?? [];
    expect(first?.rawInput?.path).toBe(path);
    expect(parses.count).toBe(1);
    expect(await ingestFile()).toBeNull();
    expect(parses.count).toBe(1);
  });

  it("parses a file again once its bytes change, and stores the new version", async () => {
    await ingestFile();
    appendFileSync(path, "\nSome flights were still cancelled because crews had not arrived.\n");
    const [changed] = (await ingestFile()) ?? [];
    expect(parses.count).toBe(2);
    expect((await t.store.articles(story)).map((a) => a.contentHash)).toEqual([changed?.contentHash]);
    expect(await ingestFile()).toBeNull();
    expect(parses.count).toBe(2);
  });

  it("parses a touched file again (its time can date the article), and then knows it by its new time", async () => {
    await ingestFile();
    utimesSync(path, new Date("2022-01-11T10:00:00Z"), new Date("2022-01-11T10:00:00Z"));
    const touched = await ingestFile();
    expect(touched).toHaveLength(1);
    expect(parses.count).toBe(2);
    // The text states its time, so the content is the same: stored as unchanged, under the file's new hash.
    expect(await ingestFile()).toBeNull();
    expect(parses.count).toBe(2);
  });

  it("parses a file again when a metadata sidecar appears beside it, which changes what it says", async () => {
    await ingestFile();
    writeFileSync(`${path}.meta.json`, JSON.stringify({ outlet: "Example Wire" }));
    const [withOutlet] = (await ingestFile()) ?? [];
    expect(withOutlet?.outlet).toBe("Example Wire");
    expect(parses.count).toBe(2);
  });
});
