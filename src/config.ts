import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { validate as validateCron } from "node-cron";

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
// The default goes through the schema like a value set by hand, so it is checked and coerced the same way.
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) => z.preprocess(emptyAsUndefined, schema.prefault(fallback));

const snowflake = z.string().regex(/^\d{17,20}$/);
/** Whole numbers only: "1e3" or "20.5" items are a typo, not a setting. */
const positiveInteger = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().positive());
const positiveNumber = z
  .string()
  .regex(/^\d+(?:\.\d+)?$/)
  .transform(Number)
  .pipe(z.number().positive());

/** Every setting the bot reads, in one place. `.env.example` documents each of them. */
export const ConfigSchema = z
  .object({
    DISCORD_TOKEN: optional(z.string().min(50)),
    DISCORD_APPLICATION_ID: optional(snowflake),
    DEV_GUILD_ID: optional(snowflake),
    DISCORD_API_URL: withDefault(z.url({ protocol: /^https?$/ }), "https://discord.com/api"),
    DATABASE_URL: withDefault(z.string().regex(/^(?:file:.+|postgres(?:ql)?:\/\/.+)$/), "file:data/briefing.db"),
    STORIES_DIR: withDefault(z.string(), "data/stories"),
    UPDATE_CRON: withDefault(
      z.string().refine((v) => validateCron(v)),
      "*/10 * * * *",
    ),
    /** Updates older than this are recorded as skipped instead of being posted late. */
    UPDATE_MAX_AGE_HOURS: withDefault(positiveNumber, "24"),
    /** Off by default: a feed must not make the bot read loopback, private or cloud-metadata addresses. */
    FETCH_ALLOW_PRIVATE: withDefault(
      z.enum(["0", "1"]).transform((v) => v === "1"),
      "0",
    ),
    /** A refresh run stops fetching after this long and delivers what it has; the rest waits for the next run. */
    REFRESH_DEADLINE_SECONDS: withDefault(positiveNumber, "60"),
    /** Linked pages fetched per feed and run; the feed's other new items wait for the next run. */
    REFRESH_MAX_ITEMS: withDefault(positiveInteger, "20"),
    LOG_LEVEL: withDefault(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]), "info"),
    /** How many gateway shards the whole bot runs, across every process. */
    SHARD_COUNT: withDefault(positiveInteger, "1"),
    /** The shards this process holds; every one when unset. */
    SHARD_IDS: optional(
      z
        .string()
        .regex(/^\s*\d+(?:\s*,\s*\d+)*\s*$/)
        .transform((v) => [...new Set(v.split(",").map((id) => Number(id.trim())))].sort((a, b) => a - b)),
    ),
    /** Serves /healthz and /metrics on this port when set. */
    HTTP_PORT: optional(positiveInteger.pipe(z.number().max(65535))),
  })
  .refine((config) => (config.SHARD_IDS ?? []).every((id) => id < config.SHARD_COUNT), { path: ["SHARD_IDS"] });
export type Config = z.infer<typeof ConfigSchema>;

/** What each setting takes, said to whoever set it wrong (zod's own wording names types, not settings). */
const EXPECTS: Record<keyof Config, string> = {
  DISCORD_TOKEN: "a bot token from the Discord developer portal",
  DISCORD_APPLICATION_ID: "a Discord id (17-20 digits)",
  DEV_GUILD_ID: "a Discord id (17-20 digits)",
  DISCORD_API_URL: "an http(s) URL such as https://discord.com/api",
  DATABASE_URL: "file:<path to the SQLite database> (e.g. file:data/briefing.db) or postgres://user@host:5432/database",
  STORIES_DIR: "a folder of story files (<slug>.json)",
  UPDATE_CRON: "a cron expression (5 fields, or 6 with seconds), e.g. */10 * * * *",
  UPDATE_MAX_AGE_HOURS: "a positive number of hours, e.g. 24",
  FETCH_ALLOW_PRIVATE: "1 to allow fetching internal addresses, 0 (the default) to refuse them",
  REFRESH_DEADLINE_SECONDS: "a positive number of seconds, e.g. 60",
  REFRESH_MAX_ITEMS: "a positive whole number, e.g. 20",
  LOG_LEVEL: "one of fatal, error, warn, info, debug, trace, silent",
  SHARD_COUNT: "a positive whole number of gateway shards for the whole bot, e.g. 4",
  SHARD_IDS: "the shard ids this process holds, each below SHARD_COUNT, separated by commas, e.g. 0,1",
  HTTP_PORT: "a TCP port (1-65535) for /healthz and /metrics",
};

/** Settings whose value is never echoed, in an error message or anywhere else. */
const SECRETS: ReadonlySet<string> = new Set(["DISCORD_TOKEN"]);

/** The shards this process holds: SHARD_IDS, or every shard when it is unset. */
export const shardIds = (config: Pick<Config, "SHARD_COUNT" | "SHARD_IDS">): number[] =>
  config.SHARD_IDS ?? Array.from({ length: config.SHARD_COUNT }, (_, i) => i);

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** A URL's password, if the value is a URL that carries one (postgres://user:password@host/db). */
function urlPassword(value: string): string | null {
  try {
    return new URL(value).password || null;
  } catch {
    return null;
  }
}

/** The values no log line may show: the bot token and a database password. */
export function secretValues(config: Pick<Config, "DISCORD_TOKEN" | "DATABASE_URL">): string[] {
  const password = urlPassword(config.DATABASE_URL);
  return [config.DISCORD_TOKEN, password ? decodeURIComponent(password) : null, password].filter((v): v is string => !!v);
}

/** The value as set, for the message: quoted, cut if long, never a secret's (nor a URL's password). */
function shown(key: string, value: unknown): string {
  if (typeof value !== "string") return "";
  if (SECRETS.has(key)) return ` (got ${value.length} characters, not shown)`;
  const password = urlPassword(value);
  const visible = password ? value.replace(`:${password}@`, ":***@") : value;
  const text = visible.length > 80 ? `${visible.slice(0, 80)}…` : visible;
  return `; got ${JSON.stringify(text)}`;
}

function settingLine(key: keyof Config, value: unknown, expects: string): string {
  return `  ${key}: ${expects}${shown(key, value)}`;
}

/** A setting that parsed but does not work (a missing folder): named with what it takes and what it was. */
export function settingError(key: keyof Config, value: unknown, expects: string): ConfigError {
  return new ConfigError(`Invalid configuration:\n${settingLine(key, value, expects)}`);
}

/** A zod issue in words a person setting up the bot reads, with the offending value: not zod's type talk. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const at = issue.path.length ? `${issue.path.join(".")}: ` : "";
  const value = issue.path.reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined), input);
  const got = value === undefined ? "missing" : `got ${JSON.stringify(value)?.slice(0, 80)}`;
  const wants = (() => {
    switch (issue.code) {
      case "invalid_type":
        return `expected ${issue.expected === "array" ? "a list" : issue.expected === "object" ? "an object" : `a ${issue.expected}`}`;
      case "too_small":
        return issue.origin === "string" ? `expected at least ${issue.minimum} characters` : `expected at least ${issue.minimum}`;
      case "too_big":
        return issue.origin === "string" ? `expected at most ${issue.maximum} characters` : `expected at most ${issue.maximum}`;
      case "invalid_format":
        return issue.format === "url" ? "expected an http(s) URL" : `expected ${issue.format}`;
      case "invalid_value":
        return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
      default:
        return issue.message;
    }
  })();
  return `${at}${wants}; ${got}`;
}

/** Parses the environment once; a bad value names the variable, what it should be and what it was. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const keys = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))] as Array<keyof Config>;
  const lines = keys.map((key) => settingLine(key, env[key], EXPECTS[key]));
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

/** Where DATABASE_URL's store is, to tell a person: the SQLite file's path, or the PostgreSQL URL without its password. */
export function databasePath(config: Pick<Config, "DATABASE_URL">): string {
  if (config.DATABASE_URL.startsWith("file:")) return config.DATABASE_URL.slice("file:".length);
  const url = new URL(config.DATABASE_URL);
  if (url.password) url.password = "***";
  return url.toString();
}

/**
 * Creates the store's folder when it does not exist yet and says so: a first run needs it made, but
 * a typo in DATABASE_URL must not quietly start a new, empty store somewhere else. Null when the
 * folder was there.
 */
export function makeDatabaseFolder(config: Pick<Config, "DATABASE_URL">): string | null {
  // A PostgreSQL store has no folder.
  if (!config.DATABASE_URL.startsWith("file:")) return null;
  const folder = dirname(databasePath(config));
  if (existsSync(folder)) return null;
  mkdirSync(folder, { recursive: true });
  return `created the folder ${folder} for the store (DATABASE_URL=${config.DATABASE_URL})`;
}
