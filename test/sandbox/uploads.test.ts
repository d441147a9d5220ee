import { ActionRowBuilder, ButtonBuilder, ButtonStyle, DiscordAPIError, Events, PermissionFlagsBits, type Interaction } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelNamed, connectClient, type Connected } from "./client-harness.js";

const NO_FILES = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;
/** Small enough that a test can go over it without a 10 MB buffer. */
const LIMIT = 64 * 1024;

/** A real PNG header (signature + IHDR of 420 × 300) and some filler: what the sandbox reads a size from. */
function fakePng(bytes = 2048): Buffer {
  const png = Buffer.alloc(bytes, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(png, 0);
  png.write("IHDR", 12, "latin1");
  png.writeUInt32BE(420, 16);
  png.writeUInt32BE(300, 20);
  return png;
}

const chart = (data: Buffer, description = "Killed: 40 on 6 Jan (State television) → 225 on 15 Jan (prosecutor's office)") => ({
  attachment: data,
  name: "casualties.png",
  description,
});

const STORY = {
  name: "kazakhstan",
  description: "Briefing on the unrest in Kazakhstan",
  options: [
    { name: "chart", description: "A reply with a chart", type: 1 },
    { name: "slow-chart", description: "A deferred reply edited to carry a chart, then edited again", type: 1 },
    { name: "new-chart", description: "A reply with a chart, edited to carry a newer one", type: 1 },
  ],
};

const NEXT = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId("page:2").setLabel("Next").setStyle(ButtonStyle.Secondary));

async function handle(interaction: Interaction): Promise<void> {
  const embeds = [{ title: "Casualties", image: { url: "attachment://casualties.png" } }];
  if (interaction.isButton()) {
    // Turning a page re-uploads the picture with the page it belongs to.
    await interaction.update({ embeds: [{ ...embeds[0]!, title: "Casualties, page 2" }], components: [], files: [chart(fakePng(1500))] });
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  if (interaction.options.getSubcommand() === "chart") {
    await interaction.reply({ embeds, files: [chart(fakePng())], components: [NEXT] });
    return;
  }
  if (interaction.options.getSubcommand() === "new-chart") {
    await interaction.reply({ embeds, files: [chart(fakePng())] });
    await interaction.editReply({ embeds, files: [chart(fakePng(3000), "Killed: 225 on 15 Jan (prosecutor's office)")] });
    return;
  }
  await interaction.deferReply();
  await interaction.editReply({ embeds, files: [chart(fakePng(4096))] });
  // An edit naming no files keeps the message's attachments, as on Discord.
  await interaction.editReply({ content: "Updated text, same chart" });
}

describe("file uploads through the sandbox, sent by the real discord.js client", () => {
  let connected: Connected;
  const channel = (name: string) => channelNamed(connected, name);

  beforeAll(async () => {
    connected = await connectClient({
      guilds: [{ name: "Almaty Watchers", channels: [{ name: "briefings" }, { name: "no-files", botPermissions: NO_FILES }] }],
      attachmentSizeLimit: LIMIT,
    });
    connected.client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
    await connected.client.application.commands.set([STORY], connected.sandbox.guilds[0]!.id);
  });
  afterAll(async () => {
    await connected.close();
  });

  it("stores a channel post's file with its bytes and alt text, and shows it where the embed names it", async () => {
    const briefings = channel("briefings");
    const data = fakePng();
    const sent = await briefings.send({ embeds: [{ title: "Casualties", image: { url: "attachment://casualties.png" } }], files: [chart(data)] });

    const request = connected.sandbox.requests.at(-1)!;
    expect(request.headers["content-type"]).toMatch(/^multipart\/form-data/);
    expect(request.files.map((f) => [f.field, f.filename, f.contentType])).toEqual([["files[0]", "casualties.png", "image/png"]]);
    expect(request.body).toMatchObject({ attachments: [{ id: "0", description: expect.stringMatching(/^Killed: 40/) }] });

    const stored = connected.sandbox.message(sent.id)!;
    expect(stored.attachments).toHaveLength(1);
    expect(stored.attachments[0]).toMatchObject({ filename: "casualties.png", size: data.length, width: 420, height: 300 });
    expect(stored.attachments[0]!.data.equals(data)).toBe(true);
    expect(stored.attachments[0]!.description).toMatch(/→ 225 on 15 Jan/);

    // What the client got back: the attachment with a URL serving the same bytes, and the embed showing it.
    const attachment = sent.attachments.first()!;
    expect(attachment).toMatchObject({ name: "casualties.png", size: data.length, width: 420, height: 300, description: stored.attachments[0]!.description });
    expect(sent.embeds[0]!.image?.url).toBe(attachment.url);
    expect(Buffer.from(await (await fetch(attachment.url)).arrayBuffer()).equals(data)).toBe(true);
  });

  it("refuses a file over the upload limit with Discord's 413, code 40005, and posts nothing", async () => {
    const briefings = channel("briefings");
    const before = connected.sandbox.messages(briefings.id).length;
    const error = await briefings.send({ content: "Too big", files: [chart(fakePng(LIMIT + 1))] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 413, code: 40005 });
    expect(connected.sandbox.messages(briefings.id)).toHaveLength(before);
  });

  it("refuses an embed image that names no file of the message, and alt text over 1,024 characters", async () => {
    const briefings = channel("briefings");
    const missing = await briefings
      .send({ embeds: [{ title: "Casualties", image: { url: "attachment://other.png" } }], files: [chart(fakePng())] })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 400, code: 50035 });
    const long = await briefings.send({ content: "Chart", files: [chart(fakePng(), "x".repeat(1025))] }).catch((e: unknown) => e);
    expect(long).toMatchObject({ status: 400, code: 50035 });
  });

  it("refuses a file where the bot lacks Attach Files, as Discord does, while text still goes", async () => {
    const noFiles = channel("no-files");
    await expect(noFiles.send({ content: "Chart", files: [chart(fakePng())] })).rejects.toMatchObject({ status: 403, code: 50013 });
    await expect(noFiles.send({ embeds: [{ title: "Casualties, text only" }] })).resolves.toBeTruthy();
  });

  it("takes a file with an interaction reply, and with the edit of a deferred reply, keeping it through a later edit", async () => {
    const { sandbox } = connected;
    const guildId = sandbox.guilds[0]!.id;
    const channelId = sandbox.channelsOf(guildId)[0]!.id;
    const reply = await sandbox.interact({ guildId, channelId, command: "kazakhstan", options: [{ name: "chart", type: 1 }] });
    expect(reply.original?.attachments.map((a) => [a.filename, a.size])).toEqual([["casualties.png", 2048]]);
    expect(reply.embeds[0]?.image?.url).toBe("attachment://casualties.png");
    const turned = await sandbox.interact({ customId: "page:2", messageId: reply.original!.id });
    expect(turned.callbackType).toBe(7);
    expect(turned.original?.embeds[0]?.title).toBe("Casualties, page 2");
    expect(turned.original?.attachments.map((a) => a.size)).toEqual([1500]);

    // Waits for what the handler does, not for a quiet spell: a loaded machine may pause between the edits.
    const slow = await (
      await sandbox.interact({ guildId, channelId, command: "kazakhstan", options: [{ name: "slow-chart", type: 1 }] })
    ).waitFor((r) => r.edits.length === 2);
    expect(slow.deferred).toBe(true);
    expect(slow.edits).toHaveLength(2);
    expect(slow.content).toBe("Updated text, same chart");
    expect(slow.original?.attachments.map((a) => [a.filename, a.size, a.description])).toEqual([["casualties.png", 4096, expect.stringMatching(/^Killed/)]]);

    // An edit with a new file replaces the old one: the message keeps only what the edit's `attachments` lists.
    const renewed = await (
      await sandbox.interact({ guildId, channelId, command: "kazakhstan", options: [{ name: "new-chart", type: 1 }] })
    ).waitFor((r) => r.edits.length === 1);
    expect(renewed.original?.attachments.map((a) => [a.size, a.description])).toEqual([[3000, "Killed: 225 on 15 Jan (prosecutor's office)"]]);
  });
});
