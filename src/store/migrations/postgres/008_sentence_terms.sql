-- The twin of sqlite/008: each non-heading sentence's terms (content words' lemmas, folded) are
-- what the full-text column holds, so /ask meets a question's words by lemma on both backends.
-- A sentence without terms (stored before, or built by hand) keeps its words as written.
ALTER TABLE sentences ADD COLUMN terms TEXT;
DROP INDEX sentences_words;
ALTER TABLE sentences DROP COLUMN words;
ALTER TABLE sentences ADD COLUMN words tsvector
  GENERATED ALWAYS AS (CASE WHEN heading IS DISTINCT FROM 1 THEN to_tsvector('simple', COALESCE(terms, text_key)) END) STORED;
CREATE INDEX sentences_words ON sentences USING GIN (words);
