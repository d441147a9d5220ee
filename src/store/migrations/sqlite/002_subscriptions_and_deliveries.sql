-- Channel subscriptions and the fate of every scheduled post. A delivery is one (subscription,
-- update) pair, unique, so enqueuing twice cannot post twice; the updates of one message share a
-- batch and a nonce, written before the send, so a resend after a crash carries the same nonce and
-- Discord answers with the message it already created.

CREATE TABLE subscriptions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  guild_id        TEXT NOT NULL,
  channel_id      TEXT NOT NULL,
  story           TEXT NOT NULL,
  only            TEXT NOT NULL CHECK (only IN ('all', 'casualties', 'reactions', 'videos')),
  status          TEXT NOT NULL CHECK (status IN ('active', 'disabled', 'unsubscribed')),
  -- Why a subscription stopped (Discord error, bot removed, channel deleted), for /subscriptions.
  reason          TEXT,
  created_by      TEXT,
  created_at      TEXT NOT NULL,
  changed_at      TEXT NOT NULL,
  -- Updates up to this id were covered by the briefing posted on subscribing, or already enqueued.
  enqueued_through INTEGER NOT NULL DEFAULT 0,
  UNIQUE (channel_id, story)
);
CREATE INDEX subscriptions_by_guild ON subscriptions (guild_id);
CREATE INDEX subscriptions_by_story ON subscriptions (story, status);

CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  update_id       INTEGER NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed')),
  -- The first delivery id of the message this one went (or goes) out in.
  batch           INTEGER,
  nonce           TEXT,
  message_id      TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  -- Why it was skipped or failed, in words an operator can act on.
  reason          TEXT,
  created_at      TEXT NOT NULL,
  decided_at      TEXT,
  UNIQUE (subscription_id, update_id)
);
CREATE INDEX deliveries_open ON deliveries (status, subscription_id) WHERE status IN ('pending', 'sending');
CREATE INDEX deliveries_by_update ON deliveries (update_id);
