import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Waiters } from "../../src/sandbox/waiters.js";
import { openStore, type Store } from "../../src/store/index.js";
import { PROCESS_RUN_MS, processRuns } from "../support/process-runs.js";
import { STORE_BACKENDS, freshSchema } from "../support/store-backends.js";
import { bulletin, exited, fanOutFixture, seeded } from "./fan-out.js";

/**
 * PG_CRASH_ROUNDS: how many times the leader is killed mid fan-out. CI (.ci/run) runs 20; a plain
 * `npm test` runs 5, since every round waits for a restarted process to boot.
 */
const ROUNDS = Number(process.env.PG_CRASH_ROUNDS ?? 5);
/** PG_CRASH_SEED: the kill points are drawn from it, so a failing run can be replayed. */
const SEED = Number(process.env.PG_CRASH_SEED ?? 20220105);
const CHANNELS = 500;
const PROCESSES = 3;
const TICK_MS = 1000;

interface Bot {
  proc: ChildProcess;
  /** When it logged that it leads (its own log time), if it has. */
  ledAt: number | null;
  /** Its scheduler has ticked and taken a role: a follower from then on asks on every tick. */
  ticking: boolean;
  stderr: string[];
}

describe.skipIf(!STORE_BACKENDS.find((b) => b.name === "postgres")?.available)(
  `exactly once on PostgreSQL with ${PROCESSES} bot processes while the leader is SIGKILLed during a fan-out to ${CHANNELS} channels`,
  () => {
    let fixture: Awaited<ReturnType<typeof fanOutFixture>>;
    let schema: Awaited<ReturnType<typeof freshSchema>>;
    let store: Store;
    const bots: Bot[] = [];
    // Woken by every log line and exit of a bot: the sandbox only re-checks a condition when its own state changes,
    // and a boot that ends in a quiet spell (no post under way) would leave it unchecked until the time runs out.
    const botEvents = new Waiters();
    const allTicking = () =>
      botEvents.waitFor(
        () => alive().length === PROCESSES && alive().every((bot) => bot.ticking),
        PROCESS_RUN_MS,
        () => `not every process booted and ticking within ${PROCESS_RUN_MS} ms: ${bots.flatMap((b) => b.stderr).join("\n")}`,
      );

    beforeAll(async () => {
      fixture = await fanOutFixture(CHANNELS, "leader-crash");
      schema = await freshSchema();
      store = await openStore(schema.url);
      for (const subscription of fixture.subscriptions) await store.subscribe(subscription);
    });

    afterAll(async () => {
      for (const bot of bots) bot.proc.kill("SIGKILL");
      await Promise.all(bots.map((bot) => exited(bot.proc)));
      await store?.close();
      await fixture?.close();
      await schema?.drop();
    });

    function startBot(shard: number): Bot {
      const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        env: {
          ...process.env,
          DISCORD_TOKEN: fixture.sandbox.token,
          DISCORD_API_URL: fixture.sandbox.apiUrl,
          DATABASE_URL: schema.url,
          STORIES_DIR: fixture.storiesDir,
          UPDATE_CRON: "*/1 * * * * *",
          SHARD_COUNT: String(PROCESSES),
          SHARD_IDS: String(shard),
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "ignore", "pipe"],
      });
      const bot: Bot = { proc, ledAt: null, ticking: false, stderr: [] };
      let partial = "";
      proc.stderr?.on("data", (chunk: Buffer) => {
        const text = partial + chunk.toString("utf8");
        const lines = text.split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          let entry: { level: number; time: number; role?: string };
          try {
            entry = JSON.parse(line) as typeof entry;
          } catch {
            bot.stderr.push(line); // not a log line: a crash's stack, say
            continue;
          }
          if (entry.role) bot.ticking = true;
          if (entry.role === "leader") bot.ledAt ??= entry.time;
          if (entry.level >= 40) bot.stderr.push(line);
        }
        botEvents.notify();
      });
      proc.once("exit", () => botEvents.notify());
      bots.push(bot);
      return bot;
    }

    const alive = () => bots.filter((bot) => bot.proc.exitCode === null && bot.proc.signalCode === null);
    const leaderOf = async (timeoutMs: number): Promise<Bot> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const leader = alive().find((bot) => bot.ledAt !== null);
        if (leader) return leader;
        if (Date.now() > deadline) throw new Error("no process became leader");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    it(
      `posts every update once per channel across ${ROUNDS} kills at seeded points (PG_CRASH_SEED=${SEED}), each leader replaced within one tick`,
      async () => {
        const { sandbox, posts } = fixture;
        const random = seeded(SEED);
        for (let shard = 0; shard < PROCESSES; shard += 1) startBot(shard);
        // Three boots at once: the first leader is there once every process has booted and taken a role on a
        // tick, which is what to wait for (bounded as a boot), not a fixed time that a loaded machine overruns.
        await allTicking();
        const takeovers: number[] = [];
        for (let round = 1; round <= ROUNDS; round += 1) {
          const leader = await leaderOf(30_000);
          const shard = bots.indexOf(leader) % PROCESSES;
          // Counted before the article lands: the leader may read it and start the fan-out at once.
          const before = posts();
          writeFileSync(join(fixture.inbox, `bulletin-${String(round).padStart(2, "0")}.txt`), bulletin(round, "Shymkent"));
          // Every process is running its schedule (a restarted one has booted), so a follower is there to take over.
          await allTicking();
          // Somewhere in the fan-out: before the first post, in the middle, or (one draw in 26) once it has all gone out.
          const killAfter = Math.min(Math.floor(random() * (CHANNELS + 20)), CHANNELS);
          // No timeout swallowed: a leader that neither reaches the kill point nor dies fails the round.
          await sandbox.waitFor(() => posts() - before >= killAfter || leader.proc.exitCode !== null, 60_000);
          expect(leader.proc.exitCode, `round ${round}: the leader exited by itself before the kill: ${leader.stderr.join("\n")}`).toBeNull();
          leader.proc.kill("SIGKILL");
          const killedAt = Date.now();
          await exited(leader.proc);
          const next = await leaderOf(10_000);
          takeovers.push(next.ledAt! - killedAt);
          // The killed process's shard comes back, as an orchestrator would restart it.
          startBot(shard);
        }

        // No more kills: the last leader finishes whatever the kills left behind.
        const done = async () => {
          const deliveries = await store.deliveries();
          return deliveries.length === ROUNDS * CHANNELS && deliveries.every((d) => d.status === "sent");
        };
        const deadline = Date.now() + 120_000;
        while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));

        const updates = [...new Set((await store.deliveries()).map((d) => d.updateId))].sort((a, b) => a - b);
        expect(updates).toHaveLength(ROUNDS);
        const deliveries = await store.deliveries();
        expect(
          deliveries.filter((d) => d.status !== "sent"),
          bots.flatMap((b) => b.stderr).join("\n"),
        ).toEqual([]);
        fixture.expectEachUpdateOncePerChannel(updates);
        // A follower asks on every tick: the first tick after the leader's death finds the lock free.
        expect(Math.max(...takeovers), `takeovers: ${takeovers.join(", ")} ms`).toBeLessThanOrEqual(2 * TICK_MS);
      },
      // Above the waits bounded inside: the boots, a boot and a kill point per round, the last fan-out.
      processRuns(1 + 2 * ROUNDS) + 120_000,
    );
  },
);
