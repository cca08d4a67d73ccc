import type { Db } from '../client.ts';
import { nowIso, prepare } from './statements.ts';

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
