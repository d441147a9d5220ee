import { afterEach, describe, expect, it } from "vitest";
import { pageWithinLimits } from "../../src/render/page.js";
import { manyArticles, replyText, startBriefingBot, type BriefingBot } from "./harness.js";

let bot: BriefingBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const HOSTILE = `Protesters call @everyone to the square <@&123> **bold**

As of: January 9th, 2022 10:00 a.m.

A post shared by <@!456> told @everyone and @here to gather at the **main square**, and the organisers' channel <#789> spread it. At least 12 people were injured, @everyone was told by the health ministry.

Tokayev @everyone warning

President Kassym-Shomart Tokayev warned @everyone against joining **unauthorised** rallies.
`;

describe("third-party article text in replies", () => {
  it("pings no one and shows @everyone, role mentions and markdown literally", async () => {
    bot = await startBriefingBot({ "002_hostile.txt": HOSTILE });
    for (const line of [
      "/kazakhstan summary",
      "/kazakhstan casualties",
      "/kazakhstan actor name:Tokayev",
      "/kazakhstan ask question:Who warned against rallies?",
      "/kazakhstan timeline",
    ]) {
      const reply = await bot.run(line);
      expect(reply.allowedMentions).toEqual({ parse: [], replied_user: false });
      const text = replyText(reply);
      // Nothing Discord would turn into a ping or a mention pill survives unescaped.
      expect(text).not.toMatch(/(^|[^\\])<@[!&]?\d+>/);
      expect(text).not.toMatch(/(^|[^\\])<#\d+>/);
      expect(text).not.toMatch(/@(everyone|here)/);
      expect(text).not.toMatch(/(^|[^\\])\*\*(bold|main square|unauthorised)/);
    }
    const summary = replyText(await bot.run("/kazakhstan summary"));
    // Mention markup is not text: the parser removed it, so not even an escaped copy reaches a reply.
    expect(summary).toContain("Protesters call @\u200beveryone to the square \\*\\*bold\\*\\*");
    expect(summary).not.toMatch(/<@|<#/);
    const actor = replyText(await bot.run("/kazakhstan actor name:Tokayev"));
    expect(actor).toContain("warned @\u200beveryone against joining \\*\\*unauthorised\\*\\* rallies");
  });
});

type ButtonRows = Array<{ components: Array<{ custom_id: string; label: string; disabled?: boolean }> }>;

describe("long replies", () => {
  it("spread over pages with buttons, every page within Discord's limits, and turn pages through the buttons", async () => {
    bot = await startBriefingBot(manyArticles(40));
    const first = await bot.run("/kazakhstan timeline");
    expect(pageWithinLimits({ embeds: first.embeds })).toBe(true);
    const footer = first.embeds[0]!.footer!.text;
    const pages = Number(/page 1\/(\d+)/.exec(footer)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const buttons = (first.components as ButtonRows)[0]!.components;
    expect(buttons.map((b) => b.label)).toEqual(["Previous", "1 / " + pages, "Next"]);
    expect(buttons[0]!.disabled).toBe(true);

    const seen = new Set<string>();
    let current = first;
    for (let page = 2; page <= pages; page++) {
      const next = (current.components as ButtonRows)[0]!.components.find((b) => b.label === "Next")!;
      const messageId = current.original!.id;
      const turned = await (await bot.session.sandbox.interact({ customId: next.custom_id, messageId })).final();
      expect(turned.callbackType).toBe(7);
      expect(turned.embeds[0]!.footer!.text).toContain(`page ${page}/${pages}`);
      expect(pageWithinLimits({ embeds: turned.embeds })).toBe(true);
      for (const line of turned.embeds[0]!.description!.split("\n")) {
        // A line ends with its source, its attribution or an ellipsis: never cut mid-word.
        expect(line).toMatch(/(\)|…|\*\*|again|Riots in Kazakhstan: Apparently explosions in Almaty)$/);
        expect(seen.has(line) && line.startsWith("•")).toBe(false);
        seen.add(line);
      }
      current = turned;
    }
  });
});
