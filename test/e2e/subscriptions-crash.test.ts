import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { PROCESS_RUN_MS, processRuns } from "../support/process-runs.js";
import { storedRows } from "../support/stored-rows.js";
import { bulletin, exited, fanOutFixture, seeded, SLUG } from "./fan-out.js";

/** CRASH_ROUNDS (default 20): how many times the bot is killed mid fan-out. */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
/** CRASH_SEED replays a run's kill points; the test's name shows the seed used. */
const SEED = Number(process.env.CRASH_SEED ?? 20220105);
const CHANNELS = 200;

describe("exactly once across SIGKILLs of the real bot process during a fan-out to 200 channels", () => {
  let fixture: Awaited<ReturnType<typeof fanOutFixture>>;
  let child: ChildProcess | null = null;
  const stderr: string[] = [];
  const db = () => join(fixture.dir, "db");

  beforeAll(async () => {
    fixture = await fanOutFixture(CHANNELS, "delivery-crash");
    const store = await openStore(db());
    for (const subscription of fixture.subscriptions) await store.subscribe(subscription);
    await store.close();
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    await fixture?.close();
  });

  function startBot(): ChildProcess {
    // One process (node with the tsx loader), so SIGKILL hits the bot itself and leaves no orphan sending on.
    const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        DISCORD_TOKEN: fixture.sandbox.token,
        DISCORD_API_URL: fixture.sandbox.apiUrl,
        DATABASE_URL: `file:${db()}`,
        STORIES_DIR: fixture.storiesDir,
        UPDATE_CRON: "*/1 * * * * *",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    proc.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
    return proc;
  }

  it(
    `posts every update once per channel after ${ROUNDS} kills at seeded points (CRASH_SEED=${SEED})`,
    async () => {
      const { sandbox, posts } = fixture;
      const random = seeded(SEED);
      for (let round = 1; round <= ROUNDS; round += 1) {
        writeFileSync(join(fixture.inbox, `bulletin-${String(round).padStart(2, "0")}.txt`), bulletin(round, "Almaty"));
        const before = posts();
        const proc = startBot();
        child = proc;
        // Somewhere in the fan-out: before the first post, in the middle, or (one draw in eleven) once
        // the whole fan-out has gone out.
        const killAfter = Math.min(Math.floor(random() * (CHANNELS + 20)), CHANNELS);
        // No timeout swallowed: a bot that neither reaches the kill point nor exits fails the test.
        await sandbox.waitFor(() => posts() - before >= killAfter || proc.exitCode !== null, PROCESS_RUN_MS);
        expect(proc.exitCode, `round ${round}: the bot exited by itself before the kill: ${stderr.join("")}`).toBeNull();
        proc.kill("SIGKILL");
        await exited(proc);
      }

      // A last, undisturbed start finishes whatever the kills left behind.
      child = startBot();
      const store = await openStore(db());
      try {
        const done = async () => {
          const open = (await store.deliveries()).filter((d) => d.status === "pending" || d.status === "sending").length;
          return open === 0 && (await store.deliveries({ status: "sent" })).length === ROUNDS * CHANNELS;
        };
        const deadline = Date.now() + 60_000;
        while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        child.kill("SIGTERM");
        await exited(child);

        const updateIds = storedRows(db(), "SELECT id FROM updates WHERE story = ? ORDER BY id", SLUG).flat() as number[];
        expect(updateIds).toHaveLength(ROUNDS);
        const deliveries = await store.deliveries();
        expect(
          deliveries.filter((d) => d.status !== "sent"),
          stderr.join(""),
        ).toEqual([]);
        fixture.expectEachUpdateOncePerChannel(updateIds, (channelId) =>
          JSON.stringify({
            deliveries: deliveries.filter((d) => d.channelId === channelId).map((d) => [d.updateId, d.batch, d.nonce, d.messageId, d.attempts]),
            messages: sandbox.messages(channelId).map((m) => [m.id, m.nonce, m.embeds.map((e) => e.footer?.text)]),
          }),
        );
      } finally {
        await store.close();
      }
    },
    // A round is a boot of the bot and part of a fan-out, bounded as one run of the bot; then the last start.
    processRuns(ROUNDS + 2),
  );
});
