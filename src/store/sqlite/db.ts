import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { keyHash, textKey } from "../keys.js";
import { textHash } from "../texts.js";

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
  // An ingest touches index pages all over a growing file: a 32 MB page cache (default 2 MB) keeps
  // them from being re-read, and checkpointing every 10,000 WAL pages (40 MB; default 1,000) writes
  // each hot page back to the file once for many commits. Both cut store time per article by about
  // a sixth; 10,000 rather than 4,000 pages cut bytes written per article at 50,000 articles from
  // 154 to 124 KB. Durability is the WAL's either way: a checkpoint only copies committed pages.
  db.pragma("cache_size = -32768");
  if (!inMemory) db.pragma("wal_autocheckpoint = 10000");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // Migrations 005, 009 and 011 backfill keys and hashes with the same functions ingest uses.
  db.function("text_key_hash", { deterministic: true }, (key) => keyHash(String(key)));
  db.function("text_key", { deterministic: true }, (text) => textKey(String(text)));
  db.function("text_hash", { deterministic: true }, (text) => textHash(String(text)));
  return db;
}
