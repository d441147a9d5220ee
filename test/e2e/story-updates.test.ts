import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelArg, startDeliveryBot, type DeliveryBot } from "../schedule/delivery-harness.js";
import { STORY_WEEK, storyWeekFiles } from "./story-week.js";

const text = (m: { content: string; embeds: ReadonlyArray<{ title?: string; description?: string }> }) =>
  [m.content, ...m.embeds.flatMap((e) => [e.title ?? "", e.description ?? ""])].join("\n");

describe("scheduled updates speak for the story: each development posted once, whichever outlet repeats it", () => {
  let t: DeliveryBot;
  let posts: string[];
  /** One embed per article that added something to the story. */
  let embeds: string[];
  beforeAll(async () => {
    t = await startDeliveryBot({ guilds: [{ name: "Steppe Watchers", channels: [{ name: "general" }, { name: "news" }] }] });
    await t.command("subscribe", [channelArg(t.channel("news"))]);
    const subscribed = t.sandbox.messages(t.channel("news")).length;
    // Nine reports over three runs, as they would arrive in the inbox over a week.
    const files = storyWeekFiles();
    for (const batch of [files.slice(0, 3), files.slice(3, 6), files.slice(6)]) {
      for (const name of batch) copyFileSync(join(STORY_WEEK, name), join(t.inbox, name));
      await t.scheduler.runOnce();
    }
    posts = t.sandbox.messages(t.channel("news")).slice(subscribed).map(text);
    embeds = t.sandbox
      .messages(t.channel("news"))
      .slice(subscribed)
      .flatMap((m) => m.embeds.map((e) => `${e.title ?? ""}\n${e.description ?? ""}`));
  });
  afterAll(async () => {
    await t?.close();
  });

  const postsWith = (pattern: RegExp) => posts.filter((p) => pattern.test(p)).length;
  const embedsWith = (pattern: RegExp) => embeds.filter((e) => pattern.test(e)).length;

  it("posts one message per run that brought something new", () => {
    expect(posts).toHaveLength(3);
  });

  it("posts a development two outlets reported only when it first appears", () => {
    // Each of these is in two reports: only the first report's post carries it.
    expect(embedsWith(/2,500 peacekeepers/)).toBe(1);
    expect(embedsWith(/treason/)).toBe(1);
    expect(embedsWith(/shoot to kill/)).toBe(1);
    expect(embedsWith(/Blinken/)).toBe(1);
    // The repeating reports still brought something of their own, and are posted for it.
    expect(embeds.find((e) => e.startsWith("Moscow-led bloc deploys peacekeepers"))).toMatch(/at least 40 people/);
    expect(embeds.find((e) => e.startsWith("Health ministry puts toll at 164"))).toMatch(/164 people/);
  });

  it("posts a changed toll with what it went up from, and a rival count of the same time as a disagreement", () => {
    expect(posts[2]).toMatch(/\*\*Killed:\*\* at least 240 people \(according to rights group, <t:\d+:f>\), up from 164 \(according to health ministry/);
    expect(posts[2]).toMatch(
      /\*\*Killed, disputed:\*\* 225 people \(according to prosecutor general's office, <t:\d+:f>\), where 240 \(according to rights group/,
    );
    expect(postsWith(/\*\*Killed:\*\* 164 people/)).toBe(1);
    expect(t.sandbox.stats.rateLimited).toBe(0);
  });
});
