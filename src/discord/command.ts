import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import type { BotContext } from "./context.js";

/**
 * One top-level slash command, in the discord.js guide's shape: its definition (`data`) and its
 * handlers. A command that answers with pages also owns the buttons whose custom id starts with its
 * name, so a page turn is handled by the code that drew the page.
 */
export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
  button?(interaction: ButtonInteraction, context: BotContext): Promise<void>;
}
