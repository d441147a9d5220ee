import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, Events, MessageFlags, type Interaction } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, type Connected } from "./client-harness.js";

const KAZAKHSTAN = {
  name: "kazakhstan",
  description: "Briefing on the unrest in Kazakhstan",
  options: [
    {
      name: "summary",
      description: "What happened so far",
      type: 1,
      options: [{ name: "topic", description: "Narrow it down", type: 3, autocomplete: true }],
    },
    { name: "slow", description: "An answer that needs a moment", type: 1 },
    { name: "buttons", description: "An answer with a button", type: 1 },
  ],
};

const TOPICS = ["Almaty protests", "Fuel price rise", "CSTO troops", "Internet shutdown"];

async function handle(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const typed = interaction.options.getFocused().toLowerCase();
    await interaction.respond(TOPICS.filter((t) => t.toLowerCase().includes(typed)).map((t) => ({ name: t, value: t })));
    return;
  }
  if (interaction.isButton()) {
    await interaction.update({ content: `Page ${interaction.customId.split(":")[1]}`, components: [] });
    return;
  }
  if (!interaction.isChatInputCommand() || interaction.commandName !== "kazakhstan") return;
  const sub = interaction.options.getSubcommand();
  if (sub === "summary") {
    const topic = interaction.options.getString("topic") ?? "everything";
    const embed = new EmbedBuilder()
      .setTitle(`Kazakhstan: ${topic}`)
      .setDescription("Protests over fuel prices spread from Zhanaozen to Almaty in early January 2022.")
      .addFields({ name: "Sources", value: "2 outlets" });
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
  } else if (sub === "slow") {
    await interaction.deferReply();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await interaction.editReply({ content: "Here is the slow answer" });
    await interaction.followUp({ content: "And one more thing", flags: MessageFlags.Ephemeral });
  } else {
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId("page:2").setLabel("Next").setStyle(ButtonStyle.Primary));
    await interaction.reply({ content: "Page 1", components: [row] });
  }
}

describe("sandbox interactions with the real discord.js client", () => {
  let connected: Connected;
  let guildId: string;
  let channelId: string;

  beforeAll(async () => {
    connected = await connectClient();
    const { client, sandbox } = connected;
    const guild = sandbox.guilds[0]!;
    guildId = guild.id;
    channelId = sandbox.channelsOf(guildId)[0]!.id;
    client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
    await client.application.commands.set([KAZAKHSTAN], guildId);
  });

  afterAll(async () => {
    await connected.close();
  });

  it("fills the client's guild cache from GUILD_CREATE with the channels and the bot's permissions", () => {
    const { client, sandbox } = connected;
    const guild = client.guilds.cache.get(guildId);
    expect(guild?.name).toBe("Sandbox Server");
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(["general", "news"]);
    const channel = guild!.channels.cache.get(channelId)!;
    const perms = channel.permissionsFor(guild!.members.me!);
    expect(perms.has("SendMessages")).toBe(true);
    expect(perms.has("ManageMessages")).toBe(false);
    expect(sandbox.commands().guilds[guildId]?.map((c) => c.name)).toEqual(["kazakhstan"]);
    expect(sandbox.commands().putCount).toBe(1);
  });

  it("delivers an ephemeral embed reply with its fields to interact()", async () => {
    const reply = await connected.sandbox.interact({
      guildId,
      channelId,
      command: "kazakhstan",
      options: [{ name: "summary", type: 1, options: [{ name: "topic", type: 3, value: "Almaty" }] }],
    });
    expect(reply.callbackType).toBe(4);
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds[0]?.title).toBe("Kazakhstan: Almaty");
    expect(reply.embeds[0]?.fields).toEqual([{ name: "Sources", value: "2 outlets" }]);
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  it("settles a deferred reply only once it has been edited, and exposes later follow-ups", async () => {
    const reply = await connected.sandbox.interact({ guildId, channelId, command: "kazakhstan", options: [{ name: "slow", type: 1 }] });
    expect(reply.callbackType).toBe(5);
    expect(reply.content).toBe("Here is the slow answer");
    await reply.waitFor((r) => r.followUps.length === 1);
    expect(reply.followUps[0]?.content).toBe("And one more thing");
    expect(reply.followUps[0]!.flags & 64).toBe(64);
  });

  it("answers autocomplete with the choices that match what the user typed", async () => {
    const reply = await connected.sandbox.interact({
      guildId,
      channelId,
      command: "kazakhstan",
      autocomplete: true,
      options: [{ name: "summary", type: 1, options: [{ name: "topic", type: 3, value: "pr", focused: true }] }],
    });
    expect(reply.callbackType).toBe(8);
    expect(reply.choices).toEqual([
      { name: "Almaty protests", value: "Almaty protests" },
      { name: "Fuel price rise", value: "Fuel price rise" },
    ]);
  });

  it("lets a button click update the message the button sits on", async () => {
    const first = await connected.sandbox.interact({ guildId, channelId, command: "kazakhstan", options: [{ name: "buttons", type: 1 }] });
    const messageId = first.original!.id;
    expect(first.components).toHaveLength(1);
    const click = await connected.sandbox.interact({ customId: "page:2", messageId });
    expect(click.callbackType).toBe(7);
    expect(click.content).toBe("Page 2");
    expect(connected.sandbox.message(messageId)?.components).toEqual([]);
  });

  it("refuses to deliver a command the bot never registered", async () => {
    await expect(connected.sandbox.interact({ guildId, channelId, command: "weather" })).rejects.toThrow(/not registered/);
  });

  it("reports a bot that never acknowledges as Discord would, after the deadline", async () => {
    const { sandbox, client } = connected;
    await client.application.commands.set([KAZAKHSTAN, { name: "ignored", description: "Never answered" }], guildId);
    await expect(sandbox.interact({ guildId, channelId, command: "ignored", timeoutMs: 300 })).rejects.toThrow(/did not acknowledge/);
    expect(sandbox.commands().guilds[guildId]?.map((c) => c.name)).toEqual(["kazakhstan", "ignored"]);
  });
});
