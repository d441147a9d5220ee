import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTICLES, channelArg, startDeliveryBot, type DeliveryBot } from "../schedule/delivery-harness.js";
import { inspectPng } from "../support/png.js";
import { TOLL_ARTICLES } from "./toll-story.js";

const NO_FILES = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

describe("a scheduled post whose headline figure changed carries the casualty chart, exactly once", () => {
  let t: DeliveryBot;
  const drop = (dir: string, name: string) => copyFileSync(join(dir, name), join(t.inbox, name));
  const posts = (name: string) => t.sandbox.messages(t.channel(name));

  beforeAll(async () => {
    t = await startDeliveryBot({
      guilds: [{ name: "Almaty Watchers", channels: [{ name: "general" }, { name: "news" }, { name: "no-files", botPermissions: NO_FILES }] }],
    });
    await t.command("subscribe", [channelArg(t.channel("news"))]);
    await t.command("subscribe", [channelArg(t.channel("no-files"))]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("attaches the chart /casualties shows to the post of a new toll, shown in that update's embed", async () => {
    const before = posts("news").length;
    drop(TOLL_ARTICLES, "04-caspian-herald-jan09.txt");
    expect(await t.scheduler.runOnce()).toMatchObject({ newUpdates: 1, messages: 2, failed: 0 });

    const post = posts("news").at(-1)!;
    expect(posts("news")).toHaveLength(before + 1);
    expect(post.embeds[0]?.title).toBe("Death toll climbs as Almaty counts the cost");
    expect(post.embeds[0]?.image?.url).toBe("attachment://casualties.png");
    const [file] = post.attachments;
    expect(post.attachments).toHaveLength(1);
    const png = inspectPng(file!.data);
    expect(png.ihdr).toEqual({ width: file!.width, height: file!.height });
    expect(png.inkedShare).toBeGreaterThan(0.04);
    for (const point of [
      "164 on 9 Jan (health ministry)",
      "2,200 on 9 Jan (health ministry)",
      "more than 4,000 on 8 Jan",
      "5,800 on 9 Jan (interior ministry)",
    ]) {
      expect(file!.description).toContain(point);
    }

    // The same picture, words and all, as the command shows at this store version.
    const reply = await t.sandbox.interact({
      guildId: t.guildId,
      channelId: t.channel("general"),
      command: "kazakhstan",
      options: [{ name: "casualties", type: 1 }],
    });
    const shown = reply.original!.attachments[0]!;
    expect(shown.data.equals(file!.data)).toBe(true);
    expect(shown.description).toBe(file!.description);
  });

  it("posts without the picture where the bot may not attach files, instead of being refused", async () => {
    const post = posts("no-files").at(-1)!;
    expect(post.embeds[0]?.title).toBe("Death toll climbs as Almaty counts the cost");
    expect(post.attachments).toHaveLength(0);
    expect(post.embeds[0]?.image).toBeUndefined();
    expect((await t.store.subscriptions(t.guildId)).map((s) => s.status)).toEqual(["active", "active"]);
  });

  it("adds no picture to a development without a new headline figure", async () => {
    drop(ARTICLES, "curfew-eased.txt");
    expect(await t.scheduler.runOnce()).toMatchObject({ newUpdates: 1, messages: 2 });
    const post = posts("news").at(-1)!;
    expect(post.embeds[0]?.title).toBe("Almaty eases curfew as troops withdraw from airport");
    expect(post.attachments).toHaveLength(0);
    expect(post.embeds.some((e) => e.image)).toBe(false);
  });

  it("resends the file with the same nonce when a send fails, and the channel still gets one post", async () => {
    const news = t.channel("news");
    const before = posts("news").length;
    const sentBefore = t.sandbox.requests.length;
    t.sandbox.fault({ method: "POST", path: `/channels/${news}/messages`, status: 500, times: 1 });
    drop(TOLL_ARTICLES, "06-ridge-post-jan15.txt");
    expect(await t.scheduler.runOnce()).toMatchObject({ newUpdates: 1, failed: 0 });

    const tries = t.sandbox.requests.slice(sentBefore).filter((r) => r.method === "POST" && r.path === `/channels/${news}/messages`);
    expect(tries.map((r) => r.status)).toEqual([500, 200]);
    const [first, second] = tries.map((r) => r.files[0]!);
    expect(first!.data.equals(second!.data)).toBe(true);
    expect(tries.map((r) => (r.body as { nonce?: string }).nonce)).toEqual([expect.any(String), (tries[0]!.body as { nonce: string }).nonce]);

    expect(posts("news")).toHaveLength(before + 1);
    const post = posts("news").at(-1)!;
    expect(post.attachments[0]?.description).toContain("225 on 15 Jan (prosecutor general's office)");
    expect(post.attachments[0]?.data.equals(second!.data)).toBe(true);
  });
});
