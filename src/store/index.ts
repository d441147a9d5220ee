import { articleWriter } from "./articles.js";
import { briefingReader } from "./briefing-reads.js";
import { openDatabase } from "./db.js";
import { deliveryStore } from "./deliveries.js";
import { migrate } from "./migrate.js";
import { storyReader } from "./queries.js";
import { sourceStore } from "./sources.js";
import type { Store } from "./store.js";
import { subscriptionStore } from "./subscriptions.js";

export type * from "./store.js";
export { SUBSCRIPTION_FILTERS } from "./store.js";
export { Update, UpdateContent, FigureChange, PreviousFigure } from "./updates.js";

/**
 * Opens (creating if needed) the SQLite store at `path`, or an in-memory one for ":memory:", and
 * brings its schema up to date.
 */
export function openStore(path: string): Store {
  const db = openDatabase(path);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const now = () => new Date();
  const writer = articleWriter(db, now);
  // PRAGMA data_version moves when another connection (a CLI ingest, another process) commits;
  // this connection's own article writes are counted here.
  const dataVersion = db.prepare<[], number>("PRAGMA data_version").pluck();
  let ownWrites = 0;
  const version = () => `${ownWrites}:${dataVersion.get()}`;
  return {
    ...writer,
    ingest(story, article, extraction) {
      const result = writer.ingest(story, article, extraction);
      if (result.status !== "unchanged") ownWrites++;
      return result;
    },
    version,
    ...storyReader(db),
    ...briefingReader(db, version),
    ...subscriptionStore(db, now),
    ...deliveryStore(db, now),
    ...sourceStore(db, now),
    close: () => db.close(),
  };
}
