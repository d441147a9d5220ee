import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createAnalyser, extractArticle } from "../../src/extract/index.js";
import type { Extraction } from "../../src/extract/facts.js";
import { createLogger } from "../../src/logger.js";
import { offThread } from "../../src/pipeline/off-thread.js";
import { readArticleFiles, storyFacts } from "../../src/pipeline/store-articles.js";
import { ingestStoryFiles, type ArticleWork } from "../../src/pipeline/story-sources.js";
import type { Store } from "../../src/store/index.js";
import { loadStories } from "../../src/story/config.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";

const [STORY] = loadStories("data/stories").filter((s) => s.slug === "kazakhstan");
if (!STORY) throw new Error("data/stories has no kazakhstan story");
const logger = createLogger("silent");
const analyser = createAnalyser(storyFacts(STORY));
const TOLLS = ["01-steppe-wire-jan06.txt", "02-caspian-herald-jan07.txt", "03-ridge-post-jan07.txt"];
// Written for this test: another outlet repeating the 44 dead that state television gave on 7 January.
const REPEAT = "Death toll rises to 44\nAs of: January 7, 2022 18:00\n\nState television said 44 people had been killed in the unrest.\n";

/** Someone an older extractor took for a person in every article. */
const ghost = { id: "ghost-of-almaty", name: "Ghost Of Almaty", aliases: [], role: null, kind: "person" as const, affiliation: null, mentions: [0] };

/** An older extractor that misread every count by one and saw a ghost: its tolls were posted, and it is what an upgrade finds stored. */
const olderReading: ArticleWork = {
  readArticleFiles,
  extract: (article): Extraction => {
    const facts = extractArticle(article, analyser);
    return { ...facts, figures: facts.figures.map((f) => ({ ...f, count: f.count + 1 })), actors: [...facts.actors, ghost] };
  },
};
const worker = offThread();
afterAll(() => worker.close());

const tolls = async (store: Store) =>
  (await store.figureSeries(STORY.slug, 10))
    .flatMap((s) => [...s.earlier, s.latest].map((f) => `${f.category} ${f.count} ${f.who} (${f.attributedTo})`))
    .sort();

forEachBackend((backend) => {
  const t = storeForEachTest(backend);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "reextraction-"));
    for (const name of TOLLS) copyFileSync(join("test/fixtures/articles/toll-story", name), join(dir, name));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  describe.each<[string, ArticleWork]>([
    ["on the event loop", { readArticleFiles }],
    ["on the worker thread", worker],
  ])("the first run of an upgraded bot over the story's files, %s", (_, work) => {
    it("reads the unchanged files again, replaces the older reading's facts with the new ones, and posts none of it", async () => {
      const older = await t.db.openAgain({ extractionVersion: 1 });
      await older.subscribe({ guildId: "g1", channelId: "c1", story: STORY.slug, only: "all", createdBy: null });
      expect((await ingestStoryFiles(older, STORY, [dir], logger, olderReading)).map((r) => r.status)).toEqual(["added", "added", "added"]);
      expect(await older.enqueueDeliveries()).toBe(3);
      expect(await tolls(older)).toContain("killed 45 people (state television)");
      expect((await older.actorIndex(STORY.slug)).map((a) => a.name)).toContain("Ghost Of Almaty");
      // Nothing to read again for the version that stored them.
      expect(await ingestStoryFiles(older, STORY, [dir], logger, olderReading)).toEqual([]);

      const upgraded = await t.db.openAgain({ extractionVersion: 2 });
      // A new file that sorts first and repeats a toll the older reading misread.
      writeFileSync(join(dir, "00-repeat.txt"), REPEAT);
      const reports = await ingestStoryFiles(upgraded, STORY, [dir], logger, work);
      expect(reports.map((r) => [r.origin.split("/").at(-1), r.status])).toEqual([["00-repeat.txt", "added"], ...TOLLS.map((name) => [name, "reextracted"])]);
      // The re-read files were stored before the new one was compared with the story: 44 was known by then.
      const [repeat] = reports;
      expect(repeat?.update?.figures).toEqual([]);
      expect(reports.slice(1).map((r) => r.update)).toEqual([null, null, null]);
      expect(await upgraded.enqueueDeliveries()).toBe(1);
      expect((await upgraded.deliveries()).map((d) => d.updateId)).toEqual([repeat?.update?.id, 3, 2, 1]);

      // Facts replaced as a whole: the same as a fresh store of the new version holds from the same files.
      const fresh = await backend.open();
      try {
        await ingestStoryFiles(fresh.store, STORY, [dir], logger, { readArticleFiles });
        expect(await tolls(upgraded)).toEqual(await tolls(fresh.store));
        expect((await upgraded.actorIndex(STORY.slug)).map((a) => [a.name, a.articleCount])).toEqual(
          (await fresh.store.actorIndex(STORY.slug)).map((a) => [a.name, a.articleCount]),
        );
      } finally {
        await fresh.dispose();
      }
      expect(await tolls(upgraded)).toContain("killed 44 people (state television)");
      expect((await upgraded.actorIndex(STORY.slug)).map((a) => a.name)).not.toContain("Ghost Of Almaty");
      expect(await tolls(upgraded)).not.toContain("killed 45 people (state television)");
      // And the next run has nothing to read again.
      expect(await ingestStoryFiles(upgraded, STORY, [dir], logger, work)).toEqual([]);
    });
  });
});
