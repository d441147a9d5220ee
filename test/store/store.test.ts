import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Extraction } from "../../src/extract/facts.js";
import { loadMigrations, migrationsDir } from "../../src/store/migration-files.js";
import { openStore } from "../../src/store/index.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";
import { article, liveV1, liveV1Facts, liveV2, liveV2Facts, sentencesOf, wire, wireFacts } from "./fixtures.js";

const story = "kazakhstan";

forEachBackend((backend) => {
  const t = storeForEachTest(backend);

  const snapshot = () => t.db.snapshot();

  /** Every update recorded for the story, in the order recorded, read back as delivery reads them. */
  const updates = async (s: string) => t.store.updatesById((await t.db.rows("SELECT id FROM updates WHERE story = ? ORDER BY id", s)).flat() as number[]);

  /** The stored rows of one fact table for the story, newest article first, in extraction order. */
  const storedFacts = (table: string, columns: string, position = "ord") =>
    t.db.rows(
      `SELECT ${columns} FROM ${table} x JOIN articles a ON a.pk = x.article_pk WHERE a.story = ? ORDER BY a.as_of_ms DESC, a.pk DESC, x.${position}`,
      story,
    );

  /** Each figure series as its latest count and the counts of its earlier steps, oldest first. */
  const series = async () => (await t.store.figureSeries(story, 10)).map((s) => [s.latest.count, s.earlier.map((f) => f.count), s.older]);

  describe("ingesting an article", () => {
    it("stores a new article and records it as an update", async () => {
      const result = await t.store.ingest(story, liveV1, liveV1Facts);
      expect(result.status).toBe("added");
      expect(result.articleId).toBe(liveV1.id);
      expect(result.update?.status).toBe("added");
      expect(result.update?.figures).toEqual([{ figure: liveV1Facts.figures[0], previous: null, disagrees: false }]);
      expect(result.update?.actors.map((a) => a.id)).toEqual(["kassym-jomart-tokayev"]);
      expect(await updates(story)).toEqual([result.update]);
      expect(await series()).toEqual([[26, [], 0]]);
    });

    it("treats the same version ingested twice as unchanged and writes nothing", async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      const before = await snapshot();
      const again = await t.store.ingest(story, liveV1, liveV1Facts);
      expect(again).toEqual({ status: "unchanged", articleId: liveV1.id, update: null });
      expect(await snapshot()).toEqual(before);
      expect(await t.store.isUnchanged(liveV1.id, liveV1.contentHash)).toBe(true);
      expect(await t.store.isUnchanged(liveV1.id, liveV2.contentHash)).toBe(false);
      expect(await t.store.isUnchanged("never-seen", liveV1.contentHash)).toBe(false);
    });

    it("replaces a changed live page's facts and records only the raised toll and the new reaction", async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      const result = await t.store.ingest(story, liveV2, liveV2Facts);

      expect(result.status).toBe("updated");
      expect(await t.store.articles(story)).toHaveLength(1);
      expect(await storedFacts("figures", "x.category, x.count")).toEqual([["killed", 164]]);
      expect((await storedFacts("reactions", "x.actor")).flat()).toEqual(["Dmitry Peskov", "Olaf Scholz"]);
      expect(await storedFacts("sentences", "x.idx", "idx")).toHaveLength(liveV2Facts.sentences.length);
      expect(await storedFacts("videos", "x.title")).toHaveLength(1);
      expect(await storedFacts("timeline", "x.text_id")).toHaveLength(1);

      const update = result.update;
      expect(update?.status).toBe("updated");
      expect(update?.figures).toEqual([
        {
          figure: liveV2Facts.figures[0],
          previous: { count: 26, qualifier: "exact", asOf: liveV1.asOf, articleTitle: liveV1.title, source: "Officials" },
          disagrees: false,
        },
      ]);
      expect(update?.reactions.map((r) => r.actor)).toEqual(["Olaf Scholz"]);
      expect(update?.actors.map((a) => a.id)).toEqual(["olaf-scholz"]);
      expect(update?.videos).toEqual([]);
      expect(update?.headlines.map((h) => h.sentenceIndex)).toEqual([0]);
      expect((await updates(story)).map((u) => u.status)).toEqual(["added", "updated"]);
    });

    it("knows a headline and a reaction by their sentence when another outlet prints it in other case and quote marks", async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      const copy = article({
        id: "copy-of-live",
        title: "Almaty: what we know",
        asOf: "2022-01-07T09:00:00+01:00",
        url: null,
        outlet: "Other Wire",
        paragraphs: [
          "OFFICIALS SAID 26 PEOPLE HAD BEEN KILLED IN CLASHES IN ALMATY!",
          "A Kremlin spokesman, Dmitry Peskov, said the ‘CSTO’ troops would stay only for a limited time.",
        ],
      });
      const sentences = sentencesOf(copy);
      const result = await t.store.ingest(
        story,
        copy,
        Extraction.parse({
          sentences,
          figures: [],
          actors: [],
          reactions: [
            {
              actor: "Dmitry Peskov",
              countryOrOrg: "Russia",
              gist: "says the mission is limited",
              quote: null,
              at: null,
              sentence: sentences[1]?.text,
              sentenceIndex: 1,
            },
          ],
          videos: [],
          summary: [{ text: sentences[0]?.text, sentenceIndex: 0, score: 0.9 }],
          timeline: [],
        }),
      );
      expect(result.update?.headlines).toEqual([]);
      expect(result.update?.reactions).toEqual([]);
      expect((await t.store.distinctReactions(story)).map((r) => [r.gist, r.sentence])).toContainEqual(["says the mission is limited", sentences[1]?.text]);
    });

    it("writes no update for a changed page that says nothing new", async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      const retitled = article({
        id: liveV1.id,
        title: "Live: unrest in Almaty (corrected)",
        asOf: liveV1.asOf,
        url: liveV1.url,
        outlet: liveV1.outlet,
        paragraphs: liveV1.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : [])),
      });
      const result = await t.store.ingest(story, retitled, liveV1Facts);
      expect(result).toEqual({ status: "updated", articleId: liveV1.id, update: null });
      expect(await updates(story)).toHaveLength(1);
      expect((await t.store.articles(story))[0]?.title).toBe("Live: unrest in Almaty (corrected)");
      expect(await storedFacts("figures", "x.count")).toHaveLength(1);
    });

    it("reports a later outlet's higher toll against the previous one and leaves out the repeated 164", async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      await t.store.ingest(story, liveV2, liveV2Facts);
      const update = (await t.store.ingest(story, wire, wireFacts)).update;

      expect(update?.figures.map((c) => [c.figure.category, c.figure.count, c.previous?.count ?? null])).toEqual([
        ["detained", 8000, null],
        ["killed", 225, 164],
      ]);
      expect(update?.figures[1]?.previous?.articleTitle).toBe(liveV2.title);
      expect(update?.actors).toEqual([]);
    });

    it("does not report a recap of an older, different toll as a development", async () => {
      await t.store.ingest(story, liveV2, liveV2Facts);
      const recap = article({
        id: "recap",
        title: "How the week began",
        asOf: "2022-01-06T09:00:00+01:00",
        url: null,
        outlet: "Example Weekly",
        paragraphs: ["By Thursday morning at least 18 people had died."],
      });
      const facts = Extraction.parse({
        sentences: sentencesOf(recap),
        figures: [
          {
            category: "killed",
            count: 18,
            qualifier: "at least",
            who: "people",
            unit: null,
            attributedTo: null,
            asOf: null,
            unverified: false,
            sentence: "By Thursday morning at least 18 people had died.",
            sentenceIndex: 0,
          },
        ],
        actors: [],
        reactions: [],
        videos: [],
        summary: [],
        timeline: [],
      });
      const result = await t.store.ingest(story, recap, facts);
      expect(result.status).toBe("added");
      expect(result.update?.figures).toEqual([]);
      expect(await series()).toEqual([[164, [18], 0]]);
    });
  });

  describe("reading a story", () => {
    beforeEach(async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      await t.store.ingest(story, liveV2, liveV2Facts);
      await t.store.ingest(story, wire, wireFacts);
    });

    it("tells which of some article ids the story has stored, of that story only", async () => {
      await t.store.ingest("another-story", { ...liveV1, id: "only-elsewhere" }, liveV1Facts);
      expect(await t.store.storedIds(story, [wire.id, "never-seen", liveV1.id, "only-elsewhere"])).toEqual(new Set([wire.id, liveV1.id]));
      expect(await t.store.storedIds(story, [])).toEqual(new Set());
      expect(await t.store.storedIds("another-story", [wire.id, "only-elsewhere"])).toEqual(new Set(["only-elsewhere"]));
    });

    it("reads every article's figures into a series per kind, newest report first, each citing its article", async () => {
      const figures = await t.store.figureSeries(story, 10);
      expect(figures.map((s) => [s.older, [s.latest, ...s.earlier].map((f) => [f.article.id, f.count])])).toEqual([
        [0, [[wire.id, 8000]]],
        [
          0,
          [
            [wire.id, 225],
            [wire.id, 164],
            [liveV2.id, 164],
          ],
        ],
      ]);
      expect(figures[0]?.latest.article).toEqual({ id: wire.id, title: wire.title, url: wire.url, outlet: "Example Wire", asOf: wire.asOf });
      expect((await t.store.articles(story)).map((a) => a.id)).toEqual([wire.id, liveV2.id]);
    });

    it("merges an actor across articles, uniting the names each outlet used", async () => {
      const tokayev = (await t.store.actorIndex(story)).find((a) => a.id === "kassym-jomart-tokayev");
      expect(tokayev?.name).toBe("Kassym-Jomart Tokayev");
      expect(tokayev?.aliases).toEqual(expect.arrayContaining(["Tokaev", "Kazakh president", "Tokayev"]));
      expect(tokayev?.aliases).toHaveLength(3);
      expect(tokayev?.role).toBe("President");
      expect(tokayev?.mentionCount).toBe(2);
      const mentions = await t.store.actorMentions(story, "kassym-jomart-tokayev", 10);
      expect(mentions.map((m) => [m.article.id, m.sentenceIndex])).toEqual([
        [wire.id, 1],
        [liveV2.id, 1],
      ]);
      expect(mentions[0]?.text).toContain("constitutional order had been restored");
      expect(mentions[1]?.article).toEqual({ id: liveV2.id, title: liveV2.title, url: liveV2.url, outlet: "Example News", asOf: liveV2.asOf });
    });

    it("finds an actor by any alias, role or surname, whatever the case", async () => {
      expect((await t.store.findActor(story, "TOKAEV"))?.id).toBe("kassym-jomart-tokayev");
      expect((await t.store.findActor(story, "the Kazakh president"))?.id).toBe("kassym-jomart-tokayev");
      expect((await t.store.findActor(story, "chancellor"))?.id).toBe("olaf-scholz");
      expect((await t.store.findActor(story, "scholz"))?.id).toBe("olaf-scholz");
      expect(await t.store.findActor(story, "Nazarbayev")).toBeNull();
      expect(await t.store.findActor("another-story", "Tokayev")).toBeNull();
    });

    it("ranks summary sentences newest article first, best score first within an article", async () => {
      const summary = await t.store.summary(story, 3);
      expect(summary.map((s) => [s.article.id, s.score])).toEqual([
        [wire.id, 0.9],
        [wire.id, 0.8],
        [liveV2.id, 0.95],
      ]);
      expect(summary[0]?.at).toBe(wire.asOf);
    });

    it("orders the timeline by time even when sources use different offsets", async () => {
      expect((await t.store.recentTimeline(story, 10)).map((t) => t.text)).toEqual([
        "State of emergency declared nationwide",
        "Tokayev tells parliament order is restored",
      ]);
    });

    it("reads updates back by id in the order recorded, leaving out ids that do not exist", async () => {
      const all = await updates(story);
      expect(all.map((u) => u.articleId)).toEqual([liveV1.id, liveV2.id, wire.id]);
      const later = all.slice(1).map((u) => u.id);
      expect((await t.store.updatesById([...later].reverse().concat(999_999))).map((u) => u.id)).toEqual(later);
      expect(await t.store.stories()).toEqual([expect.objectContaining({ story, articleCount: 2 })]);
    });
  });

  describe("sentence times", () => {
    it("keeps a live-blog entry's own time and gives every other sentence its article's", async () => {
      const blog = article({
        id: "live-blog",
        title: "Live: Almaty",
        asOf: "2022-01-07T08:00:00+06:00",
        url: null,
        outlet: "Example News",
        paragraphs: ["President Tokayev addressed the nation on television.", "Troops retook the airport in the afternoon."],
      });
      const [first, second] = sentencesOf(blog);
      const entry = "2022-01-07T15:10:00+06:00";
      const facts = Extraction.parse({
        sentences: [first, { ...second, at: entry }],
        figures: [],
        actors: [{ id: "tokayev", name: "Tokayev", aliases: [], role: null, kind: "person", affiliation: null, mentions: [0] }],
        reactions: [],
        videos: [],
        summary: [
          { text: first?.text, sentenceIndex: 0, score: 0.9 },
          { text: second?.text, sentenceIndex: 1, score: 0.8 },
        ],
        timeline: [{ at: entry, text: second?.text, sentenceIndex: 1 }],
      });
      await t.store.ingest(story, blog, facts);
      expect((await t.store.summary(story, 5)).map((m) => [m.text, m.at])).toEqual([
        [first?.text, blog.asOf],
        [second?.text, entry],
      ]);
      expect((await t.store.actorMentions(story, "tokayev", 5)).map((m) => m.at)).toEqual([blog.asOf]);
      expect((await t.store.searchSentences(story, { terms: ["airport"], actorIds: [], limit: 5 })).map((f) => f.at)).toEqual([entry]);
      expect((await t.store.recentTimeline(story, 5)).map((e) => [e.at, e.text])).toEqual([[entry, second?.text]]);
      // The article's time is not copied into its sentences' rows.
      expect(await t.db.rows("SELECT at FROM sentences ORDER BY idx")).toEqual([[null], [entry]]);
    });
  });

  describe("a failed ingest", () => {
    const pointingNowhere = (facts: Extraction): Extraction => ({
      ...facts,
      reactions: [...facts.reactions, { ...liveV2Facts.reactions[1]!, sentenceIndex: 99 }],
    });

    it("leaves the store exactly as it was when a new article's facts point at a missing sentence", async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      const before = await snapshot();
      await expect(t.store.ingest(story, wire, pointingNowhere(wireFacts))).rejects.toThrow(/wire-0110.*foreign key/i);
      expect(await snapshot()).toEqual(before);
    });

    it("keeps an article's previous version when its new version cannot be stored", async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      const before = await snapshot();
      await expect(t.store.ingest(story, liveV2, pointingNowhere(liveV2Facts))).rejects.toThrow(/foreign key/i);
      expect(await snapshot()).toEqual(before);
      expect(await series()).toEqual([[26, [], 0]]);
      expect(await t.store.isUnchanged(liveV1.id, liveV1.contentHash)).toBe(true);
    });

    it("undoes only the failing article of a batch, committing the others with it in one transaction", async () => {
      const results = await t.store.ingestBatch(story, [
        { article: liveV1, extraction: liveV1Facts },
        { article: wire, extraction: pointingNowhere(wireFacts) },
      ]);
      expect(results[0]).toMatchObject({ status: "added", articleId: liveV1.id });
      expect(results[1]).toBeInstanceOf(Error);
      expect((results[1] as Error).message).toMatch(/wire-0110.*foreign key/i);
      expect((await t.store.articles(story)).map((a) => a.id)).toEqual([liveV1.id]);
      expect((await updates(story)).map((u) => u.articleId)).toEqual([liveV1.id]);
      // The batch's first article is as stored as one ingested alone: the wire copy now goes in on its own.
      expect((await t.store.ingest(story, wire, wireFacts)).status).toBe("added");
      expect(await t.store.isUnchanged(liveV1.id, liveV1.contentHash)).toBe(true);
    });

    it("refuses an extraction that breaks the fact schema before writing anything", async () => {
      const before = await snapshot();
      const negative = { ...liveV1Facts, figures: [{ ...liveV1Facts.figures[0]!, count: -3 }] };
      await expect(t.store.ingest(story, liveV1, negative)).rejects.toThrow(/live-almaty.*count/s);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("opening the store again", () => {
    it("keeps its data and schema", async () => {
      await t.store.ingest(story, liveV1, liveV1Facts);
      t.store = await t.db.openAgain();
      expect(await series()).toEqual([[26, [], 0]]);
      expect((await t.store.ingest(story, liveV1, liveV1Facts)).status).toBe("unchanged");
    });
  });
});

describe("a SQLite store", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "store-file-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the database file under a folder that does not exist yet, in WAL mode", async () => {
    const nested = join(dir, "a", "b", "store.db");
    const other = await openStore(`file:${nested}`);
    await other.close();
    expect(existsSync(nested)).toBe(true);
    const db = new Database(nested, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(loadMigrations(migrationsDir("sqlite")).length);
    db.close();
  });

  it("works in memory for tests and previews", async () => {
    const memory = await openStore(":memory:");
    expect((await memory.ingest(story, liveV1, liveV1Facts)).status).toBe("added");
    expect((await memory.stories()).map((s) => s.story)).toEqual([story]);
    await memory.close();
  });
});
