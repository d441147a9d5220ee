import { DiscordAPIError, EmbedBuilder, PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelNamed, connectClient, type Connected } from "./client-harness.js";

const READ_ONLY = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;
const NO_EMBEDS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;

describe("channel posts through the sandbox with the real discord.js client", () => {
  let connected: Connected;
  const channel = (name: string) => channelNamed(connected, name);

  beforeAll(async () => {
    connected = await connectClient({
      guilds: [
        {
          name: "Almaty Watchers",
          channels: [
            { name: "briefings" },
            { name: "announcements", botPermissions: READ_ONLY },
            { name: "plain-text", botPermissions: NO_EMBEDS },
            { name: "doomed" },
            { name: "flaky" },
          ],
        },
      ],
      rateLimits: { perChannel: { count: 2, windowMs: 1000 } },
    });
  });

  afterAll(async () => {
    await connected.close();
  });

  it("creates one message for two sends with the same enforced nonce and returns the first both times", async () => {
    const briefings = channel("briefings");
    const first = await briefings.send({ content: "Update: curfew in Almaty", nonce: "update-42", enforceNonce: true });
    const second = await briefings.send({ content: "Update: curfew in Almaty", nonce: "update-42", enforceNonce: true });
    expect(second.id).toBe(first.id);
    const stored = connected.sandbox.messages(briefings.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ content: "Update: curfew in Almaty", nonce: "update-42" });
  });

  it("refuses a post where the bot may read but not send, with 403 and code 50013", async () => {
    const error = await channel("announcements")
      .send("Should not appear")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 403, code: 50013 });
    expect(connected.sandbox.messages(channel("announcements").id)).toHaveLength(0);
  });

  it("refuses an embed where the bot lacks Embed Links but accepts plain text there", async () => {
    const plain = channel("plain-text");
    const embed = new EmbedBuilder().setTitle("Tokayev orders troops to fire without warning");
    await expect(plain.send({ embeds: [embed] })).rejects.toMatchObject({ code: 50013 });
    await expect(plain.send("Plain text still works")).resolves.toMatchObject({ content: "Plain text still works" });
  });

  it("answers a post to a deleted channel with 404 and code 10003, after telling the client it is gone", async () => {
    const doomed = channel("doomed");
    const deleted = new Promise<string>((resolve) => connected.client.once("channelDelete", (c) => resolve(c.id)));
    connected.sandbox.deleteChannel(doomed.id);
    expect(await deleted).toBe(doomed.id);
    await expect(doomed.send("Anyone there?")).rejects.toMatchObject({ status: 404, code: 10003 });
  });

  it("lets @discordjs/rest retry an injected 500 once and succeed", async () => {
    const flaky = channel("flaky");
    const path = `/channels/${flaky.id}/messages`;
    connected.sandbox.fault({ method: "POST", path, status: 500 });
    const message = await flaky.send("Second try lands");
    const attempts = connected.sandbox.requests.filter((r) => r.path === path && r.method === "POST");
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(connected.sandbox.messages(flaky.id).map((m) => m.id)).toEqual([message.id]);
  });

  it("waits out an injected 429 with Retry-After 1 before retrying", async () => {
    const flaky = channel("flaky");
    const before = connected.sandbox.stats.rateLimited;
    connected.sandbox.fault({ path: new RegExp(`^/channels/${flaky.id}/messages$`), status: 429, retryAfter: 1 });
    await flaky.send("After the pause");
    const [refused, accepted] = connected.sandbox.requests.filter((r) => r.path === `/channels/${flaky.id}/messages`).slice(-2);
    expect([refused?.status, accepted?.status]).toEqual([429, 200]);
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(1000);
    expect(connected.sandbox.stats.rateLimited).toBe(before + 1);
  });

  it("paces sends by the per-channel bucket headers instead of running into 429s", async () => {
    const briefings = channel("briefings");
    const before = connected.sandbox.stats.rateLimited;
    await Promise.all(["one", "two", "three"].map((content) => briefings.send(content)));
    const creates = connected.sandbox.requests.filter((r) => r.path === `/channels/${briefings.id}/messages`).slice(-3);
    expect(creates.every((r) => r.status === 200)).toBe(true);
    expect(creates[2]!.at - creates[0]!.at).toBeGreaterThanOrEqual(500);
    expect(connected.sandbox.stats.rateLimited).toBe(before);
  });

  it("rejects a message over Discord's 2,000 character limit with Invalid Form Body", async () => {
    await expect(channel("briefings").send("x".repeat(2001))).rejects.toMatchObject({ status: 400, code: 50035 });
  });
});
