-- /ask weighs a question's words against each sentence's with BM25 (FTS5's bm25()), over lemmas:
-- "died", "dies" and "death toll" questions must meet "killed", "dead" and "deaths" sentences by
-- what the words are, not how they are spelt. Extraction gives each non-heading sentence its terms
-- (analyse/terms.ts: content words' lemmas, folded); the index holds those. A sentence stored
-- before this, or built without terms, stays indexed by its words as written (its text), which
-- is what the index held until now, so nothing is backfilled.
ALTER TABLE sentences ADD COLUMN terms TEXT;

DROP TRIGGER sentences_fts_insert;
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences
WHEN NEW.heading IS NOT 1 AND NEW.idx < 1048576
BEGIN
  INSERT INTO sentences_fts (rowid, text, article_pk, sentence_index)
  VALUES (NEW.article_pk * 1048576 + NEW.idx, COALESCE(NEW.terms, NEW.text), NEW.article_pk, NEW.idx);
END;
