import { beforeEach, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/briefing/ask.js";
import { readArticleFiles, storeArticles } from "../../src/pipeline/store-articles.js";
import { loadStories } from "../../src/story/config.js";
import { forEachBackend, storeForEachTest } from "../support/store-backends.js";

/**
 * /ask across a whole story: nine short reports written for these tests (invented outlets and
 * wording), asked each kind of question on both backends, which must answer alike.
 */
const story = loadStories("data/stories").find((s) => s.slug === "kazakhstan")!;
const { articles, errors } = readArticleFiles(["test/fixtures/articles/ask-story"]);

forEachBackend((backend) => {
  const t = storeForEachTest(backend);
  beforeEach(async () => {
    expect(errors).toEqual([]);
    await storeArticles(t.store, story, articles);
  });
  const ask = async (question: string) => (await answerQuestion(t.store, story, question)).map((a) => a.text);

  describe("counts", () => {
    it("answers how many died with the newest toll of everyone first, with its source, the earlier toll and a part after it", async () => {
      const answers = await answerQuestion(t.store, story, "How many people died?");
      expect(answers[0]?.text).toMatch(/^At least 225 people died during the unrest/);
      expect(answers[0]?.source.outlet).toBe("Lakeside Gazette");
      expect(answers[1]?.text).toMatch(/^Health officials said on Sunday that 120 people had been killed/);
      expect(answers.slice(0, 2).join(" ")).not.toMatch(/eight police officers had died/);
    });

    it("answers the death toll from a report's body, never from its headline", async () => {
      const answers = await ask("What is the death toll?");
      expect(answers[0]).toMatch(/^At least 225 people died/);
      expect(answers).not.toContain("Death toll rises to 120");
    });

    it("answers a count of the people a question names from the figure that counts them", async () => {
      expect((await ask("How many police officers were injured?"))[0]).toContain("317 had been hurt");
      expect((await ask("How many people have been detained?"))[0]).toContain("More than 5,000 people have been detained");
    });
  });

  describe("causes, places, times and meanings", () => {
    it("finds the cause whichever words the question uses for it", async () => {
      for (const question of ["Why did the protests start?", "What triggered the unrest?", "What caused the rallies?"]) {
        expect((await ask(question)).join(" "), question).toMatch(/price of bottled gas|doubling of fuel prices/);
      }
    });

    it("answers where with the sentence that names the place", async () => {
      expect((await ask("Where did the largest rally take place?"))[0]).toContain("Republic Square in Almaty");
    });

    it("answers when with the sentence that gives the time", async () => {
      expect((await ask("When will the allied troops leave?"))[0]).toContain("within ten days");
    });

    it("answers what a word means with the sentence that explains it", async () => {
      expect((await ask("What does Shal ket mean?"))[0]).toContain("Old man, go");
    });
  });

  describe("people", () => {
    it("answers who someone is with the sentence that gives their role", async () => {
      expect((await ask("Who is Nurlan Ospanov?"))[0]).toContain("Defence Minister Nurlan Ospanov, a former border guard commander");
    });

    it("answers what someone said with their statements, also those that name them only by pronoun", async () => {
      const answers = await ask("What did Ospanov say about the marchers?");
      expect(answers).toContain('He said the army would not fire on peaceful marchers but would "answer every armed attack with force".');
    });

    it("answers what a foreign official said with her quote", async () => {
      expect((await ask("What did Eva Kask say?")).join(" ")).toContain("deeply troubled by reports of live fire");
    });
  });

  describe("other words for what the story says", () => {
    it("reads a capital for its country and a two-word verb for the word a report uses", async () => {
      expect((await ask("How did Tallinn react to the shooting?")).join(" ")).toContain("deeply troubled by reports of live fire");
      expect((await ask("Who will look into the deaths in custody?"))[0]).toContain("An independent commission will examine every death in police custody");
    });

    it("answers with a sentence and the one it speaks of, when only the two together answer", async () => {
      expect((await ask("Who announced that deaths in custody would be examined?"))[0]).toBe(
        "An independent commission will examine every death in police custody since the unrest began. This was announced by Prosecutor General Berik Asylov on Friday.",
      );
    });
  });

  it("never answers with page furniture, and honestly has no answer to what the story does not hold", async () => {
    expect((await ask("Where can I share this story?")).join(" ")).not.toContain("Share this story");
    expect(await ask("What is the price of bread in Paris?")).toEqual([]);
    expect(await ask("Who won the football cup final?")).toEqual([]);
  });
});
