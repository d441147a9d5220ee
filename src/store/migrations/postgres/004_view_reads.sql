-- Indexes and a full-text index so each briefing reads what it shows: the twin of sqlite/004.
-- PostgreSQL puts NULLs first in a descending order, so the newest-first indexes say NULLS LAST.

ALTER TABLE figures ADD COLUMN series_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE figures ADD COLUMN article_ms BIGINT;
UPDATE figures f SET
  series_ms = COALESCE(CASE WHEN f.as_of IS NULL THEN a.as_of_ms ELSE f.as_of_ms END, 0),
  article_ms = a.as_of_ms
FROM articles a WHERE a.pk = f.article_pk;
CREATE INDEX figures_by_series ON figures (kind_key, series_ms DESC, article_ms DESC NULLS LAST, article_pk DESC, ord);

CREATE INDEX articles_by_story_time ON articles (story, as_of_ms DESC NULLS LAST, pk DESC);

CREATE INDEX timeline_by_time ON timeline ((COALESCE(at_ms, 0)) DESC, at COLLATE "C" DESC, article_pk DESC, ord DESC);

CREATE INDEX actor_mentions_by_actor ON actor_mentions (actor_id, article_pk, sentence_index);

CREATE INDEX summary_by_score ON summary (article_pk, score DESC, ord);

-- Words of every non-heading sentence, for /ask: where SQLite keeps an FTS5 index over the text,
-- PostgreSQL keeps a tsvector of the sentence's key (the text folded as textKey folds it: lower
-- case, accents and punctuation gone, exactly what a question's words are folded to), generated
-- from the row itself, so a replaced sentence replaces its words in the same transaction.
ALTER TABLE sentences ADD COLUMN words tsvector
  GENERATED ALWAYS AS (CASE WHEN heading IS DISTINCT FROM 1 THEN to_tsvector('simple', text_key) END) STORED;
CREATE INDEX sentences_words ON sentences USING GIN (words);
