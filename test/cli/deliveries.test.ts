import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { processRuns } from "../support/process-runs.js";

const dir = mkdtempSync(join(tmpdir(), "cli-deliveries-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cli deliveries and the store's location", { timeout: processRuns(2) }, () => {
  it("exits 2 naming the known stories for an unknown --story, as ingest does", () => {
    const run = runCli(["deliveries", "--story", "nosuch"], { DATABASE_URL: `file:${join(dir, "briefing.db")}` });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('unknown story "nosuch" (known: kazakhstan)\n');
  });

  it("says so when it creates the folder a DATABASE_URL names, so a typo does not go unnoticed", () => {
    const missing = join(dir, "no", "such", "dir");
    const run = runCli(["deliveries"], { DATABASE_URL: `file:${missing}/x.db` });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`created the folder ${missing} for the store (DATABASE_URL=file:${missing}/x.db)\n`);
    expect(existsSync(missing)).toBe(true);
    const again = runCli(["deliveries"], { DATABASE_URL: `file:${missing}/x.db` });
    expect(again.stderr).toBe("");
  });
});
