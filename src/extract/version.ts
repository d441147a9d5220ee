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
export const EXTRACTION_DIGEST = "f37aa592a342afb4961ae6757ddf531a3bd3f3f79ca5838314d66361cd37acc6";
