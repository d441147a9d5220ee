import type { Article } from "../ingest/article.js";

/** What the store holds of an article's version: its content, the file it was read from, the reading that made its facts. */
export interface StoredVersion {
  contentHash: string;
  rawPath: string | null;
  rawHash: string | null;
  extractionVersion: number;
}

/**
 * What an article read again is to the version of it the store holds:
 * - "unchanged": the same content, read by this version of the reading: nothing to store;
 * - "reextracted": the same input read by another version of the reading (the same content, or
 *   the same bytes of the same file, which an upgraded parser may read differently): its facts are
 *   replaced, and that is no news to post;
 * - "changed": a new version of the article, whose news is what it says that the story lacked.
 */
export function readingOf(stored: StoredVersion, article: Article, extractionVersion: number): "unchanged" | "reextracted" | "changed" {
  const sameContent = stored.contentHash === article.contentHash;
  if (stored.extractionVersion === extractionVersion) return sameContent ? "unchanged" : "changed";
  const sameFile = stored.rawHash !== null && stored.rawPath === (article.rawInput?.path ?? null) && stored.rawHash === article.rawInput?.hash;
  return sameContent || sameFile ? "reextracted" : "changed";
}
