-- Each distinct sentence text once, referenced by the sentences, figures and reactions that carry
-- it. Every sentence was stored with its text and its normalised key (44 % of the file), figures
-- and reactions copied it again, and the full-text index held every copy: a story whose wire
-- copies repeat the same sentences paid for them once per article, and /ask's query ranked every
-- copy before its limit. Texts are never deleted (a replaced version's sentences usually return in
-- the next), so the index's rowid is the text's id.
CREATE TABLE texts (
  id       INTEGER PRIMARY KEY,
  -- texts.ts textHash of the text: where a text looks for itself before it is added.
  hash     INTEGER NOT NULL,
  -- keys.ts keyHash of its textKey: whether a headline's text is in the story already.
  key_hash INTEGER NOT NULL,
  text     TEXT NOT NULL,
  -- What it is found by: its terms (analyse/terms.ts), else its textKey.
  words    TEXT NOT NULL
);
CREATE INDEX texts_by_hash ON texts (hash);
CREATE INDEX texts_by_key_hash ON texts (key_hash);

-- Contentless: the words stay in `texts`; a text is indexed once, when it is added.
CREATE VIRTUAL TABLE texts_fts USING fts5 (words, content = '', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO texts_fts (texts_fts, rank) VALUES ('automerge', 8);
CREATE TRIGGER texts_fts_insert AFTER INSERT ON texts
BEGIN
  INSERT INTO texts_fts (rowid, words) VALUES (NEW.id, NEW.words);
END;

-- The texts stored so far: sentences (with their words), then what figures and reactions quote
-- that no sentence has.
INSERT INTO texts (hash, key_hash, text, words)
SELECT text_hash(text), MIN(key_hash), text, COALESCE(terms, text_key) FROM sentences GROUP BY text, COALESCE(terms, text_key);
INSERT INTO texts (hash, key_hash, text, words)
SELECT text_hash(q.text), text_key_hash(text_key(q.text)), q.text, text_key(q.text)
FROM (SELECT sentence AS text FROM figures UNION SELECT sentence FROM reactions) q
WHERE NOT EXISTS (SELECT 1 FROM texts t WHERE t.hash = text_hash(q.text) AND t.text = q.text);

-- SQLite cannot add a NOT NULL reference to a filled table; ingest always sets it.
ALTER TABLE sentences ADD COLUMN text_id INTEGER REFERENCES texts (id);
UPDATE sentences SET text_id = (
  SELECT t.id FROM texts t WHERE t.hash = text_hash(sentences.text) AND t.text = sentences.text AND t.words = COALESCE(sentences.terms, sentences.text_key)
);
ALTER TABLE figures ADD COLUMN sentence_text_id INTEGER REFERENCES texts (id);
UPDATE figures SET sentence_text_id = (SELECT MIN(t.id) FROM texts t WHERE t.hash = text_hash(figures.sentence) AND t.text = figures.sentence);
ALTER TABLE reactions ADD COLUMN sentence_text_id INTEGER REFERENCES texts (id);
UPDATE reactions SET sentence_text_id = (SELECT MIN(t.id) FROM texts t WHERE t.hash = text_hash(reactions.sentence) AND t.text = reactions.sentence);

-- The copies go, and the index of every copy with them.
DROP TRIGGER sentences_fts_insert;
DROP TRIGGER sentences_fts_delete;
DROP TABLE sentences_fts;
DROP INDEX sentences_by_key_hash;
ALTER TABLE sentences DROP COLUMN text;
ALTER TABLE sentences DROP COLUMN text_key;
ALTER TABLE sentences DROP COLUMN key_hash;
ALTER TABLE sentences DROP COLUMN terms;
ALTER TABLE figures DROP COLUMN sentence;
ALTER TABLE reactions DROP COLUMN sentence;
ALTER TABLE reactions DROP COLUMN sentence_key;

-- A text's sentences (for /ask, from the best texts to the story's sentences), newest stored last.
CREATE INDEX sentences_by_text ON sentences (text_id);
