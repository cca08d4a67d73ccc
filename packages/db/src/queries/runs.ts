import os from 'node:os';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { ingestFailures, ingestRuns } from '../schema/runs.ts';
import { nowIso, writeTransaction } from './statements.ts';
import type { IngestFailure, IngestRun, RunStats } from './types.ts';

/** The process a run belongs to, and its machine. */
export type RunOwner = { pid: number; host: string };

const thisProcess = (): RunOwner => ({ pid: process.pid, host: os.hostname() });

/** Whether a process of this machine is alive (one of another user still is: EPERM). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A run's counts before it has read anything. */
export const emptyRunStats = (): RunStats => ({ read: 0, new: 0, updated: 0, duplicate: 0, failed: 0 });

/** Records the start of a worker run (status 'running', owned by this process) and returns its id. */
export function startRun(db: Db, run: { kind: string; sourceId?: number | null; args?: string }): number {
  const owner = thisProcess();
  const row = db
    .insert(ingestRuns)
    .values({
      kind: run.kind,
      sourceId: run.sourceId ?? null,
      args: run.args ?? null,
      startedAt: nowIso(),
      status: 'running',
      pid: owner.pid,
      host: owner.host,
    })
    .returning({ id: ingestRuns.id })
    .get();
  return row.id;
}

export type SettleOptions = {
  /** Only this source's runs (null: runs of no source, such as `rasid ingest`). Default: every run. */
  sourceId?: number | null;
  /** Default isProcessAlive; tests pass their own. */
  alive?: (pid: number) => boolean;
};

/**
 * Closes the runs left 'running' by processes that are gone (killed with SIGKILL, crashed, or the machine
 * stopped), as 'interrupted', and returns how many. Only this machine's processes can be asked after; a
 * run started before the machine last booted is gone whatever its pid now names. Runs of another machine
 * (a database on a shared disk) are left as they are.
 */
export function settleInterruptedRuns(db: Db, opts: SettleOptions = {}): number {
  const alive = opts.alive ?? isProcessAlive;
  const { host } = thisProcess();
  const bootedAt = new Date(Date.now() - os.uptime() * 1000).toISOString();
  const conds = [eq(ingestRuns.status, 'running')];
  if (opts.sourceId === null) conds.push(isNull(ingestRuns.sourceId));
  else if (opts.sourceId !== undefined) conds.push(eq(ingestRuns.sourceId, opts.sourceId));
  let settled = 0;
  for (const run of db
    .select()
    .from(ingestRuns)
    .where(and(...conds))
    .all()) {
    const gone =
      run.pid === null ||
      (run.host === host && (run.startedAt < bootedAt || (run.pid !== process.pid && !alive(run.pid))));
    if (!gone) continue;
    const owner = run.pid === null ? 'its process' : `process ${run.pid}`;
    db.update(ingestRuns)
      .set({
        status: 'interrupted',
        finishedAt: nowIso(),
        error: `interrupted: ${owner} ended before the run finished (killed, crashed or the machine stopped); what it stored stays, and the next run does the rest`,
      })
      .where(and(eq(ingestRuns.id, run.id), eq(ingestRuns.status, 'running')))
      .run();
    settled++;
  }
  return settled;
}

/**
 * Starts a run of a source unless another process is running one: then returns that run instead, so that
 * a cron `rasid run --once` and a long-running `rasid run` never collect one source at once. Runs of the
 * source whose process is gone are closed first (settleInterruptedRuns). The check and the start are one
 * immediate transaction: of two processes starting together, one sees the other's run.
 */
export function startSourceRun(
  db: Db,
  run: { kind: string; sourceId: number; args?: string },
  opts: Pick<SettleOptions, 'alive'> = {},
): { runId: number } | { busy: IngestRun } {
  return writeTransaction(db, () => {
    settleInterruptedRuns(db, { sourceId: run.sourceId, alive: opts.alive });
    const busy = db
      .select()
      .from(ingestRuns)
      .where(and(eq(ingestRuns.status, 'running'), eq(ingestRuns.sourceId, run.sourceId)))
      .get();
    if (busy) return { busy };
    return { runId: startRun(db, run) };
  })();
}

/** Closes a run with what it did; a run already closed (or settled as interrupted) is left as it is. */
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
    .where(and(eq(ingestRuns.id, runId), eq(ingestRuns.status, 'running')))
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
