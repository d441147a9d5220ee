-- The twin of sqlite/006. Which worker holds an open delivery: claim() takes a delivery only when
-- nobody holds it or its holder is gone, so two bot processes never send one delivery at once.
-- Here a holder is a worker key whose advisory lock its process keeps on a session of its own:
-- the key stays live exactly as long as that session, and a killed process frees its claims at once.
ALTER TABLE deliveries ADD COLUMN claimed_by BIGINT;

-- Counts article writes, bumped inside each write's transaction, so a process sees another's commit
-- (and only a committed one) as a new store version. SQLite reads PRAGMA data_version instead.
CREATE TABLE store_version (
  singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  n         BIGINT NOT NULL
);
INSERT INTO store_version (singleton, n) VALUES (TRUE, 0);
