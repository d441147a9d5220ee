import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { startLocalServer, type LocalServer } from "../sources/local-server.js";
import { processRuns } from "../support/process-runs.js";

let sandbox: Sandbox;
let hanging: LocalServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "shutdown-"));
  sandbox = await startSandbox({ logger: createLogger("silent") });
  hanging = await startLocalServer();
});
afterAll(async () => {
  await sandbox?.close();
  await hanging?.close();
  rmSync(dir, { recursive: true, force: true });
});

type LogLine = Record<string, unknown>;

/** A port nothing listens on now: the bot's HTTP_PORT must be a real one (0 is refused). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** `npm start` with a token against the sandbox, its JSON log lines collected as they come. */
function start(name: string, env: Record<string, string> = {}) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      DISCORD_TOKEN: sandbox.token,
      DISCORD_API_URL: sandbox.apiUrl,
      DATABASE_URL: `file:${join(dir, `${name}.db`)}`,
      LOG_LEVEL: "info",
      ...env,
    },
  });
  const lines: LogLine[] = [];
  let stderr = "";
  let buffered = "";
  const arrived: Array<() => void> = [];
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const part of parts.filter(Boolean)) lines.push(JSON.parse(part) as LogLine);
    for (const wake of arrived.splice(0)) wake();
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    exit,
    stderr: () => stderr,
    /** Resolves when a log line with this message has been written: an event, not a poll with a time limit. */
    async logged(msg: string): Promise<void> {
      while (!lines.some((l) => l.msg === msg)) {
        const more = new Promise<void>((resolve) => arrived.push(resolve));
        if ((await Promise.race([more.then(() => "more"), exit.then(() => "exited")])) === "exited") {
          throw new Error(`the bot exited before logging "${msg}": ${stderr}`);
        }
      }
    },
  };
}

describe("npm start with a token", { timeout: processRuns(1) }, () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`logs in through DISCORD_API_URL, serves, and on ${signal} stops cleanly with exit code 0`, async () => {
      const bot = start(signal);
      await bot.logged("bot ready");
      // At once, while the start may still be wiring the scheduler: the handlers are there first.
      bot.child.kill(signal);
      expect(await bot.exit).toBe(0);
      expect(bot.lines.some((l) => l.msg === "shutting down" && l.signal === signal)).toBe(true);
      // The token never reaches the log.
      expect(bot.stderr()).not.toContain(sandbox.token);
    });
  }

  it("with HTTP_PORT serves /healthz and the bot's own metrics on /metrics (prom-client loads only then)", async () => {
    const port = await freePort();
    const bot = start("metrics", { HTTP_PORT: String(port) });
    await bot.logged("serving /healthz and /metrics");
    const url = bot.lines.find((l) => l.msg === "serving /healthz and /metrics")?.url;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const metrics = await fetch(`${String(url)}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain("briefing_interactions_total");
    expect(text).toContain("process_resident_memory_bytes");
    await bot.logged("bot ready");
    expect((await fetch(`${String(url)}/healthz`)).status).toBe(200);
    bot.child.kill("SIGTERM");
    expect(await bot.exit).toBe(0);
  });

  it("stops cleanly, exit code 0 and no stack, on a signal while the start is still reading its sources", async () => {
    const stories = join(dir, "stories");
    mkdirSync(stories, { recursive: true });
    hanging.routes.set("/live", () => undefined); // accepts the request and never answers
    writeFileSync(
      join(stories, "kazakhstan.json"),
      JSON.stringify({ slug: "kazakhstan", title: "Unrest in Kazakhstan", description: "Test story", sources: { pages: [`${hanging.base}/live`] } }),
    );
    const requested = new Promise<void>((resolve) => hanging.routes.set("/live", () => resolve()));
    const bot = start("during-start", { STORIES_DIR: stories, FETCH_ALLOW_PRIVATE: "1" });
    await requested;
    bot.child.kill("SIGTERM");
    expect(await bot.exit).toBe(0);
    expect(bot.lines.find((l) => l.msg === "shutting down")).toMatchObject({ signal: "SIGTERM", during: "start" });
    expect(bot.lines.some((l) => l.msg === "bot ready")).toBe(false);
    expect(bot.stderr()).not.toMatch(/"level":(50|60)|stack/);
  });
});
