import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, databasePath, loadConfig } from "../src/config.js";
import { captureLogs } from "./support/log-capture.js";

// The child runs in another folder, so tsx is named by its resolved path.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const TOKEN = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs-example-not-real";

describe("configuration", () => {
  it("has working defaults for a fresh install", () => {
    const config = loadConfig({});
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.DISCORD_API_URL).toBe("https://discord.com/api");
    expect(databasePath(config)).toBe("data/briefing.db");
    expect(config.UPDATE_CRON).toBe("*/10 * * * *");
  });

  it("treats an empty value as unset, as .env files write it", () => {
    expect(loadConfig({ DISCORD_TOKEN: "", DEV_GUILD_ID: " " }).DISCORD_TOKEN).toBeUndefined();
  });

  it("accepts node-cron's six-field form with seconds", () => {
    expect(loadConfig({ UPDATE_CRON: "*/5 * * * * *" }).UPDATE_CRON).toBe("*/5 * * * * *");
  });

  it("names every wrong variable and what it expects", () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: "postgres://db", UPDATE_CRON: "every ten minutes", DISCORD_API_URL: "discord.com", DEV_GUILD_ID: "abc", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL: file:<path to the SQLite database>/);
    expect(message).toMatch(/UPDATE_CRON: a cron expression/);
    expect(message).toMatch(/DISCORD_API_URL: an http\(s\) URL/);
    expect(message).toMatch(/DEV_GUILD_ID: a Discord id/);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it("stops npm start with exit 2 and the readable message, before touching anything", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      encoding: "utf8",
      env: { ...process.env, UPDATE_CRON: "never", DATABASE_URL: "file:/nonexistent/should-not-be-created.db" },
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Invalid configuration:\n  UPDATE_CRON: a cron expression");
  });
});

describe(".env", () => {
  it("is read by the entry points, and a variable already in the environment wins", () => {
    const dir = mkdtempSync(join(tmpdir(), "dotenv-"));
    writeFileSync(join(dir, ".env"), "# settings\nUPDATE_CRON=whenever\nDATABASE_URL=file:briefing.db\n");
    const cli = (env: Record<string, string>) =>
      spawnSync(process.execPath, ["--import", tsxLoader, join(process.cwd(), "src/cli.ts"), "deliveries"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, ...env },
        timeout: 30_000,
      });
    const fromFile = cli({});
    expect(fromFile.status).toBe(2);
    expect(fromFile.stderr).toContain("UPDATE_CRON: a cron expression");
    const overridden = cli({ UPDATE_CRON: "*/5 * * * *" });
    expect(overridden.status).toBe(0);
    expect(overridden.stdout).toContain("0 deliveries");
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("logging", () => {
  it("never writes the token, wherever it appears in a log object", () => {
    const { logger, logs } = captureLogs();
    logger.info({ token: TOKEN, config: { DISCORD_TOKEN: TOKEN }, req: { headers: { authorization: `Bot ${TOKEN}` } } }, "starting");
    logger.info({ rest: { token: TOKEN } }, "rest");
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
    expect(logs[0]!.token).toBe("[redacted]");
  });
});
