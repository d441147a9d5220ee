import { articleWriter } from "./articles.js";
import { openDatabase } from "./db.js";
import { migrate } from "./migrate.js";
import { storyReader } from "./queries.js";
import type { Store } from "./store.js";

export type * from "./store.js";
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
  const writer = articleWriter(db, () => new Date());
  return {
    ...writer,
    ...storyReader(db),
    close: () => db.close(),
  };
}
