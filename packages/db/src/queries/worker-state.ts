import type { Db } from '../client.ts';
import { nowIso, prepare } from './statements.ts';
import { urlDedupeKey } from './store.ts';
import type { IngestFailure } from './types.ts';

/**
 * Locations of a source's failed inputs still waiting for a retry (`sourceId` null: those of plain
 * `rasid ingest` runs). The worker skips recording them twice and resolves them once they store.
 */
export function listPendingFailureLocations(db: Db, sourceId: number | null): string[] {
  const sql =
    sourceId === null
      ? 'SELECT DISTINCT location FROM ingest_failures WHERE resolved_at IS NULL AND source_id IS NULL'
      : 'SELECT DISTINCT location FROM ingest_failures WHERE resolved_at IS NULL AND source_id = ?';
  const statement = prepare(db, sql).pluck();
  return (sourceId === null ? statement.all() : statement.all(sourceId)) as string[];
}

/** Adds one run's item counts to a source's running totals (kept in SQL so concurrent runs cannot lose any). */
export function addSourceItemCounts(
  db: Db,
  id: number,
  counts: { seen: number; new: number; duplicate: number; failed: number },
): void {
  prepare(
    db,
    `UPDATE sources SET items_seen = items_seen + ?, items_new = items_new + ?,
       items_duplicate = items_duplicate + ?, items_failed = items_failed + ?, updated_at = ? WHERE id = ?`,
  ).run(counts.seen, counts.new, counts.duplicate, counts.failed, nowIso(), id);
}

/**
 * The URLs among `urls` that are already stored: as an article's URL (normalised, as the store keys it)
 * or as the location or URL of a raw document (a page whose canonical URL differs from the one listed).
 * The worker does not fetch these again.
 */
export function listStoredUrls(db: Db, urls: readonly string[]): Set<string> {
  const stored = new Set<string>();
  if (urls.length === 0) return stored;
  // Raw documents first: a source's own earlier fetches are found by their exact URL, and raw_documents
  // has no index on these columns, so one scan answers the whole list (0.5 s on 59,000 documents).
  const list = JSON.stringify(urls);
  const rows = prepare(
    db,
    `SELECT url, location FROM raw_documents
     WHERE url IN (SELECT value FROM json_each(?)) OR location IN (SELECT value FROM json_each(?))`,
  ).all(list, list) as { url: string | null; location: string }[];
  const wanted = new Set(urls);
  for (const row of rows) {
    if (row.url && wanted.has(row.url)) stored.add(row.url);
    if (wanted.has(row.location)) stored.add(row.location);
  }
  // The rest by article key (a tracking variant, or a page another source stored): normalising a URL
  // costs ~75 µs, so only the URLs not found above pay for it.
  const byKey = new Map<string, string[]>();
  for (const url of urls) {
    if (stored.has(url)) continue;
    const key = urlDedupeKey(url);
    byKey.set(key, [...(byKey.get(key) ?? []), url]);
  }
  if (byKey.size === 0) return stored;
  const keys = prepare(
    db,
    'SELECT dedupe_key FROM articles WHERE dedupe_key IN (SELECT value FROM json_each(?))',
  )
    .pluck()
    .all(JSON.stringify([...byKey.keys()])) as string[];
  for (const key of keys) for (const url of byKey.get(key) ?? []) stored.add(url);
  return stored;
}

/** What a given-up failure's reason starts with: it was never stored and will not be retried. */
export const GIVEN_UP = 'given up: ';

/**
 * Gives up a source's pending failures at these locations (they can no longer be retried): each is
 * resolved and its reason says why it was given up, ahead of the error it last failed with. Returns
 * how many rows changed.
 */
export function giveUpFailures(db: Db, sourceId: number, locations: readonly string[], why: string): number {
  if (locations.length === 0) return 0;
  return prepare(
    db,
    `UPDATE ingest_failures SET resolved_at = ?, reason = ? || ? || '; last error: ' || reason
     WHERE resolved_at IS NULL AND source_id = ? AND location IN (SELECT value FROM json_each(?))`,
  ).run(nowIso(), GIVEN_UP, why, sourceId, JSON.stringify(locations)).changes;
}

/** Given-up failures of every source, latest first. */
export function listGivenUpFailures(db: Db, limit = 100): IngestFailure[] {
  return prepare(
    db,
    `SELECT id, run_id AS runId, source_id AS sourceId, location, reason, created_at AS createdAt,
       resolved_at AS resolvedAt
     FROM ingest_failures WHERE resolved_at IS NOT NULL AND substr(reason, 1, ?) = ?
     ORDER BY resolved_at DESC, id DESC LIMIT ?`,
  ).all(GIVEN_UP.length, GIVEN_UP, limit) as IngestFailure[];
}
