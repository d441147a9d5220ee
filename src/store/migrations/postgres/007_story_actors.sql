-- The story's actors, one row each, maintained inside every ingest's transaction: the twin of
-- sqlite/007 (see there for why).
CREATE TABLE story_actors (
  story          TEXT NOT NULL,
  id             TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
  identity_key   TEXT NOT NULL,
  name           TEXT NOT NULL,
  name_ms        BIGINT,
  name_pk        BIGINT NOT NULL,
  full_name      TEXT NOT NULL,
  role           TEXT,
  role_ms        BIGINT,
  role_pk        BIGINT,
  affiliation    TEXT,
  affiliation_ms BIGINT,
  affiliation_pk BIGINT,
  mention_count  INTEGER NOT NULL,
  article_count  INTEGER NOT NULL,
  PRIMARY KEY (story, id)
);
CREATE INDEX story_actors_by_identity ON story_actors (story, identity_key);

CREATE TABLE story_actor_names (
  story      TEXT NOT NULL,
  actor_id   TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  name       TEXT NOT NULL,
  article_ms BIGINT,
  article_pk BIGINT NOT NULL,
  slot       INTEGER NOT NULL,
  PRIMARY KEY (story, actor_id, name_key),
  FOREIGN KEY (story, actor_id) REFERENCES story_actors (story, id) ON DELETE CASCADE
);
CREATE INDEX story_actor_names_by_key ON story_actor_names (story, name_key);

ALTER TABLE actor_mentions ADD COLUMN article_ms BIGINT;
UPDATE actor_mentions m SET article_ms = a.as_of_ms FROM articles a WHERE a.pk = m.article_pk;
DROP INDEX actor_mentions_by_actor;
CREATE INDEX actor_mentions_newest ON actor_mentions (actor_id, article_ms DESC NULLS LAST, article_pk DESC, sentence_index);

CREATE TABLE story_actors_to_fill (story TEXT PRIMARY KEY, since TEXT NOT NULL);
INSERT INTO story_actors_to_fill SELECT DISTINCT story, CURRENT_TIMESTAMP FROM articles;
