import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { PROCESS_RUN_MS, processRuns } from "../support/process-runs.js";

it(
  "logs an unhandled rejection and keeps running, then logs an uncaught exception and exits 1 for the supervisor",
  () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "test/ops/unhandled-errors.fixture.ts"], { encoding: "utf8", timeout: PROCESS_RUN_MS });
    const lines = run.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; msg: string; err: { message: string }; origin?: string });
    // Sorted by level: the fatal line is written at once, the error line may still sit in pino's buffer.
    expect(lines.map(({ level, msg, err }) => ({ level, msg, error: err.message })).sort((a, b) => a.level - b.level)).toEqual([
      { level: 50, msg: "unhandled promise rejection (logged; the bot keeps running)", error: "a rejection nobody awaited" },
      { level: 60, msg: "uncaught exception: exiting for the supervisor to restart the bot", error: "an exception nobody caught" },
    ]);
    expect(lines.find((l) => l.level === 60)?.origin).toBe("uncaughtException");
    expect(run.stdout).toBe("still running after the rejection\n");
    expect(run.status).toBe(1);
  },
  processRuns(1),
);
