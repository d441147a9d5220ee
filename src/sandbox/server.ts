import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger, type Logger } from "../logger.js";
import { Faults } from "./faults.js";
import { Gateway } from "./gateway.js";
import { buildInteraction, InteractionReply, type InteractionRecord } from "./interactions.js";
import { channelObject, guildCreateObject } from "./payloads.js";
import { RateLimits } from "./rate-limits.js";
import { CONNECTION_RESET, type RestResponse } from "./response.js";
import { exemptFromGlobalLimit, matchRoute, runRoute, type RouteDeps } from "./rest-routes.js";
import { SandboxState, type ChannelState, type GuildState } from "./state.js";
import type {
  FaultRule,
  GatewayFault,
  InteractionInput,
  RecordedRequest,
  UploadedFile,
  RegisteredCommands,
  SandboxGuildSpec,
  SandboxMessage,
  SandboxOptions,
  SandboxStats,
} from "./types.js";
import { DEFAULT_ATTACHMENT_SIZE_LIMIT, readRequestBody, tooLarge } from "./uploads.js";
import { Waiters } from "./waiters.js";

export type * from "./types.js";
export { InteractionReply } from "./interactions.js";

const DEFAULT_GUILDS: SandboxGuildSpec[] = [{ name: "Sandbox Server", channels: [{ name: "general" }, { name: "news" }] }];
const API_PREFIX = /^\/api(?:\/v\d+)?(?=\/)/;
const DEFAULT_INTERACT_TIMEOUT_MS = 10_000;

export interface Sandbox {
  /** `new Client({ rest: { api: sandbox.apiUrl } })`: discord.js appends the version itself. */
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  botUserId: string;
  /** The default user who clicks and types in `interact` unless the input names another. */
  userId: string;
  readonly guilds: readonly GuildState[];
  channelsOf(guildId: string): ChannelState[];
  /** Every REST call the bot made, in order. */
  readonly requests: readonly RecordedRequest[];
  readonly stats: Readonly<SandboxStats>;
  /** Messages the bot posted to this channel through POST /channels/:id/messages. */
  messages(channelId: string): SandboxMessage[];
  /** Any message the bot created (channel post, interaction reply or follow-up) by id. */
  message(messageId: string): SandboxMessage | undefined;
  commands(): RegisteredCommands;
  /** Sends an interaction to the bot over the gateway; resolves once the user would see an answer. */
  interact(input: InteractionInput): Promise<InteractionReply>;
  /** Resolves when `predicate` holds, re-checked after every REST call and gateway event. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  fault(rule: FaultRule): void;
  dropGateway(): void;
  /** Serves a gateway failure (reset, unanswered heartbeats, op 7, op 9, refused reconnects); see `GatewayFault`. */
  gatewayFault(fault: GatewayFault): void;
  deleteChannel(channelId: string): void;
  removeBot(guildId: string, options?: { unavailable?: boolean }): void;
  /** Ends an outage (or re-adds the bot): GUILD_CREATE for that guild. */
  restoreGuild(guildId: string): void;
  /** The bot joins a new guild: GUILD_CREATE, which discord.js reports as `guildCreate`. */
  addGuild(spec: SandboxGuildSpec): GuildState;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function headerRecord(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === "authorization" || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function send(response: ServerResponse, result: RestResponse): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body === undefined || result.status === 204) {
    response.writeHead(result.status, headers).end();
    return;
  }
  const json = JSON.stringify(result.body);
  response.writeHead(result.status, { ...headers, "Content-Type": "application/json" }).end(json);
}

/**
 * Starts a loopback stand-in for Discord's REST API and gateway on one port. The real discord.js client logs in to
 * it unchanged; tests drive it with `interact`, inject failures with `fault`, and read what the bot did.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const logger: Logger = options.logger ?? createLogger(process.env.LOG_LEVEL ?? "warn");
  const sandboxState = new SandboxState(options.applicationId, options.botUserId);
  const { applicationId, botUserId } = sandboxState;
  for (const spec of options.guilds ?? DEFAULT_GUILDS) sandboxState.addGuild(spec);
  const token = `sandbox.${randomBytes(24).toString("base64url")}.${randomBytes(18).toString("base64url")}`;
  const userId = sandboxState.ids.next();
  const stats: SandboxStats = {
    requests: 0,
    rateLimited: 0,
    faultsServed: 0,
    gatewayConnections: 0,
    identifies: 0,
    resumes: 0,
    heartbeats: 0,
    gatewayRefusals: 0,
  };
  const requests: RecordedRequest[] = [];
  const interactions = new Map<string, InteractionRecord>();
  const waiters = new Waiters();
  const faults = new Faults();
  const rateLimits = new RateLimits(options.rateLimits);
  let baseUrl = "";
  const gatewayUrl = () => `${baseUrl.replace(/^http/, "ws")}/gateway`;
  const gateway = new Gateway({
    state: sandboxState,
    token,
    stats,
    logger,
    url: gatewayUrl,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    changed: () => waiters.notify(),
  });
  const deps: RouteDeps = {
    state: sandboxState,
    rateLimits,
    interactions,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    gatewayUrl,
  };

  const attachmentSizeLimit = options.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT;

  function answer(method: string, path: string, query: URLSearchParams, body: unknown, files: UploadedFile[], authorized: boolean): RestResponse {
    const injected = faults.take(method, path);
    if (injected) {
      stats.faultsServed += 1;
      return injected;
    }
    const refused = tooLarge(files, attachmentSizeLimit);
    if (refused) return refused;
    const match = matchRoute(method, path);
    if (!match) {
      logger.warn({ method, path }, "sandbox: no such route (a gap in the sandbox or a wrong call)");
      return { status: 404, body: { message: "404: Not Found", code: 0 } };
    }
    const limited = exemptFromGlobalLimit(match) ? undefined : rateLimits.global(Date.now());
    return limited ?? runRoute(match, { method, path, query, body, files, authorized }, deps);
  }

  /** GET /attachments/<channel>/<id>/<name>: an uploaded file's bytes, as Discord's CDN serves them. */
  function serveAttachment(path: string, response: ServerResponse): void {
    const [, channelId, attachmentId] = path.split("/").filter(Boolean);
    const message = [...sandboxState.messages.values()].find((m) => m.channelId === channelId && m.attachments.some((a) => a.id === attachmentId));
    const file = message?.attachments.find((a) => a.id === attachmentId);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": file.contentType ?? "application/octet-stream", "Content-Length": file.size }).end(file.data);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const method = (request.method ?? "GET").toUpperCase();
    if (method === "GET" && url.pathname.startsWith("/attachments/")) {
      serveAttachment(url.pathname, response);
      return;
    }
    const path = decodeURIComponent(url.pathname.replace(API_PREFIX, ""));
    let body: unknown = null;
    let files: UploadedFile[] = [];
    let result: RestResponse;
    try {
      ({ body, files } = readRequestBody(await readBody(request), request.headers["content-type"] ?? ""));
      const authorized = request.headers.authorization === `Bot ${token}`;
      result = answer(method, path, url.searchParams, body, files, authorized);
    } catch (error) {
      logger.warn({ err: error, method, path }, "sandbox: unreadable request");
      result = { status: 400, body: { message: "400: Bad Request", code: 50109 } };
    }
    stats.requests += 1;
    if (result.status === 429) stats.rateLimited += 1;
    requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      headers: headerRecord(request),
      files,
      status: result.status,
      at: Date.now(),
    });
    if (result.status === CONNECTION_RESET) response.socket?.resetAndDestroy();
    else send(response, result);
    waiters.notify();
  }

  const server = createServer((request, response) => void handle(request, response));
  server.on("upgrade", (request, socket, head) => {
    if (new URL(request.url ?? "/", "http://127.0.0.1").pathname !== "/gateway") {
      socket.destroy();
      return;
    }
    gateway.upgrade(request, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandboxState.cdnUrl = baseUrl;

  function guildOrThrow(guildId: string): GuildState {
    const guild = sandboxState.guild(guildId);
    if (!guild) throw new Error(`sandbox: no guild ${guildId}`);
    return guild;
  }

  async function interact(input: InteractionInput): Promise<InteractionReply> {
    if (!gateway.hasSession) throw new Error("interact: no bot has identified on the sandbox gateway yet");
    const { record, payload } = buildInteraction(input, sandboxState, input.userId ?? userId, attachmentSizeLimit);
    interactions.set(record.token, record);
    gateway.dispatch("INTERACTION_CREATE", payload);
    const timeoutMs = input.timeoutMs ?? DEFAULT_INTERACT_TIMEOUT_MS;
    const deadline = deps.interactionDeadlineMs;
    await record.waiters.waitFor(
      () => record.callbackType !== null,
      Math.min(deadline, timeoutMs),
      () => {
        record.expired = true;
        return `interact: the bot did not acknowledge interaction ${record.id} within ${deadline} ms (Discord would show "The application did not respond")`;
      },
    );
    await record.waiters.waitFor(
      () => record.settled,
      Math.max(timeoutMs - (Date.now() - record.createdAt), 1),
      () => `interact: interaction ${record.id} was deferred (type ${record.callbackType}) but never edited or followed up within ${timeoutMs} ms`,
    );
    return new InteractionReply(record, sandboxState);
  }

  return {
    apiUrl: `${baseUrl}/api`,
    gatewayUrl: gatewayUrl(),
    token,
    applicationId,
    botUserId,
    userId,
    guilds: sandboxState.guilds,
    channelsOf: (guildId) => sandboxState.liveChannels(guildOrThrow(guildId)),
    requests,
    stats,
    messages: (channelId) => sandboxState.channelMessages(channelId),
    message: (messageId) => sandboxState.messages.get(messageId),
    commands: () => sandboxState.registeredCommands(),
    interact,
    waitFor: (predicate, timeoutMs = 5000) => waiters.waitFor(predicate, timeoutMs, () => `sandbox.waitFor: condition not met within ${timeoutMs} ms`),
    fault: (rule) => faults.add(rule),
    dropGateway: () => gateway.drop(),
    gatewayFault: (fault) => gateway.fault(fault),
    deleteChannel(channelId) {
      const lookup = sandboxState.channel(channelId);
      if (lookup.kind !== "ok") throw new Error(`sandbox: no live channel ${channelId}`);
      lookup.channel.deleted = true;
      gateway.dispatch("CHANNEL_DELETE", channelObject(lookup.channel, sandboxState));
    },
    removeBot(guildId, { unavailable = false } = {}) {
      const guild = guildOrThrow(guildId);
      if (unavailable) guild.unavailable = true;
      else guild.botPresent = false;
      gateway.dispatch("GUILD_DELETE", unavailable ? { id: guildId, unavailable: true } : { id: guildId });
    },
    restoreGuild(guildId) {
      const guild = guildOrThrow(guildId);
      guild.unavailable = false;
      guild.botPresent = true;
      gateway.dispatch("GUILD_CREATE", guildCreateObject(guild, sandboxState));
    },
    addGuild(spec) {
      const guild = sandboxState.addGuild(spec);
      gateway.dispatch("GUILD_CREATE", guildCreateObject(guild, sandboxState));
      return guild;
    },
    async close() {
      for (const record of interactions.values()) record.waiters.abandon("sandbox closed");
      waiters.abandon("sandbox closed");
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
