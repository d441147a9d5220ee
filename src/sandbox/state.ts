import { PermissionFlagsBits } from "discord.js";
import type { RegisteredCommand, RegisteredCommands, SandboxGuildSpec, SandboxMessage } from "./types.js";

const DISCORD_EPOCH = 1_420_070_400_000n;

/** What the README's invite grants: View Channel, Send Messages, Embed Links, Attach Files (charts), Read History. */
export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory;

/** What an ordinary member may do; also the @everyone role, so unlisted bits are denied to the bot by overwrite. */
export const MEMBER_PERMISSIONS =
  DEFAULT_BOT_PERMISSIONS |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

/** Real-looking, strictly increasing snowflakes, so ids sort by creation like Discord's do. */
export class Snowflakes {
  #last = 0n;
  next(): string {
    const candidate = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    this.#last = candidate > this.#last ? candidate : this.#last + 1n;
    return this.#last.toString();
  }
}

export interface ChannelState {
  id: string;
  guildId: string;
  name: string;
  type: 0;
  position: number;
  botPermissions: bigint;
  deleted: boolean;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  botRoleId: string;
  joinedAt: string;
  channels: ChannelState[];
  /** False once the bot was removed (GUILD_DELETE without `unavailable`). */
  botPresent: boolean;
  /** True during a simulated outage (GUILD_DELETE with `unavailable: true`). */
  unavailable: boolean;
}

export type ChannelLookup = { kind: "ok"; channel: ChannelState; guild: GuildState } | { kind: "unknown" } | { kind: "no-access" };

const NONCE_WINDOW_MS = 5 * 60_000;

/** Guilds, channels, messages and commands: everything the REST routes and the gateway agree on. */
export class SandboxState {
  readonly ids = new Snowflakes();
  readonly guilds: GuildState[] = [];
  readonly messages = new Map<string, SandboxMessage>();
  readonly #commands = new Map<string, RegisteredCommand[]>();
  #putCount = 0;
  readonly #nonces = new Map<string, { messageId: string; at: number }>();

  readonly applicationId: string;
  readonly botUserId: string;
  /** Base of attachment URLs: the sandbox's own address, known once it listens. */
  cdnUrl = "";

  constructor(applicationId?: string, botUserId?: string) {
    this.applicationId = applicationId ?? this.ids.next();
    this.botUserId = botUserId ?? this.ids.next();
  }

  addGuild(spec: SandboxGuildSpec): GuildState {
    const id = spec.id ?? this.ids.next();
    const guild: GuildState = {
      id,
      name: spec.name,
      ownerId: this.ids.next(),
      botRoleId: this.ids.next(),
      joinedAt: new Date().toISOString(),
      channels: spec.channels.map((channel, position) => ({
        id: channel.id ?? this.ids.next(),
        guildId: id,
        name: channel.name,
        type: 0,
        position,
        botPermissions: channel.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
        deleted: false,
      })),
      botPresent: true,
      unavailable: false,
    };
    this.guilds.push(guild);
    return guild;
  }

  guild(guildId: string): GuildState | undefined {
    return this.guilds.find((guild) => guild.id === guildId);
  }

  /** A channel as the bot sees it: gone, out of reach (bot removed from its guild) or there. */
  channel(channelId: string): ChannelLookup {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((candidate) => candidate.id === channelId);
      if (!channel || channel.deleted) continue;
      return guild.botPresent ? { kind: "ok", channel, guild } : { kind: "no-access" };
    }
    return { kind: "unknown" };
  }

  liveChannels(guild: GuildState): ChannelState[] {
    return guild.channels.filter((channel) => !channel.deleted);
  }

  addMessage(message: Omit<SandboxMessage, "id" | "createdAt" | "editedAt">): SandboxMessage {
    const stored: SandboxMessage = { ...message, id: this.ids.next(), createdAt: Date.now(), editedAt: null };
    this.messages.set(stored.id, stored);
    return stored;
  }

  /** The message an earlier create with the same enforced nonce made, if it is recent enough to count. */
  messageForNonce(channelId: string, nonce: string | number): SandboxMessage | undefined {
    const seen = this.#nonces.get(`${channelId}:${nonce}`);
    if (!seen || Date.now() - seen.at > NONCE_WINDOW_MS) return undefined;
    return this.messages.get(seen.messageId);
  }

  rememberNonce(channelId: string, nonce: string | number, messageId: string): void {
    this.#nonces.set(`${channelId}:${nonce}`, { messageId, at: Date.now() });
  }

  channelMessages(channelId: string): SandboxMessage[] {
    return [...this.messages.values()].filter((message) => message.channelId === channelId && message.source === "channel");
  }

  /** Bulk overwrite as Discord does it: a command keeps its id when a definition of that name stays. */
  putCommands(guildId: string | null, definitions: Array<Record<string, unknown>>): RegisteredCommand[] {
    const scope = guildId ?? "global";
    const previous = this.#commands.get(scope) ?? [];
    const registered = definitions.map((definition): RegisteredCommand => {
      const name = String(definition.name ?? "");
      const type = typeof definition.type === "number" ? definition.type : 1;
      const kept = previous.find((command) => command.name === name && command.type === type);
      const permissions = definition.default_member_permissions;
      return {
        ...definition,
        id: kept?.id ?? this.ids.next(),
        application_id: this.applicationId,
        ...(guildId ? { guild_id: guildId } : {}),
        name,
        description: String(definition.description ?? ""),
        type,
        options: Array.isArray(definition.options) ? definition.options : [],
        default_member_permissions: permissions === undefined || permissions === null ? null : String(permissions),
        version: this.ids.next(),
      };
    });
    this.#commands.set(scope, registered);
    this.#putCount += 1;
    return registered;
  }

  commandsIn(guildId: string | null): RegisteredCommand[] {
    return this.#commands.get(guildId ?? "global") ?? [];
  }

  /** The command a user in this guild would see under that name: guild commands shadow global ones. */
  findCommand(guildId: string, name: string): RegisteredCommand | undefined {
    return this.commandsIn(guildId).find((command) => command.name === name) ?? this.commandsIn(null).find((command) => command.name === name);
  }

  registeredCommands(): RegisteredCommands {
    const guilds: Record<string, RegisteredCommand[]> = {};
    for (const [scope, commands] of this.#commands) if (scope !== "global") guilds[scope] = commands;
    return { global: this.commandsIn(null), guilds, putCount: this.#putCount };
  }
}
