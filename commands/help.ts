import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { helpView } from "../src/briefing/help.js";
import type { Command } from "../src/discord/command.js";
import type { BotContext } from "../src/discord/context.js";
import { renderHelp } from "../src/render/briefings.js";

export const help: Command = {
  data: {
    name: "help",
    description: "What this bot can do, its sources and how fresh they are",
  },
  async execute(interaction: ChatInputCommandInteraction, context: BotContext) {
    const [page] = renderHelp(helpView(context.store, context.stories, context.failingSources?.() ?? new Map()));
    await interaction.reply({ embeds: page?.embeds ?? [], flags: MessageFlags.Ephemeral });
  },
};
