import type { Db } from "./db.js";
import type { SourceRow } from "../store.js";

interface SourceRecord {
  story: string;
  url: string;
  kind: SourceRow["kind"];
  etag: string | null;
  lastModified: string | null;
  failures: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  failing: 0 | 1;
  lastSuccessAt: string | null;
}

// Validators saved by another version of the extraction are not given: what they stand for was read by it.
const columns = `story, url, kind, CASE WHEN extraction_version = @version THEN etag END AS etag,
  CASE WHEN extraction_version = @version THEN last_modified END AS lastModified, failures, last_error AS lastError,
  next_attempt_at AS nextAttemptAt, failing, last_success_at AS lastSuccessAt`;

/** Per-source fetch state (validators, failures, backoff) for live pages and feeds; `extractionVersion` as in articles.ts. */
export function sourceStore(db: Db, now: () => Date, extractionVersion: number) {
  const one = db.prepare<{ version: number; story: string; url: string }, SourceRecord>(`SELECT ${columns} FROM sources WHERE story = @story AND url = @url`);
  const all = db.prepare<{ version: number; story: string | null }, SourceRecord>(
    `SELECT ${columns} FROM sources WHERE (@story IS NULL OR story = @story) ORDER BY story, url`,
  );
  const upsert = db.prepare(
    `INSERT INTO sources (story, url, kind, etag, last_modified, failures, last_error, next_attempt_at, failing, last_success_at, changed_at,
       extraction_version)
     VALUES (@story, @url, @kind, @etag, @lastModified, @failures, @lastError, @nextAttemptAt, @failing, @lastSuccessAt, @changedAt, @version)
     ON CONFLICT (story, url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, last_modified = excluded.last_modified,
       failures = excluded.failures, last_error = excluded.last_error, next_attempt_at = excluded.next_attempt_at,
       failing = excluded.failing, last_success_at = excluded.last_success_at, changed_at = excluded.changed_at,
       extraction_version = excluded.extraction_version`,
  );
  const toRow = (r: SourceRecord): SourceRow => ({ ...r, failing: r.failing === 1 });
  return {
    source(story: string, url: string): SourceRow | null {
      const record = one.get({ version: extractionVersion, story, url });
      return record ? toRow(record) : null;
    },
    sources(story?: string): SourceRow[] {
      return all.all({ version: extractionVersion, story: story ?? null }).map(toRow);
    },
    saveSource(row: SourceRow): void {
      upsert.run({ ...row, failing: row.failing ? 1 : 0, changedAt: now().toISOString(), version: extractionVersion });
    },
  };
}
