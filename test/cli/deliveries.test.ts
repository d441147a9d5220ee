import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "cli-deliveries-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cli deliveries and the store's location", () => {
  it("exits 2 naming the known stories for an unknown --story, as ingest does", () => {
    const run = runCli(["deliveries", "--story", "nosuch"], { DATABASE_URL: `file:${join(dir, "briefing.db")}` });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('unknown story "nosuch" (known: kazakhstan)\n');
  });

  it("refuses a DATABASE_URL in a folder that does not exist instead of creating it, exit 2", () => {
    const missing = join(dir, "no", "such", "dir");
    const run = runCli(["deliveries"], { DATABASE_URL: `file:${missing}/x.db` });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`DATABASE_URL: a file in an existing folder: ${missing} does not exist`);
    expect(existsSync(join(dir, "no"))).toBe(false);
  });
});
