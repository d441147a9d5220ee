-- The twin of sqlite/011: a sentence's time only when it is its block's own (read as
-- COALESCE(s.at, a.as_of)), summary and timeline sentences referencing their texts instead of
-- copying them, and an actor's newest mentions found from its newest articles (one index entry
-- per actor and article, not per mention).
UPDATE sentences s SET at = NULL FROM articles a WHERE a.pk = s.article_pk AND s.at = a.as_of;

-- What summary and timeline quote that no text holds is a sentence of its own article in
-- practice; its key hash and words come from that sentence's text, as 009 did for figures.
INSERT INTO texts (hash, key_hash, text, words)
SELECT ('x' || substr(md5(q.text), 1, 13))::bit(52)::bigint, MIN(q.key_hash), q.text, MIN(q.words)
FROM (
  SELECT m.text, st.key_hash, st.words FROM summary m JOIN sentences s ON s.article_pk = m.article_pk AND s.idx = m.sentence_index
    JOIN texts st ON st.id = s.text_id
  UNION ALL
  SELECT t.text, st.key_hash, st.words FROM timeline t JOIN sentences s ON s.article_pk = t.article_pk AND s.idx = t.sentence_index
    JOIN texts st ON st.id = s.text_id
) q
WHERE NOT EXISTS (SELECT 1 FROM texts t WHERE t.text = q.text)
GROUP BY q.text;
ALTER TABLE summary ADD COLUMN text_id BIGINT REFERENCES texts (id);
UPDATE summary m SET text_id = (
  SELECT MIN(t.id) FROM texts t WHERE t.hash = ('x' || substr(md5(m.text), 1, 13))::bit(52)::bigint AND t.text = m.text
);
ALTER TABLE summary ALTER COLUMN text_id SET NOT NULL;
ALTER TABLE summary DROP COLUMN text;
ALTER TABLE timeline ADD COLUMN text_id BIGINT REFERENCES texts (id);
UPDATE timeline l SET text_id = (
  SELECT MIN(t.id) FROM texts t WHERE t.hash = ('x' || substr(md5(l.text), 1, 13))::bit(52)::bigint AND t.text = l.text
);
ALTER TABLE timeline ALTER COLUMN text_id SET NOT NULL;
ALTER TABLE timeline DROP COLUMN text;

ALTER TABLE actors ADD COLUMN article_ms BIGINT;
UPDATE actors x SET article_ms = a.as_of_ms FROM articles a WHERE a.pk = x.article_pk;
CREATE INDEX actors_newest ON actors (id, article_ms DESC NULLS LAST, article_pk DESC);
DROP INDEX actors_by_id;
DROP INDEX actor_mentions_newest;
ALTER TABLE actor_mentions DROP COLUMN article_ms;
