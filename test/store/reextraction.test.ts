import { expect, it } from "vitest";
import { Extraction } from "../../src/extract/facts.js";
import type { Article } from "../../src/ingest/article.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";
import { article, liveV1, liveV1Facts, liveV2, liveV2Facts } from "./fixtures.js";

const story = "kazakhstan";
const channel = { guildId: "g1", channelId: "c1", story, only: "all" as const, createdBy: null };

/** What an older extractor made of the first version of the live page: a toll it misread. */
const misreadFacts = Extraction.parse({ ...liveV1Facts, figures: liveV1Facts.figures.map((f) => ({ ...f, count: 62 })) });

/** The same file's bytes (same raw hash) as the older parser and an upgraded one read them. */
const fromFile = (a: Article): Article => ({ ...a, rawInput: { path: "/inbox/live.txt", hash: "a".repeat(64) } });

forEachBackend((backend) => {
  const t = storeForEachTest(backend);
  const counts = async () => ({
    figures: (await t.db.rows("SELECT f.count FROM figures f ORDER BY f.count")).map(([count]) => Number(count)),
    updates: Number((await t.db.rows("SELECT COUNT(*) FROM updates"))[0]?.[0]),
    deliveries: Number((await t.db.rows("SELECT COUNT(*) FROM deliveries"))[0]?.[0]),
  });

  it("replaces what an older extraction stored with the new one's facts, and posts nothing of it", async () => {
    const older = await t.db.openAgain({ extractionVersion: 5 });
    const newer = await t.db.openAgain({ extractionVersion: 6 });
    await older.subscribe(channel);
    expect((await older.ingest(story, liveV1, misreadFacts)).status).toBe("added");
    expect(await older.enqueueDeliveries()).toBe(1);
    expect(await counts()).toEqual({ figures: [62], updates: 1, deliveries: 1 });

    // The upgraded bot does not take the stored version for its own reading of it.
    expect(await older.isUnchanged(liveV1.id, liveV1.contentHash)).toBe(true);
    expect(await newer.isUnchanged(liveV1.id, liveV1.contentHash)).toBe(false);
    expect(await newer.ingest(story, liveV1, liveV1Facts)).toEqual({ status: "reextracted", articleId: liveV1.id, update: null });
    expect(await newer.enqueueDeliveries()).toBe(0);
    expect(await counts()).toEqual({ figures: [26], updates: 1, deliveries: 1 });
    expect((await newer.figureSeries(story, 3)).map((s) => s.latest.count)).toEqual([26]);

    // Read once by this version, it is unchanged to it.
    expect(await newer.isUnchanged(liveV1.id, liveV1.contentHash)).toBe(true);
    expect((await newer.ingest(story, liveV1, liveV1Facts)).status).toBe("unchanged");

    // The page's next version is news against the corrected reading: 164, up from 26, never from 62.
    const next = await newer.ingest(story, liveV2, liveV2Facts);
    expect(next.status).toBe("updated");
    expect(next.update?.figures.map((f) => [f.figure.count, f.previous?.count])).toEqual([[164, 26]]);
  });

  it("re-reads a file an older extraction stored, and takes the same bytes read differently by a new parser as a re-extraction", async () => {
    const older = await t.db.openAgain({ extractionVersion: 5 });
    const newer = await t.db.openAgain({ extractionVersion: 6 });
    await older.subscribe(channel);
    await older.ingest(story, fromFile(liveV1), misreadFacts);
    expect(await older.enqueueDeliveries()).toBe(1);
    expect(await older.rawInputs(story)).toEqual(new Map([["/inbox/live.txt", "a".repeat(64)]]));
    // Left out, so that the upgraded bot parses the file again.
    expect(await newer.rawInputs(story)).toEqual(new Map());

    const reparsed = fromFile(
      article({
        id: liveV1.id,
        title: liveV1.title,
        asOf: liveV1.asOf,
        url: liveV1.url,
        outlet: liveV1.outlet,
        paragraphs: [...liveV1.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []))].map((p) => p.replace("Officials said", "Officials say")),
      }),
    );
    expect(reparsed.contentHash).not.toBe(liveV1.contentHash);
    expect((await newer.ingest(story, reparsed, liveV1Facts)).status).toBe("reextracted");
    expect(await newer.rawInputs(story)).toEqual(new Map([["/inbox/live.txt", "a".repeat(64)]]));
    expect(await newer.enqueueDeliveries()).toBe(0);
    expect(await counts()).toEqual({ figures: [26], updates: 1, deliveries: 1 });
  });

  it("takes a file that changed meanwhile for news, as any new version of an article", async () => {
    const older = await t.db.openAgain({ extractionVersion: 5 });
    const newer = await t.db.openAgain({ extractionVersion: 6 });
    await older.subscribe(channel);
    await older.ingest(story, fromFile(liveV1), liveV1Facts);
    expect(await older.enqueueDeliveries()).toBe(1);
    const changed = { ...liveV2, rawInput: { path: "/inbox/live.txt", hash: "b".repeat(64) } };
    const result = await newer.ingest(story, changed, liveV2Facts);
    expect(result.status).toBe("updated");
    expect(result.update?.figures.map((f) => f.figure.count)).toEqual([164]);
    expect(await newer.enqueueDeliveries()).toBe(1);
  });
});
