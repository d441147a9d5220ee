import { createInterface, type AsyncCompleter } from "node:readline";
import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord.js";
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { CommandLineError, parseCommandLine } from "../discord/command-line.js";
import { messageAsText } from "../render/text.js";
import { saveFiles } from "./saved-files.js";
import type { InteractionReply, Sandbox, SandboxMessage } from "./server.js";

const SERVER_ADMIN = PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild;
type Definitions = readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];

/** What the prompt says besides commands; `/next` is accepted too, since Discord users type slashes. */
const PAGE_WORDS: Record<string, "Next" | "Previous"> = { next: "Next", prev: "Previous", "/next": "Next", "/prev": "Previous" };
const PROMPT_WORDS = ["next", "prev", "exit"];

interface ButtonJson {
  custom_id?: string;
  label?: string;
  disabled?: boolean;
}

function buttons(message: { components?: readonly unknown[] } | null): ButtonJson[] {
  const rows = (message?.components ?? []) as Array<{ components?: ButtonJson[] }>;
  return rows.flatMap((r) => r.components ?? []);
}

function pageButton(message: SandboxMessage | null, label: "Next" | "Previous"): string | null {
  return buttons(message).find((b) => b.label === label && !b.disabled)?.custom_id ?? null;
}

/** "[page 2/3: type next or prev]", from the page counter button the pager draws. */
function pagerHint(message: { components?: readonly unknown[] }): string | null {
  const counter = buttons(message).find((b) => b.disabled && /^\d+ \/ \d+$/.test(b.label ?? ""));
  return counter?.label ? `[page ${counter.label.replace(/ /g, "")}: type next or prev]` : null;
}

/** The sandbox guild a typed command runs in, and the channel it is typed in. */
function where(sandbox: Sandbox) {
  const guild = sandbox.guilds[0];
  const channel = guild ? sandbox.channelsOf(guild.id)[0] : undefined;
  if (!guild || !channel) throw new Error("the sandbox has no server with a channel");
  return { guild, channel, channels: sandbox.channelsOf(guild.id) };
}

/**
 * Answers one typed command through the sandbox exactly as Discord would deliver it, and renders
 * the reply as text. Used by the terminal prompt and by `cli preview`.
 */
export async function runTypedCommand(sandbox: Sandbox, definitions: Definitions, line: string): Promise<InteractionReply> {
  const { guild, channel, channels } = where(sandbox);
  const typed = parseCommandLine(line, definitions, (name) => channels.find((c) => c.name === name)?.id ?? null);
  // Whoever types at the local prompt runs the bot: they are the sandbox server's admin.
  const reply = await sandbox.interact({ guildId: guild.id, channelId: channel.id, memberPermissions: SERVER_ADMIN, ...typed });
  return reply.final();
}

/** Channel mentions as the Discord client shows them: `#news`, not `<#1570…>`. */
function channelNames(sandbox: Sandbox, text: string): string {
  const named = new Map(sandbox.guilds.flatMap((g) => sandbox.channelsOf(g.id)).map((c) => [c.id, c.name]));
  return text.replace(/<#(\d+)>/g, (markup, id: string) => (named.has(id) ? `#${named.get(id)}` : markup));
}

/** The reply as text, then where each picture it carries was saved (a terminal cannot show it). */
export async function replyOutput(sandbox: Sandbox, reply: InteractionReply, pager = false): Promise<string> {
  return [replyAsText(sandbox, reply, pager), ...(await saveFiles(reply.original?.attachments ?? []))].join("\n");
}

/** A reply as text; `pager` says whether this screen can turn pages (the prompt can, `preview` cannot). */
export function replyAsText(sandbox: Sandbox, reply: InteractionReply, pager = false): string {
  const message: Parameters<typeof messageAsText>[0] = reply.original ?? { content: reply.edits.at(-1)?.content ?? "" };
  const hint = pager ? pagerHint(message) : null;
  const text = channelNames(sandbox, [messageAsText(message), hint].filter(Boolean).join("\n"));
  return reply.ephemeral ? `${text}\n(only you can see this)` : text;
}

interface OptionJson {
  name: string;
  type: number;
  autocomplete?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  options?: OptionJson[];
}

/** Suggestions for an option's value: the bot's own autocomplete, asked through the sandbox. */
export type ValueSuggester = (command: string, subcommand: string | null, option: string, typed: string) => Promise<string[]>;

/**
 * Tab completion over what can be typed next: command names and prompt words, subcommands, option
 * names (`name:`), and option values from their choices or the bot's autocomplete (actor names).
 * Returns readline's [candidates, the text they replace].
 */
export async function completeCommandLine(line: string, definitions: Definitions, suggest: ValueSuggester): Promise<[string[], string]> {
  const startsWith = (typed: string) => (candidate: string) => candidate.toLowerCase().startsWith(typed.toLowerCase());
  const match = /^\s*(\S*)(\s+(.*))?$/s.exec(line);
  const first = match?.[1] ?? "";
  if (match?.[2] === undefined) return [[...definitions.map((d) => `/${d.name}`), ...PROMPT_WORDS].filter(startsWith(first)), first];

  const definition = definitions.find((d) => d.name === first.replace(/^\//, ""));
  if (!definition) return [[], line];
  let rest = match[3] ?? "";
  let options = (definition.options ?? []) as OptionJson[];
  let subcommand: string | null = null;
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length) {
    const word = /^(\S*)(\s+(.*))?$/s.exec(rest);
    if (word?.[2] === undefined) return [subcommands.map((s) => s.name).filter(startsWith(word?.[1] ?? "")), word?.[1] ?? ""];
    const chosen = subcommands.find((s) => s.name === word[1]);
    if (!chosen) return [[], rest];
    subcommand = chosen.name;
    options = chosen.options ?? [];
    rest = word[3] ?? "";
  }

  const names = options.map((o) => o.name).join("|");
  const value = names ? new RegExp(`(?:^|\\s)(${names}):([^]*)$`).exec(rest) : null;
  const option = value ? options.find((o) => o.name === value[1]) : undefined;
  if (value && option) {
    const typed = value[2] ?? "";
    // The bot's autocomplete matches anywhere in a name ("Tok" finds "Kassym-Jomart Tokayev"): its choices stand.
    const found = option.choices
      ? option.choices.map((c) => String(c.value)).filter(startsWith(typed))
      : option.autocomplete
        ? await suggest(definition.name, subcommand, option.name, typed)
        : [];
    return [found.map((v) => `${option.name}:${v}`), `${option.name}:${typed}`];
  }
  const partial = /(\S*)$/.exec(rest)?.[1] ?? "";
  const given = new Set([...rest.matchAll(/(?:^|\s)([\w-]+):/g)].map((m) => m[1]));
  return [
    options
      .filter((o) => !given.has(o.name))
      .map((o) => `${o.name}:`)
      .filter(startsWith(partial)),
    partial,
  ];
}

/** The bot's own autocomplete, asked as Discord asks it while someone types. */
export function botSuggestions(sandbox: Sandbox): ValueSuggester {
  return async (command, subcommand, option, typed) => {
    const { guild, channel } = where(sandbox);
    const focused = [{ name: option, type: ApplicationCommandOptionType.String, value: typed, focused: true }];
    const options = subcommand ? [{ name: subcommand, type: ApplicationCommandOptionType.Subcommand, options: focused }] : focused;
    const reply = await sandbox.interact({ guildId: guild.id, channelId: channel.id, memberPermissions: SERVER_ADMIN, command, options, autocomplete: true });
    // The value is what the option takes; the name is only its label ("… (President)").
    return (reply.choices ?? []).map((c) => String(c.value));
  };
}

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  signal?: AbortSignal;
  /** Line editing, history and Tab completion: on when the input is a terminal. */
  terminal?: boolean;
  /** The store file the session reads and writes (said at start, since /subscribe writes to it). */
  storePath?: string;
}

/**
 * Prints what the bot posts to the sandbox's channels (scheduled updates to subscribed channels) as
 * it arrives, until `signal` ends it or the sandbox closes.
 */
async function showChannelPosts(sandbox: Sandbox, signal: AbortSignal, show: (text: string) => void): Promise<void> {
  const channels = () => sandbox.guilds.flatMap((g) => sandbox.channelsOf(g.id));
  const seen = new Set(channels().flatMap((c) => sandbox.messages(c.id).map((m) => m.id)));
  const unseen = () =>
    channels().flatMap((c) =>
      sandbox
        .messages(c.id)
        .filter((m) => !seen.has(m.id))
        .map((m) => ({ channel: c, message: m })),
    );
  const ended = new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  while (!signal.aborted) {
    // Re-checked after every REST call the bot makes, for as long as a timer may wait; the waiter
    // left behind when the prompt ends first is dropped when the sandbox closes.
    const arrived = sandbox
      .waitFor(() => unseen().length > 0, 2 ** 31 - 1)
      .then(
        () => true,
        () => false, // the sandbox closed
      );
    if (!(await Promise.race([arrived, ended.then(() => false)]))) return;
    for (const { channel, message } of unseen()) {
      seen.add(message.id);
      show([`[posted in #${channel.name}]`, channelNames(sandbox, messageAsText(message)), ...(await saveFiles(message.attachments))].join("\n"));
    }
  }
}

/** The newcomer's console: type slash commands, read the replies, `next`/`prev` to turn pages. */
export async function runTerminal(
  session: { sandbox: Sandbox; bot: { commands: ReadonlyArray<{ data: RESTPostAPIChatInputApplicationCommandsJSONBody }> } },
  io: TerminalIo,
): Promise<void> {
  const { sandbox } = session;
  const definitions = session.bot.commands.map((c) => c.data);
  const suggest = botSuggestions(sandbox);
  const completer: AsyncCompleter = (line, callback) => {
    completeCommandLine(line, definitions, suggest).then(
      (result) => callback(null, result),
      () => callback(null, [[], line]),
    );
  };
  const terminal = io.terminal ?? ("isTTY" in io.input && io.input.isTTY === true);
  const rl = createInterface({ input: io.input, output: io.output, terminal, completer, historySize: 500, removeHistoryDuplicates: true, prompt: "> " });
  const write = (text: string) => io.output.write(`${text}\n`);
  const done = new AbortController();
  // A shutdown signal ends the prompt as "exit" would.
  io.signal?.addEventListener("abort", () => rl.close(), { once: true });
  rl.once("close", () => done.abort());

  const names = definitions.map((d) => `/${d.name}`).join(", ");
  write(
    [
      "No DISCORD_TOKEN set: the bot is running against the local Discord sandbox.",
      `Type a command (${names}), e.g. /kazakhstan casualties — Tab completes, ↑ recalls, "next"/"prev" turn pages, "exit" quits.`,
      io.storePath
        ? `Store: ${io.storePath} (DATABASE_URL). /subscribe here is saved there, for the sandbox's #${where(sandbox)
            .channels.map((c) => c.name)
            .join(", #")}.`
        : null,
    ]
      .filter(Boolean)
      .join("\n"),
  );
  const posts = showChannelPosts(sandbox, done.signal, (text) => {
    write(`\n${text}`);
    rl.prompt(true);
  });
  rl.prompt();
  let last: SandboxMessage | null = null;
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "exit" || line === "quit") break;
    try {
      const turn = PAGE_WORDS[line];
      if (turn) {
        const customId = pageButton(last, turn);
        if (!customId || !last) write(last && pagerHint(last) ? `No ${turn === "Next" ? "next" : "previous"} page.` : "No other page.");
        else {
          const reply = await (await sandbox.interact({ customId, messageId: last.id })).final();
          last = reply.original ?? last;
          write(await replyOutput(sandbox, reply, true));
        }
      } else if (line) {
        const reply = await runTypedCommand(sandbox, definitions, line);
        last = reply.original;
        write(await replyOutput(sandbox, reply, true));
      }
    } catch (error) {
      write(error instanceof CommandLineError ? error.message : `error: ${error instanceof Error ? error.message : String(error)}`);
    }
    rl.prompt();
  }
  rl.close();
  done.abort();
  await posts;
}
