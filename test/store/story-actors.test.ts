import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { Extraction, type Actor } from "../../src/extract/facts.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";
import { article, sentencesOf } from "./fixtures.js";

const story = "kazakhstan";

/** A report of one paragraph per sentence, `day` of January 2022, naming the actors given. */
function report(id: string, day: number, paragraphs: string[], actors: Array<Omit<Actor, "id"> & { id?: string }>) {
  const a = article({
    id,
    title: paragraphs[0]!,
    asOf: `2022-01-${String(day).padStart(2, "0")}T12:00:00+06:00`,
    url: `https://news.example.org/${id}`,
    outlet: "Example News",
    paragraphs,
  });
  const facts = Extraction.parse({
    sentences: sentencesOf(a),
    figures: [],
    actors: actors.map((x) => ({ id: x.id ?? x.name.toLowerCase().replaceAll(" ", "-"), ...x })),
    reactions: [],
    videos: [],
    summary: [],
    timeline: [],
  });
  return [a, facts] as const;
}

const person = (name: string, mentions: number[], more: Partial<Actor> = {}) => ({
  name,
  aliases: [],
  role: null,
  kind: "person" as const,
  affiliation: null,
  mentions,
  ...more,
});

forEachBackend((backend) => {
  const t = storeForEachTest(backend);

  describe("one actor across the story", () => {
    it("files a titled surname in one article and the full name in another under one actor with both articles' mentions", async () => {
      await t.store.ingest(
        story,
        ...report(
          "first",
          5,
          ["President Tokayev declared a state of emergency.", "Protests continued in Almaty."],
          [person("Tokayev", [0], { aliases: ["President Tokayev"], role: "President", affiliation: "Kazakhstan" })],
        ),
      );
      await t.store.ingest(
        story,
        ...report(
          "second",
          6,
          ["Kassym-Jomart Tokayev asked allies for help.", "Troops landed at the airport."],
          [person("Kassym-Jomart Tokayev", [0], { affiliation: "Kazakhstan" })],
        ),
      );

      const index = await t.store.actorIndex(story);
      expect(index).toHaveLength(1);
      const [tokayev] = index;
      expect(tokayev).toMatchObject({ id: "tokayev", name: "Kassym-Jomart Tokayev", role: "President", mentionCount: 2, articleCount: 2 });
      expect(tokayev!.aliases).toEqual(["Tokayev", "President Tokayev"]);
      expect((await t.store.findActor(story, "Kassym-Jomart Tokayev"))?.id).toBe("tokayev");
      const mentions = await t.store.actorMentions(story, "tokayev", 10);
      expect(mentions.map((m) => [m.article.id, m.text])).toEqual([
        ["second", "Kassym-Jomart Tokayev asked allies for help."],
        ["first", "President Tokayev declared a state of emergency."],
      ]);
      // The second article's actor is not new to the story: its update names no actor.
      expect((await t.store.updatesById([2]))[0]?.actors).toEqual([]);
    });

    it("keeps two people who share a surname apart, and a bare surname either could be stands alone", async () => {
      await t.store.ingest(story, ...report("father", 5, ["Nursultan Nazarbayev left the security council."], [person("Nursultan Nazarbayev", [0])]));
      await t.store.ingest(story, ...report("nephew", 6, ["Samat Nazarbayev was seen in Almaty."], [person("Samat Nazarbayev", [0])]));
      await t.store.ingest(story, ...report("bare", 7, ["Nazarbayev was not seen in public."], [person("Nazarbayev", [0])]));
      await t.store.ingest(story, ...report("again", 8, ["Nursultan Nazarbayev appeared in a video."], [person("Nursultan Nazarbayev", [0])]));

      const index = await t.store.actorIndex(story);
      expect(index.map((a) => [a.name, a.mentionCount, a.articleCount])).toEqual([
        ["Nursultan Nazarbayev", 2, 2],
        ["Nazarbayev", 1, 1],
        ["Samat Nazarbayev", 1, 1],
      ]);
    });

    it("rebuilds the story's actor from the articles left when an article's new version names someone else", async () => {
      const [first, firstFacts] = report(
        "live",
        5,
        ["President Tokayev spoke on television.", "Shots were heard."],
        [person("Tokayev", [0, 1], { aliases: ["President Tokayev"], role: "President" })],
      );
      await t.store.ingest(story, first, firstFacts);
      await t.store.ingest(story, ...report("other", 4, ["Kassym-Jomart Tokayev returned to Nur-Sultan."], [person("Kassym-Jomart Tokayev", [0])]));
      expect((await t.store.actorIndex(story)).map((a) => [a.id, a.mentionCount, a.articleCount])).toEqual([["tokayev", 3, 2]]);

      const [next, nextFacts] = report("live", 5, ["Askar Mamin resigned as prime minister.", "Shots were heard."], [person("Askar Mamin", [0])]);
      await t.store.ingest(story, next, nextFacts);
      const index = await t.store.actorIndex(story);
      expect(index.map((a) => [a.id, a.name, a.aliases, a.role, a.mentionCount, a.articleCount])).toEqual([
        ["askar-mamin", "Askar Mamin", [], null, 1, 1],
        ["tokayev", "Kassym-Jomart Tokayev", [], null, 1, 1],
      ]);
    });
  });
});

describe("story actors when two processes write one SQLite file", () => {
  it("files an article's actors against what the other process stored since this one last looked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "story-actors-"));
    const [bot, cli] = [await openStore(join(dir, "store.db")), await openStore(join(dir, "store.db"))];
    try {
      await bot.ingest(story, ...report("father", 5, ["Nursultan Nazarbayev left the security council."], [person("Nursultan Nazarbayev", [0])]));
      await cli.ingest(story, ...report("nephew", 6, ["Samat Nazarbayev was seen in Almaty."], [person("Samat Nazarbayev", [0])]));
      // Had the bot kept the one Nazarbayev it had read, the bare surname would have been filed under him.
      await bot.ingest(story, ...report("bare", 7, ["Nazarbayev was not seen in public."], [person("Nazarbayev", [0])]));

      expect((await bot.actorIndex(story)).map((a) => [a.name, a.articleCount])).toEqual([
        ["Nazarbayev", 1],
        ["Nursultan Nazarbayev", 1],
        ["Samat Nazarbayev", 1],
      ]);
    } finally {
      await Promise.all([bot.close(), cli.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
