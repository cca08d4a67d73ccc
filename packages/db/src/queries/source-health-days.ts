// Days a source was failing, from the worker's bookkeeping (ingest_runs, sources), so a chart can shade
// them: a day with no articles from an outlet whose feed was down is a gap in collection, not silence.
import type { Db } from '../client.ts';
import { addDays } from './dates.ts';
import { prepare } from './statements.ts';

export type FailingSource = {
  id: number;
  name: string;
  /** The outlet the source is configured for (its outlet hint, matched by name or domain); null if none. */
  outletId: number | null;
  outletName: string | null;
  /** Failed runs that day; 0 when only the source's own state records the failure (no run was written). */
  failedRuns: number;
  /** The last error message of the day. */
  error: string | null;
};

export type SourceFailureDay = { day: string; sources: FailingSource[] };

export type SourceHealthFilters = { from?: string; to?: string; outlets?: number[] };

type Row = {
  id: number;
  name: string;
  outletId: number | null;
  outletName: string | null;
  day: string;
  failedRuns: number;
  error: string | null;
};

// A source's outlet: its hint names the outlet as the configuration writes it (a name or a domain).
const OUTLET_OF_SOURCE = `(SELECT o.id FROM outlets o WHERE s.outlet_hint IS NOT NULL AND (
    o.name = s.outlet_hint COLLATE NOCASE OR o.domain = lower(s.outlet_hint) OR o.key = 'name:' || s.outlet_hint)
  ORDER BY o.id LIMIT 1)`;

/**
 * UTC days (YYYY-MM-DD, ascending) on which at least one source failed: it had a failed run and no run
 * that succeeded (a 'partial' run collected, so it counts as success), or, when it wrote no run, its
 * last error came after its last success. Runs still 'running' (a worker killed mid-run) say nothing.
 * With `outlets`, only sources configured for those outlets, plus sources with no known outlet, which
 * may have fed any of them.
 */
export function listSourceFailureDays(db: Db, filters: SourceHealthFilters = {}): SourceFailureDay[] {
  const from = filters.from ?? '0000-01-01';
  // started_at is an ISO instant: everything before the next day's midnight belongs to `to`.
  const until = filters.to ? addDays(filters.to, 1) : '9999-12-31';
  const rows = prepare(
    db,
    `WITH d AS (
       SELECT r.source_id AS id, substr(r.started_at, 1, 10) AS day,
         sum(r.status = 'failed') AS failedRuns, sum(r.status IN ('ok', 'partial')) AS okRuns,
         (SELECT x.error FROM ingest_runs x WHERE x.source_id = r.source_id AND x.status = 'failed'
            AND substr(x.started_at, 1, 10) = substr(r.started_at, 1, 10) ORDER BY x.started_at DESC LIMIT 1) AS error
       FROM ingest_runs r
       WHERE r.source_id IS NOT NULL AND r.started_at >= ? AND r.started_at < ?
       GROUP BY r.source_id, day
     ),
     f AS (
       SELECT id, day, failedRuns, error FROM d WHERE failedRuns > 0 AND okRuns = 0
       UNION ALL
       SELECT s.id, substr(s.last_error_at, 1, 10), 0, s.last_error FROM sources s
       WHERE s.last_error_at IS NOT NULL AND (s.last_success_at IS NULL OR s.last_success_at < s.last_error_at)
         AND s.last_error_at >= ? AND s.last_error_at < ?
         AND NOT EXISTS (SELECT 1 FROM d WHERE d.id = s.id AND d.day = substr(s.last_error_at, 1, 10))
     )
     SELECT f.id, s.name, f.day, f.failedRuns, f.error, ${OUTLET_OF_SOURCE} AS outletId,
       (SELECT o.name FROM outlets o WHERE o.id = ${OUTLET_OF_SOURCE}) AS outletName
     FROM f JOIN sources s ON s.id = f.id
     ORDER BY f.day, s.name`,
  ).all(from, until, from, until) as Row[];

  const wanted = filters.outlets && filters.outlets.length > 0 ? new Set(filters.outlets) : null;
  const days = new Map<string, FailingSource[]>();
  for (const { day, ...source } of rows) {
    if (wanted && source.outletId !== null && !wanted.has(source.outletId)) continue;
    const list = days.get(day) ?? [];
    list.push(source);
    days.set(day, list);
  }
  return [...days].map(([day, sources]) => ({ day, sources }));
}
