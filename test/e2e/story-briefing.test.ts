import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText, startBriefingBot, type BriefingBot } from "./harness.js";
import { storyWeek } from "./story-week.js";

/** One consolidated picture across many sources: every command speaks about the story, not the last article. */
let bot: BriefingBot;
beforeAll(async () => {
  bot = await startBriefingBot(storyWeek(), { withSeed: false });
});
afterAll(async () => {
  await bot?.close();
});

const countOf = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, "g"))?.length ?? 0;

describe("a week of reports from four outlets, briefed as one story", () => {
  it("summary: the story's title, its newest key development, at most six clustered points from several sources, one headline figure per category", async () => {
    const reply = await bot.run("/kazakhstan summary");
    const embed = reply.embeds[0]!;
    expect(embed.title).toBe(bot.story.title);
    const lines = (embed.description ?? "").split("\n");
    expect(lines[0]).toMatch(/^\*\*Latest:\*\* The prosecutor general's office said 225 people had been killed/);
    const points = lines.filter((l) => l.startsWith("• "));
    expect(points.length + 1).toBeLessThanOrEqual(6);
    // Developments several outlets reported are one point each, saying by how many.
    expect(points.filter((p) => /2,500 peacekeepers/.test(p))).toHaveLength(1);
    expect(points.find((p) => /2,500 peacekeepers/.test(p))).toMatch(/\(2 sources\)$/);
    expect(points.filter((p) => /Massimov/.test(p))).toHaveLength(1);
    expect(points.filter((p) => /shoot to kill/.test(p))).toHaveLength(1);
    const outlets = new Set(lines.flatMap((l) => [...l.matchAll(/(Steppe Wire|Caspian Herald|Ridge Post|Tien Shan Times):/g)].map((m) => m[1])));
    expect(outlets.size).toBeGreaterThanOrEqual(3);

    const figures = embed.fields?.find((f) => f.name === "Latest figures")?.value ?? "";
    expect(figures.split("\n")).toHaveLength(2);
    expect(figures).toMatch(
      /^\*\*Killed:\*\* 225 people \(according to prosecutor general's office, <t:\d+:f>\), up from .*44 \(according to state television, <t:\d+:f>\) and 164 \(according to health ministry, <t:\d+:f>\) ↔ at least 240 \(according to rights group, <t:\d+:f>\)$/m,
    );
    expect(figures).toMatch(/^\*\*Detained:\*\* almost 8,000 people .*, up from more than 200 .* and almost 4,400 /m);
  });

  it("casualties: one toll across outlets' wordings, with its shares under it, not as rival totals", async () => {
    const text = replyText(await bot.run("/kazakhstan casualties"));
    const killed = text.slice(text.indexOf("**Killed**"), text.indexOf("**Detained**"));
    const lines = killed.split("\n").filter((l) => l.trim());
    expect(lines[1]).toMatch(/^• 225 people \(according to prosecutor general's office/);
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(/^ {2}◦ of them: 103 people in Almaty \(according to health ministry/),
      expect.stringMatching(/^ {2}◦ of them: 12 police officers \(according to state television/),
    ]);
  });

  it("reactions: one line per speaker and statement across outlets, filed under their country; the home country's officials are not international", async () => {
    const text = replyText(await bot.run("/kazakhstan reactions"));
    expect(countOf(text, /Blinken/)).toBe(1);
    expect(text).toMatch(/\*\*United States\*\*\n• Antony Blinken .*restraint.*\(2 sources\)/);
    expect(text).toMatch(/\*\*Germany\*\*\n• Olaf Scholz called for an end to the violence/);
    expect(text).toMatch(/Antonio Guterres urged all sides to refrain from violence/);
    expect(text).not.toMatch(/Turgumbayev|\*\*Kazakhstan\*\*/);
  });

  it("actor: who the person is, then one dated line per development, then how many articles name them", async () => {
    const nazarbayev = await bot.run("/kazakhstan actor name:Nazarbayev");
    expect(nazarbayev.embeds[0]!.title).toBe("Nursultan Nazarbayev — first President of Kazakhstan");
    expect(nazarbayev.embeds[0]!.description).toMatch(/^\*\*Who:\*\* Nursultan Nazarbayev, first President of Kazakhstan\n/);
    expect(nazarbayev.embeds[0]!.footer?.text).toMatch(/mentioned in 1 article$/);

    const tokayev = await bot.run("/kazakhstan actor name:Tokayev");
    const text = replyText(tokayev);
    expect(countOf(text, /shoot to kill/)).toBe(1);
    expect(text).toMatch(/shoot to kill.*\(2 sources\)/);
    expect(Number(/mentioned in (\d+) articles/.exec(tokayev.embeds[0]!.footer?.text ?? "")?.[1])).toBeGreaterThanOrEqual(5);
  });

  it("timeline: one line per event across sources, dated when it happened, no article titles", async () => {
    const text = replyText(await bot.run("/kazakhstan timeline"));
    expect(countOf(text, /2,500 peacekeepers/)).toBe(1);
    expect(text).toMatch(/\*\*8 Jan 2022\*\* Karim Massimov, the former head of the National Security Committee, was arrested/);
    expect(text).toMatch(/\*\*5 Jan 2022\*\* Thousands of protesters marched through Almaty/);
    expect(text).not.toMatch(/Prosecutors put death toll at 225 —|^\*\*[^*]+\*\* Fuel protests reach Almaty/m);
  });
});
