-- Which worker holds an open delivery: claim() takes a delivery only when nobody holds it or its
-- holder is gone, so two bot processes on one database file never send one delivery at once. Here
-- a holder is the process id of a bot on this machine (a SQLite file is not shared across machines).
ALTER TABLE deliveries ADD COLUMN claimed_by INTEGER;
