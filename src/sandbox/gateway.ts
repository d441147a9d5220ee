import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { Logger } from "../logger.js";
import { botUser, guildCreateObject, type Json } from "./payloads.js";
import type { SandboxState } from "./state.js";
import type { SandboxStats } from "./types.js";

const HEARTBEAT_INTERVAL_MS = 41_250;
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

  constructor(private readonly deps: GatewayDeps) {
    this.#wss.on("connection", (socket) => this.#accept(socket));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#wss.emit("connection", ws, request));
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
    for (const client of this.#wss.clients) client.terminate();
    for (const session of this.#sessions.values()) session.socket = null;
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    this.deps.stats.gatewayConnections += 1;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null }));
    socket.on("message", (data) => this.#receive(socket, data));
    socket.on("close", () => {
      for (const session of this.#sessions.values()) if (session.socket === socket) session.socket = null;
    });
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
        socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
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
  }
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
