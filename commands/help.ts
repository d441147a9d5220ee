import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { StoreCache } from "../src/briefing/cache.js";
import { helpView } from "../src/briefing/help.js";
import type { Command } from "../src/discord/command.js";
import type { BotContext } from "../src/discord/context.js";
import { renderHelp } from "../src/render/briefings.js";
import type { Page } from "../src/render/page.js";

export function helpCommand(): Command {
  // Counting a big story's articles costs milliseconds on every /help; the answer only changes with
  // the store or with which sources are failing, so it is drawn once per such change.
  let cache: StoreCache<Page[]> | undefined;
  return {
    data: {
      name: "help",
      description: "What this bot can do, its sources and how fresh they are",
    },
    async execute(interaction: ChatInputCommandInteraction, context: BotContext) {
      const failing = (await context.failingSources?.()) ?? new Map<string, string[]>();
      const key = JSON.stringify([...failing]);
      const [page] = await (cache ??= new StoreCache(() => context.store.version())).get(key, async () =>
        renderHelp(await helpView(context.store, context.stories, failing, context.config.SHARD_COUNT)),
      );
      await interaction.reply({ embeds: page?.embeds ?? [], flags: MessageFlags.Ephemeral });
    },
  };
}
