import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Events, type Client } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { startLocalSession, type LocalSession } from "../../src/sandbox/local-session.js";
import type { GatewayFault, InteractionReply } from "../../src/sandbox/server.js";
import { openStore, type Store } from "../../src/store/index.js";
import { loadStories } from "../../src/story/config.js";
import { captureLogs } from "../support/log-capture.js";

/**
 * Short, so a zombie connection is noticed within a test; Discord announces 41,250 ms, which the
 * other tests keep: on a loaded machine a pause longer than a short interval makes a zombie of its own.
 */
const HEARTBEAT_MS = 300;

/** The real bot (client, router, commands) on the sandbox, with an empty store: `/help` answers from the story files alone. */
interface FaultyBot {
  session: LocalSession;
  client: Client;
  logs: Array<Record<string, unknown>>;
  /** Errors that reached the process's last handlers during the test: each would have killed the bot. */
  escaped: unknown[];
  help(): Promise<InteractionReply>;
  close(): Promise<void>;
}

async function startFaultyBot(heartbeatIntervalMs?: number): Promise<FaultyBot> {
  const dir = mkdtempSync(join(tmpdir(), "gateway-faults-"));
  const { logger, logs } = captureLogs("debug");
  const store: Store = await openStore(join(dir, "briefing.db"));
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, "briefing.db")}` });
  const session = await startLocalSession({ config, logger, store, stories: loadStories("data/stories") }, { heartbeatIntervalMs });
  const escaped: unknown[] = [];
  const onEscape = (error: unknown) => escaped.push(error);
  process.on("unhandledRejection", onEscape);
  process.on("uncaughtException", onEscape);
  const { sandbox } = session;
  const guild = sandbox.guilds[0];
  const channel = guild && sandbox.channelsOf(guild.id)[0];
  if (!guild || !channel) throw new Error("the sandbox started without its default guild and channel");
  const [guildId, channelId] = [guild.id, channel.id];
  return {
    session,
    client: session.bot.client,
    logs,
    escaped,
    help: () => sandbox.interact({ guildId, channelId, command: "help" }),
    async close() {
      process.off("unhandledRejection", onEscape);
      process.off("uncaughtException", onEscape);
      await session.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the shard is serving again: resumed (RESUMED) or identified anew (READY and its guilds). */
function recovered(client: Client): Promise<"resumed" | "identified"> {
  return Promise.race([once(client, Events.ShardResume).then(() => "resumed" as const), once(client, Events.ShardReady).then(() => "identified" as const)]);
}

const answered = (reply: InteractionReply) => reply.embeds[0]?.title;

describe("the bot through gateway failures as Discord produces them", () => {
  let bot: FaultyBot;

  beforeEach(async () => {
    bot = await startFaultyBot();
    expect(answered(await bot.help())).toBe("News briefings");
  });

  afterEach(async () => {
    await bot?.close();
  });

  const cases: Array<{ name: string; fault: GatewayFault; recovery: "resumed" | "identified" }> = [
    { name: "the TCP connection reset mid-session", fault: { kind: "reset" }, recovery: "resumed" },
    { name: "op 7 Reconnect", fault: { kind: "reconnect" }, recovery: "resumed" },
    { name: "op 9 Invalid Session, resumable", fault: { kind: "invalidSession", resumable: true }, recovery: "resumed" },
    { name: "op 9 Invalid Session, not resumable", fault: { kind: "invalidSession", resumable: false }, recovery: "identified" },
  ];

  for (const { name, fault, recovery } of cases) {
    it(`survives ${name}, ${recovery === "resumed" ? "resumes" : "identifies again"} and answers the next interaction`, async () => {
      const { sandbox } = bot.session;
      const back = recovered(bot.client);
      sandbox.gatewayFault(fault);
      expect(await back).toBe(recovery);
      expect(answered(await bot.help())).toBe("News briefings");
      expect(sandbox.stats[recovery === "resumed" ? "resumes" : "identifies"]).toBe(recovery === "resumed" ? 1 : 2);
      expect(bot.escaped).toEqual([]);
    });
  }

  it("logs a refused reconnect (Cloudflare's 520) as a connection error, not a crash, and resumes on the next attempt", async () => {
    const { sandbox } = bot.session;
    const back = recovered(bot.client);
    const shardError = once(bot.client, Events.ShardError);
    sandbox.gatewayFault({ kind: "refuseConnections", answer: 520 });
    sandbox.gatewayFault({ kind: "reconnect" });
    const [error] = (await shardError) as [Error];
    expect(error.message).toBe("Unexpected server response: 520");
    expect(await back).toBe("resumed");
    expect(answered(await bot.help())).toBe("News briefings");
    expect(sandbox.stats.gatewayRefusals).toBe(1);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ level: 40, msg: "gateway connection error; reconnecting", err: expect.objectContaining({ message: error.message }) }),
    );
    expect(bot.escaped).toEqual([]);
  });

  // @discordjs/ws takes an ECONNRESET before the handshake for a network failure and starts a new session rather than resuming.
  it("identifies again when the first reconnect attempt is reset before the handshake", async () => {
    const { sandbox } = bot.session;
    const identified = once(bot.client, Events.ShardReady);
    sandbox.gatewayFault({ kind: "refuseConnections", answer: "reset" });
    sandbox.gatewayFault({ kind: "reset" });
    await identified;
    expect(answered(await bot.help())).toBe("News briefings");
    expect(sandbox.stats.gatewayRefusals).toBe(1);
    expect(bot.escaped).toEqual([]);
  });
});

describe("the bot when its heartbeats go unacknowledged", () => {
  let bot: FaultyBot;

  beforeEach(async () => {
    bot = await startFaultyBot(HEARTBEAT_MS);
    expect(answered(await bot.help())).toBe("News briefings");
  });

  afterEach(async () => {
    await bot?.close();
  });

  it("closes the zombie connection, resumes and answers the next interaction", async () => {
    const { sandbox } = bot.session;
    const back = recovered(bot.client);
    sandbox.gatewayFault({ kind: "stopAcks" });
    expect(await back).toBe("resumed");
    expect(answered(await bot.help())).toBe("News briefings");
    expect(sandbox.stats.identifies).toBe(1);
    expect(bot.escaped).toEqual([]);
  });

  it("answers an interaction sent while a zombie connection is being replaced, once resumed", async () => {
    const { sandbox } = bot.session;
    const back = recovered(bot.client);
    sandbox.gatewayFault({ kind: "stopAcks" });
    const reply = bot.help();
    expect(await back).toBe("resumed");
    expect(answered(await reply)).toBe("News briefings");
    expect(bot.escaped).toEqual([]);
  });

  it("keeps serving through an event loop stalled past the heartbeat interval, as an ingest on the main thread stalls it", async () => {
    // Stalls longer than the interval with one turn of the loop between them, as a long synchronous
    // ingest does: a heartbeat goes out in one turn, the next is due before its ACK is read, and
    // discord.js closes the connection as a zombie (the benchmark's reconnect). While the stalls go
    // on, no new connection lives long enough to resume; once they end, one does.
    const back = recovered(bot.client);
    let reconnecting = false;
    bot.client.once(Events.ShardReconnecting, () => (reconnecting = true));
    for (let stalls = 0; !reconnecting && stalls < 50; stalls++) {
      busyWait(HEARTBEAT_MS * 2);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(reconnecting).toBe(true);
    expect(await back).toBe("resumed");
    expect(answered(await bot.help())).toBe("News briefings");
    expect(bot.escaped).toEqual([]);
  });
});

describe("the bot when the connection carrying its reply is lost", () => {
  let bot: FaultyBot;
  const callback = /^\/interactions\/\d+\/[^/]+\/callback$/;

  beforeEach(async () => {
    bot = await startFaultyBot();
  });

  afterEach(async () => {
    await bot?.close();
  });

  it("sends the reply again when its connection is reset once", async () => {
    const { sandbox } = bot.session;
    sandbox.fault({ method: "POST", path: callback, status: "reset" });
    expect(answered(await bot.help())).toBe("News briefings");
    expect(sandbox.requests.filter((r) => callback.test(r.path)).map((r) => r.status)).toEqual([0, 204]);
    expect(bot.escaped).toEqual([]);
  });

  it("tells the user with an error id when every attempt of the reply is reset, and answers the next interaction", async () => {
    const { sandbox } = bot.session;
    sandbox.fault({ method: "POST", path: callback, status: "reset", times: 4 });
    const reply = await bot.help();
    expect(reply.content).toMatch(/^Something went wrong while answering\..*error id: `[0-9a-f]{8}`/);
    expect(bot.logs).toContainEqual(expect.objectContaining({ level: 50, msg: "interaction handler failed" }));
    expect(answered(await bot.help())).toBe("News briefings");
    expect(bot.escaped).toEqual([]);
  });
});

describe("the bot stopped while it reconnects", () => {
  let bot: FaultyBot;

  beforeEach(async () => {
    bot = await startFaultyBot();
  });

  afterEach(async () => {
    await bot?.close();
  });

  it("abandons a connection still opening without an uncaught error", async () => {
    const { sandbox } = bot.session;
    // The reconnect's connection attempt gets no answer, so it is still opening when the bot stops.
    sandbox.gatewayFault({ kind: "refuseConnections", answer: "hang" });
    const opening = debugLine(bot.client, "Waiting for event hello");
    sandbox.gatewayFault({ kind: "reconnect" });
    await opening;
    const abandoned = debugLine(bot.client, "abandoned while opening");
    await bot.session.bot.stop();
    expect(await abandoned).toContain("WebSocket was closed before the connection was established");
    expect(bot.escaped).toEqual([]);
  });

  it("does not reconnect once stopped during the wait before a reconnect", async () => {
    const { sandbox } = bot.session;
    const waiting = once(bot.client, Events.ShardReconnecting);
    sandbox.gatewayFault({ kind: "reconnect" });
    await waiting;
    const gaveUp = debugLine(bot.client, "Not reconnecting");
    await bot.session.bot.stop();
    await gaveUp;
    expect(sandbox.stats.gatewayConnections).toBe(1);
    expect(bot.escaped).toEqual([]);
  });
});

/** Resolves with the client's next debug line (discord.js's and @discordjs/ws's) that contains `text`. */
function debugLine(client: Client, text: string): Promise<string> {
  return new Promise((resolve) => {
    const listener = (message: string) => {
      if (!message.includes(text)) return;
      client.off(Events.Debug, listener);
      resolve(message);
    };
    client.on(Events.Debug, listener);
  });
}

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the event loop is held, as synchronous parsing holds it
  }
}
