import type { ChatInputCommandInteraction } from "discord.js";
import type { Command } from "../src/discord/command.js";
import type { BotContext } from "../src/discord/context.js";
import { MANAGE_GUILD, channelOption, refuseUnlessManager, storyOption, ephemeral } from "../src/discord/subscription-access.js";
import type { StoryConfig } from "../src/story/config.js";

export function unsubscribeCommand(stories: readonly StoryConfig[]): Command {
  return {
    data: {
      name: "unsubscribe",
      description: "Stop posting a story's updates in a channel",
      default_member_permissions: MANAGE_GUILD,
      dm_permission: false,
      options: [channelOption("The channel to stop posting in"), storyOption(stories, false)],
    },
    async execute(interaction: ChatInputCommandInteraction, context: BotContext) {
      if (await refuseUnlessManager(interaction)) return;
      const channelId = interaction.options.get("channel", true).value;
      if (typeof channelId !== "string") {
        await interaction.reply(ephemeral("Pick a channel."));
        return;
      }
      // Only this guild's own subscriptions: a channel id from elsewhere matches nothing.
      const own = (await context.store.subscriptions(interaction.guildId ?? "")).some((s) => s.channelId === channelId);
      const story = interaction.options.getString("story") ?? undefined;
      const removed = own ? await context.store.unsubscribe(channelId, story) : [];
      const titles = removed.map((s) => context.stories.find((c) => c.slug === s.story)?.title ?? s.story);
      await interaction.reply(
        ephemeral(
          removed.length
            ? `<#${channelId}> no longer gets updates of **${titles.join("**, **")}**. Anything not yet posted there is dropped (and recorded as skipped).`
            : `<#${channelId}> had no active subscription${story ? " to that story" : ""}.`,
        ),
      );
    },
  };
}
