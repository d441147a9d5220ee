import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/**
 * Opens the SQLite file (creating its folder) with the settings every connection needs: WAL so
 * command reads never wait for an ingest, foreign keys so a fact cannot point at a missing
 * sentence, and a busy timeout so a second process (the CLI next to the bot) waits instead of failing.
 */
export function openDatabase(path: string): Db {
  const inMemory = path === ":memory:" || path === "";
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (!inMemory) db.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commit.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return db;
}
