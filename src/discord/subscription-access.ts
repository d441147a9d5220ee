import {
  ApplicationCommandOptionType,
  ChannelType,
  MessageFlags,
  PermissionFlagsBits,
  type APIApplicationCommandChannelOption,
  type APIApplicationCommandStringOption,
  type ChatInputCommandInteraction,
  type GuildBasedChannel,
} from "discord.js";
import type { StoryConfig } from "../story/config.js";
import type { BotContext } from "./context.js";

/** The subscription commands are for server managers: hidden from others by default and checked again here. */
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild.toString();

/** What the bot needs in a channel to post an update there, by the name Discord's settings show. */
export const POSTING_PERMISSIONS = [
  { flag: PermissionFlagsBits.ViewChannel, name: "View Channel" },
  { flag: PermissionFlagsBits.SendMessages, name: "Send Messages" },
  { flag: PermissionFlagsBits.EmbedLinks, name: "Embed Links" },
] as const;

export const channelOption = (description: string): APIApplicationCommandChannelOption => ({
  type: ApplicationCommandOptionType.Channel,
  name: "channel",
  description,
  required: true,
  channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
});

export const storyOption = (stories: readonly StoryConfig[], required: boolean): APIApplicationCommandStringOption => ({
  type: ApplicationCommandOptionType.String,
  name: "story",
  description: required ? "Which story" : "Which story (default: every story / the only one)",
  required,
  choices: stories.slice(0, 25).map((s) => ({ name: s.title.slice(0, 100), value: s.slug })),
});

const ephemeral = (content: string) => ({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }) as const;

/** Refuses (ephemerally) anyone without Manage Server, and any use outside a server. */
export async function refuseUnlessManager(interaction: ChatInputCommandInteraction): Promise<boolean> {
  if (!interaction.inCachedGuild()) {
    await interaction.reply(ephemeral("This command works in a server only."));
    return true;
  }
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await interaction.reply(ephemeral("Only members with the **Manage Server** permission can manage subscriptions."));
    return true;
  }
  return false;
}

/**
 * The channel the `channel` option names, from the guild cache. The option's raw value (the id) is
 * read rather than the resolved object, so the check below always works on the bot's own view.
 */
export function chosenChannel(interaction: ChatInputCommandInteraction): GuildBasedChannel | null {
  const id = interaction.options.get("channel", true).value;
  return typeof id === "string" ? (interaction.guild?.channels.cache.get(id) ?? null) : null;
}

/** The posting permissions the bot lacks in the channel, by name; empty when it can post. */
export function missingPostingPermissions(channel: GuildBasedChannel): string[] {
  const me = channel.guild.members.me;
  const permissions = me ? channel.permissionsFor(me) : null;
  return POSTING_PERMISSIONS.filter((p) => !permissions?.has(p.flag)).map((p) => p.name);
}

/** The story an option names, else the only story; null when several exist and none was named. */
export function chosenStory(interaction: ChatInputCommandInteraction, context: BotContext): StoryConfig | null {
  const slug = interaction.options.getString("story");
  if (slug) return context.stories.find((s) => s.slug === slug) ?? null;
  return context.stories.length === 1 ? (context.stories[0] ?? null) : null;
}

export { ephemeral };
