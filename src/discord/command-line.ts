import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";

/** A typed command the way Discord would deliver it: name plus (sub)command options. */
export interface TypedCommand {
  command: string;
  options: Array<{
    name: string;
    type: number;
    value?: string | number | boolean;
    options?: Array<{ name: string; type: number; value: string | number | boolean }>;
  }>;
}

export class CommandLineError extends Error {
  override readonly name = "CommandLineError";
}

interface OptionDefinition {
  name: string;
  type: number;
  required?: boolean;
  options?: OptionDefinition[];
}

/** How a typed `#channel` name becomes the id Discord would send; none means ids only. */
export type ChannelResolver = (name: string) => string | null;

function readValue(option: OptionDefinition, raw: string, resolveChannel?: ChannelResolver): string | number | boolean {
  switch (option.type) {
    case ApplicationCommandOptionType.Channel: {
      if (/^\d{17,20}$/.test(raw)) return raw;
      const id = resolveChannel?.(raw.replace(/^<?#/, "").replace(/>$/, ""));
      if (!id) throw new CommandLineError(`option ${option.name} takes a channel of this server, not "${raw}"`);
      return id;
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const n = Number(raw);
      if (Number.isNaN(n)) throw new CommandLineError(`option ${option.name} takes a number, not "${raw}"`);
      return n;
    }
    case ApplicationCommandOptionType.Boolean:
      if (raw !== "true" && raw !== "false") throw new CommandLineError(`option ${option.name} takes true or false`);
      return raw === "true";
    default:
      return raw;
  }
}

/**
 * Reads what a person would type in Discord ("/kazakhstan actor name:Massimov", values may hold
 * spaces) against the registered definitions, so the terminal and `cli preview` refuse exactly what
 * Discord would refuse: an unknown command, subcommand or option, or a missing required one.
 */
export function parseCommandLine(
  line: string,
  definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  resolveChannel?: ChannelResolver,
): TypedCommand {
  const match = /^\/?(\S+)\s*(.*)$/s.exec(line.trim());
  if (!match?.[1]) throw new CommandLineError("type a command, e.g. /help");
  const name = match[1];
  let rest = match[2] ?? "";
  const definition = definitions.find((d) => d.name === name);
  if (!definition) throw new CommandLineError(`unknown command /${name} (known: ${definitions.map((d) => `/${d.name}`).join(", ")})`);

  let optionDefs = (definition.options ?? []) as OptionDefinition[];
  let subcommand: OptionDefinition | undefined;
  const subcommands = optionDefs.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length) {
    const [word = "", ...others] = rest.split(/\s+/);
    subcommand = subcommands.find((s) => s.name === word);
    if (!subcommand) throw new CommandLineError(`/${name} needs one of: ${subcommands.map((s) => s.name).join(", ")}`);
    rest = others.join(" ");
    optionDefs = subcommand.options ?? [];
  }

  const values: Array<{ name: string; type: number; value: string | number | boolean }> = [];
  const text = rest.trim();
  if (text) {
    const names = optionDefs.map((o) => o.name.replace(/[-]/g, "\\-")).join("|");
    const parts = names ? text.split(new RegExp(`(?:^|\\s+)(${names}):`)) : [text];
    if (parts[0]?.trim()) {
      throw new CommandLineError(
        `unexpected "${parts[0].trim()}": options are written name:value (${optionDefs.map((o) => `${o.name}:`).join(" ") || "this command takes none"})`,
      );
    }
    for (let i = 1; i < parts.length; i += 2) {
      const option = optionDefs.find((o) => o.name === parts[i])!;
      values.push({ name: option.name, type: option.type, value: readValue(option, (parts[i + 1] ?? "").trim(), resolveChannel) });
    }
  }
  const missing = optionDefs.filter((o) => o.required && !values.some((v) => v.name === o.name));
  if (missing.length) throw new CommandLineError(`missing required option ${missing.map((o) => `${o.name}:`).join(", ")}`);

  if (subcommand) return { command: name, options: [{ name: subcommand.name, type: subcommand.type, options: values }] };
  return { command: name, options: values };
}
