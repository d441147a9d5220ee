-- Live pages and feeds a story follows: what the last successful read returned (validators for a
-- conditional request) and how it has been failing, so a dead source is backed off and reported.
CREATE TABLE sources (
  story            TEXT NOT NULL,
  url              TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('page', 'feed')),
  -- Saved only after what the response held was stored: a 304 must never hide an unstored version.
  etag             TEXT,
  last_modified    TEXT,
  failures         INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT,
  next_attempt_at  TEXT,
  failing          INTEGER NOT NULL DEFAULT 0 CHECK (failing IN (0, 1)),
  last_success_at  TEXT,
  changed_at       TEXT NOT NULL,
  PRIMARY KEY (story, url)
);
CREATE INDEX sources_failing ON sources (failing) WHERE failing = 1;
