-- The twin of sqlite/005: headline-already-in-story look-ups on a 53-bit hash of the sentence key
-- (keys.ts keyHash) instead of an index of full keys. A PostgreSQL store starts empty or is filled
-- by copy-store, which carries each row's hash, so there is nothing to backfill here.
ALTER TABLE sentences ADD COLUMN key_hash BIGINT NOT NULL DEFAULT 0;
DROP INDEX sentences_by_key;
CREATE INDEX sentences_by_key_hash ON sentences (key_hash);
