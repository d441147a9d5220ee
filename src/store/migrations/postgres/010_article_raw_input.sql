-- The file an article was read from and the hash of what parsing read of it (ingest/load.ts), so a
-- run over an unchanged folder reads and hashes its files but parses none of them. Null for
-- fetched pages and articles stored before.
ALTER TABLE articles ADD COLUMN raw_path TEXT;
ALTER TABLE articles ADD COLUMN raw_hash TEXT;
