import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText, startBriefingBot, type BriefingBot } from "./harness.js";

// One article whose lead opens with a scene-setting line, and which counts two populations of the
// dead without ever giving a count of everyone.
const ARTICLE = `---
outlet: Harbour Gazette
---
Clashes spread to the port city

As of: March 4th, 2024 7:00 a.m.

The port is restless again. The harbour master Lena Vork resigned on Sunday after dockworkers blocked the main terminal.

City hospitals said 31 dockworkers had been killed in the clashes. According to the police, 12 police officers have died as well.

More than 900 people were detained overnight, the interior ministry said.
`;

let bot: BriefingBot;

beforeAll(async () => {
  bot = await startBriefingBot({ "port.txt": ARTICLE }, { withSeed: false });
});
afterAll(async () => {
  await bot?.close();
});

describe("the briefing of a story told by one article", () => {
  it("leads with the development the lead reports, not with its scene-setting first line", async () => {
    const embed = (await bot.run(`/${bot.story.slug} summary`)).embeds[0];
    expect(embed?.description).toMatch(/^\*\*Latest:\*\* The harbour master Lena Vork resigned/);
    expect(embed?.description).not.toContain("The port is restless again.");
  });

  it("counts two populations of the dead beside each other, neither as a share of the other", async () => {
    const embed = (await bot.run(`/${bot.story.slug} summary`)).embeds[0];
    const figures = embed?.fields?.find((f) => f.name === "Latest figures")?.value ?? "";
    expect(figures).toMatch(/\*\*Killed:\*\* 31 dockworkers \(according to city hospitals[^)]*\) · 12 police officers \(according to police/);
    const text = replyText(await bot.run(`/${bot.story.slug} casualties`));
    expect(text).not.toContain("of them");
    expect(text).toMatch(/• 31 dockworkers[^\n]*\n• 12 police officers/);
  });
});
