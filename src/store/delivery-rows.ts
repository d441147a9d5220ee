import type { OpenSubscription } from "./store.js";
import { Update } from "./updates.js";

/** An update as stored: its lists are JSON text, checked against the schema when read. */
export interface UpdateRecord {
  id: number;
  story: string;
  articleId: string;
  articleTitle: string;
  articleUrl: string | null;
  createdAt: string;
  payload: string;
}

export function parseUpdate({ payload, ...rest }: UpdateRecord): Update {
  return Update.parse({ ...rest, ...(JSON.parse(payload) as object) });
}

/** One open delivery with its subscription, as both backends read them (subscription, then update order). */
export interface OpenRow {
  subscriptionId: number;
  guildId: string;
  channelId: string;
  story: string;
  only: OpenSubscription["subscription"]["only"];
  id: number;
  updateId: number;
  status: "pending" | "sending";
  batch: number | null;
  nonce: string | null;
  attempts: number;
}

export function groupBySubscription(rows: readonly OpenRow[]): OpenSubscription[] {
  const grouped = new Map<number, OpenSubscription>();
  for (const row of rows) {
    let entry = grouped.get(row.subscriptionId);
    if (!entry) {
      entry = {
        subscription: { id: row.subscriptionId, guildId: row.guildId, channelId: row.channelId, story: row.story, only: row.only },
        deliveries: [],
      };
      grouped.set(row.subscriptionId, entry);
    }
    entry.deliveries.push({ id: row.id, updateId: row.updateId, status: row.status, batch: row.batch, nonce: row.nonce, attempts: row.attempts });
  }
  return [...grouped.values()];
}
