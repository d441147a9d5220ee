import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { openStore } from "../../src/store/index.js";
import { storedRows } from "../support/stored-rows.js";

/** CRASH_ROUNDS (default 20): how many times the bot is killed mid fan-out. */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
/** CRASH_SEED replays a run's kill points; the test's name shows the seed used. */
const SEED = Number(process.env.CRASH_SEED ?? 20220105);

/** mulberry32: a small seeded generator, so the same seed kills at the same points. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const CHANNELS = 200;
const SLUG = "kazakhstan";

/** A short wire item per round, each with its own fact so each makes its own update. */
function article(round: number): string {
  const day = 10 + (round % 18);
  return [
    `Kazakhstan bulletin ${round}: overnight report from Almaty`,
    "",
    `As of: January ${day}th, 2022 ${1 + (round % 11)}:30 p.m.`,
    "",
    `Police in Almaty said ${1000 + round * 37} people had been detained in district ${round} by the evening. Residents of district ${round} described queues at bread shops that stretched around the block.`,
    "",
  ].join("\n");
}

describe("exactly once across SIGKILLs of the real bot process during a fan-out to 200 channels", () => {
  let sandbox: Sandbox;
  let dir: string;
  let inbox: string;
  let child: ChildProcess | null = null;
  const stderr: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "delivery-crash-"));
    inbox = join(dir, "inbox");
    mkdirSync(inbox);
    mkdirSync(join(dir, "stories"));
    writeFileSync(
      join(dir, "stories", `${SLUG}.json`),
      JSON.stringify({ slug: SLUG, title: "Unrest in Kazakhstan", description: "Crash test story", sources: { files: [], inbox } }),
    );
    sandbox = await startSandbox({
      guilds: [{ name: "Fan-out", channels: [{ name: "general" }, ...Array.from({ length: CHANNELS }, (_, i) => ({ name: `c${i}` }))] }],
      logger: createLogger("silent"),
    });
    const store = await openStore(join(dir, "db"));
    const guild = sandbox.guilds[0]!;
    for (const channel of sandbox.channelsOf(guild.id).filter((c) => c.name !== "general")) {
      await store.subscribe({ guildId: guild.id, channelId: channel.id, story: SLUG, only: "all", createdBy: null });
    }
    await store.close();
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function startBot(): ChildProcess {
    // One process (node with the tsx loader), so SIGKILL hits the bot itself and leaves no orphan sending on.
    const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        DISCORD_TOKEN: sandbox.token,
        DISCORD_API_URL: sandbox.apiUrl,
        DATABASE_URL: `file:${join(dir, "db")}`,
        STORIES_DIR: join(dir, "stories"),
        UPDATE_CRON: "*/1 * * * * *",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    proc.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
    return proc;
  }

  const posts = () => sandbox.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path)).length;
  const exited = (proc: ChildProcess) => new Promise<void>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once("exit", () => resolve())));

  it(
    `posts every update once per channel after ${ROUNDS} kills at seeded points (CRASH_SEED=${SEED})`,
    async () => {
      const random = seeded(SEED);
      for (let round = 1; round <= ROUNDS; round += 1) {
        writeFileSync(join(inbox, `bulletin-${String(round).padStart(2, "0")}.txt`), article(round));
        const before = posts();
        const proc = startBot();
        child = proc;
        // Somewhere in the fan-out: before the first post, in the middle, or (one draw in eleven) once
        // the whole fan-out has gone out.
        const killAfter = Math.min(Math.floor(random() * (CHANNELS + 20)), CHANNELS);
        // No timeout swallowed here: a bot that neither reaches the kill point nor exits fails the test.
        await sandbox.waitFor(() => posts() - before >= killAfter || proc.exitCode !== null, ROUNDS * 15_000);
        expect(proc.exitCode, `round ${round}: the bot exited by itself before the kill: ${stderr.join("")}`).toBeNull();
        proc.kill("SIGKILL");
        await exited(proc);
      }

      // A last, undisturbed start finishes whatever the kills left behind.
      child = startBot();
      const store = await openStore(join(dir, "db"));
      try {
        const done = async () => {
          const open = (await store.deliveries()).filter((d) => d.status === "pending" || d.status === "sending").length;
          return open === 0 && (await store.deliveries({ status: "sent" })).length === ROUNDS * CHANNELS;
        };
        const deadline = Date.now() + 60_000;
        while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        child.kill("SIGTERM");
        await exited(child);

        const updateIds = storedRows(join(dir, "db"), "SELECT id FROM updates WHERE story = ? ORDER BY id", SLUG).flat();
        expect(updateIds).toHaveLength(ROUNDS);
        const deliveries = await store.deliveries();
        expect(deliveries.filter((d) => d.status !== "sent"), stderr.join("")).toEqual([]);
        for (const channel of sandbox.channelsOf(sandbox.guilds[0]!.id).filter((c) => c.name !== "general")) {
          const seen = sandbox
            .messages(channel.id)
            .flatMap((m) => m.embeds.flatMap((e) => [.../update (\d+)/.exec(e.footer?.text ?? "")?.slice(1) ?? []]))
            .map(Number)
            .sort((a, b) => a - b);
          const trace = () =>
            JSON.stringify({
              deliveries: deliveries.filter((d) => d.channelId === channel.id).map((d) => [d.updateId, d.batch, d.nonce, d.messageId, d.attempts]),
              messages: sandbox.messages(channel.id).map((m) => [m.id, m.nonce, m.embeds.map((e) => e.footer?.text)]),
            });
          expect(seen, `channel ${channel.name}: ${seen.join() === updateIds.join() ? "" : trace()}`).toEqual(updateIds);
        }
      } finally {
        await store.close();
      }
    },
    ROUNDS * 15_000 + 90_000,
  );
});
