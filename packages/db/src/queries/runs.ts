import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { ingestFailures, ingestRuns } from '../schema/runs.ts';
import { nowIso } from './statements.ts';
import type { IngestFailure, IngestRun, RunStats } from './types.ts';

/** Records the start of a worker run (status 'running') and returns its id. */
export function startRun(db: Db, run: { kind: string; sourceId?: number | null; args?: string }): number {
  const row = db
    .insert(ingestRuns)
    .values({
      kind: run.kind,
      sourceId: run.sourceId ?? null,
      args: run.args ?? null,
      startedAt: nowIso(),
      status: 'running',
    })
    .returning({ id: ingestRuns.id })
    .get();
  return row.id;
}

export function finishRun(
  db: Db,
  runId: number,
  stats: RunStats & { status: 'ok' | 'partial' | 'failed'; error?: string | null },
): void {
  db.update(ingestRuns)
    .set({
      finishedAt: nowIso(),
      status: stats.status,
      read: stats.read,
      new: stats.new,
      updated: stats.updated,
      duplicate: stats.duplicate,
      failed: stats.failed,
      error: stats.error ?? null,
    })
    .where(eq(ingestRuns.id, runId))
    .run();
}

/** Keeps an input that could not be stored, so it can be shown and retried. */
export function recordFailure(
  db: Db,
  failure: { runId: number | null; sourceId?: number | null; location: string; reason: string },
): void {
  db.insert(ingestFailures)
    .values({
      runId: failure.runId,
      sourceId: failure.sourceId ?? null,
      location: failure.location,
      reason: failure.reason,
      createdAt: nowIso(),
    })
    .run();
}

/** Latest runs first. */
export function listRuns(db: Db, limit = 20): IngestRun[] {
  return db.select().from(ingestRuns).orderBy(desc(ingestRuns.id)).limit(limit).all();
}

/** Latest failures first. */
export function listFailures(
  db: Db,
  opts: { unresolvedOnly?: boolean; limit?: number } = {},
): IngestFailure[] {
  return db
    .select()
    .from(ingestFailures)
    .where(opts.unresolvedOnly ? isNull(ingestFailures.resolvedAt) : undefined)
    .orderBy(desc(ingestFailures.id))
    .limit(opts.limit ?? 100)
    .all();
}

/** Marks failures resolved (retried successfully, or dismissed); all of a location's when no id is given. */
export function resolveFailures(db: Db, match: { id?: number; location?: string }): number {
  const conds = [isNull(ingestFailures.resolvedAt)];
  if (match.id !== undefined) conds.push(eq(ingestFailures.id, match.id));
  if (match.location !== undefined) conds.push(eq(ingestFailures.location, match.location));
  if (conds.length === 1) return 0;
  return db
    .update(ingestFailures)
    .set({ resolvedAt: nowIso() })
    .where(and(...conds))
    .run().changes;
}
