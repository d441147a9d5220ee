import { z } from "zod";
import { validate as validateCron } from "node-cron";

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

const snowflake = z.string().regex(/^\d{17,20}$/, "a Discord id (17-20 digits)");

/** Every setting the bot reads, in one place. `.env.example` documents each of them. */
export const ConfigSchema = z.object({
  DISCORD_TOKEN: optional(z.string().min(50, "a bot token from the Discord developer portal")),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DEV_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: "an http(s) URL such as https://discord.com/api" }).default("https://discord.com/api"),
  ),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^file:.+/, "file:<path to the SQLite database>, e.g. file:data/briefing.db")
      .default("file:data/briefing.db"),
  ),
  STORIES_DIR: z.preprocess(emptyAsUndefined, z.string().default("data/stories")),
  UPDATE_CRON: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => validateCron(v), "a cron expression (5 fields, or 6 with seconds), e.g. */10 * * * *")
      .default("*/10 * * * *"),
  ),
  /** Updates older than this are recorded as skipped instead of being posted late. */
  UPDATE_MAX_AGE_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().default(24)),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses the environment once; a bad value names the variable and what it should be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

/** The SQLite file a `file:` DATABASE_URL names. */
export function databasePath(config: Pick<Config, "DATABASE_URL">): string {
  return config.DATABASE_URL.slice("file:".length);
}
