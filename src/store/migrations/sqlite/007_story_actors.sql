-- The story's actors, one row each, maintained inside every ingest's transaction (story-actors.ts):
-- building the actor list walked every article's actor, alias and mention rows through temporary
-- sort trees (about 1.8 million rows at 50,000 articles) to produce a few dozen actors, and any
-- ingest threw the result away. Each article's actors are stored under the story actor's id, so
-- `actors.id` and `actor_mentions.actor_id` name the story's actor.
CREATE TABLE story_actors (
  story          TEXT NOT NULL,
  id             TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
  -- extract/identity.ts identityKey of the fullest name: where a later article's actor looks for itself.
  identity_key   TEXT NOT NULL,
  name           TEXT NOT NULL,
  -- Which article each value came from (its as_of_ms and pk), so a newer article's takes over.
  name_ms        INTEGER,
  name_pk        INTEGER NOT NULL,
  full_name      TEXT NOT NULL,
  role           TEXT,
  role_ms        INTEGER,
  role_pk        INTEGER,
  affiliation    TEXT,
  affiliation_ms INTEGER,
  affiliation_pk INTEGER,
  mention_count  INTEGER NOT NULL,
  article_count  INTEGER NOT NULL,
  PRIMARY KEY (story, id)
) WITHOUT ROWID;
CREATE INDEX story_actors_by_identity ON story_actors (story, identity_key);

-- Every name an article used for a story actor, once per name key, at its newest use.
CREATE TABLE story_actor_names (
  story      TEXT NOT NULL,
  actor_id   TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  name       TEXT NOT NULL,
  article_ms INTEGER,
  article_pk INTEGER NOT NULL,
  slot       INTEGER NOT NULL,
  PRIMARY KEY (story, actor_id, name_key),
  FOREIGN KEY (story, actor_id) REFERENCES story_actors (story, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX story_actor_names_by_key ON story_actor_names (story, name_key);

-- An actor's newest mentions straight off an index: the article's time travels with the mention.
ALTER TABLE actor_mentions ADD COLUMN article_ms INTEGER;
UPDATE actor_mentions SET article_ms = (SELECT as_of_ms FROM articles WHERE pk = article_pk);
DROP INDEX actor_mentions_by_actor;
CREATE INDEX actor_mentions_newest ON actor_mentions (actor_id, article_ms DESC, article_pk DESC, sentence_index);

-- Stories whose actors were stored before this migration: the store fills their rows from the
-- articles' on opening (by actor id, as they were merged until now) and removes the story here.
CREATE TABLE story_actors_to_fill (story TEXT PRIMARY KEY, since TEXT NOT NULL);
INSERT INTO story_actors_to_fill SELECT DISTINCT story, CURRENT_TIMESTAMP FROM articles;
