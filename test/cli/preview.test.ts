import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inspectPng } from "../support/png.js";
import { runCliAsync } from "./run-cli.js";
import { processRuns } from "../support/process-runs.js";

describe("cli preview of a reply with a picture", { timeout: processRuns(1) }, () => {
  const dir = mkdtempSync(join(tmpdir(), "preview-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the reply as text, then saves the chart to a temporary file and prints its path", async () => {
    const run = await runCliAsync(["preview", "/kazakhstan casualties"], { DATABASE_URL: `file:${join(dir, "briefing.db")}` });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^== Unrest in Kazakhstan, January 2022: casualties and arrests ==/);
    const saved = /\[image saved: (\S+casualties\.png)\]\s*$/.exec(run.stdout)?.[1];
    expect(saved).toBeDefined();
    expect(existsSync(saved!)).toBe(true);
    expect(inspectPng(readFileSync(saved!)).inkedShare).toBeGreaterThan(0.02);
    rmSync(join(saved!, ".."), { recursive: true, force: true });
  });
});
