import { describe, expect, it } from "vitest";
import { Extraction, type Figure } from "../../src/extract/facts.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";
import { article, sentencesOf } from "./fixtures.js";

const story = "kazakhstan";

forEachBackend((backend) => {
  const t = storeForEachTest(backend);

  /** A one-outlet report of the day: its sentences, and what a careful extractor would take from them. */
  function report(n: number, day: number, paragraphs: string[], facts: Partial<Omit<Extraction, "sentences">> = {}) {
    const a = article({
      id: `report-${n}`,
      title: `Day ${day} in Kazakhstan`,
      asOf: `2022-01-${String(day).padStart(2, "0")}T12:00:00Z`,
      url: `https://wire.example.net/kz/${n}`,
      outlet: "Example Wire",
      paragraphs,
    });
    const extraction = Extraction.parse({ sentences: sentencesOf(a), figures: [], actors: [], reactions: [], videos: [], summary: [], timeline: [], ...facts });
    return [a, extraction] as const;
  }

  const toll = (count: number, attributedTo: string, sentence: string): Figure => ({
    category: "killed",
    count,
    qualifier: "at least",
    who: "protesters",
    unit: null,
    attributedTo,
    asOf: null,
    unverified: false,
    sentence,
    sentenceIndex: 0,
  });

  describe("a figure series", () => {
    it("shows the newest toll, the steps just before it and a count of the older ones, a repeated toll counted once", async () => {
      const tolls: Array<[number, string]> = [
        [12, "police"],
        [12, "police"],
        [30, "police"],
        [45, "the ministry"],
        [80, "the ministry"],
        [103, "the ministry"],
      ];
      for (const [i, [count, by]] of tolls.entries()) {
        const sentence = `At least ${count} protesters have died, ${by} said.`;
        await t.store.ingest(story, ...report(i, 5 + i, [sentence], { figures: [toll(count, by, sentence)] }));
      }
      const [series] = await t.store.figureSeries(story, 2);
      expect(series?.latest.count).toBe(103);
      expect(series?.earlier.map((f) => f.count)).toEqual([45, 80]);
      expect(series?.older).toBe(2); // 12 (reported twice) and 30
      expect(series?.olderUncounted).toBe(false);
      expect(series?.latest.article.title).toBe("Day 10 in Kazakhstan");
    });

    it("orders reports by the time they give, not by when the article came out", async () => {
      const late = "By Monday evening at least 70 protesters had died, doctors said.";
      const early = "On Friday at least 20 protesters had died, doctors said.";
      await t.store.ingest(story, ...report(1, 11, [late], { figures: [{ ...toll(70, "doctors", late), asOf: "2022-01-10T18:00:00Z" }] }));
      // Published later, but about an earlier day: it is history, not the latest.
      await t.store.ingest(story, ...report(2, 12, [early], { figures: [{ ...toll(20, "doctors", early), asOf: "2022-01-07T18:00:00Z" }] }));
      const [series] = await t.store.figureSeries(story, 3);
      expect(series?.latest.count).toBe(70);
      expect(series?.earlier.map((f) => f.count)).toEqual([20]);
    });
  });

  describe("sentence search for /ask", () => {
    const search = (terms: string[], actorIds: string[] = [], limit = 10, within = story) => t.store.searchSentences(within, { terms, actorIds, limit });

    it("finds a sentence by the lemma of any form of its words, and one sentence carried by two outlets once", async () => {
      const shared = "Troops from the security bloc began arriving in Almaty.";
      await t.store.ingest(story, ...report(1, 6, [shared, "Hundreds were arrested overnight in Taraz."]));
      await t.store.ingest(story, ...report(2, 7, [shared, "Bread prices doubled in the capital."]));
      expect((await search(["arrest"])).map((s) => s.text)).toEqual(["Hundreds were arrested overnight in Taraz."]);
      // "began" is found as "begin": the index holds lemmas, not spellings.
      expect((await search(["begin"])).map((s) => s.text)).toEqual([shared]);
      expect((await search(["troop"]))[0]?.terms.split(" ")).toEqual(expect.arrayContaining(["troop", "begin", "arrive", "almaty"]));
      expect(await search(["troop"], [], 10, "another-story")).toEqual([]);
    });

    it("forgets an updated article's old sentences and finds its new ones", async () => {
      await t.store.ingest(story, ...report(1, 6, ["The airport in Almaty was seized by rioters."]));
      await t.store.ingest(story, ...report(1, 6, ["The airport in Almaty was recaptured by the army."]));
      expect(await search(["seize"])).toEqual([]);
      expect((await search(["recapture"])).map((s) => s.text)).toEqual(["The airport in Almaty was recaptured by the army."]);
    });

    it("keeps the best matches within the limit: a sentence with more of the words first", async () => {
      await t.store.ingest(
        story,
        ...report(1, 6, [
          "A curfew was declared in the old city.",
          "The curfew in Almaty was lifted after the army took the airport back.",
          "Shops in Almaty opened again.",
        ]),
      );
      expect((await search(["curfew", "almaty", "lift"], [], 1)).map((s) => s.text)).toEqual([
        "The curfew in Almaty was lifted after the army took the airport back.",
      ]);
    });

    it("tells which candidates mention an actor asked about, and adds what is said of them", async () => {
      const mamin = { id: "askar-mamin", name: "Askar Mamin", aliases: ["Mamin"], role: "prime minister", kind: "person" as const, affiliation: null };
      await t.store.ingest(
        story,
        ...report(1, 6, ["The government of Askar Mamin resigned on Wednesday.", "The government promised cheaper fuel.", "He had led it since 2019."], {
          actors: [{ ...mamin, mentions: [0, 2] }],
        }),
      );
      const found = await search(["government"], ["askar-mamin"]);
      const about = new Map(found.map((s) => [s.text, s.about]));
      expect(about.get("The government of Askar Mamin resigned on Wednesday.")).toEqual(["askar-mamin"]);
      expect(about.get("The government promised cheaper fuel.")).toEqual([]);
      // Said of him by pronoun, without a word of the question: found as his.
      expect(about.get("He had led it since 2019.")).toEqual(["askar-mamin"]);
      expect((await t.store.actorIndex(story)).map((a) => [a.name, a.mentionCount, a.aliases])).toEqual([["Askar Mamin", 2, ["Mamin"]]]);
    });

    it("gives each candidate the figures taken from it", async () => {
      const sentence = "At least 40 protesters have died, the ministry said.";
      await t.store.ingest(story, ...report(1, 6, [sentence, "Protesters gathered again."], { figures: [toll(40, "the ministry", sentence)] }));
      const found = await search(["protester"]);
      expect(found.find((s) => s.text === sentence)?.figures).toEqual([{ category: "killed", count: 40, who: "protesters" }]);
      expect(found.find((s) => s.text !== sentence)?.figures).toEqual([]);
    });
  });

  describe("reactions, videos and the timeline", () => {
    it("lists a statement reported by two articles once, from the newer", async () => {
      const said = "The EU called for restraint on all sides.";
      const reaction = {
        actor: "Josep Borrell",
        countryOrOrg: "European Union",
        gist: "calls for restraint",
        quote: null,
        at: null,
        sentence: said,
        sentenceIndex: 0,
      };
      await t.store.ingest(story, ...report(1, 6, [said], { reactions: [reaction] }));
      await t.store.ingest(story, ...report(2, 8, [said], { reactions: [reaction] }));
      const reactions = await t.store.distinctReactions(story);
      expect(reactions).toHaveLength(1);
      expect(reactions[0]?.article.title).toBe("Day 8 in Kazakhstan");
    });

    it("gives the newest timeline events, in time order", async () => {
      for (let day = 2; day <= 9; day++) {
        const text = `Events of January ${day}.`;
        await t.store.ingest(story, ...report(day, day, [text], { timeline: [{ at: `2022-01-0${day}T09:00:00Z`, text, sentenceIndex: 0 }] }));
      }
      expect((await t.store.recentTimeline(story, 3)).map((t) => t.text)).toEqual(["Events of January 7.", "Events of January 8.", "Events of January 9."]);
      expect((await t.store.recentArticles(story, 2)).map((a) => a.title)).toEqual(["Day 9 in Kazakhstan", "Day 8 in Kazakhstan"]);
    });
  });
});
