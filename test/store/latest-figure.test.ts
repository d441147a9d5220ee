import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { Extraction } from "../../src/extract/facts.js";
import { openStore, type Store } from "../../src/store/index.js";
import { article, liveV1, liveV1Facts, liveV2, liveV2Facts, sentencesOf, wire, wireFacts } from "./fixtures.js";

/**
 * The store remembers each kind's latest figure between ingests instead of sorting the story's
 * figures every time; these are the ways that memory could go stale.
 */
const story = "kazakhstan";
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "latest-figure-"));
  store = await openStore(join(dir, "briefing.db"));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});


it("compares with a toll another process stored in the meantime", async () => {
  await store.ingest(story, liveV1, liveV1Facts);
  const cli = await openStore(join(dir, "briefing.db"));
  await cli.ingest(story, liveV2, liveV2Facts);
  await cli.close();

  const update = (await store.ingest(story, wire, wireFacts)).update;
  const killed = update?.figures.find((c) => c.figure.category === "killed");
  expect(killed?.previous).toEqual({ count: 164, qualifier: "exact", asOf: liveV2.asOf, articleTitle: liveV2.title });
});

it("forgets the toll of an article whose ingest was rolled back", async () => {
  await store.ingest(story, liveV1, liveV1Facts);
  const broken = { ...wireFacts, reactions: [...wireFacts.reactions, { ...liveV2Facts.reactions[1]!, sentenceIndex: 99 }] };
  await expect(store.ingest(story, wire, broken)).rejects.toThrow(/FOREIGN KEY/);

  const update = (await store.ingest(story, liveV2, liveV2Facts)).update;
  expect(update?.figures).toEqual([
    { figure: liveV2Facts.figures[0], previous: { count: 26, qualifier: "exact", asOf: liveV1.asOf, articleTitle: liveV1.title } },
  ]);
});

it("forgets a toll that a newer version of its page no longer gives", async () => {
  await store.ingest(story, liveV1, liveV1Facts);
  await store.ingest(story, wire, wireFacts);
  const corrected = article({
    id: wire.id,
    title: wire.title,
    asOf: wire.asOf,
    url: wire.url,
    outlet: wire.outlet,
    paragraphs: ["Almost 8,000 people were detained during the unrest, the interior ministry said on Monday."],
  });
  const correctedFacts = Extraction.parse({
    sentences: sentencesOf(corrected),
    figures: [wireFacts.figures[0]],
    actors: [],
    reactions: [],
    videos: [],
    summary: [],
    timeline: [],
  });
  await store.ingest(story, corrected, correctedFacts);

  const update = (await store.ingest(story, liveV2, liveV2Facts)).update;
  expect(update?.figures).toEqual([
    { figure: liveV2Facts.figures[0], previous: { count: 26, qualifier: "exact", asOf: liveV1.asOf, articleTitle: liveV1.title } },
  ]);
});
