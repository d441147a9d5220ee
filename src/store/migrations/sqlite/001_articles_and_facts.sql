-- Articles and the facts extracted from them. Every fact row belongs to one article version and
-- points at the sentence it came from, so an updated article's facts are replaced as a whole and
-- a bad sentence pointer is refused by the database instead of being stored.

CREATE TABLE articles (
  pk            INTEGER PRIMARY KEY,
  story         TEXT NOT NULL,
  id            TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  title         TEXT NOT NULL,
  as_of         TEXT,
  -- as_of as epoch milliseconds: ISO strings with different offsets do not sort as text.
  as_of_ms      INTEGER,
  url           TEXT,
  outlet        TEXT,
  language      TEXT NOT NULL,
  origin        TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (story, id)
);
CREATE INDEX articles_by_id ON articles (id);

CREATE TABLE sentences (
  article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
  idx        INTEGER NOT NULL CHECK (idx >= 0),
  block      INTEGER NOT NULL,
  text       TEXT NOT NULL,
  text_key   TEXT NOT NULL,
  at         TEXT,
  unverified INTEGER NOT NULL CHECK (unverified IN (0, 1)),
  heading    INTEGER CHECK (heading IN (0, 1)),
  PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;
CREATE INDEX sentences_by_key ON sentences (text_key);

CREATE TABLE figures (
  article_pk     INTEGER NOT NULL,
  ord            INTEGER NOT NULL,
  category       TEXT NOT NULL CHECK (category IN ('killed', 'injured', 'arrested', 'detained', 'missing', 'other')),
  count          REAL NOT NULL CHECK (count >= 0),
  qualifier      TEXT NOT NULL CHECK (qualifier IN ('exact', 'at least', 'more than', 'up to', 'about', 'almost')),
  who            TEXT,
  unit           TEXT,
  -- category + normalised who + normalised unit: what a later number of the same kind replaces.
  kind_key       TEXT NOT NULL,
  attributed_to  TEXT,
  as_of          TEXT,
  as_of_ms       INTEGER,
  unverified     INTEGER NOT NULL CHECK (unverified IN (0, 1)),
  sentence       TEXT NOT NULL,
  sentence_index INTEGER NOT NULL,
  PRIMARY KEY (article_pk, ord),
  FOREIGN KEY (article_pk, sentence_index) REFERENCES sentences (article_pk, idx) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX figures_by_kind ON figures (kind_key, count);

CREATE TABLE actors (
  article_pk  INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  id          TEXT NOT NULL,
  name        TEXT NOT NULL,
  role        TEXT,
  kind        TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
  affiliation TEXT,
  PRIMARY KEY (article_pk, id)
) WITHOUT ROWID;
CREATE INDEX actors_by_id ON actors (id);

CREATE TABLE actor_aliases (
  article_pk INTEGER NOT NULL,
  actor_id   TEXT NOT NULL,
  ord        INTEGER NOT NULL,
  alias      TEXT NOT NULL,
  PRIMARY KEY (article_pk, actor_id, ord),
  FOREIGN KEY (article_pk, actor_id) REFERENCES actors (article_pk, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE actor_mentions (
  article_pk     INTEGER NOT NULL,
  actor_id       TEXT NOT NULL,
  sentence_index INTEGER NOT NULL,
  PRIMARY KEY (article_pk, actor_id, sentence_index),
  FOREIGN KEY (article_pk, actor_id) REFERENCES actors (article_pk, id) ON DELETE CASCADE,
  FOREIGN KEY (article_pk, sentence_index) REFERENCES sentences (article_pk, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE reactions (
  article_pk     INTEGER NOT NULL,
  ord            INTEGER NOT NULL,
  actor          TEXT NOT NULL,
  actor_key      TEXT NOT NULL,
  country_or_org TEXT NOT NULL,
  gist           TEXT NOT NULL,
  gist_key       TEXT NOT NULL,
  quote          TEXT,
  quote_key      TEXT,
  at             TEXT,
  sentence       TEXT NOT NULL,
  sentence_key   TEXT NOT NULL,
  sentence_index INTEGER NOT NULL,
  PRIMARY KEY (article_pk, ord),
  FOREIGN KEY (article_pk, sentence_index) REFERENCES sentences (article_pk, idx) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX reactions_by_actor ON reactions (actor_key);

CREATE TABLE videos (
  article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  title      TEXT NOT NULL,
  title_key  TEXT NOT NULL,
  reporter   TEXT,
  outlet     TEXT,
  programme  TEXT,
  aired_at   TEXT,
  url        TEXT,
  PRIMARY KEY (article_pk, ord)
) WITHOUT ROWID;
CREATE INDEX videos_by_title ON videos (title_key);
CREATE INDEX videos_by_url ON videos (url);

CREATE TABLE summary (
  article_pk     INTEGER NOT NULL,
  ord            INTEGER NOT NULL,
  text           TEXT NOT NULL,
  sentence_index INTEGER NOT NULL,
  score          REAL NOT NULL,
  PRIMARY KEY (article_pk, ord),
  FOREIGN KEY (article_pk, sentence_index) REFERENCES sentences (article_pk, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE timeline (
  article_pk     INTEGER NOT NULL,
  ord            INTEGER NOT NULL,
  at             TEXT NOT NULL,
  at_ms          INTEGER,
  text           TEXT NOT NULL,
  sentence_index INTEGER NOT NULL,
  PRIMARY KEY (article_pk, ord),
  FOREIGN KEY (article_pk, sentence_index) REFERENCES sentences (article_pk, idx) ON DELETE CASCADE
) WITHOUT ROWID;

-- What each ingest added to its story, written in the ingest's transaction. Delivery (a later
-- migration) references updates(id); AUTOINCREMENT so an id is never reused after a delete.
CREATE TABLE updates (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  story         TEXT NOT NULL,
  article_id    TEXT NOT NULL,
  article_title TEXT NOT NULL,
  article_url   TEXT,
  created_at    TEXT NOT NULL,
  -- The update's lists (figures, reactions, actors, videos, headlines) as JSON, validated on read.
  payload       TEXT NOT NULL
);
CREATE INDEX updates_by_story ON updates (story, id);
