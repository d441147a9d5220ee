import type { SourceRow } from "../store.js";
import type { Pool } from "./db.js";

// Validators saved by another version of the extraction ($1) are not given: what they stand for was read by it.
const columns = `story, url, kind, CASE WHEN extraction_version = $1 THEN etag END AS etag,
  CASE WHEN extraction_version = $1 THEN last_modified END AS "lastModified", failures, last_error AS "lastError",
  next_attempt_at AS "nextAttemptAt", failing, last_success_at AS "lastSuccessAt"`;

type SourceRecord = Omit<SourceRow, "failing"> & { failing: number };
const toRow = (r: SourceRecord): SourceRow => ({ ...r, failing: r.failing === 1 });

/** Per-source fetch state on PostgreSQL; `extractionVersion` as in articles.ts. */
export function sourceStore(pool: Pool, now: () => Date, extractionVersion: number) {
  return {
    async source(story: string, url: string): Promise<SourceRow | null> {
      const { rows } = await pool.query<SourceRecord>(`SELECT ${columns} FROM sources WHERE story = $2 AND url = $3`, [extractionVersion, story, url]);
      return rows[0] ? toRow(rows[0]) : null;
    },
    async sources(story?: string): Promise<SourceRow[]> {
      const { rows } = await pool.query<SourceRecord>(
        `SELECT ${columns} FROM sources WHERE ($2::text IS NULL OR story = $2) ORDER BY story COLLATE "C", url COLLATE "C"`,
        [extractionVersion, story ?? null],
      );
      return rows.map(toRow);
    },
    async saveSource(row: SourceRow): Promise<void> {
      await pool.query(
        `INSERT INTO sources (story, url, kind, etag, last_modified, failures, last_error, next_attempt_at, failing, last_success_at, changed_at,
           extraction_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (story, url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, last_modified = excluded.last_modified,
           failures = excluded.failures, last_error = excluded.last_error, next_attempt_at = excluded.next_attempt_at,
           failing = excluded.failing, last_success_at = excluded.last_success_at, changed_at = excluded.changed_at,
           extraction_version = excluded.extraction_version`,
        [
          row.story,
          row.url,
          row.kind,
          row.etag,
          row.lastModified,
          row.failures,
          row.lastError,
          row.nextAttemptAt,
          row.failing ? 1 : 0,
          row.lastSuccessAt,
          now().toISOString(),
          extractionVersion,
        ],
      );
    },
  };
}
