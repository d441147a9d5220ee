-- Live pages and feeds a story follows: the twin of sqlite/003.
CREATE TABLE sources (
  story            TEXT NOT NULL,
  url              TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('page', 'feed')),
  etag             TEXT,
  last_modified    TEXT,
  failures         INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT,
  next_attempt_at  TEXT,
  failing          SMALLINT NOT NULL DEFAULT 0 CHECK (failing IN (0, 1)),
  last_success_at  TEXT,
  changed_at       TEXT NOT NULL,
  PRIMARY KEY (story, url)
);
CREATE INDEX sources_failing ON sources (failing) WHERE failing = 1;
