import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, databasePath, loadConfig, makeDatabaseFolder, secretValues, shardIds } from "../src/config.js";
import { captureLogs } from "./support/log-capture.js";
import { PROCESS_RUN_MS, processRuns } from "./support/process-runs.js";

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

  it("takes a PostgreSQL URL for the store, and never shows its password", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://bot:s3cret@db.internal:5432/briefing" });
    expect(config.DATABASE_URL).toBe("postgres://bot:s3cret@db.internal:5432/briefing");
    expect(databasePath(config)).toBe("postgres://bot:***@db.internal:5432/briefing");
    // No folder is made for it, and none under a name cut out of the URL.
    expect(makeDatabaseFolder(config)).toBeNull();
  });

  it("reads which shards of how many this process holds, every one by default", () => {
    expect(shardIds(loadConfig({}))).toEqual([0]);
    expect(shardIds(loadConfig({ SHARD_COUNT: "4" }))).toEqual([0, 1, 2, 3]);
    expect(shardIds(loadConfig({ SHARD_COUNT: "4", SHARD_IDS: " 3,1 , 3" }))).toEqual([1, 3]);
    expect(() => loadConfig({ SHARD_COUNT: "2", SHARD_IDS: "2" })).toThrow(/SHARD_IDS: the shard ids this process holds, each below SHARD_COUNT/);
    expect(() => loadConfig({ HTTP_PORT: "80000" })).toThrow(/HTTP_PORT: a TCP port/);
    expect(loadConfig({}).HTTP_PORT).toBeUndefined();
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
      loadConfig({ DATABASE_URL: "mysql://db", UPDATE_CRON: "every ten minutes", DISCORD_API_URL: "discord.com", DEV_GUILD_ID: "abc", LOG_LEVEL: "loud" });
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

  it("stops npm start with exit 2 and the readable message, before touching anything", { timeout: processRuns(1) }, () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      encoding: "utf8",
      env: { ...process.env, UPDATE_CRON: "never", DATABASE_URL: "file:/nonexistent/should-not-be-created.db" },
      timeout: PROCESS_RUN_MS,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Invalid configuration:\n  UPDATE_CRON: a cron expression");
  });
});

describe("what a newcomer sees for a bad setting or story file", () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "file:/nonexistent/should-not-be-created.db", ...env },
      timeout: PROCESS_RUN_MS,
    });

  it("echoes the bad value in words, never zod's type talk, and never a secret's value", () => {
    let message = "";
    try {
      loadConfig({ UPDATE_MAX_AGE_HOURS: "soon", REFRESH_MAX_ITEMS: "2.5", FETCH_ALLOW_PRIVATE: "yes", DISCORD_TOKEN: "not-a-token-but-secret" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('UPDATE_MAX_AGE_HOURS: a positive number of hours, e.g. 24; got "soon"');
    expect(message).toContain('REFRESH_MAX_ITEMS: a positive whole number, e.g. 20; got "2.5"');
    expect(message).toContain('FETCH_ALLOW_PRIVATE: 1 to allow fetching internal addresses, 0 (the default) to refuse them; got "yes"');
    expect(message).toContain("DISCORD_TOKEN: a bot token from the Discord developer portal (got 22 characters, not shown)");
    expect(message).not.toContain("not-a-token-but-secret");
    expect(message).not.toMatch(/expected number|received|Invalid input|NaN/);
  });

  it("never echoes a database password, in a config error or a log line", () => {
    let message = "";
    try {
      loadConfig({ DATABASE_URL: "postgress://briefing:s3cret-Pa55@db.internal/briefing" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: .*; got "postgress:\/\/briefing:\*\*\*@db\.internal\/briefing"/);
    expect(message).not.toContain("s3cret-Pa55");
    const config = loadConfig({ DATABASE_URL: "postgres://briefing:s3cret-Pa55@db.internal:5432/briefing" });
    const { logger, logs } = captureLogs("info", secretValues(config));
    logger.error({ err: new Error('connection to "postgres://briefing:s3cret-Pa55@db.internal" refused') }, "store down");
    expect(JSON.stringify(logs)).not.toContain("s3cret-Pa55");
  });

  it("reads the refresh deadline, item cap and internal-address switch, off by default", () => {
    expect(loadConfig({})).toMatchObject({ FETCH_ALLOW_PRIVATE: false, REFRESH_DEADLINE_SECONDS: 60, REFRESH_MAX_ITEMS: 20 });
    expect(loadConfig({ FETCH_ALLOW_PRIVATE: "1", REFRESH_DEADLINE_SECONDS: "7.5", REFRESH_MAX_ITEMS: "3" })).toMatchObject({
      FETCH_ALLOW_PRIVATE: true,
      REFRESH_DEADLINE_SECONDS: 7.5,
      REFRESH_MAX_ITEMS: 3,
    });
  });

  it("STORIES_DIR=/nope npm start: names the setting and the value, exit 2, no stack", { timeout: processRuns(1) }, () => {
    const run = start({ STORIES_DIR: "/nope" });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('Invalid configuration:\n  STORIES_DIR: a folder of story files (<slug>.json): no such folder; got "/nope"\n');
  });

  it("a malformed story file: names the file, line and column, exit 2, no stack", { timeout: processRuns(1) }, () => {
    const dir = mkdtempSync(join(tmpdir(), "stories-"));
    writeFileSync(join(dir, "flood.json"), '{\n  "slug": "flood",\n  "title": "Floods"\n  "description": "x"\n}\n');
    const run = start({ STORIES_DIR: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^Invalid story file ${dir}/flood\\.json:4:3: not valid JSON \\(.+\\)\\n$`));
  });
});

describe(".env", () => {
  it("is read by the entry points, and a variable already in the environment wins", { timeout: processRuns(2) }, () => {
    const dir = mkdtempSync(join(tmpdir(), "dotenv-"));
    writeFileSync(join(dir, ".env"), "# settings\nUPDATE_CRON=whenever\nDATABASE_URL=file:briefing.db\n");
    const cli = (env: Record<string, string>) =>
      spawnSync(process.execPath, ["--import", tsxLoader, join(process.cwd(), "src/cli.ts"), "deliveries"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, ...env },
        timeout: PROCESS_RUN_MS,
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

  it("blanks the token's value wherever it appears: an upstream error body echoing it, a message, a stack", () => {
    const { logger, logs } = captureLogs("info", [TOKEN]);
    const upstream = new Error(`401 Unauthorized: {"message": "401: Unauthorized", "token": "${TOKEN}"}`);
    logger.error({ err: upstream, response: { body: `invalid token ${TOKEN}` } }, "login failed");
    logger.warn(`retrying with Bot ${TOKEN}`);
    const written = JSON.stringify(logs);
    expect(written).not.toContain(TOKEN);
    expect(logs[0]!.response).toEqual({ body: "invalid token [redacted]" });
    expect((logs[0]!.err as { message: string }).message).toBe('401 Unauthorized: {"message": "401: Unauthorized", "token": "[redacted]"}');
    expect(logs[1]!.msg).toBe("retrying with Bot [redacted]");
  });
});
