import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeliveries } from "../../src/cli/deliveries.js";
import { createLogger } from "../../src/logger.js";
import { refreshInboxes } from "../../src/schedule/refresh.js";
import { ARTICLES, channelArg, startDeliveryBot, type DeliveryBot } from "../schedule/delivery-harness.js";

/** The client handles a gateway event after the sandbox has sent it, so poll rather than wait on the sandbox. */
async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const messagesPath = (channelId: string) => `/channels/${channelId}/messages`;

describe("what Discord's errors do to a subscription", () => {
  let t: DeliveryBot;
  const names = ["general", "forbidden", "gone", "throttled", "flaky", "broken", "doomed"];

  beforeAll(async () => {
    t = await startDeliveryBot(
      {
        guilds: [
          { name: "Almaty Watchers", channels: names.map((name) => ({ name })) },
          { name: "Nur-Sultan Desk", channels: [{ name: "desk" }] },
          { name: "Outage Club", channels: [{ name: "outage" }] },
        ],
      },
      { attempts: 3, backoffMs: 20 },
    );
    const [, desk, outage] = t.sandbox.guilds;
    for (const name of names.slice(1)) await t.command("subscribe", [channelArg(t.channel(name))]);
    // The other guilds' subscriptions are written as /subscribe would, without their own command registration.
    for (const [guild, name] of [
      [desk!, "desk"],
      [outage!, "outage"],
    ] as const) {
      await t.store.subscribe({ guildId: guild.id, channelId: t.channel(name), story: "kazakhstan", only: "all", createdBy: null });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("disables on 403/404, waits out a 429, retries a 500 and gives up on a 500 that lasts, leaving nothing unaccounted", async () => {
    t.sandbox.fault({ method: "POST", path: messagesPath(t.channel("forbidden")), status: 403, code: 50013 });
    t.sandbox.fault({ method: "POST", path: messagesPath(t.channel("gone")), status: 404, code: 10003 });
    t.sandbox.fault({ method: "POST", path: messagesPath(t.channel("throttled")), status: 429, retryAfter: 1 });
    t.sandbox.fault({ method: "POST", path: messagesPath(t.channel("flaky")), status: 500, times: 1 });
    t.sandbox.fault({ method: "POST", path: messagesPath(t.channel("broken")), status: 500, times: 1000 });
    t.drop("toll-rises.txt");
    const started = Date.now();
    const run = await t.scheduler.runOnce();
    const elapsed = Date.now() - started;

    const all = await t.store.subscriptions();
    const subscription = (name: string) => all.find((s) => s.channelId === t.channel(name))!;
    expect(subscription("forbidden")).toMatchObject({ status: "disabled", reason: expect.stringMatching(/50013/) });
    expect(subscription("gone")).toMatchObject({ status: "disabled", reason: expect.stringMatching(/10003/) });
    for (const name of ["throttled", "flaky", "doomed", "broken"]) expect(subscription(name).status, name).toBe("active");

    const posts = (name: string) => t.sandbox.messages(t.channel(name)).filter((m) => m.embeds.some((e) => e.title?.includes("death toll climbs to 164")));
    expect(posts("throttled")).toHaveLength(1);
    expect(posts("flaky")).toHaveLength(1);
    expect(posts("desk")).toHaveLength(1);
    expect(posts("forbidden")).toHaveLength(0);
    expect(posts("broken")).toHaveLength(0);
    expect(elapsed).toBeGreaterThanOrEqual(900);

    const deliveries = await t.store.deliveries();
    const fate = (name: string) => deliveries.filter((d) => d.channelId === t.channel(name));
    expect(fate("broken")[0]).toMatchObject({ status: "failed", attempts: 3, reason: expect.stringMatching(/gave up after 3 attempts.*500/) });
    expect(fate("forbidden")[0]).toMatchObject({ status: "failed", reason: expect.stringMatching(/subscription disabled: .*50013/) });
    expect((await t.store.deliveries()).filter((d) => d.status === "pending" || d.status === "sending")).toHaveLength(0);
    expect(run).toMatchObject({ disabledSubscriptions: 2 });

    // A disabled channel is not tried again: no further request reaches it.
    const before = t.sandbox.requests.filter((r) => r.path === messagesPath(t.channel("forbidden"))).length;
    t.drop("curfew-eased.txt");
    await t.scheduler.runOnce();
    expect(t.sandbox.requests.filter((r) => r.path === messagesPath(t.channel("forbidden")))).toHaveLength(before);
  });

  it("tells the admin in /subscriptions why a subscription stopped and how to fix it", async () => {
    const reply = await t.command("subscriptions");
    const shown = reply.embeds.map((e) => e.description ?? "").join("\n");
    expect(shown).toMatch(
      new RegExp(`<#${t.channel("forbidden")}>.*\\*\\*disabled\\*\\*: .*50013.*Fix: give the bot View Channel, Send Messages, Embed Links`),
    );
    expect(shown).toMatch(new RegExp(`<#${t.channel("gone")}>.*\\*\\*disabled\\*\\*: .*10003.*Fix: the channel is gone`));
    expect(shown).not.toMatch(new RegExp(t.channel("desk")));
  });

  it("disables a deleted channel's and a removed guild's subscriptions, but keeps them through an outage", async () => {
    const [, desk, outage] = t.sandbox.guilds;
    t.sandbox.deleteChannel(t.channel("doomed"));
    t.sandbox.removeBot(desk!.id);
    t.sandbox.removeBot(outage!.id, { unavailable: true });
    const statusOf = async (channelId: string) => (await t.store.subscriptions()).find((s) => s.channelId === channelId)?.status;
    const doomed = t.sandbox.guilds.flatMap((g) => [...g.channels]).find((c) => c.name === "doomed")!.id;
    const deskChannel = desk!.channels[0]!.id;
    await until(async () => (await statusOf(doomed)) === "disabled" && (await statusOf(deskChannel)) === "disabled");
    expect((await t.store.subscriptions()).find((s) => s.channelId === deskChannel)?.reason).toMatch(/removed from this server/);
    expect(await statusOf(outage!.channels[0]!.id)).toBe("active");
  });

  it("answers `cli deliveries` with every delivery's fate and a count per status", async () => {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${join(t.dir, "db")}`;
    try {
      const all = await runDeliveries([]);
      expect(all.exitCode).toBe(0);
      expect(all.stdout).toMatch(/^\d+ deliveries: pending 0, sending 0, sent \d+, skipped \d+, failed [1-9]/);
      expect(all.stdout).toMatch(/failed .*gave up after 3 attempts/);
      const failed = await runDeliveries(["--status", "failed", "--json"]);
      const rows = JSON.parse(failed.stdout) as Array<{ status: string }>;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.status === "failed")).toBe(true);
      await expect(runDeliveries(["--status", "lost"])).rejects.toThrow(/--status must be one of/);
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    }
  });
});

describe("stale updates", () => {
  let t: DeliveryBot;
  // The delivery run's clock: the test moves it past the configured age instead of sleeping.
  let clockAheadMs = 0;
  beforeAll(async () => {
    t = await startDeliveryBot(
      { guilds: [{ name: "Late Desk", channels: [{ name: "general" }, { name: "late" }] }] },
      { attempts: 3, backoffMs: 50, now: () => Date.now() + clockAheadMs },
      1,
    );
    await t.command("subscribe", [channelArg(t.channel("late"))]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("records an update older than the configured age as skipped instead of posting it late", async () => {
    copyFileSync(join(ARTICLES, "toll-rises.txt"), join(t.inbox, "toll-rises.txt"));
    expect(await refreshInboxes(t.store, [t.story], createLogger("silent"))).toBe(1);
    clockAheadMs = 61 * 60_000; // the update is now 61 minutes old, past the 1 h allowed
    const before = t.sandbox.messages(t.channel("late")).length;
    const run = await t.scheduler.runOnce();
    expect(run).toMatchObject({ messages: 0, skipped: 1 });
    expect(t.sandbox.messages(t.channel("late"))).toHaveLength(before);
    expect((await t.store.deliveries())[0]).toMatchObject({ status: "skipped", reason: expect.stringMatching(/stale/) });
  });
});
