import { createHash } from "node:crypto";
import { ApplicationCommandOptionType, MessageFlags, type APIApplicationCommandStringOption, type ChatInputCommandInteraction } from "discord.js";
import { summaryView } from "../src/briefing/summary.js";
import type { Command } from "../src/discord/command.js";
import type { BotContext } from "../src/discord/context.js";
import {
  MANAGE_GUILD,
  channelOption,
  chosenChannel,
  chosenStory,
  missingPostingPermissions,
  refuseUnlessManager,
  storyOption,
  ephemeral,
} from "../src/discord/subscription-access.js";
import { renderSummary } from "../src/render/briefings.js";
import { classifySendError } from "../src/discord/discord-errors.js";
import { SUBSCRIPTION_FILTERS, type SubscriptionFilter, type SubscriptionRow } from "../src/store/index.js";
import type { StoryConfig } from "../src/story/config.js";

const isFilter = (value: string | null): value is SubscriptionFilter => SUBSCRIPTION_FILTERS.some((f) => f === value);

/** The welcome post's nonce: one per (re)subscription, so a retried command cannot post it twice. */
const welcomeNonce = (subscription: SubscriptionRow) =>
  createHash("sha256").update(`welcome:${subscription.id}:${subscription.changedAt}`).digest("base64url").slice(0, 24);

export function subscribeCommand(stories: readonly StoryConfig[]): Command {
  return {
    data: {
      name: "subscribe",
      description: "Post every new development of a story in a channel, once, on schedule",
      default_member_permissions: MANAGE_GUILD,
      dm_permission: false,
      options: [
        channelOption("The text channel to post updates in"),
        storyOption(stories, false),
        {
          type: ApplicationCommandOptionType.String,
          name: "only",
          description: "Only this kind of development (default: all)",
          required: false,
          choices: SUBSCRIPTION_FILTERS.map((f) => ({ name: f, value: f })),
        } satisfies APIApplicationCommandStringOption,
      ],
    },
    async execute(interaction: ChatInputCommandInteraction, context: BotContext) {
      if (await refuseUnlessManager(interaction)) return;
      const story = chosenStory(interaction, context);
      if (!story) {
        await interaction.reply(ephemeral("Name the story to subscribe to with the `story` option."));
        return;
      }
      const only = interaction.options.getString("only");
      const filter: SubscriptionFilter = isFilter(only) ? only : "all";
      const channel = chosenChannel(interaction);
      if (!channel || !channel.isTextBased() || channel.isThread() || channel.isVoiceBased()) {
        await interaction.reply(ephemeral("Pick a text or announcement channel of this server."));
        return;
      }
      const missing = missingPostingPermissions(channel);
      if (missing.length) {
        await interaction.reply(
          ephemeral(
            `I cannot post in <#${channel.id}>: I am missing **${missing.join("**, **")}** there. Grant ${missing.length === 1 ? "it" : "them"} to the bot in the channel's permission settings, then run /subscribe again.`,
          ),
        );
        return;
      }

      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const { subscription, previous } = await context.store.subscribe({
        guildId: channel.guild.id,
        channelId: channel.id,
        story: story.slug,
        only: filter,
        createdBy: interaction.user.id,
      });
      const target = `<#${channel.id}> is subscribed to **${story.title}** (only: ${filter})`;
      if (previous === "active") {
        await interaction.editReply(`${target}. It already was; nothing is posted again.`);
        return;
      }
      const [page] = renderSummary(await summaryView(context.store, story));
      try {
        await channel.send({ embeds: page?.embeds ?? [], nonce: welcomeNonce(subscription), enforceNonce: true });
      } catch (error) {
        const failure = classifySendError(error);
        if (failure.action === "disable") await context.store.disableSubscriptions({ id: subscription.id }, failure.reason);
        context.logger.warn({ channel: channel.id, reason: failure.reason }, "welcome briefing not posted");
        await interaction.editReply(
          failure.action === "disable"
            ? `I could not post the current briefing in <#${channel.id}>: ${failure.reason}. The subscription is disabled; fix that and run /subscribe again.`
            : `${target}, but posting the current briefing failed (${failure.reason}). New developments will still be posted on schedule.`,
        );
        return;
      }
      await interaction.editReply(`${target}. I posted the current briefing there; new developments follow on schedule, each once.`);
    },
  };
}
