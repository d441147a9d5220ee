import type { Store } from "../store.js";
import { articleWriter } from "./articles.js";
import { briefingReader } from "./briefing-reads.js";
import { openDatabase } from "./db.js";
import { EXTRACTION_VERSION } from "../../extract/version.js";
import { deliveryStore, thisProcess, type Claimant } from "./deliveries.js";
import { migrate } from "./migrate.js";
import { sourceStore } from "./sources.js";
import { storyActorRows } from "./story-actors.js";
import { storyReader } from "./story-reads.js";
import { subscriptionStore } from "./subscriptions.js";

/** The same methods, answering through promises: the shape every backend's store has. */
type Promised<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

function promised<T extends Record<string, (...args: never[]) => unknown>>(methods: T): Promised<T> {
  return Object.fromEntries(Object.entries(methods).map(([name, method]) => [name, async (...args: never[]) => method(...args)])) as Promised<T>;
}

/**
 * Opens (creating if needed) the SQLite store at `path`, or an in-memory one for ":memory:", and
 * brings its schema up to date. Deliveries are claimed for `claimant`, this process unless a test
 * plays another one; articles are stored as read by `extractionVersion`, this code's unless a test
 * plays an older or newer bot.
 */
export function openSqliteStore(path: string, claimant: Claimant = thisProcess, extractionVersion = EXTRACTION_VERSION): Store {
  const db = openDatabase(path);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const now = () => new Date();
  const storyActors = storyActorRows(db);
  storyActors.fillPending();
  const writer = articleWriter(db, now, storyActors, extractionVersion);
  // PRAGMA data_version moves when another connection (a CLI ingest, another process) commits;
  // this connection's own article writes are counted here.
  const dataVersion = db.prepare<[], number>("PRAGMA data_version").pluck();
  let ownWrites = 0;
  const version = () => `${ownWrites}:${dataVersion.get()}`;
  // better-sqlite3 answers synchronously; each call still runs whole before the promise settles,
  // so a transaction never interleaves with another caller's.
  return promised({
    ...writer,
    ingest(...args: Parameters<typeof writer.ingest>) {
      const result = writer.ingest(...args);
      if (result.status !== "unchanged") ownWrites++;
      return result;
    },
    ingestBatch(...args: Parameters<typeof writer.ingestBatch>) {
      const results = writer.ingestBatch(...args);
      ownWrites++;
      return results;
    },
    async settleActors(story: string) {
      await writer.settleActors(story);
      ownWrites++;
    },
    version,
    ...storyReader(db, extractionVersion),
    ...briefingReader(db, version, storyActors),
    ...subscriptionStore(db, now),
    ...deliveryStore(db, now, claimant),
    ...sourceStore(db, now, extractionVersion),
    // A SQLite file belongs to one machine and one bot process; claims still keep a second one
    // that opens it by mistake from sending a delivery twice.
    tryLead: () => true,
    ping: () => db.prepare("SELECT 1").get() !== undefined,
    close: () => {
      db.close();
    },
  });
}
