import type { SubscribeInput, SubscriptionRow, SubscriptionTarget } from "../store.js";
import { LockClass, inTransaction, lockInSchema, type Client, type Pool } from "./db.js";

const subscriptionColumns = `s.id, s.guild_id AS "guildId", s.channel_id AS "channelId", s.story, s."only", s.status, s.reason,
  s.created_at AS "createdAt", s.changed_at AS "changedAt",
  (SELECT MAX(d.decided_at) FROM deliveries d WHERE d.subscription_id = s.id AND d.status = 'sent') AS "lastPostAt",
  (SELECT d.message_id FROM deliveries d WHERE d.subscription_id = s.id AND d.status = 'sent'
     ORDER BY d.decided_at DESC, d.id DESC LIMIT 1) AS "lastMessageId",
  (SELECT COUNT(*) FROM deliveries d WHERE d.subscription_id = s.id AND d.status IN ('pending', 'sending')) AS open`;

/** Subscriptions on PostgreSQL; a channel's changes take turns on an advisory lock, as SQLite's writes do. */
export function subscriptionStore(pool: Pool, now: () => Date) {
  const byChannelStory = async (client: Client, channelId: string, story: string) =>
    (await client.query<SubscriptionRow>(`SELECT ${subscriptionColumns} FROM subscriptions s WHERE s.channel_id = $1 AND s.story = $2`, [channelId, story]))
      .rows[0];
  const lockChannel = (client: Client, channelId: string) => lockInSchema(client, LockClass.subscription, channelId);
  const closeOpen = (client: Client, id: number, status: "skipped" | "failed", reason: string, at: string) =>
    client.query("UPDATE deliveries SET status = $1, reason = $2, decided_at = $3 WHERE subscription_id = $4 AND status IN ('pending', 'sending')", [
      status,
      reason,
      at,
      id,
    ]);

  return {
    subscribe: (input: SubscribeInput) =>
      inTransaction(pool, async (client) => {
        await lockChannel(client, input.channelId);
        const at = now().toISOString();
        const existing = await byChannelStory(client, input.channelId, input.story);
        const latest = await client.query<{ id: number | null }>("SELECT MAX(id) AS id FROM updates WHERE story = $1", [input.story]);
        const through = latest.rows[0]?.id ?? 0;
        if (!existing) {
          await client.query(
            `INSERT INTO subscriptions (guild_id, channel_id, story, "only", status, created_by, created_at, changed_at, enqueued_through)
             VALUES ($1, $2, $3, $4, 'active', $5, $6, $6, $7)`,
            [input.guildId, input.channelId, input.story, input.only, input.createdBy, at, through],
          );
        } else if (existing.status === "active") {
          await client.query('UPDATE subscriptions SET "only" = $1, changed_at = $2 WHERE id = $3', [input.only, at, existing.id]);
        } else {
          await client.query(
            `UPDATE subscriptions SET guild_id = $1, "only" = $2, status = 'active', reason = NULL, created_by = $3, changed_at = $4,
               enqueued_through = $5 WHERE id = $6`,
            [input.guildId, input.only, input.createdBy, at, through, existing.id],
          );
        }
        const subscription = await byChannelStory(client, input.channelId, input.story);
        if (!subscription) throw new Error("subscription vanished inside its own transaction");
        return { subscription, previous: existing?.status ?? null };
      }),

    unsubscribe: (channelId: string, story?: string) =>
      inTransaction(pool, async (client) => {
        await lockChannel(client, channelId);
        const at = now().toISOString();
        const { rows } = await client.query<SubscriptionRow>(
          `SELECT ${subscriptionColumns} FROM subscriptions s WHERE s.channel_id = $1 AND s.status = 'active' AND ($2::text IS NULL OR s.story = $2)`,
          [channelId, story ?? null],
        );
        for (const row of rows) {
          await client.query("UPDATE subscriptions SET status = 'unsubscribed', reason = NULL, changed_at = $1 WHERE id = $2", [at, row.id]);
          await closeOpen(client, row.id, "skipped", "unsubscribed before it was posted", at);
        }
        return rows.map((row) => ({ ...row, status: "unsubscribed" as const, open: 0 }));
      }),

    async subscriptions(guildId?: string): Promise<SubscriptionRow[]> {
      const { rows } = await pool.query<SubscriptionRow>(
        `SELECT ${subscriptionColumns} FROM subscriptions s WHERE ($1::text IS NULL OR s.guild_id = $1)
         ORDER BY CASE s.status WHEN 'active' THEN 0 WHEN 'disabled' THEN 1 ELSE 2 END, s.story COLLATE "C", s.channel_id COLLATE "C"`,
        [guildId ?? null],
      );
      return rows;
    },

    disableSubscriptions: (target: SubscriptionTarget, reason: string) =>
      inTransaction(pool, async (client) => {
        const at = now().toISOString();
        const [column, value] = "id" in target ? ["id", target.id] : "guildId" in target ? ["guild_id", target.guildId] : ["channel_id", target.channelId];
        const { rows } = await client.query<{ id: number }>(
          `UPDATE subscriptions SET status = 'disabled', reason = $1, changed_at = $2 WHERE ${column} = $3 AND status = 'active' RETURNING id`,
          [reason, at, value],
        );
        for (const { id } of rows) await closeOpen(client, id, "failed", `subscription disabled: ${reason}`, at);
        return rows.length;
      }),
  };
}
