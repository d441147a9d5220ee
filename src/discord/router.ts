import { randomBytes } from "node:crypto";
import { MessageFlags, type Interaction } from "discord.js";
import type { Command } from "./command.js";
import type { BotContext } from "./context.js";

/** The custom id of a button names its command first: `<command>:<anything the command needs>`. */
export const buttonCommandName = (customId: string) => customId.split(":", 1)[0] ?? "";

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    const sub = interaction.options.getSubcommand(false);
    return sub ? `/${interaction.commandName} ${sub}` : `/${interaction.commandName}`;
  }
  if (interaction.isButton()) return `button ${interaction.customId}`;
  return `interaction type ${interaction.type}`;
}

/**
 * The one entry point for interactions. Every interaction is logged once (command, guild, user,
 * outcome, duration). A failing handler gives the user a short ephemeral message carrying an error
 * id and the log the full error under that id; the bot keeps serving.
 */
export function createRouter(commands: readonly Command[], context: BotContext) {
  const byName = new Map(commands.map((c) => [c.data.name, c]));

  return async function route(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const name = interaction.isButton()
      ? buttonCommandName(interaction.customId)
      : interaction.isChatInputCommand() || interaction.isAutocomplete()
        ? interaction.commandName
        : null;
    const command = name ? byName.get(name) : undefined;
    const fields = {
      interaction: interaction.id,
      command: describe(interaction),
      guild: interaction.guildId,
      user: interaction.user.id,
    };
    let outcome = "ok";
    let errorId: string | undefined;
    try {
      if (!command) {
        outcome = "unknown-command";
        if (interaction.isRepliable()) await interaction.reply({ content: "This command is not available any more.", flags: MessageFlags.Ephemeral });
        else if (interaction.isAutocomplete()) await interaction.respond([]);
      } else if (interaction.isChatInputCommand()) {
        await command.execute(interaction, context);
      } else if (interaction.isAutocomplete()) {
        if (command.autocomplete) await command.autocomplete(interaction, context);
        else await interaction.respond([]);
      } else if (interaction.isButton() && command.button) {
        await command.button(interaction, context);
      }
    } catch (error) {
      outcome = "error";
      errorId = randomBytes(4).toString("hex");
      context.logger.error({ ...fields, errorId, err: error }, "interaction handler failed");
      await tellUser(interaction, errorId).catch((replyError: unknown) =>
        context.logger.warn({ ...fields, errorId, err: replyError }, "could not tell the user about the error"),
      );
    } finally {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      context.logger.info({ ...fields, outcome, errorId, durationMs }, "interaction");
      // Buttons by command only: their custom ids would make a label per page turned.
      context.metrics?.interaction(interaction.isButton() ? `button ${name ?? ""}` : fields.command, outcome, durationMs);
    }
  };
}

async function tellUser(interaction: Interaction, errorId: string): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const message = {
    content: `Something went wrong while answering. Please try again; if it keeps happening, give the bot's operator this error id: \`${errorId}\`.`,
    flags: MessageFlags.Ephemeral,
  } as const;
  if (interaction.deferred || interaction.replied) await interaction.followUp(message);
  else await interaction.reply(message);
}
