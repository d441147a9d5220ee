import { Events, type Guild } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectClient, type Connected } from "./client-harness.js";

const PING = { name: "kazakhstan", description: "Briefing" };

describe("sandbox gateway with the real discord.js client", () => {
  let connected: Connected;

  beforeEach(async () => {
    connected = await connectClient({
      guilds: [
        { name: "Steppe News", channels: [{ name: "general" }] },
        { name: "Nur-Sultan Readers", channels: [{ name: "general" }] },
      ],
    });
    connected.client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply("Still here");
    });
    await connected.client.application.commands.set([PING]);
  });

  afterEach(async () => {
    await connected.close();
  });

  it("lets the client resume after an abnormal drop and still answer an interaction sent meanwhile", async () => {
    const { sandbox } = connected;
    const guild = sandbox.guilds[0]!;
    const channelId = sandbox.channelsOf(guild.id)[0]!.id;
    sandbox.dropGateway();
    const reply = await sandbox.interact({ guildId: guild.id, channelId, command: "kazakhstan" });
    expect(reply.content).toBe("Still here");
    expect(sandbox.stats.resumes).toBe(1);
    expect(sandbox.stats.identifies).toBe(1);
  });

  it("reports an outage as guildUnavailable and keeps the guild, then brings it back", async () => {
    const { sandbox, client } = connected;
    const guildId = sandbox.guilds[0]!.id;
    const unavailable = new Promise<Guild>((resolve) => client.once(Events.GuildUnavailable, resolve));
    sandbox.removeBot(guildId, { unavailable: true });
    expect((await unavailable).id).toBe(guildId);
    expect(client.guilds.cache.get(guildId)?.available).toBe(false);
    const available = new Promise<Guild>((resolve) => client.once(Events.GuildAvailable, resolve));
    sandbox.restoreGuild(guildId);
    expect((await available).id).toBe(guildId);
  });

  it("reports a removal as guildDelete and refuses the bot's posts there afterwards", async () => {
    const { sandbox, client } = connected;
    const guildId = sandbox.guilds[1]!.id;
    const channelId = sandbox.channelsOf(guildId)[0]!.id;
    const channel = client.channels.cache.get(channelId);
    const deleted = new Promise<Guild>((resolve) => client.once(Events.GuildDelete, resolve));
    sandbox.removeBot(guildId);
    expect((await deleted).id).toBe(guildId);
    expect(client.guilds.cache.has(guildId)).toBe(false);
    if (!channel?.isSendable()) throw new Error(`channel ${channelId} is not a sendable channel in the client's cache`);
    await expect(channel.send("hello?")).rejects.toMatchObject({ status: 403, code: 50001 });
  });

  it("announces a newly joined guild as guildCreate with its channels", async () => {
    const { sandbox, client } = connected;
    const joined = new Promise<Guild>((resolve) => client.once(Events.GuildCreate, resolve));
    const guild = sandbox.addGuild({ name: "Aktobe Desk", channels: [{ name: "updates" }] });
    const seen = await joined;
    expect(seen.id).toBe(guild.id);
    expect(seen.channels.cache.map((c) => c.name)).toEqual(["updates"]);
  });

  it("rejects a login with the wrong token", async () => {
    const { sandbox } = connected;
    const response = await fetch(`${sandbox.apiUrl}/v10/users/@me`, { headers: { Authorization: "Bot not-the-token" } });
    expect(response.status).toBe(401);
    const ok = await fetch(`${sandbox.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${sandbox.token}` } });
    expect(await ok.json()).toMatchObject({ id: sandbox.botUserId, bot: true });
  });
});
