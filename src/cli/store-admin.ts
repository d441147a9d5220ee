import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { copySqliteToPostgres } from "../store/copy-store.js";
import { isPostgresUrl, migrateStore } from "../store/index.js";
import { UsageError } from "./usage-error.js";

/** `migrate`: brings DATABASE_URL's schema up to date (the bot does it at start too) and says what it applied. */
export async function runMigrate(args: string[]): Promise<{ stdout: string; exitCode: number }> {
  parseArgs({ args, options: {}, allowPositionals: false });
  const { applied, version } = await migrateStore(loadConfig().DATABASE_URL);
  const done = applied.length ? `applied ${applied.map((v) => String(v).padStart(3, "0")).join(", ")}; ` : "nothing to apply; ";
  return { stdout: `${done}schema version ${version}`, exitCode: 0 };
}

/**
 * `copy-store --from file:… --to postgres://…`: moves an install's SQLite store into an empty
 * PostgreSQL database in one transaction; on any failure the target is left as it was.
 */
export async function runCopyStore(args: string[]): Promise<{ stdout: string; exitCode: number }> {
  const { values } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" } }, allowPositionals: false });
  const usage = "usage: cli copy-store --from file:<sqlite path> --to postgres://<user>@<host>/<database>";
  if (!values.from?.startsWith("file:") || values.from.length <= "file:".length) throw new UsageError(`--from must be a file: URL\n${usage}`);
  if (!values.to || !isPostgresUrl(values.to)) throw new UsageError(`--to must be a postgres:// URL\n${usage}`);
  const report = await copySqliteToPostgres(values.from.slice("file:".length), values.to);
  const total = report.tables.reduce((n, t) => n + t.rows, 0);
  return {
    stdout: [...report.tables.map((t) => `${t.table.padEnd(15)} ${t.rows}`), `copied ${total} rows in one transaction`].join("\n"),
    exitCode: 0,
  };
}
