import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/server.js";

export const SLUG = "kazakhstan";

/** A sandbox guild of `channels` channels besides #general, and a story whose inbox the test writes into. */
export async function fanOutFixture(channels: number, name: string) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const inbox = join(dir, "inbox");
  mkdirSync(inbox);
  mkdirSync(join(dir, "stories"));
  writeFileSync(
    join(dir, "stories", `${SLUG}.json`),
    JSON.stringify({ slug: SLUG, title: "Unrest in Kazakhstan", description: "Crash test story", sources: { files: [], inbox } }),
  );
  const sandbox: Sandbox = await startSandbox({
    guilds: [{ name: "Fan-out", channels: [{ name: "general" }, ...Array.from({ length: channels }, (_, i) => ({ name: `c${i}` }))] }],
    logger: createLogger("silent"),
  });
  const guild = sandbox.guilds[0]!;
  const subscribed = sandbox.channelsOf(guild.id).filter((c) => c.name !== "general");
  return {
    dir,
    inbox,
    storiesDir: join(dir, "stories"),
    sandbox,
    /** What /subscribe would write for each channel. */
    subscriptions: subscribed.map((channel) => ({ guildId: guild.id, channelId: channel.id, story: SLUG, only: "all" as const, createdBy: null })),
    /** Messages posted to channels so far (a resend Discord answers from its nonce counts too). */
    posts: () => sandbox.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path)).length,
    /** Every subscribed channel shows each update exactly once. */
    expectEachUpdateOncePerChannel(updateIds: readonly number[], trace: (channelId: string) => string = () => "") {
      for (const channel of subscribed) {
        const seen = sandbox
          .messages(channel.id)
          .flatMap((m) => m.embeds.flatMap((e) => [...(/update (\d+)/.exec(e.footer?.text ?? "")?.slice(1) ?? [])]))
          .map(Number)
          .sort((a, b) => a - b);
        expect(seen, `channel ${channel.name}: ${seen.join() === updateIds.join() ? "" : trace(channel.id)}`).toEqual([...updateIds]);
      }
    },
    async close() {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A short wire item per round, each with its own fact so each makes its own update. */
export function bulletin(round: number, place: string): string {
  const day = 10 + (round % 18);
  return [
    `Kazakhstan bulletin ${round}: overnight report from ${place}`,
    "",
    `As of: January ${day}th, 2022 ${1 + (round % 11)}:30 p.m.`,
    "",
    `Police in ${place} said ${1000 + round * 37} people had been detained in district ${round} by the evening. Residents of district ${round} described queues at bread shops that stretched around the block.`,
    "",
  ].join("\n");
}

/** mulberry32: a small seeded generator, so the rounds kill at the same points every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const exited = (proc: ChildProcess) =>
  new Promise<void>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once("exit", () => resolve())));
