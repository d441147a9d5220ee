import type { APIEmbed } from "discord.js";
import type { Logger } from "../logger.js";

/** How the sandbox is started. Everything is optional: the defaults give one guild with #general and #news. */
export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  guilds?: SandboxGuildSpec[];
  applicationId?: string;
  botUserId?: string;
  /** Off unless given: Discord's limits are only simulated when a test asks for them. */
  rateLimits?: RateLimitOptions;
  /** Bytes per uploaded file; larger is refused with 413, code 40005 (Discord's default: 10 MiB). */
  attachmentSizeLimit?: number;
  /** How long a bot has to answer an interaction before Discord forgets it (3000 ms on the real platform). */
  interactionDeadlineMs?: number;
  /** The heartbeat interval HELLO announces (Discord's: 41,250 ms); short in tests of heartbeats and zombie connections. */
  heartbeatIntervalMs?: number;
  logger?: Logger;
}

export interface RateLimitOptions {
  globalPerSecond?: number;
  perChannel?: { count: number; windowMs: number };
}

export interface SandboxGuildSpec {
  id?: string;
  name: string;
  channels: SandboxChannelSpec[];
}

export interface SandboxChannelSpec {
  id?: string;
  name: string;
  type?: 0;
  /** What the bot may do in this channel; default View + Send + Embed Links + Read History. */
  botPermissions?: bigint;
}

/** One REST call as the bot made it; the Authorization header is never kept. */
export interface RecordedRequest {
  method: string;
  /** Decoded path below /api/v10, without the query: `/webhooks/1/abc/messages/@original`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  /** The files of a multipart upload, as received. */
  files: UploadedFile[];
  status: number;
  at: number;
}

/** One `files[n]` part of a multipart upload. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string | null;
  data: Buffer;
}

/** A file on a message, with the bytes the bot uploaded; served at its `url` as Discord's CDN would. */
export interface SandboxAttachment {
  id: string;
  filename: string;
  /** Alt text. */
  description: string | null;
  contentType: string | null;
  size: number;
  data: Buffer;
  width?: number;
  height?: number;
}

/** A message the bot created, by channel post, interaction response or follow-up. */
export interface SandboxMessage {
  id: string;
  channelId: string;
  guildId: string;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  attachments: SandboxAttachment[];
  flags: number;
  nonce: string | number | null;
  allowedMentions: unknown;
  source: "channel" | "interaction";
  createdAt: number;
  editedAt: number | null;
}

export interface RegisteredCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  name: string;
  description: string;
  type: number;
  options: unknown[];
  default_member_permissions: string | null;
  version: string;
  [key: string]: unknown;
}

export interface RegisteredCommands {
  global: RegisteredCommand[];
  guilds: Record<string, RegisteredCommand[]>;
  /** How many bulk overwrites (PUT) the bot made, all scopes together. */
  putCount: number;
}

export interface FaultRule {
  method?: string;
  /** Matched against the decoded path below /api/v10 (a string must match it exactly). */
  path: RegExp | string;
  /** `"reset"`: no answer at all, the TCP connection is reset mid-request (ECONNRESET at the bot), as a connection lost mid-reply. */
  status: 429 | 403 | 404 | 500 | 502 | "reset";
  /** Discord's JSON error code; defaults to 50013 for 403 and 10003 for 404. */
  code?: number;
  /** Seconds, for 429; default 1. */
  retryAfter?: number;
  global?: boolean;
  /** How many matching requests fail; default 1. */
  times?: number;
}

/** A failure of the gateway as Discord's produces them, served by `sandbox.gatewayFault`. */
export type GatewayFault =
  /** The TCP connections are reset mid-session (ECONNRESET at the bot, close code 1006); the sessions stay resumable. */
  | { kind: "reset" }
  /** The live connections stop answering heartbeats (no op 11), as a zombied connection does; new connections answer again. */
  | { kind: "stopAcks" }
  /** Op 7 Reconnect: Discord asks the bot to reconnect and resume. */
  | { kind: "reconnect" }
  /** Op 9 Invalid Session; not resumable means the session is forgotten and only a new IDENTIFY works. */
  | { kind: "invalidSession"; resumable: boolean }
  /**
   * The next `times` (default 1) connection attempts are refused before the handshake: an HTTP
   * status (default 503), a TCP reset, or no answer at all ("hang", a black-holed gateway) until the sandbox closes.
   */
  | { kind: "refuseConnections"; times?: number; answer?: number | "reset" | "hang" };

export interface SandboxStats {
  requests: number;
  rateLimited: number;
  faultsServed: number;
  gatewayConnections: number;
  identifies: number;
  resumes: number;
  /** Heartbeats (op 1) received, answered or not. */
  heartbeats: number;
  /** Connection attempts refused by a `refuseConnections` fault. */
  gatewayRefusals: number;
}

/** An option as Discord sends it in interaction data; subcommands nest their own options. */
export interface InteractionOptionInput {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InteractionOptionInput[];
}

interface InteractionInputBase {
  userId?: string;
  /** The invoking member's permissions in the channel; default: an ordinary member's. */
  memberPermissions?: bigint;
  locale?: string;
  /** How long `interact` waits for the bot to settle the interaction; default 10 s. */
  timeoutMs?: number;
}

export interface CommandInteractionInput extends InteractionInputBase {
  guildId: string;
  channelId: string;
  command: string;
  options?: InteractionOptionInput[];
  /** Sends an autocomplete interaction; one option (possibly nested) must be `focused`. */
  autocomplete?: boolean;
}

export interface ButtonInteractionInput extends InteractionInputBase {
  customId: string;
  /** A message the bot posted earlier (interaction response, follow-up or channel post). */
  messageId: string;
}

export type InteractionInput = CommandInteractionInput | ButtonInteractionInput;

/** A message body the bot sent in answer to an interaction (callback data, edit or follow-up). */
export interface ResponseBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: unknown[];
  flags?: number;
  allowed_mentions?: unknown;
  [key: string]: unknown;
}

export interface InteractionEvent {
  kind: "callback" | "edit" | "followUp" | "delete";
  /** Callback type for `callback` events (4 reply, 5 deferred, 6/7 component, 8 choices, 9 modal). */
  callbackType?: number;
  /** "@original" or the follow-up's message id, for edits and deletes. */
  messageId?: string;
  body: ResponseBody;
  at: number;
}

export interface AutocompleteChoice {
  name: string;
  value: string | number;
}
