import { createInterface } from "node:readline";
import { PermissionFlagsBits } from "discord.js";
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { CommandLineError, parseCommandLine } from "../discord/command-line.js";
import { messageAsText } from "../render/text.js";
import type { InteractionReply, Sandbox } from "./server.js";

const SERVER_ADMIN = PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild;

interface ButtonJson {
  custom_id?: string;
  label?: string;
  disabled?: boolean;
}

function pageButton(reply: InteractionReply | null, label: "Next" | "Previous"): string | null {
  const rows = (reply?.components ?? []) as Array<{ components?: ButtonJson[] }>;
  const button = rows.flatMap((r) => r.components ?? []).find((b) => b.label === label && !b.disabled);
  return button?.custom_id ?? null;
}

/**
 * Answers one typed command through the sandbox exactly as Discord would deliver it, and renders
 * the reply as text. Used by the terminal prompt and by `cli preview`.
 */
export async function runTypedCommand(
  sandbox: Sandbox,
  definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  line: string,
): Promise<InteractionReply> {
  const guild = sandbox.guilds[0]!;
  const channels = sandbox.channelsOf(guild.id);
  const typed = parseCommandLine(line, definitions, (name) => channels.find((c) => c.name === name)?.id ?? null);
  // Whoever types at the local prompt runs the bot: they are the sandbox server's admin.
  const reply = await sandbox.interact({ guildId: guild.id, channelId: channels[0]!.id, memberPermissions: SERVER_ADMIN, ...typed });
  return reply.final();
}

export function replyAsText(reply: InteractionReply): string {
  const message = reply.original ?? { content: reply.edits.at(-1)?.content ?? "" };
  const text = messageAsText(message);
  return reply.ephemeral ? `${text}\n(only you can see this)` : text;
}

/** The newcomer's console: type slash commands, read the replies, `next`/`prev` to turn pages. */
export async function runTerminal(
  sandbox: Sandbox,
  definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal?: AbortSignal },
): Promise<void> {
  const write = (text: string) => io.output.write(`${text}\n`);
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  // A shutdown signal ends the prompt as "exit" would.
  io.signal?.addEventListener("abort", () => rl.close(), { once: true });
  const names = definitions.map((d) => `/${d.name}`).join(", ");
  write(`No DISCORD_TOKEN set: the bot is running against the local Discord sandbox.\nType a command (${names}), e.g. /kazakhstan casualties — "next"/"prev" turn pages, "exit" quits.`);
  io.output.write("> ");
  let last: InteractionReply | null = null;
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "exit" || line === "quit") break;
    try {
      if (line === "next" || line === "prev") {
        const customId = pageButton(last, line === "next" ? "Next" : "Previous");
        const messageId = last?.original?.id;
        if (!customId || !messageId) write("No other page.");
        else write(replyAsText(await (await sandbox.interact({ customId, messageId })).final()));
      } else if (line) {
        last = await runTypedCommand(sandbox, definitions, line);
        write(replyAsText(last));
      }
    } catch (error) {
      write(error instanceof CommandLineError ? error.message : `error: ${error instanceof Error ? error.message : String(error)}`);
    }
    io.output.write("> ");
  }
  rl.close();
}
