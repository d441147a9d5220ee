import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { Logger } from "../logger.js";
import { botUser, guildCreateObject, type Json } from "./payloads.js";
import type { SandboxState } from "./state.js";
import type { GatewayFault, SandboxStats } from "./types.js";

/** What Discord announces in HELLO. */
export const DISCORD_HEARTBEAT_INTERVAL_MS = 41_250;
/** Enough history to replay what a bot missed during a short outage, as Discord does on RESUME. */
const REPLAY_LIMIT = 1000;

interface Session {
  id: string;
  /** [shard id, shard count] the bot identified with. */
  shard: [number, number];
  seq: number;
  sent: Array<{ s: number; frame: string }>;
  socket: WebSocket | null;
}

/** The shard that receives a guild's events, as Discord computes it: (guild_id >> 22) % shard count. */
export const shardOf = (guildId: string, shardCount: number): number => Number((BigInt(guildId) >> 22n) % BigInt(shardCount));

/** The guild a dispatch is about, which decides the shard it goes to; null for events every shard gets. */
function guildOf(t: string, d: unknown): string | null {
  if (typeof d !== "object" || d === null) return null;
  const fields = d as { guild_id?: unknown; id?: unknown };
  if (typeof fields.guild_id === "string") return fields.guild_id;
  return t.startsWith("GUILD_") && typeof fields.id === "string" ? fields.id : null;
}

export interface GatewayDeps {
  state: SandboxState;
  token: string;
  stats: SandboxStats;
  logger: Logger;
  /** ws:// URL the bot connects and resumes to. */
  url: () => string;
  /** Announced in HELLO; Discord's 41,250 ms unless a test wants heartbeats (and zombie checks) sooner. */
  heartbeatIntervalMs?: number;
  /** Called after every change a test may wait on: a connection, an identify, a resume, a fault served. */
  changed: () => void;
}

/**
 * The bot's WebSocket gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with
 * replay, dispatches. Several sessions at once, one per shard (IDENTIFY's `shard: [id, count]`),
 * as Discord serves a sharded bot: each gets its own guilds' events, so each of several bot
 * processes answers the interactions of the shards it holds.
 */
export class Gateway {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<number, Session>();
  /** Each connection's TCP socket, which a reset fault destroys with an RST. */
  readonly #tcp = new WeakMap<WebSocket, Duplex>();
  /** Connections whose heartbeats go unanswered, as a zombied connection's do. */
  readonly #unacked = new WeakSet<WebSocket>();
  /** How the next connection attempts are refused, in order. */
  readonly #refusals: Array<number | "reset" | "hang"> = [];
  /** Connection attempts left unanswered by a "hang" refusal, ended when the sandbox closes. */
  readonly #held = new Set<Duplex>();

  constructor(private readonly deps: GatewayDeps) {
    this.#wss.on("connection", (socket) => this.#accept(socket));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refusal = this.#refusals.shift();
    if (refusal !== undefined) {
      this.#refuse(socket, refusal);
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      this.#tcp.set(ws, socket);
      this.#wss.emit("connection", ws, request);
    });
  }

  /** A connection attempt turned away before the WebSocket handshake: an HTTP error (Cloudflare's 520, a 503), a TCP reset, or no answer. */
  #refuse(socket: Duplex, refusal: number | "reset" | "hang"): void {
    this.deps.stats.gatewayRefusals += 1;
    if (refusal === "reset") reset(socket);
    else if (refusal === "hang") this.#held.add(socket);
    else socket.end(`HTTP/1.1 ${refusal} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    this.deps.changed();
  }

  /** Serves a failure on the live connections (or, for refusals, on the next attempts) as Discord's gateway produces it. */
  fault(fault: GatewayFault): void {
    switch (fault.kind) {
      case "reset":
        for (const session of this.#sessions.values()) {
          const tcp = session.socket && this.#tcp.get(session.socket);
          if (tcp) reset(tcp);
          session.socket = null;
        }
        break;
      case "stopAcks":
        for (const socket of this.#liveSockets()) this.#unacked.add(socket);
        break;
      case "reconnect":
        for (const socket of this.#liveSockets()) socket.send(JSON.stringify({ op: 7, d: null, s: null, t: null }));
        break;
      case "invalidSession":
        for (const [shardId, session] of this.#sessions) {
          session.socket?.send(JSON.stringify({ op: 9, d: fault.resumable, s: null, t: null }));
          // Not resumable: Discord has forgotten the session, so a RESUME of it fails and only IDENTIFY works.
          if (!fault.resumable) this.#sessions.delete(shardId);
        }
        break;
      case "refuseConnections":
        for (let i = 0; i < (fault.times ?? 1); i++) this.#refusals.push(fault.answer ?? 503);
        break;
    }
  }

  #liveSockets(): WebSocket[] {
    return [...this.#sessions.values()].flatMap((session) => (session.socket ? [session.socket] : []));
  }

  /** Whether a bot has identified at least once: dispatches for a dropped connection wait for its RESUME. */
  get hasSession(): boolean {
    return this.#sessions.size > 0;
  }

  get connected(): boolean {
    return [...this.#sessions.values()].some((session) => session.socket !== null);
  }

  /** The shard ids with a session, in order. */
  get shards(): number[] {
    return [...this.#sessions.keys()].sort((a, b) => a - b);
  }

  /**
   * Sends a dispatch (op 0) to the shard its guild belongs to (to every shard when it has no guild),
   * with that session's next sequence number; kept for replay if that bot is between connections.
   */
  dispatch(t: string, d: unknown): void {
    const guildId = guildOf(t, d);
    for (const session of this.#sessions.values()) {
      if (guildId !== null && shardOf(guildId, session.shard[1]) !== session.shard[0]) continue;
      this.#send(session, t, d);
    }
  }

  #send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const frame = JSON.stringify({ op: 0, t, s: session.seq, d });
    session.sent.push({ s: session.seq, frame });
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    session.socket?.send(frame);
  }

  /** Cuts the connections without a close frame (code 1006 at the client), as a network failure would. */
  drop(): void {
    for (const session of this.#sessions.values()) {
      session.socket?.terminate();
      session.socket = null;
    }
  }

  async close(): Promise<void> {
    for (const socket of this.#held) socket.destroy();
    for (const client of this.#wss.clients) client.terminate();
    for (const session of this.#sessions.values()) session.socket = null;
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    this.deps.stats.gatewayConnections += 1;
    const interval = this.deps.heartbeatIntervalMs ?? DISCORD_HEARTBEAT_INTERVAL_MS;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: interval }, s: null, t: null }));
    socket.on("message", (data) => this.#receive(socket, data));
    // A client that goes away mid-handshake or resets its side: nothing to serve, and no crash of the sandbox.
    socket.on("error", (error) => this.deps.logger.debug({ err: error }, "sandbox gateway: connection error"));
    socket.on("close", () => {
      for (const session of this.#sessions.values()) if (session.socket === socket) session.socket = null;
      this.deps.changed();
    });
    this.deps.changed();
  }

  #receive(socket: WebSocket, data: RawData): void {
    let frame: { op?: unknown; d?: unknown };
    try {
      frame = JSON.parse(data.toString()) as { op?: unknown; d?: unknown };
    } catch {
      socket.close(4002, "Error while decoding payload.");
      return;
    }
    const d = (typeof frame.d === "object" && frame.d !== null ? frame.d : {}) as Record<string, unknown>;
    switch (frame.op) {
      case 1:
        this.deps.stats.heartbeats += 1;
        if (!this.#unacked.has(socket)) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        return;
      case 2:
        this.#identify(socket, d);
        return;
      case 6:
        this.#resume(socket, d);
        return;
      case 3:
      case 4:
      case 8:
        return; // presence, voice and member requests change nothing a news bot can observe
      default:
        this.deps.logger.warn({ op: frame.op }, "sandbox gateway: unknown opcode");
        socket.close(4001, "Unknown opcode.");
    }
  }

  #tokenMatches(token: unknown): boolean {
    return typeof token === "string" && token.replace(/^Bot /, "") === this.deps.token;
  }

  #identify(socket: WebSocket, d: Record<string, unknown>): void {
    if (!this.#tokenMatches(d.token)) {
      socket.close(4004, "Authentication failed.");
      return;
    }
    const shard = parseShard(d.shard);
    if (!shard) {
      socket.close(4010, "Invalid shard.");
      return;
    }
    const [shardId, shardCount] = shard;
    // Every connected session of one bot must agree on the shard count; a gone one is forgotten.
    for (const [id, other] of this.#sessions) {
      if (other.shard[1] === shardCount) continue;
      if (other.socket) {
        socket.close(4011, "Sharding required.");
        return;
      }
      this.#sessions.delete(id);
    }
    this.deps.stats.identifies += 1;
    const { state } = this.deps;
    const previous = this.#sessions.get(shardId);
    if (previous?.socket && previous.socket !== socket) previous.socket.terminate();
    const session: Session = { id: randomBytes(16).toString("hex"), shard, seq: 0, sent: [], socket };
    this.#sessions.set(shardId, session);
    const present = state.guilds.filter((guild) => guild.botPresent && shardOf(guild.id, shardCount) === shardId);
    this.#send(session, "READY", {
      v: 10,
      user: botUser(state),
      guilds: present.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.deps.url(),
      shard,
      application: { id: state.applicationId, flags: 0 },
      user_settings: {},
      relationships: [],
      private_channels: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ["sandbox-gateway"],
    });
    for (const guild of present) if (!guild.unavailable) this.#send(session, "GUILD_CREATE", guildCreateObject(guild, state));
    this.deps.changed();
  }

  #resume(socket: WebSocket, d: Record<string, unknown>): void {
    const session = [...this.#sessions.values()].find((candidate) => candidate.id === d.session_id);
    const seq = typeof d.seq === "number" ? d.seq : -1;
    const replayable = (candidate: Session) => seq <= candidate.seq && seq + 1 >= (candidate.sent[0]?.s ?? 1);
    if (!session || !this.#tokenMatches(d.token) || d.session_id !== session.id || !replayable(session)) {
      socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return;
    }
    this.deps.stats.resumes += 1;
    session.socket = socket;
    for (const missed of session.sent) if (missed.s > seq) socket.send(missed.frame);
    this.#send(session, "RESUMED", { _trace: ["sandbox-gateway"] } satisfies Json);
    this.deps.changed();
  }
}

/** Destroys a TCP connection with an RST (ECONNRESET at the peer), as a dying load balancer or a network failure does. */
function reset(socket: Duplex): void {
  if (socket instanceof Socket) socket.resetAndDestroy();
  else socket.destroy();
}

/** IDENTIFY's shard field: [id, count] with 0 <= id < count; absent means one shard. */
function parseShard(value: unknown): [number, number] | null {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  const [shardId, shardCount] = [id as number, count as number];
  return shardCount >= 1 && shardId >= 0 && shardId < shardCount ? [shardId, shardCount] : null;
}
