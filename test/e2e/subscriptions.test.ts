import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelArg, NO_EMBEDS, startDeliveryBot, stringArg, VIEW_ONLY, type DeliveryBot } from "../schedule/delivery-harness.js";

const text = (m: { content: string; embeds: ReadonlyArray<{ title?: string; description?: string }> }) =>
  [m.content, ...m.embeds.flatMap((e) => [e.title ?? "", e.description ?? ""])].join("\n");

describe("subscribing channels and posting each update once, through the real client and the sandbox", () => {
  let t: DeliveryBot;
  const fanout = Array.from({ length: 12 }, (_, i) => `wire-${i}`);

  beforeAll(async () => {
    t = await startDeliveryBot({
      guilds: [
        {
          name: "Almaty Watchers",
          channels: [
            { name: "general" },
            { name: "news" },
            { name: "casualties" },
            { name: "clips" },
            { name: "read-only", botPermissions: VIEW_ONLY },
            { name: "text-only", botPermissions: NO_EMBEDS },
            ...fanout.map((name) => ({ name })),
          ],
        },
      ],
      rateLimits: { globalPerSecond: 50, perChannel: { count: 5, windowMs: 5000 } },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses /subscribe to a member without Manage Server, and hides the command from them by default", async () => {
    const reply = await t.command("subscribe", [channelArg(t.channel("news"))], false);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Manage Server/);
    expect(await t.store.subscriptions(t.guildId)).toHaveLength(0);
    const registered = t.sandbox.commands().guilds[t.guildId]?.find((c) => c.name === "subscribe");
    expect(registered?.default_member_permissions).toBe("32");
  });

  it("names exactly which posting permission the bot lacks before accepting a channel", async () => {
    const readOnly = await t.command("subscribe", [channelArg(t.channel("read-only"))]);
    expect(readOnly.ephemeral).toBe(true);
    expect(readOnly.content).toMatch(/Send Messages\*\*, \*\*Embed Links/);
    expect(readOnly.content).not.toMatch(/View Channel/);
    const textOnly = await t.command("subscribe", [channelArg(t.channel("text-only"))]);
    expect(textOnly.content).toMatch(/missing \*\*Embed Links\*\*/);
    expect(await t.store.subscriptions(t.guildId)).toHaveLength(0);
    expect(t.sandbox.messages(t.channel("read-only"))).toHaveLength(0);
  });

  it("posts the current briefing once on subscribing, then nothing until something new arrives", async () => {
    const reply = await t.command("subscribe", [channelArg(t.channel("news"))]);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/subscribed to \*\*Unrest in Kazakhstan/);
    const posts = t.sandbox.messages(t.channel("news"));
    expect(posts).toHaveLength(1);
    expect(text(posts[0]!)).toMatch(/Massimov/);

    const again = await t.command("subscribe", [channelArg(t.channel("news"))]);
    expect(again.content).toMatch(/already was/);
    expect(t.sandbox.messages(t.channel("news"))).toHaveLength(1);

    const run = await t.scheduler.runOnce();
    expect(run).toMatchObject({ messages: 0, enqueued: 0 });
    expect(t.sandbox.messages(t.channel("news"))).toHaveLength(1);
  });

  it("posts a new inbox article exactly once in every subscribed channel, filtered, and nothing on the next run", async () => {
    await t.command("subscribe", [channelArg(t.channel("casualties")), stringArg("only", "casualties")]);
    await t.command("subscribe", [channelArg(t.channel("clips")), stringArg("only", "videos")]);
    for (const name of fanout) await t.command("subscribe", [channelArg(t.channel(name))]);
    const before = (name: string) => t.sandbox.messages(t.channel(name)).length;
    const counts = new Map(["news", "casualties", "clips", ...fanout].map((n) => [n, before(n)]));

    t.drop("toll-rises.txt");
    const run = await t.scheduler.runOnce();
    expect(run?.newUpdates).toBe(1);

    for (const name of ["news", ...fanout]) {
      const posts = t.sandbox.messages(t.channel(name));
      expect(posts, name).toHaveLength(counts.get(name)! + 1);
      const post = posts.at(-1)!;
      expect(post.embeds[0]?.title).toBe("Kazakhstan: death toll climbs to 164 as Almaty counts the cost");
      expect(text(post)).toMatch(/\*\*Killed:\*\* 164/);
      expect(text(post)).toMatch(/Borrell/);
      expect(post.nonce).toEqual(expect.any(String));
      expect(post.allowedMentions).toEqual({ parse: [] });
    }
    const casualtyPost = t.sandbox.messages(t.channel("casualties")).at(-1)!;
    expect(text(casualtyPost)).toMatch(/\*\*Killed:\*\* 164/);
    expect(text(casualtyPost)).not.toMatch(/Borrell/);
    // The article has no video: the videos-only channel gets nothing, and that is recorded.
    expect(t.sandbox.messages(t.channel("clips"))).toHaveLength(counts.get("clips")!);
    const clipsId = t.channel("clips");
    expect((await t.store.deliveries({ status: "skipped" })).filter((d) => d.channelId === clipsId)[0]?.reason).toMatch(/only:videos/);

    const sent = await t.store.deliveries({ status: "sent" });
    expect(sent.every((d) => d.messageId !== null)).toBe(true);
    expect(t.sandbox.stats.rateLimited).toBe(0);

    const second = await t.scheduler.runOnce();
    expect(second).toMatchObject({ messages: 0, newUpdates: 0, enqueued: 0 });
    for (const name of ["news", ...fanout]) expect(t.sandbox.messages(t.channel(name))).toHaveLength(counts.get(name)! + 1);
  });

  it("combines two updates that arrived between runs into one message per channel", async () => {
    const news = t.channel("news");
    const before = t.sandbox.messages(news).length;
    t.drop("curfew-eased.txt");
    writeFileSync(
      join(t.inbox, "internet-restored.txt"),
      "Internet access restored in parts of Kazakhstan\n\nAs of: January 10th, 2022 4:15 p.m.\n\nMobile internet came back in the capital on Monday afternoon after five days of near-total blackout, the telecoms regulator said. The government said 9,900 people had now been detained.\n",
    );
    const run = await t.scheduler.runOnce();
    expect(run?.newUpdates).toBe(2);
    const posts = t.sandbox.messages(news);
    expect(posts).toHaveLength(before + 1);
    const post = posts.at(-1)!;
    expect(post.content).toMatch(/2 new developments/);
    expect(post.embeds.map((e) => e.title)).toEqual(["Almaty eases curfew as troops withdraw from airport", "Internet access restored in parts of Kazakhstan"]);
    const batch = (await t.store.deliveries({ status: "sent" })).filter((d) => d.channelId === news && d.messageId === post.id);
    expect(batch).toHaveLength(2);
    expect(new Set(batch.map((d) => d.nonce)).size).toBe(1);
  });

  it("never lets two runs overlap", async () => {
    const [first, second] = await Promise.all([t.scheduler.runOnce(), t.scheduler.runOnce()]);
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });

  it("shows this server's subscriptions with status, filter and last post", async () => {
    const reply = await t.command("subscriptions");
    expect(reply.ephemeral).toBe(true);
    const shown = text(reply);
    expect(shown).toMatch(
      new RegExp(`<#${t.channel("casualties")}> — \\*\\*Unrest in Kazakhstan, January 2022\\*\\* \\(only: casualties\\) — active, last post <t:`),
    );
  });

  it("stops posting after /unsubscribe and records what was still queued as skipped", async () => {
    const wire = t.channel("wire-0");
    const reply = await t.command("unsubscribe", [channelArg(wire)]);
    expect(reply.content).toMatch(/no longer gets updates/);
    expect((await t.store.subscriptions(t.guildId)).find((s) => s.channelId === wire)?.status).toBe("unsubscribed");
  });
});
