import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectPng } from "../support/png.js";
import { startBriefingBot, type BriefingBot } from "./harness.js";
import { TOLL_POINTS, tollStory } from "./toll-story.js";

describe("/kazakhstan casualties carries a chart of the headline figures, through the real client and the sandbox", () => {
  let bot: BriefingBot;
  beforeAll(async () => {
    bot = await startBriefingBot(tollStory());
  });
  afterAll(async () => {
    await bot?.close();
  });

  it("uploads the chart as a PNG the embed shows, with alt text naming every point and its source", async () => {
    const reply = await bot.run("/kazakhstan casualties");
    const [file, ...others] = reply.original?.attachments ?? [];
    expect(others).toHaveLength(0);
    expect(file).toMatchObject({ filename: "casualties.png", contentType: "image/png" });
    expect(reply.embeds[0]?.image?.url).toBe("attachment://casualties.png");

    const png = inspectPng(file!.data);
    expect(png.ihdr).toEqual({ width: file!.width, height: file!.height });
    expect(png.width).toBeGreaterThan(800);
    expect(png.height).toBeGreaterThan(500);
    expect(png.inkedShare).toBeGreaterThan(0.04);

    for (const point of TOLL_POINTS) expect(file!.description).toContain(point);
    expect(file!.description).toMatch(/^Killed: 40 on 6 Jan \(state television\) → 44 on 7 Jan \(state television\) vs\. at least 70 on 7 Jan/);
    // The text of the reply still lists every figure: the picture adds to it, never replaces it.
    expect(reply.embeds[0]?.description).toMatch(/225 people \(according to prosecutor general's office/);
  });

  it("draws the chart once per store version: the next reply is answered at once from the cache, picture and all", async () => {
    const first = (await bot.run("/kazakhstan casualties")).original!.attachments[0]!;
    const again = await bot.run("/kazakhstan casualties");
    expect(again.deferred).toBe(false);
    expect(again.original!.attachments[0]!.data.equals(first.data)).toBe(true);
    expect(again.original!.attachments[0]!.description).toBe(first.description);
  });
});
