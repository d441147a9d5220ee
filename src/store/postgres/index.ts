import type { Store } from "../store.js";
import { EXTRACTION_VERSION } from "../../extract/version.js";
import { articleWriter } from "./articles.js";
import { briefingReader } from "./briefing-reads.js";
import { createPool } from "./db.js";
import { deliveryStore } from "./deliveries.js";
import { migrate } from "./migrate.js";
import { sourceStore } from "./sources.js";
import { fillPendingActors } from "./story-actors.js";
import { storyReader } from "./story-reads.js";
import { subscriptionStore } from "./subscriptions.js";
import { workerSession } from "./worker-session.js";

/**
 * Opens the PostgreSQL store `url` names (a `postgres://` URL) and brings its schema up to date;
 * articles are stored as read by `extractionVersion`, this code's unless a test plays another bot.
 */
export async function openPostgresStore(url: string, extractionVersion = EXTRACTION_VERSION): Promise<Store> {
  const pool = createPool(url);
  try {
    await migrate(pool);
    await fillPendingActors(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const now = () => new Date();
  const worker = workerSession(url);
  const version = async () => String((await pool.query<{ n: number }>("SELECT n FROM store_version")).rows[0]?.n ?? 0);
  return {
    ...articleWriter(pool, now, extractionVersion),
    version,
    ...storyReader(pool),
    ...briefingReader(pool, version),
    ...subscriptionStore(pool, now),
    ...deliveryStore(pool, now, worker),
    ...sourceStore(pool, now, extractionVersion),
    tryLead: () => worker.tryLead(),
    async ping() {
      try {
        await pool.query("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await worker.close();
      await pool.end();
    },
  };
}
