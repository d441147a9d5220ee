-- Rows that carry less, and indexes that are cheaper to write, so a story's file and what an ingest
-- writes grow less per article (measured at 10,000 articles: 10.2 KB on disk per article before).
--
-- A sentence's time is its block's own (a live-blog entry) or else its article's (Sentence.at): it is
-- stored only when it is the block's own, and read as COALESCE(s.at, a.as_of). Nearly every sentence
-- carried a copy of its article's time, a quarter of the table.
UPDATE sentences SET at = NULL WHERE at = (SELECT a.as_of FROM articles a WHERE a.pk = sentences.article_pk);

-- Summary and timeline sentences are texts of their article: they reference the texts table (009)
-- instead of holding a copy. What no text holds yet is added, as 009 did for figures.
INSERT INTO texts (hash, key_hash, text, words)
SELECT text_hash(q.text), text_key_hash(text_key(q.text)), q.text, text_key(q.text)
FROM (SELECT text FROM summary UNION SELECT text FROM timeline) q
WHERE NOT EXISTS (SELECT 1 FROM texts t WHERE t.hash = text_hash(q.text) AND t.text = q.text);
ALTER TABLE summary ADD COLUMN text_id INTEGER REFERENCES texts (id);
UPDATE summary SET text_id = (SELECT MIN(t.id) FROM texts t WHERE t.hash = text_hash(summary.text) AND t.text = summary.text);
ALTER TABLE summary DROP COLUMN text;
ALTER TABLE timeline ADD COLUMN text_id INTEGER REFERENCES texts (id);
UPDATE timeline SET text_id = (SELECT MIN(t.id) FROM texts t WHERE t.hash = text_hash(timeline.text) AND t.text = timeline.text);
ALTER TABLE timeline DROP COLUMN text;

-- An actor's newest mentions are found from its newest articles: one index entry per actor and
-- article instead of one per mention (18 against 8 per seed-sized article), and it also serves
-- what the id index did. The mention rows no longer carry the article's time.
ALTER TABLE actors ADD COLUMN article_ms INTEGER;
UPDATE actors SET article_ms = (SELECT a.as_of_ms FROM articles a WHERE a.pk = actors.article_pk);
CREATE INDEX actors_newest ON actors (id, article_ms DESC, article_pk DESC);
DROP INDEX actors_by_id;
DROP INDEX actor_mentions_newest;
ALTER TABLE actor_mentions DROP COLUMN article_ms;
