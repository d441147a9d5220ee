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
  seq: number;
  sent: Array<{ s: number; frame: string }>;
}

export interface GatewayDeps {
  state: SandboxState;
  token: string;
  stats: SandboxStats;
  logger: Logger;
  /** ws:// URL the bot connects and resumes to. */
  url: () => string;
}

/** The bot's WebSocket gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay, dispatches. */
export class Gateway {
  readonly #wss = new WebSocketServer({ noServer: true });
  #session: Session | null = null;
  #current: WebSocket | null = null;

  constructor(private readonly deps: GatewayDeps) {
    this.#wss.on("connection", (socket) => this.#accept(socket));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#wss.emit("connection", ws, request));
  }

  /** Whether a bot has identified at least once: dispatches for a dropped connection wait for its RESUME. */
  get hasSession(): boolean {
    return this.#session !== null;
  }

  get connected(): boolean {
    return this.#current !== null;
  }

  /** Sends a dispatch (op 0) with the next sequence number; kept for replay if the bot is between connections. */
  dispatch(t: string, d: unknown): void {
    const session = this.#session;
    if (!session) return;
    session.seq += 1;
    const frame = JSON.stringify({ op: 0, t, s: session.seq, d });
    session.sent.push({ s: session.seq, frame });
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    this.#current?.send(frame);
  }

  /** Cuts the connection without a close frame (code 1006 at the client), as a network failure would. */
  drop(): void {
    this.#current?.terminate();
    this.#current = null;
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#current = null;
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    this.deps.stats.gatewayConnections += 1;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null }));
    socket.on("message", (data) => this.#receive(socket, data));
    socket.on("close", () => {
      if (this.#current === socket) this.#current = null;
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
    this.deps.stats.identifies += 1;
    const { state } = this.deps;
    this.#session = { id: randomBytes(16).toString("hex"), seq: 0, sent: [] };
    this.#current = socket;
    const present = state.guilds.filter((guild) => guild.botPresent);
    this.dispatch("READY", {
      v: 10,
      user: botUser(state),
      guilds: present.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: this.#session.id,
      resume_gateway_url: this.deps.url(),
      shard: [0, 1],
      application: { id: state.applicationId, flags: 0 },
      user_settings: {},
      relationships: [],
      private_channels: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ["sandbox-gateway"],
    });
    for (const guild of present) if (!guild.unavailable) this.dispatch("GUILD_CREATE", guildCreateObject(guild, state));
  }

  #resume(socket: WebSocket, d: Record<string, unknown>): void {
    const session = this.#session;
    const seq = typeof d.seq === "number" ? d.seq : -1;
    const replayable = (candidate: Session) => seq <= candidate.seq && seq + 1 >= (candidate.sent[0]?.s ?? 1);
    if (!session || !this.#tokenMatches(d.token) || d.session_id !== session.id || !replayable(session)) {
      socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return;
    }
    this.deps.stats.resumes += 1;
    this.#current = socket;
    for (const missed of session.sent) if (missed.s > seq) socket.send(missed.frame);
    this.dispatch("RESUMED", { _trace: ["sandbox-gateway"] } satisfies Json);
  }
}
