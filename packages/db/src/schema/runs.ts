import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sources } from './sources.ts';

/** One invocation of the worker (an ingest, a scheduled fetch, a reparse) and what it did. */
export const ingestRuns = sqliteTable(
  'ingest_runs',
  {
    id: integer('id').primaryKey(),
    kind: text('kind').notNull(),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    args: text('args'),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    status: text('status', { enum: ['running', 'ok', 'partial', 'failed', 'interrupted'] }).notNull(),
    read: integer('read').notNull().default(0),
    new: integer('new').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    duplicate: integer('duplicate').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
    /** The process running it and its machine: a run whose process is gone was interrupted. */
    pid: integer('pid'),
    host: text('host'),
  },
  (t) => [
    index('ingest_runs_started_idx').on(t.startedAt),
    // The running runs of a source, asked before each run starts (few rows: finished runs leave it).
    index('ingest_runs_running_idx').on(t.sourceId).where(sql`status = 'running'`),
  ],
);

/** An input that could not be stored, kept so it can be shown, fixed and retried. */
export const ingestFailures = sqliteTable(
  'ingest_failures',
  {
    id: integer('id').primaryKey(),
    runId: integer('run_id').references(() => ingestRuns.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    location: text('location').notNull(),
    reason: text('reason').notNull(),
    createdAt: text('created_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [
    index('ingest_failures_run_idx').on(t.runId),
    index('ingest_failures_resolved_idx').on(t.resolvedAt),
  ],
);
