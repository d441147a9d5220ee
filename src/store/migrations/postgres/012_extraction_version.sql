-- Which version of the reading (parsing and extraction: src/extract/version.ts) made an article's
-- stored facts, so an upgraded bot reads again what an older one extracted; 0 is the unknown,
-- older reading of every article stored before. A source's validators are kept with the version
-- that stored what they stand for: under another one they are not sent, and the page is read in full.
ALTER TABLE articles ADD COLUMN extraction_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN extraction_version INTEGER NOT NULL DEFAULT 0;
