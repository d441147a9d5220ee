/**
 * The version of the reading (parsing and extraction) that produced an article's stored facts. An
 * upgraded bot whose version differs reads every stored article again (files at the next ingest,
 * pages at their next fetch) and replaces its facts, without posting them as news. Bump it with
 * any change to what src/ingest, src/analyse, src/extract or data/vocab make of an article: the
 * test next to the fixtures (test/extract/version.test.ts) reads the project's own articles and
 * fails when their extraction no longer matches EXTRACTION_DIGEST, the digest recorded with it.
 */
export const EXTRACTION_VERSION = 1;

/** sha256 of the extractions of the fixture articles at EXTRACTION_VERSION. */
export const EXTRACTION_DIGEST = "825ed23b2534585962e1e4ad251cee387ce844e1d9b9428b6f5161cdb4f959c2";
