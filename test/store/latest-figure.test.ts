import { expect, it } from "vitest";
import { Extraction } from "../../src/extract/facts.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";
import { article, liveV1, liveV1Facts, liveV2, liveV2Facts, sentencesOf, wire, wireFacts } from "./fixtures.js";

/**
 * An update compares a new figure with the story's latest of its kind, whoever stored that and
 * whatever was rolled back. The SQLite store remembers each kind's latest between ingests instead
 * of sorting the story's figures every time, PostgreSQL reads it in the ingest's transaction:
 * these are the ways either could go stale.
 */
const story = "kazakhstan";

forEachBackend((backend) => {
  const t = storeForEachTest(backend);

  it("compares with a toll another process stored in the meantime", async () => {
    await t.store.ingest(story, liveV1, liveV1Facts);
    const cli = await t.db.openAgain();
    await cli.ingest(story, liveV2, liveV2Facts);
    await cli.close();

    const update = (await t.store.ingest(story, wire, wireFacts)).update;
    const killed = update?.figures.find((c) => c.figure.category === "killed");
    expect(killed?.previous).toEqual({ count: 164, qualifier: "exact", asOf: liveV2.asOf, articleTitle: liveV2.title, source: "health ministry" });
  });

  it("forgets the toll of an article whose ingest was rolled back", async () => {
    await t.store.ingest(story, liveV1, liveV1Facts);
    const broken = { ...wireFacts, reactions: [...wireFacts.reactions, { ...liveV2Facts.reactions[1]!, sentenceIndex: 99 }] };
    await expect(t.store.ingest(story, wire, broken)).rejects.toThrow(/foreign key/i);

    const update = (await t.store.ingest(story, liveV2, liveV2Facts)).update;
    expect(update?.figures).toEqual([
      {
        figure: liveV2Facts.figures[0],
        previous: { count: 26, qualifier: "exact", asOf: liveV1.asOf, articleTitle: liveV1.title, source: "Officials" },
        disagrees: false,
      },
    ]);
  });

  it("forgets a toll that a newer version of its page no longer gives", async () => {
    await t.store.ingest(story, liveV1, liveV1Facts);
    await t.store.ingest(story, wire, wireFacts);
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
    await t.store.ingest(story, corrected, correctedFacts);

    const update = (await t.store.ingest(story, liveV2, liveV2Facts)).update;
    expect(update?.figures).toEqual([
      {
        figure: liveV2Facts.figures[0],
        previous: { count: 26, qualifier: "exact", asOf: liveV1.asOf, articleTitle: liveV1.title, source: "Officials" },
        disagrees: false,
      },
    ]);
  });
});
