import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestStoryFiles } from "../../src/pipeline/story-sources.js";
import { createLogger } from "../../src/logger.js";
import { pageWithinLimits } from "../../src/render/page.js";
import { replyText, startBriefingBot, type BriefingBot } from "./harness.js";

// A second article in another outlet's words, later than the seed: the toll rises, a new
// reaction arrives, a video has its own link.
const FOLLOW_UP = `---
url: https://example.org/news/kazakhstan-toll-rises
outlet: Example Wire
---
Kazakhstan death toll rises as order is restored in Almaty

Updated: January 9th, 2022 2:30 p.m. GMT

The death toll from a week of unrest in Kazakhstan rose to 164, the health ministry said on Sunday. More than 5,800 people have been detained, according to the interior ministry. State television said on Sunday that at least 40 demonstrators had been killed.

Reactions abroad

The UN Secretary-General urged calm and called on all sides to refrain from violence.

Tokayev thanks allies

President Kassym-Shomart Tokayev thanked the leaders of the allied states for their support.
`;

let bot: BriefingBot;

beforeAll(async () => {
  bot = await startBriefingBot({ "001_follow_up.txt": FOLLOW_UP });
});
afterAll(async () => {
  await bot?.close();
});

function expectWithinLimits(reply: { embeds: Parameters<typeof pageWithinLimits>[0]["embeds"] }) {
  expect(reply.embeds.length).toBeGreaterThan(0);
  expect(pageWithinLimits({ embeds: reply.embeds })).toBe(true);
}

describe("/kazakhstan through the real discord.js client and the sandbox", () => {
  it("summarises the story under its own title, with the latest development, headline figures and sources, and no reader comment", async () => {
    const reply = await bot.run("/kazakhstan summary");
    expectWithinLimits(reply);
    const embed = reply.embeds[0]!;
    expect(embed.title).toBe(bot.story.title);
    expect(embed.timestamp).toBe("2022-01-09T14:30:00.000Z");
    expect(embed.description).toMatch(/^\*\*Latest:\*\* /);
    const figures = embed.fields?.find((f) => f.name === "Latest figures")?.value ?? "";
    // One line per category: the broadest population's newest report, the earlier toll it replaced.
    expect(figures).toMatch(/\*\*Killed:\*\* 164 people \(according to health ministry, <t:\d+:f>\)/);
    expect(figures.match(/\*\*Killed:\*\*/g)).toHaveLength(1);
    expect(figures).toMatch(/more than 5,800/);
    // Deaths lead the line, whatever order the store keeps them in.
    expect(figures.indexOf("**Killed:**")).toBe(0);
    expect(figures.lastIndexOf("**Killed:**")).toBeLessThan(figures.indexOf("**Detained:**"));
    const sources = embed.fields?.find((f) => f.name === "Sources")?.value ?? "";
    expect(sources).toContain("https://example.org/news/kazakhstan-toll-rises");
    expect(sources).toContain("Riots in Kazakhstan");
    expect(replyText(reply)).not.toMatch(/Louis|revolution|fathaland/i);
  });

  it("shows how the killed figure changed, each step with its source, and keeps Tokayev's claim out of the casualties", async () => {
    const reply = await bot.run("/kazakhstan casualties");
    expectWithinLimits(reply);
    const text = replyText(reply);
    const killed = text.slice(text.indexOf("**Killed**"), text.indexOf("**Detained**") > 0 ? text.indexOf("**Detained**") : undefined);
    expect(killed).toMatch(/^\*\*Killed\*\*\n• 164 people \(according to health ministry/);
    // Shares of the toll stand under it, each with what it replaced and its own source.
    expect(killed).toMatch(
      /\n {2}◦ of them: at least 40 demonstrators \(according to state television, <t:\d+:f>\) — was 26 demonstrators \(according to state television, 7 Jan 2022\)/,
    );
    expect(killed).toMatch(/◦ of them: at least 18 police officers and soldiers \(according to official information/);
    expect(text).toMatch(/\*\*Arrested\*\*\n• more than 4,000/);
    const claims = text.slice(text.indexOf("**Claims and other figures**"));
    expect(claims).toMatch(/up to 20,000 terrorists \(according to President Kassym-Shomart Tokayev/);
    expect(killed).not.toContain("20,000");
    expect(claims).toContain("about 2.2 million euros");
    // Two articles: every line names its own source.
    expect(text).toContain("Example Wire: Kazakhstan death toll rises");
  });

  it("lists the four international reactions of the seed and the UN's, and filters by actor alias", async () => {
    const all = replyText(await bot.run("/kazakhstan reactions"));
    expect(all).toContain("Olaf Scholz called for an end to the violence");
    expect(all).toContain("“Please come back to peaceful further development in the country.”");
    expect(all).toContain("German federal government");
    expect(all).toContain("US State Department");
    expect(all).toContain("Jens Stoltenberg");
    expect(all).toMatch(/UN.*urged calm/);
    expect(all).not.toMatch(/Tokayev (thanked|has given)/);

    const scholz = await bot.run("/kazakhstan reactions actor:Scholz");
    const text = replyText(scholz);
    expect(scholz.embeds[0]!.title).toContain("reactions of Olaf Scholz");
    expect(text).toContain("Please come back");
    expect(text).not.toContain("Stoltenberg");
  });

  it("lists videos with reporter, outlet, programme and aired time, and invents no link", async () => {
    const reply = await bot.run("/kazakhstan videos");
    const text = replyText(reply);
    expect(text).toContain("Kazakh President Tokayev gives security forces an order to shoot protesters");
    expect(text).toContain("Ina Ruck, ARD Moscow, daily news 8 p.m.");
    expect(text).toContain(`aired <t:${Date.parse("2022-01-07T20:00:00+01:00") / 1000}:f>`);
    expect(text).toContain("Andrea Beer, ARD Moscow");
    // The seed has no URL at all, so neither video may carry one.
    expect(text).not.toMatch(/https?:/);
  });

  it("resolves an actor by any alias or role and tells what they did, with times and the unverified mark", async () => {
    for (const query of ["Massimov", "Karim Massimov", "ex-prime minister"]) {
      const reply = await bot.run(`/kazakhstan actor name:${query}`);
      expect(reply.embeds[0]!.title).toMatch(/^Karim Massimov — ex-prime minister/);
    }
    const text = replyText(await bot.run("/kazakhstan actor name:Massimov"));
    expect(text).toMatch(/is said to have been arrested\. \(<t:\d+:f>, unverified\)/);
    expect(text).toContain("head of the domestic intelligence service, was arrested");

    const unknown = await bot.run("/kazakhstan actor name:Louis XVI");
    expect(replyText(unknown)).toContain("Nobody called “Louis XVI” appears in the store");
  });

  it("answers free questions from the store's sentences with their source, and says when it has no answer", async () => {
    const massimov = replyText(await bot.run("/kazakhstan ask question:What happened to Massimov?"));
    expect(massimov).toMatch(/Massimov.*arrested/);
    const shoot = await bot.run("/kazakhstan ask question:Who ordered security forces to shoot?");
    expect(shoot.embeds[0]!.description?.split("\n")[0]).toContain("President Tokayev has given security forces an order to shoot protesters");
    const none = replyText(await bot.run("/kazakhstan ask question:What is the price of bread in Paris?"));
    expect(none).toContain("The store has no answer to that question");
  });

  it("orders dated developments in time", async () => {
    const text = replyText(await bot.run("/kazakhstan timeline"));
    const friday = text.indexOf("7 Jan 2022");
    const seed = text.indexOf("Riots in Kazakhstan: Apparently explosions in Almaty");
    const followUp = text.indexOf("Kazakhstan death toll rises");
    expect(friday).toBeGreaterThan(-1);
    expect(friday).toBeLessThan(seed);
    expect(seed).toBeLessThan(followUp);
  });

  it("answers autocomplete from the store within Discord's limits", async () => {
    const reply = await bot.autocomplete("actor", "name", "mas");
    const choices = reply.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: "Karim Massimov (ex-prime minister)", value: "Karim Massimov" });
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);

    const all = (await bot.autocomplete("actor", "name", "")).choices ?? [];
    expect(all.map((c) => c.value)).toEqual(expect.arrayContaining(["Kassym-Shomart Tokayev", "NATO", "Olaf Scholz"]));
    expect(all.map((c) => c.value)).not.toContain("Ina Ruck");

    const reactors = (await bot.autocomplete("reactions", "actor", "ger")).choices ?? [];
    expect(reactors.map((c) => c.value)).toContain("Germany");
  });

  it("explains itself in /help, privately", async () => {
    const reply = await bot.run("/help");
    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toMatch(/\/kazakhstan.*2 articles/);
  });

  it("sends every reply with mention parsing switched off", async () => {
    const callbacks = bot.session.sandbox.requests.filter((r) => /\/interactions\/.+\/callback/.test(r.path));
    expect(callbacks.length).toBeGreaterThan(5);
    // Replies that carry a message (type 4); autocomplete choices (8) and deferrals (5) have none to ping with.
    const replies = callbacks.map((r) => r.body as { type: number; data?: { allowed_mentions?: unknown } }).filter((body) => body.type === 4);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map((body) => body.data?.allowed_mentions)).toEqual(replies.map(() => ({ parse: [], replied_user: false })));
  });

  it("turns a handler failure into a short ephemeral message with an error id that the log carries", async () => {
    const failing = await startBriefingBot();
    try {
      await failing.store.close(); // every read now throws
      const reply = await failing.run("/kazakhstan casualties");
      expect(reply.ephemeral).toBe(true);
      const id = /error id: `([0-9a-f]{8})`/.exec(reply.content)?.[1];
      expect(id).toBeDefined();
      const logged = failing.logs.find((l) => l.errorId === id && l.msg === "interaction handler failed");
      expect(logged?.command).toBe("/kazakhstan casualties");
      expect(failing.logs.some((l) => l.msg === "interaction" && l.outcome === "error" && typeof l.durationMs === "number")).toBe(true);
      // The bot keeps serving.
      expect((await failing.run("/kazakhstan summary")).ephemeral).toBe(true);
    } finally {
      await failing.session.close();
    }
  });
});

describe("after a new article arrives", () => {
  it("answers from the new store at once, not from what was cached before", async () => {
    const before = await bot.run("/kazakhstan summary");
    expect(before.embeds[0]!.description).not.toContain("curfew");
    const path = join(mkdtempSync(join(tmpdir(), "late-")), "late.txt");
    writeFileSync(
      path,
      "Curfew lifted in Almaty\n\nAs of: January 20th, 2022 9:00 a.m.\n\nThe curfew in Almaty was lifted on Thursday, the city administration said.\n",
    );
    await ingestStoryFiles(bot.store, bot.story, [path], createLogger("silent"));
    const after = await bot.run("/kazakhstan summary");
    expect(after.embeds[0]!.description).toMatch(/^\*\*Latest:\*\* The curfew in Almaty was lifted on Thursday/);
  });
});
