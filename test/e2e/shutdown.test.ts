import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/server.js";

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "shutdown-"));
  sandbox = await startSandbox({ logger: createLogger("silent") });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start with a token", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`logs in through DISCORD_API_URL, serves, and on ${signal} stops cleanly with exit code 0`, async () => {
      const lines: Array<Record<string, unknown>> = [];
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        env: {
          ...process.env,
          DISCORD_TOKEN: sandbox.token,
          DISCORD_API_URL: sandbox.apiUrl,
          DATABASE_URL: `file:${join(dir, `${signal}.db`)}`,
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let buffered = "";
      child.stderr!.on("data", (chunk: Buffer) => {
        buffered += chunk.toString("utf8");
        const parts = buffered.split("\n");
        buffered = parts.pop() ?? "";
        for (const part of parts.filter(Boolean)) lines.push(JSON.parse(part) as Record<string, unknown>);
      });
      const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      for (let waited = 0; !lines.some((l) => l.msg === "bot ready"); waited += 50) {
        if (waited > 20_000) throw new Error(`the bot did not get ready: ${JSON.stringify(lines)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.kill(signal);
      expect(await exit).toBe(0);
      expect(lines.some((l) => l.msg === "shutting down" && l.signal === signal)).toBe(true);
      // The token never reaches the log.
      expect(JSON.stringify(lines)).not.toContain(sandbox.token);
    });
  }
});
