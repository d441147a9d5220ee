import { Events, type Client } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/discord/client.js";
import { shardOf } from "../../src/sandbox/gateway.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/server.js";

/** Guild ids whose shard of two is known: (id >> 22) % 2 is k % 2. */
const guildId = (k: number) => ((1_000_000_000_000n + BigInt(k)) << 22n).toString();

describe("a bot sharded over several processes' clients", () => {
  let sandbox: Sandbox;
  const clients: Client[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.destroy();
    await sandbox?.close();
  });

  it("gives each shard its own guilds and their interactions, as Discord routes them", async () => {
    sandbox = await startSandbox({
      guilds: [0, 1, 2, 3].map((k) => ({ id: guildId(k), name: `Guild ${k}`, channels: [{ name: "general" }] })),
    });
    for (const shard of [0, 1]) {
      const client = createClient(sandbox.apiUrl, { shards: [shard], shardCount: 2 });
      client.on(Events.InteractionCreate, (interaction) => {
        if (interaction.isChatInputCommand()) void interaction.reply(`answered by shard ${interaction.guild?.shardId}`);
      });
      const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
      await client.login(sandbox.token);
      await ready;
      clients.push(client);
    }

    await clients[0]!.application!.commands.set([{ name: "kazakhstan", description: "Briefing" }]);
    for (const guild of sandbox.guilds) {
      const shard = shardOf(guild.id, 2);
      expect(clients[shard]!.guilds.cache.has(guild.id), guild.name).toBe(true);
      expect(clients[1 - shard]!.guilds.cache.has(guild.id), guild.name).toBe(false);
      const reply = await sandbox.interact({ guildId: guild.id, channelId: sandbox.channelsOf(guild.id)[0]!.id, command: "kazakhstan" });
      expect(reply.content).toBe(`answered by shard ${shard}`);
    }
    expect(sandbox.stats.identifies).toBe(2);
  });

  it("refuses a session whose shard count disagrees with the connected ones", async () => {
    sandbox = await startSandbox({ guilds: [{ id: guildId(0), name: "Guild 0", channels: [{ name: "general" }] }] });
    const first = createClient(sandbox.apiUrl, { shards: [0], shardCount: 2 });
    clients.push(first);
    const ready = new Promise((resolve) => first.once(Events.ClientReady, resolve));
    await first.login(sandbox.token);
    await ready;
    const stray = createClient(sandbox.apiUrl, { shards: [0], shardCount: 3 });
    clients.push(stray);
    await expect(stray.login(sandbox.token)).rejects.toThrow();
  });
});
