import type { Db } from "./db.js";
import { groupBySubscription, parseUpdate, type OpenRow, type UpdateRecord } from "../delivery-rows.js";
import type { DeliveryRow, DeliveryStatus, OpenSubscription } from "../store.js";
import type { Update } from "../updates.js";

/** Who claims deliveries here: a process of this machine, by its id, alive while the system says so. */
export interface Claimant {
  id: number;
  isAlive(id: number): boolean;
}

export const thisProcess: Claimant = {
  id: process.pid,
  isAlive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: it exists but belongs to someone else.
      return (error as NodeJS.ErrnoException).code === "EPERM";
    }
  },
};

/**
 * The delivery queue: one row per (subscription, update), moved pending → sending → sent (or
 * skipped/failed with a reason). Each step is its own committed transaction, so a crash leaves
 * every row in a state the next run can finish from.
 */
export function deliveryStore(db: Db, now: () => Date, claimant: Claimant) {
  const enqueue = db.prepare<[string]>(
    `INSERT OR IGNORE INTO deliveries (subscription_id, update_id, status, created_at)
     SELECT s.id, u.id, 'pending', ? FROM subscriptions s JOIN updates u ON u.story = s.story AND u.id > s.enqueued_through
     WHERE s.status = 'active'`,
  );
  const advance = db.prepare(
    `UPDATE subscriptions SET enqueued_through = (SELECT MAX(u.id) FROM updates u WHERE u.story = subscriptions.story)
     WHERE status = 'active' AND EXISTS (SELECT 1 FROM updates u WHERE u.story = subscriptions.story AND u.id > enqueued_through)`,
  );
  const open = db.prepare<[], OpenRow & { claimedBy: number | null }>(
    `SELECT s.id AS subscriptionId, s.guild_id AS guildId, s.channel_id AS channelId, s.story, s.only,
       d.id, d.update_id AS updateId, d.status, d.batch, d.nonce, d.attempts, d.claimed_by AS claimedBy
     FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
     WHERE d.status IN ('pending', 'sending') AND s.status = 'active'
     ORDER BY s.id, d.update_id`,
  );
  const holdBy = db.prepare<[number, number]>("UPDATE deliveries SET claimed_by = ? WHERE id = ?");
  const release = db.prepare<[number]>("UPDATE deliveries SET claimed_by = NULL WHERE claimed_by = ? AND status IN ('pending', 'sending')");
  const updateById = db.prepare<[number], UpdateRecord>(
    `SELECT id, story, article_id AS articleId, article_title AS articleTitle, article_url AS articleUrl, created_at AS createdAt,
       payload FROM updates WHERE id = ?`,
  );
  const setBatch = db.prepare<[number, string, number]>(
    "UPDATE deliveries SET status = 'sending', batch = ?, nonce = ?, attempts = attempts + 1 WHERE id = ? AND status IN ('pending', 'sending')",
  );
  const attempt = db.prepare<[number]>("UPDATE deliveries SET attempts = attempts + 1 WHERE id = ?");
  const sent = db.prepare<[string, string, number]>("UPDATE deliveries SET status = 'sent', message_id = ?, reason = NULL, decided_at = ? WHERE id = ?");
  const decide = db.prepare<[DeliveryStatus, string, string, number]>(
    "UPDATE deliveries SET status = ?, reason = ?, decided_at = ? WHERE id = ? AND status IN ('pending', 'sending')",
  );
  const list = db.prepare<[string | null, string | null, string | null, string | null], DeliveryRow>(
    `SELECT d.id, d.subscription_id AS subscriptionId, d.update_id AS updateId, s.guild_id AS guildId, s.channel_id AS channelId,
       s.story, d.status, d.batch, d.nonce, d.message_id AS messageId, d.attempts, d.reason, d.created_at AS createdAt,
       d.decided_at AS decidedAt
     FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
     WHERE (? IS NULL OR s.story = ?) AND (? IS NULL OR d.status = ?)
     ORDER BY d.id DESC`,
  );

  // Open deliveries nobody holds, or whose holder's process is gone, become this process's.
  const claim = db.transaction(() => {
    const mine = open.all().filter((row) => row.claimedBy === null || row.claimedBy === claimant.id || !claimant.isAlive(row.claimedBy));
    for (const row of mine) if (row.claimedBy !== claimant.id) holdBy.run(claimant.id, row.id);
    return groupBySubscription(mine);
  });
  const enqueueAll = db.transaction((at: string) => {
    const created = enqueue.run(at).changes;
    advance.run();
    return created;
  });
  const each = <A extends unknown[]>(run: (id: number, ...rest: A) => unknown) =>
    db.transaction((ids: readonly number[], ...rest: A) => {
      for (const id of ids) run(id, ...rest);
    });
  const startBatch = each((id: number, batch: number, nonce: string) => setBatch.run(batch, nonce, id));
  const countAttempt = each((id: number) => attempt.run(id));
  const markSent = each((id: number, messageId: string, at: string) => sent.run(messageId, at, id));
  const markDecided = each((id: number, status: DeliveryStatus, reason: string, at: string) => decide.run(status, reason, at, id));

  return {
    enqueueDeliveries: () => enqueueAll.immediate(now().toISOString()),
    claim: (): OpenSubscription[] => claim.immediate(),
    releaseClaims: () => {
      release.run(claimant.id);
    },
    updatesById: (ids: readonly number[]): Update[] =>
      [...new Set(ids)]
        .sort((a, b) => a - b)
        .flatMap((id) => {
          const row = updateById.get(id);
          return row ? [parseUpdate(row)] : [];
        }),
    startBatch(ids: readonly number[], nonce: string) {
      if (ids.length === 0) return;
      startBatch.immediate(ids, Math.min(...ids), nonce);
    },
    countAttempt: (ids: readonly number[]) => countAttempt.immediate(ids),
    markSent: (ids: readonly number[], messageId: string) => markSent.immediate(ids, messageId, now().toISOString()),
    markSkipped: (ids: readonly number[], reason: string) => markDecided.immediate(ids, "skipped", reason, now().toISOString()),
    markFailed: (ids: readonly number[], reason: string) => markDecided.immediate(ids, "failed", reason, now().toISOString()),
    deliveries: (filter: { story?: string; status?: DeliveryStatus } = {}) =>
      list.all(filter.story ?? null, filter.story ?? null, filter.status ?? null, filter.status ?? null),
  };
}
