import type { Db } from "./db.js";
import type { SubscribeInput, SubscriptionRow, SubscriptionStatus, SubscriptionTarget } from "../store.js";

const subscriptionColumns = `s.id, s.guild_id AS guildId, s.channel_id AS channelId, s.story, s.only, s.status, s.reason,
  s.created_at AS createdAt, s.changed_at AS changedAt,
  (SELECT MAX(d.decided_at) FROM deliveries d WHERE d.subscription_id = s.id AND d.status = 'sent') AS lastPostAt,
  (SELECT d.message_id FROM deliveries d WHERE d.subscription_id = s.id AND d.status = 'sent'
     ORDER BY d.decided_at DESC, d.id DESC LIMIT 1) AS lastMessageId,
  (SELECT COUNT(*) FROM deliveries d WHERE d.subscription_id = s.id AND d.status IN ('pending', 'sending')) AS open`;

/** Subscriptions: who gets which story where, and why one stopped. Prepared once per connection. */
export function subscriptionStore(db: Db, now: () => Date) {
  const byChannelStory = db.prepare<[string, string], SubscriptionRow>(
    `SELECT ${subscriptionColumns} FROM subscriptions s WHERE s.channel_id = ? AND s.story = ?`,
  );
  const latestUpdate = db.prepare<[string], { id: number | null }>("SELECT MAX(id) AS id FROM updates WHERE story = ?");
  const insert = db.prepare(
    `INSERT INTO subscriptions (guild_id, channel_id, story, only, status, created_by, created_at, changed_at, enqueued_through)
     VALUES (@guildId, @channelId, @story, @only, 'active', @createdBy, @now, @now, @through)`,
  );
  const reactivate = db.prepare(
    `UPDATE subscriptions SET guild_id = @guildId, only = @only, status = 'active', reason = NULL, created_by = @createdBy,
       changed_at = @now, enqueued_through = @through
     WHERE channel_id = @channelId AND story = @story`,
  );
  const changeFilter = db.prepare("UPDATE subscriptions SET only = @only, changed_at = @now WHERE channel_id = @channelId AND story = @story");
  const ofChannel = db.prepare<[string, string | null, string | null], SubscriptionRow>(
    `SELECT ${subscriptionColumns} FROM subscriptions s
     WHERE s.channel_id = ? AND s.status = 'active' AND (? IS NULL OR s.story = ?)`,
  );
  const setStatus = db.prepare<[SubscriptionStatus, string | null, string, number]>(
    "UPDATE subscriptions SET status = ?, reason = ?, changed_at = ? WHERE id = ?",
  );
  const closeOpen = db.prepare<[string, string, string, number]>(
    `UPDATE deliveries SET status = ?, reason = ?, decided_at = ?
     WHERE subscription_id = ? AND status IN ('pending', 'sending')`,
  );
  const all = db.prepare<[string | null, string | null], SubscriptionRow>(
    `SELECT ${subscriptionColumns} FROM subscriptions s WHERE (? IS NULL OR s.guild_id = ?)
     ORDER BY CASE s.status WHEN 'active' THEN 0 WHEN 'disabled' THEN 1 ELSE 2 END, s.story, s.channel_id`,
  );
  const activeIds = {
    id: db.prepare<[number], { id: number }>("SELECT id FROM subscriptions WHERE id = ? AND status = 'active'"),
    guildId: db.prepare<[string], { id: number }>("SELECT id FROM subscriptions WHERE guild_id = ? AND status = 'active'"),
    channelId: db.prepare<[string], { id: number }>("SELECT id FROM subscriptions WHERE channel_id = ? AND status = 'active'"),
  };

  const subscribe = db.transaction((input: SubscribeInput) => {
    const at = now().toISOString();
    const existing = byChannelStory.get(input.channelId, input.story);
    const through = latestUpdate.get(input.story)?.id ?? 0;
    const params = { ...input, now: at, through };
    if (!existing) insert.run(params);
    else if (existing.status === "active") changeFilter.run(params);
    else reactivate.run(params);
    const subscription = byChannelStory.get(input.channelId, input.story);
    if (!subscription) throw new Error("subscription vanished inside its own transaction");
    return { subscription, previous: existing?.status ?? null };
  });

  const unsubscribe = db.transaction((channelId: string, story?: string) => {
    const at = now().toISOString();
    const rows = ofChannel.all(channelId, story ?? null, story ?? null);
    for (const row of rows) {
      setStatus.run("unsubscribed", null, at, row.id);
      closeOpen.run("skipped", "unsubscribed before it was posted", at, row.id);
    }
    return rows.map((row) => ({ ...row, status: "unsubscribed" as const, open: 0 }));
  });

  const disable = db.transaction((target: SubscriptionTarget, reason: string) => {
    const at = now().toISOString();
    const ids =
      "id" in target ? activeIds.id.all(target.id) : "guildId" in target ? activeIds.guildId.all(target.guildId) : activeIds.channelId.all(target.channelId);
    for (const { id } of ids) {
      setStatus.run("disabled", reason, at, id);
      closeOpen.run("failed", `subscription disabled: ${reason}`, at, id);
    }
    return ids.length;
  });

  return {
    subscribe: (input: SubscribeInput) => subscribe.immediate(input),
    unsubscribe: (channelId: string, story?: string) => unsubscribe.immediate(channelId, story),
    subscriptions: (guildId?: string) => all.all(guildId ?? null, guildId ?? null),
    disableSubscriptions: (target: SubscriptionTarget, reason: string) => disable.immediate(target, reason),
  };
}
