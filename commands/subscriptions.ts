import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import type { Command } from "../src/discord/command.js";
import type { BotContext } from "../src/discord/context.js";
import { MANAGE_GUILD, POSTING_PERMISSIONS, refuseUnlessManager } from "../src/discord/subscription-access.js";
import { when } from "../src/render/format.js";
import { listPages, numberPages } from "../src/render/page.js";
import type { SubscriptionRow } from "../src/store/index.js";

/** What an admin can do about a disabled subscription, from the reason it stopped. */
export function fixFor(reason: string | null): string {
  const text = reason ?? "";
  if (/50013|50001|permission|access/i.test(text))
    return `give the bot ${POSTING_PERMISSIONS.map((p) => p.name).join(", ")} in that channel, then run /subscribe again`;
  if (/10003|channel was deleted|channel no longer exists/i.test(text)) return "the channel is gone: /subscribe another channel";
  if (/10004|removed from this server|no longer in this server/i.test(text)) return "re-invite the bot, then run /subscribe again";
  return "fix the cause, then run /subscribe again to resume";
}

function line(row: SubscriptionRow, storyTitle: string): string {
  const head = `<#${row.channelId}> — **${storyTitle}** (only: ${row.only})`;
  const last = row.lastPostAt ? `last post ${when(row.lastPostAt)}` : "nothing posted yet";
  switch (row.status) {
    case "active":
      return `🟢 ${head} — active, ${last}${row.open ? `, ${row.open} waiting` : ""}`;
    case "disabled":
      return `🔴 ${head} — **disabled**: ${row.reason ?? "no reason recorded"}. Fix: ${fixFor(row.reason)}.`;
    case "unsubscribed":
      return `⚪ ${head} — unsubscribed, ${last}`;
  }
}

export const subscriptions: Command = {
  data: {
    name: "subscriptions",
    description: "This server's channel subscriptions, their status and last post",
    default_member_permissions: MANAGE_GUILD,
    dm_permission: false,
  },
  async execute(interaction: ChatInputCommandInteraction, context: BotContext) {
    if (await refuseUnlessManager(interaction)) return;
    const rows = await context.store.subscriptions(interaction.guildId ?? "");
    const title = (slug: string) => context.stories.find((s) => s.slug === slug)?.title ?? slug;
    const [page] = numberPages(
      listPages({
        title: "Subscriptions in this server",
        lines: rows.map((row) => line(row, title(row.story))),
        footer: "Updates are checked on a schedule and each is posted once per channel",
        emptyText: "No channel is subscribed. Use /subscribe channel:#news to start.",
      }),
    );
    await interaction.reply({ embeds: page?.embeds ?? [], flags: MessageFlags.Ephemeral });
  },
};
