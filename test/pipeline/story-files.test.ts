import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { offThread, type OffThread } from "../../src/pipeline/off-thread.js";
import { readArticleFiles } from "../../src/pipeline/store-articles.js";
import { ingestStoryFiles, type ArticleWork } from "../../src/pipeline/story-sources.js";
import { openStore, type Store } from "../../src/store/index.js";
import { loadStories } from "../../src/story/config.js";

const [STORY] = loadStories("data/stories").filter((s) => s.slug === "kazakhstan");
if (!STORY) throw new Error("data/stories has no kazakhstan story");
const logger = createLogger("silent");
const TEXT = "Curfew lifted in Taraz\nAs of: January 12, 2022 9:00\n\nThe curfew in Taraz was lifted on Wednesday, the mayor's office said.\n";

let dir: string;
let store: Store;
const worker: OffThread = offThread();
afterAll(() => worker.close());
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "story-files-"));
  writeFileSync(join(dir, "taraz.txt"), TEXT);
  store = await openStore(join(dir, "briefing.db"));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each<[string, ArticleWork]>([
  ["on the event loop", { readArticleFiles }],
  ["on the worker thread", worker],
])("a scheduled run over the story's files, %s", (_, work) => {
  it("stores a new file, then does not read an unchanged one again, and reads it once it changes", async () => {
    const files = [join(dir, "taraz.txt")];
    expect((await ingestStoryFiles(store, STORY, files, logger, work)).map((r) => r.status)).toEqual(["added"]);
    // Unchanged: not parsed, so not even an "unchanged" article comes back.
    expect(await ingestStoryFiles(store, STORY, files, logger, work)).toEqual([]);
    writeFileSync(files[0] ?? "", TEXT.replace("was lifted", "was lifted early"));
    expect((await ingestStoryFiles(store, STORY, files, logger, work)).map((r) => r.status)).toEqual(["updated"]);
  });
});
