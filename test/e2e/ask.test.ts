import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText, startBriefingBot, type BriefingBot } from "./harness.js";

// Nine reports of one story from several invented outlets (test/fixtures/articles/ask-story),
// beside the seed: /ask answers from all of them through the real client and the sandbox.
const dir = "test/fixtures/articles/ask-story";
let bot: BriefingBot;

beforeAll(async () => {
  bot = await startBriefingBot(Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")])));
});
afterAll(async () => {
  await bot?.close();
});

describe("/kazakhstan ask across the whole story", () => {
  it("answers a toll question with the newest toll first and its source, and a cause question in other words alike", async () => {
    const toll = await bot.run("/kazakhstan ask question:What is the death toll?");
    const first = toll.embeds[0]!.description?.split("\n")[0] ?? "";
    expect(first).toContain("At least 225 people died during the unrest");
    expect(replyText(toll)).toContain("Prosecutors give a higher toll");
    // The seed says it too, in its own words: any of the three is the cause.
    for (const question of ["Why did the protests start?", "What triggered the unrest?"]) {
      const first = (await bot.run(`/kazakhstan ask question:${question}`)).embeds[0]!.description?.split("\n")[0];
      expect(first).toMatch(/price of bottled gas|doubling of fuel prices|rise in gas prices/);
    }
  });

  it("answers what someone said with what the story says he said, by name or by pronoun", async () => {
    const text = replyText(await bot.run("/kazakhstan ask question:What did Ospanov say about the marchers?"));
    expect(text).toContain("He said the army would not fire on peaceful marchers");
  });

  it("says so when nothing in the story answers", async () => {
    expect(replyText(await bot.run("/kazakhstan ask question:Who won the football cup final?"))).toContain("The store has no answer to that question");
  });
});
