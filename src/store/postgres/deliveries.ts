import { groupBySubscription, parseUpdate, type OpenRow, type UpdateRecord } from "../delivery-rows.js";
import type { DeliveryRow, DeliveryStatus, OpenSubscription } from "../store.js";
import type { Update } from "../updates.js";
import { LockClass, inTransaction, type Pool } from "./db.js";
import type { WorkerSession } from "./worker-session.js";

/**
 * The delivery queue on PostgreSQL. Each step is one committed statement, as on SQLite. Claims:
 * a delivery is taken with SELECT … FOR UPDATE SKIP LOCKED (two claims at once never take one row)
 * and marked with this process's worker key; the mark counts while the key's advisory lock is held,
 * that is while the process that made it lives.
 */
export function deliveryStore(pool: Pool, now: () => Date, worker: WorkerSession) {
  const openColumns = `s.id AS "subscriptionId", s.guild_id AS "guildId", s.channel_id AS "channelId", s.story, s."only",
    d.id, d.update_id AS "updateId", d.status, d.batch, d.nonce, d.attempts`;

  return {
    async enqueueDeliveries(): Promise<number> {
      // One statement, one snapshot: the deliveries created and the high-water mark advanced cover
      // exactly the same updates, whatever commits meanwhile.
      const { rows } = await pool.query<{ created: number }>(
        `WITH target AS (
           SELECT s.id, s.story, s.enqueued_through, (SELECT MAX(u.id) FROM updates u WHERE u.story = s.story) AS through
           FROM subscriptions s WHERE s.status = 'active'
         ),
         created AS (
           INSERT INTO deliveries (subscription_id, update_id, status, created_at)
           SELECT t.id, u.id, 'pending', $1 FROM target t JOIN updates u ON u.story = t.story AND u.id > t.enqueued_through AND u.id <= t.through
           ON CONFLICT DO NOTHING RETURNING 1
         ),
         advanced AS (
           UPDATE subscriptions s SET enqueued_through = t.through FROM target t
           WHERE s.id = t.id AND t.through > s.enqueued_through AND s.status = 'active'
         )
         SELECT COUNT(*) AS created FROM created`,
        [now().toISOString()],
      );
      return rows[0]?.created ?? 0;
    },

    async claim(): Promise<OpenSubscription[]> {
      const me = await worker.key();
      return inTransaction(pool, async (client) => {
        await client.query(
          `WITH live AS (
             SELECT objid::bigint AS key FROM pg_locks
             WHERE locktype = 'advisory' AND classid = $2 AND objsubid = 2 AND granted
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
           ),
           free AS (
             SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
             WHERE d.status IN ('pending', 'sending') AND s.status = 'active'
               AND (d.claimed_by IS NULL OR d.claimed_by = $1 OR d.claimed_by NOT IN (SELECT key FROM live))
             FOR UPDATE OF d SKIP LOCKED
           )
           UPDATE deliveries d SET claimed_by = $1 FROM free WHERE d.id = free.id AND d.claimed_by IS DISTINCT FROM $1`,
          [me, LockClass.worker],
        );
        const { rows } = await client.query<OpenRow>(
          `SELECT ${openColumns} FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
           WHERE d.claimed_by = $1 AND d.status IN ('pending', 'sending') AND s.status = 'active'
           ORDER BY s.id, d.update_id`,
          [me],
        );
        return groupBySubscription(rows);
      });
    },

    async releaseClaims(): Promise<void> {
      await pool.query("UPDATE deliveries SET claimed_by = NULL WHERE claimed_by = $1 AND status IN ('pending', 'sending')", [await worker.key()]);
    },

    async updatesById(ids: readonly number[]): Promise<Update[]> {
      const { rows } = await pool.query<UpdateRecord>(
        `SELECT id, story, article_id AS "articleId", article_title AS "articleTitle", article_url AS "articleUrl", created_at AS "createdAt",
           payload FROM updates WHERE id = ANY($1::bigint[]) ORDER BY id`,
        [[...new Set(ids)]],
      );
      return rows.map(parseUpdate);
    },

    async startBatch(ids: readonly number[], nonce: string): Promise<void> {
      if (ids.length === 0) return;
      await pool.query(
        "UPDATE deliveries SET status = 'sending', batch = $1, nonce = $2, attempts = attempts + 1 WHERE id = ANY($3::bigint[]) AND status IN ('pending', 'sending')",
        [Math.min(...ids), nonce, ids],
      );
    },
    async countAttempt(ids: readonly number[]): Promise<void> {
      await pool.query("UPDATE deliveries SET attempts = attempts + 1 WHERE id = ANY($1::bigint[])", [ids]);
    },
    async markSent(ids: readonly number[], messageId: string): Promise<void> {
      await pool.query("UPDATE deliveries SET status = 'sent', message_id = $1, reason = NULL, decided_at = $2 WHERE id = ANY($3::bigint[])", [
        messageId,
        now().toISOString(),
        ids,
      ]);
    },
    markSkipped: (ids: readonly number[], reason: string) => decide(pool, ids, "skipped", reason, now()),
    markFailed: (ids: readonly number[], reason: string) => decide(pool, ids, "failed", reason, now()),

    async deliveries(filter: { story?: string; status?: DeliveryStatus } = {}): Promise<DeliveryRow[]> {
      const { rows } = await pool.query<DeliveryRow>(
        `SELECT d.id, d.subscription_id AS "subscriptionId", d.update_id AS "updateId", s.guild_id AS "guildId", s.channel_id AS "channelId",
           s.story, d.status, d.batch, d.nonce, d.message_id AS "messageId", d.attempts, d.reason, d.created_at AS "createdAt",
           d.decided_at AS "decidedAt"
         FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
         WHERE ($1::text IS NULL OR s.story = $1) AND ($2::text IS NULL OR d.status = $2)
         ORDER BY d.id DESC`,
        [filter.story ?? null, filter.status ?? null],
      );
      return rows;
    },
  };
}

async function decide(pool: Pool, ids: readonly number[], status: DeliveryStatus, reason: string, at: Date): Promise<void> {
  await pool.query("UPDATE deliveries SET status = $1, reason = $2, decided_at = $3 WHERE id = ANY($4::bigint[]) AND status IN ('pending', 'sending')", [
    status,
    reason,
    at.toISOString(),
    ids,
  ]);
}
