import { PermissionFlagsBits } from "discord.js";
import type { InteractionRecord } from "./interactions.js";
import { applicationObject, botUser, channelObject, messageObject } from "./payloads.js";
import type { RateLimits } from "./rate-limits.js";
import { discordError, type RestResponse } from "./response.js";
import type { ChannelState, GuildState, SandboxState } from "./state.js";
import type { ResponseBody, SandboxAttachment, SandboxMessage, UploadedFile } from "./types.js";
import { messageAttachments } from "./uploads.js";
import { validateChoices, validateMessageBody } from "./validation.js";

const EPHEMERAL = 64;
const LOADING = 128;
const WEBHOOK_TOKEN_LIFETIME_MS = 15 * 60_000;

export interface RouteDeps {
  state: SandboxState;
  rateLimits: RateLimits;
  interactions: Map<string, InteractionRecord>;
  interactionDeadlineMs: number;
  gatewayUrl: () => string;
}

export interface RouteRequest {
  method: string;
  /** Decoded, below /api/v10, no query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The files of a multipart upload (`files[n]`). */
  files: UploadedFile[];
  authorized: boolean;
}

type Params = Record<string, string>;
type Handler = (request: RouteRequest, params: Params, deps: RouteDeps) => RestResponse;

interface Route {
  method: string;
  pattern: RegExp;
  /** Interaction responses and webhooks carry their token in the path, not the Authorization header. */
  tokenInPath?: boolean;
  handler: Handler;
}

function asBody(raw: unknown): ResponseBody {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as ResponseBody) : {};
}

function ok(body: unknown, headers?: Record<string, string>): RestResponse {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

const NO_CONTENT: RestResponse = { status: 204 };

/** Channel and guild gates in Discord's order: gone (10003/10004), out of reach (50001), then permissions. */
function reachableChannel(deps: RouteDeps, channelId: string): { channel: ChannelState; guild: GuildState } | RestResponse {
  const lookup = deps.state.channel(channelId);
  if (lookup.kind === "unknown") return discordError(404, 10003);
  if (lookup.kind === "no-access") return discordError(403, 50001);
  if ((lookup.channel.botPermissions & PermissionFlagsBits.ViewChannel) === 0n) return discordError(403, 50001);
  return lookup;
}

function reachableGuild(deps: RouteDeps, guildId: string): GuildState | RestResponse {
  const guild = deps.state.guild(guildId);
  if (!guild) return discordError(404, 10004);
  if (!guild.botPresent) return discordError(403, 50001);
  return guild;
}

function isResponse(value: object): value is RestResponse {
  return "status" in value;
}

/**
 * A message body checked as Discord checks it, with the attachments the message will have: what
 * it had (`existing`, for an edit) as the body's `attachments` says, plus the uploaded files.
 */
function preparedBody(
  request: RouteRequest,
  body: ResponseBody,
  existing: readonly SandboxAttachment[],
  deps: RouteDeps,
  requireContent: boolean,
): { attachments: SandboxAttachment[] } | RestResponse {
  const attachments = messageAttachments(body, request.files, existing, () => deps.state.ids.next());
  if (!Array.isArray(attachments)) return attachments;
  return validateMessageBody(body, { requireContent, attachments: attachments.map((a) => a.filename) }) ?? { attachments };
}

/** Fields of a message body the bot may set; an edit only changes what it names. */
function applyBody(message: SandboxMessage, body: ResponseBody, edit: boolean, attachments: SandboxAttachment[]): void {
  message.attachments = attachments;
  if (body.content !== undefined) message.content = String(body.content ?? "");
  if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
  if (body.components !== undefined) message.components = body.components ?? [];
  if (body.allowed_mentions !== undefined) message.allowedMentions = body.allowed_mentions;
  if (edit) {
    message.flags &= ~LOADING;
    message.editedAt = Date.now();
  }
}

function newInteractionMessage(
  deps: RouteDeps,
  record: InteractionRecord,
  body: ResponseBody,
  flags: number,
  attachments: SandboxAttachment[],
): SandboxMessage {
  return deps.state.addMessage({
    channelId: record.channelId,
    guildId: record.guildId,
    content: String(body.content ?? ""),
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    attachments,
    flags,
    nonce: null,
    allowedMentions: body.allowed_mentions ?? null,
    source: "interaction",
  });
}

const ALLOWED_CALLBACKS: Record<InteractionRecord["kind"], number[]> = {
  command: [4, 5, 9],
  autocomplete: [8],
  button: [4, 5, 6, 7, 9],
};

const interactionCallback: Handler = (request, { id, token }, deps) => {
  const record = deps.interactions.get(token ?? "");
  if (!record || record.id !== id || record.expired) return discordError(404, 10062);
  if (Date.now() - record.createdAt > deps.interactionDeadlineMs) {
    record.expired = true;
    return discordError(404, 10062);
  }
  if (record.callbackType !== null) return discordError(400, 40060);
  const body = asBody(request.body);
  const type = typeof body.type === "number" ? body.type : -1;
  if (!ALLOWED_CALLBACKS[record.kind].includes(type)) {
    return discordError(400, 50035, `Callback type ${type} is not valid for a ${record.kind} interaction`);
  }
  const data = asBody(body.data);
  if (type === 8) {
    const invalid = validateChoices(data);
    if (invalid) return invalid;
  }
  const component = record.componentMessageId ? deps.state.messages.get(record.componentMessageId) : undefined;
  const prepared =
    type === 4 || type === 7 ? preparedBody(request, data, type === 7 ? (component?.attachments ?? []) : [], deps, type === 4) : { attachments: [] };
  if (isResponse(prepared)) return prepared;

  if (type === 4 || type === 5) {
    const flags = (Number(data.flags ?? 0) & EPHEMERAL) | (type === 5 ? LOADING : 0);
    record.originalMessageId = newInteractionMessage(deps, record, type === 5 ? {} : data, flags, prepared.attachments).id;
  } else if (type === 6 || type === 7) {
    record.originalMessageId = record.componentMessageId;
    if (type === 7 && component) applyBody(component, data, true, prepared.attachments);
  }
  record.callbackType = type;
  record.record({ kind: "callback", callbackType: type, body: data });

  if (request.query.get("with_response") !== "true") return NO_CONTENT;
  const message = record.originalMessageId ? deps.state.messages.get(record.originalMessageId) : undefined;
  return ok({
    interaction: {
      id: record.id,
      type: record.kind === "button" ? 3 : record.kind === "autocomplete" ? 4 : 2,
      activity_instance_id: null,
      response_message_id: message?.id ?? null,
      response_message_loading: type === 5,
      response_message_ephemeral: message ? (message.flags & EPHEMERAL) !== 0 : false,
    },
    resource: { type, ...(message ? { message: messageObject(message, deps.state) } : {}) },
  });
};

/** The interaction behind a webhook token, once it has been answered and while its token lives. */
function webhookRecord(deps: RouteDeps, params: Params): InteractionRecord | RestResponse {
  const record = deps.interactions.get(params.token ?? "");
  if (params.app !== deps.state.applicationId || !record || record.callbackType === null || record.callbackType === 8) {
    return discordError(404, 10015);
  }
  if (Date.now() - record.createdAt > WEBHOOK_TOKEN_LIFETIME_MS) return discordError(401, 50027, "Invalid Webhook Token");
  return record;
}

function webhookMessage(deps: RouteDeps, record: InteractionRecord, messageId: string): SandboxMessage | RestResponse {
  const id = messageId === "@original" ? record.originalMessageId : messageId;
  const known = id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
  const message = known ? deps.state.messages.get(id) : undefined;
  return message ?? discordError(404, 10008);
}

const webhookMessageRoute: Handler = (request, params, deps) => {
  const record = webhookRecord(deps, params);
  if (isResponse(record)) return record;
  const messageId = params.message ?? "";
  const message = webhookMessage(deps, record, messageId);
  if (isResponse(message)) return message;
  if (request.method === "GET") return ok(messageObject(message, deps.state));
  if (request.method === "DELETE") {
    deps.state.messages.delete(message.id);
    record.record({ kind: "delete", messageId, body: {} });
    return NO_CONTENT;
  }
  const body = asBody(request.body);
  const prepared = preparedBody(request, body, message.attachments, deps, false);
  if (isResponse(prepared)) return prepared;
  applyBody(message, body, true, prepared.attachments);
  record.record({ kind: "edit", messageId, body });
  return ok(messageObject(message, deps.state));
};

const followUp: Handler = (request, params, deps) => {
  const record = webhookRecord(deps, params);
  if (isResponse(record)) return record;
  const body = asBody(request.body);
  const prepared = preparedBody(request, body, [], deps, true);
  if (isResponse(prepared)) return prepared;
  const original = record.originalMessageId ? deps.state.messages.get(record.originalMessageId) : undefined;
  let message: SandboxMessage;
  if (record.callbackType === 5 && original && (original.flags & LOADING) !== 0) {
    // Discord turns the first follow-up after a deferred reply into that reply: the "thinking…" message is replaced.
    applyBody(original, body, true, prepared.attachments);
    message = original;
  } else {
    message = newInteractionMessage(deps, record, body, Number(body.flags ?? 0) & EPHEMERAL, prepared.attachments);
    record.followUpIds.push(message.id);
  }
  record.record({ kind: "followUp", messageId: message.id, body });
  return request.query.get("wait") === "false" ? NO_CONTENT : ok(messageObject(message, deps.state));
};

const createMessage: Handler = (request, { channel: channelId = "" }, deps) => {
  const { headers, limited } = deps.rateLimits.messageCreate(channelId, Date.now());
  const withHeaders = (response: RestResponse): RestResponse => ({ ...response, headers: { ...headers, ...response.headers } });
  if (limited) return limited;
  const target = reachableChannel(deps, channelId);
  if (isResponse(target)) return withHeaders(target);
  const body = asBody(request.body);
  const permissions = target.channel.botPermissions;
  const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
  if ((permissions & PermissionFlagsBits.SendMessages) === 0n) return withHeaders(discordError(403, 50013));
  if (hasEmbeds && (permissions & PermissionFlagsBits.EmbedLinks) === 0n) return withHeaders(discordError(403, 50013));
  if (request.files.length > 0 && (permissions & PermissionFlagsBits.AttachFiles) === 0n) return withHeaders(discordError(403, 50013));
  const prepared = preparedBody(request, body, [], deps, true);
  if (isResponse(prepared)) return withHeaders(prepared);

  const nonce = typeof body.nonce === "string" || typeof body.nonce === "number" ? body.nonce : null;
  const enforced = nonce !== null && body.enforce_nonce === true;
  const earlier = enforced ? deps.state.messageForNonce(channelId, nonce) : undefined;
  if (earlier) return ok(messageObject(earlier, deps.state), headers);
  const message = deps.state.addMessage({
    channelId,
    guildId: target.guild.id,
    content: String(body.content ?? ""),
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    attachments: prepared.attachments,
    flags: Number(body.flags ?? 0) & ~LOADING,
    nonce,
    allowedMentions: body.allowed_mentions ?? null,
    source: "channel",
  });
  if (enforced) deps.state.rememberNonce(channelId, nonce, message.id);
  return ok(messageObject(message, deps.state), headers);
};

function commandsRoute(request: RouteRequest, params: Params, deps: RouteDeps): RestResponse {
  if (params.app !== deps.state.applicationId) return discordError(404, 10002, "Unknown Application");
  const guildId = params.guild ?? null;
  if (guildId) {
    const guild = reachableGuild(deps, guildId);
    if (isResponse(guild)) return guild;
  }
  if (request.method === "GET") return ok(deps.state.commandsIn(guildId));
  if (!Array.isArray(request.body)) return discordError(400, 50035, "Expected an array of command definitions");
  if (request.body.length > 100) return discordError(400, 30032, "Maximum number of application commands reached (100)");
  return ok(
    deps.state.putCommands(
      guildId,
      request.body.map((definition) => asBody(definition)),
    ),
  );
}

const ROUTES: Route[] = [
  {
    method: "GET",
    pattern: /^\/gateway\/bot$/,
    handler: (_request, _params, deps) =>
      ok({
        url: deps.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      }),
  },
  { method: "GET", pattern: /^\/users\/@me$/, handler: (_request, _params, deps) => ok(botUser(deps.state)) },
  { method: "GET", pattern: /^\/applications\/@me$/, handler: (_request, _params, deps) => ok(applicationObject(deps.state)) },
  { method: "GET", pattern: /^\/applications\/(?<app>\d+)\/commands$/, handler: commandsRoute },
  { method: "PUT", pattern: /^\/applications\/(?<app>\d+)\/commands$/, handler: commandsRoute },
  { method: "GET", pattern: /^\/applications\/(?<app>\d+)\/guilds\/(?<guild>\d+)\/commands$/, handler: commandsRoute },
  { method: "PUT", pattern: /^\/applications\/(?<app>\d+)\/guilds\/(?<guild>\d+)\/commands$/, handler: commandsRoute },
  { method: "POST", pattern: /^\/interactions\/(?<id>\d+)\/(?<token>[^/]+)\/callback$/, tokenInPath: true, handler: interactionCallback },
  {
    method: "GET",
    pattern: /^\/webhooks\/(?<app>\d+)\/(?<token>[^/]+)\/messages\/(?<message>@original|\d+)$/,
    tokenInPath: true,
    handler: webhookMessageRoute,
  },
  {
    method: "PATCH",
    pattern: /^\/webhooks\/(?<app>\d+)\/(?<token>[^/]+)\/messages\/(?<message>@original|\d+)$/,
    tokenInPath: true,
    handler: webhookMessageRoute,
  },
  {
    method: "DELETE",
    pattern: /^\/webhooks\/(?<app>\d+)\/(?<token>[^/]+)\/messages\/(?<message>@original|\d+)$/,
    tokenInPath: true,
    handler: webhookMessageRoute,
  },
  { method: "POST", pattern: /^\/webhooks\/(?<app>\d+)\/(?<token>[^/]+)$/, tokenInPath: true, handler: followUp },
  { method: "POST", pattern: /^\/channels\/(?<channel>\d+)\/messages$/, handler: createMessage },
  {
    method: "GET",
    pattern: /^\/channels\/(?<channel>\d+)$/,
    handler: (_request, { channel = "" }, deps) => {
      const target = reachableChannel(deps, channel);
      return isResponse(target) ? target : ok(channelObject(target.channel, deps.state));
    },
  },
  {
    method: "GET",
    pattern: /^\/channels\/(?<channel>\d+)\/messages\/(?<message>\d+)$/,
    handler: (_request, { channel = "", message = "" }, deps) => {
      const target = reachableChannel(deps, channel);
      if (isResponse(target)) return target;
      const found = deps.state.messages.get(message);
      return found && found.channelId === channel ? ok(messageObject(found, deps.state)) : discordError(404, 10008);
    },
  },
  {
    method: "GET",
    pattern: /^\/guilds\/(?<guild>\d+)\/channels$/,
    handler: (_request, { guild = "" }, deps) => {
      const target = reachableGuild(deps, guild);
      if (isResponse(target)) return target;
      return ok(deps.state.liveChannels(target).map((channel) => channelObject(channel, deps.state)));
    },
  },
];

export interface RouteMatch {
  route: Route;
  params: Params;
}

/** The route for a request; interaction responses and webhooks are exempt from auth and the global limit. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  return undefined;
}

export function runRoute(match: RouteMatch, request: RouteRequest, deps: RouteDeps): RestResponse {
  if (!match.route.tokenInPath && !request.authorized) return { status: 401, body: { message: "401: Unauthorized", code: 0 } };
  return match.route.handler(request, match.params, deps);
}

export function exemptFromGlobalLimit(match: RouteMatch): boolean {
  return match.route.tokenInPath === true;
}
