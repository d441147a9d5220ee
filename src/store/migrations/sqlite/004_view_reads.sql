-- Indexes and a full-text index so each briefing reads what it shows, not the whole story: a
-- story of ten thousand articles drew every row of a table into JavaScript for one reply.

-- A figure's place in its series (its own as-of time, else its article's, 0 when unknown), and its
-- article's time to break ties, so the latest reports of a kind come straight off an index.
ALTER TABLE figures ADD COLUMN series_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE figures ADD COLUMN article_ms INTEGER;
UPDATE figures SET
  series_ms = COALESCE(CASE WHEN as_of IS NULL THEN (SELECT as_of_ms FROM articles WHERE pk = article_pk) ELSE as_of_ms END, 0),
  article_ms = (SELECT as_of_ms FROM articles WHERE pk = article_pk);
CREATE INDEX figures_by_series ON figures (kind_key, series_ms, article_ms, article_pk, ord DESC);

-- Newest articles of a story (summary sources, timeline, help) straight from the index.
CREATE INDEX articles_by_story_time ON articles (story, as_of_ms, pk);

-- The newest timeline events; unreadable times count as the oldest.
CREATE INDEX timeline_by_time ON timeline (COALESCE(at_ms, 0), at, article_pk, ord);

-- One actor's mentions and each actor's mention count without reading every actor's.
CREATE INDEX actor_mentions_by_actor ON actor_mentions (actor_id, article_pk, sentence_index);

-- Summary sentences of an article by score, so the newest articles' best come from the index.
CREATE INDEX summary_by_score ON summary (article_pk, score DESC, ord);

-- Words of every non-heading sentence, for /ask. Contentless: the text stays in `sentences`, only
-- the sentence's key is kept next to the words; the rowid packs that key (article pk × 2^20 +
-- index) so a deleted sentence finds its entry. Triggers keep it in step with `sentences` inside
-- the ingest's own transaction, replacement of an article's sentences included.
CREATE VIRTUAL TABLE sentences_fts USING fts5 (
  text,
  article_pk UNINDEXED,
  sentence_index UNINDEXED,
  content = '',
  contentless_delete = 1,
  contentless_unindexed = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences
WHEN NEW.heading IS NOT 1 AND NEW.idx < 1048576
BEGIN
  INSERT INTO sentences_fts (rowid, text, article_pk, sentence_index)
  VALUES (NEW.article_pk * 1048576 + NEW.idx, NEW.text, NEW.article_pk, NEW.idx);
END;

CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences
WHEN OLD.heading IS NOT 1 AND OLD.idx < 1048576
BEGIN
  DELETE FROM sentences_fts WHERE rowid = OLD.article_pk * 1048576 + OLD.idx;
END;

INSERT INTO sentences_fts (rowid, text, article_pk, sentence_index)
SELECT article_pk * 1048576 + idx, text, article_pk, idx FROM sentences WHERE heading IS NOT 1 AND idx < 1048576;

-- Each ingest commits a small segment; merging them 8 at a time instead of 4 halves the index's
-- share of store time per article (measured 1.9 -> 1.0 ms) for a few more segments per query.
INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('automerge', 8);
