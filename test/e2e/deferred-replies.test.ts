import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText, startBriefingBot, type BriefingBot } from "./harness.js";

let bot: BriefingBot;

beforeAll(async () => {
  bot = await startBriefingBot();
});
afterAll(async () => {
  await bot?.close();
});

describe("first answers after the store changed", () => {
  it("acknowledges an answer it has to draw at once, then replaces the thinking message with the briefing", async () => {
    const drawn = await bot.run("/kazakhstan casualties");
    expect(drawn.callbackType).toBe(5);
    expect(drawn.edits.length).toBeGreaterThan(0);
    expect(replyText(drawn)).toContain("casualties and arrests");

    const cached = await bot.run("/kazakhstan casualties");
    expect(cached.callbackType).toBe(4);
    expect(cached.embeds).toEqual(drawn.embeds);
  });
});
