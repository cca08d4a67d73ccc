import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sources } from '../schema/sources.ts';
import {
  extraSettingsOf,
  type SourceConfig,
  type SourceOrigin,
  sourceConfigOfRow,
  sourceLocation,
} from '../source-config.ts';
import { addDays } from './dates.ts';
import { nowIso, prepare, writeTransaction } from './statements.ts';
import type { Source, SourceInput, SourceState } from './types.ts';
import { GIVEN_UP, giveUpFailures, listPendingFailureLocations } from './worker-state.ts';

type SourceRow = typeof sources.$inferSelect;

function toSource(row: SourceRow): Source {
  let config: Record<string, unknown> = {};
  if (row.config) {
    try {
      const parsed: unknown = JSON.parse(row.config);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        config = parsed as Record<string, unknown>;
    } catch {
      // A hand-edited, broken config reads as empty rather than breaking every listing.
    }
  }
  return { ...row, config };
}

/** Creates the source, or updates its configuration (never its run state) when the name exists. */
export function upsertSource(db: Db, source: SourceInput): Source {
  const now = nowIso();
  const settings = {
    kind: source.kind,
    location: source.location,
    outletHint: source.outletHint ?? null,
    languageHint: source.languageHint ?? null,
    schedule: source.schedule ?? null,
    enabled: source.enabled ?? true,
    config: source.config ? JSON.stringify(source.config) : null,
    updatedAt: now,
  };
  const row = db
    .insert(sources)
    .values({ name: source.name, createdAt: now, ...settings })
    .onConflictDoUpdate({ target: sources.name, set: settings })
    .returning()
    .get();
  return toSource(row);
}

export function listSources(db: Db): Source[] {
  return db.select().from(sources).orderBy(asc(sources.name)).all().map(toSource);
}

export function getSourceByName(db: Db, name: string): Source | null {
  const row = db.select().from(sources).where(eq(sources.name, name)).get();
  return row ? toSource(row) : null;
}

/** Records what a run learned about a source (times, last error, totals, HTTP validators). */
export function updateSourceState(
  db: Db,
  id: number,
  patch: Partial<SourceState> & { enabled?: boolean },
): void {
  if (Object.keys(patch).length === 0) return;
  db.update(sources)
    .set({ ...patch, updatedAt: nowIso() })
    .where(eq(sources.id, id))
    .run();
}

// Sources come from two places: the sources file (synced into rows by the worker at start) and the
// dashboard (rows it adds). A row's `config.origin` says which; rows written before origins existed came
// from the file. Names are unique across both: the dashboard refuses a name any row already has, and a
// name the file later takes over becomes the file's (the file is the one the user edits by hand).

/** A change to sources that the caller got wrong: `field` names the input, the message says why. */
export class SourceChangeError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SourceChangeError';
  }
}

export function originOf(source: Pick<Source, 'config'>): SourceOrigin {
  return source.config.origin === 'dashboard' ? 'dashboard' : 'file';
}

function inputOf(source: SourceConfig, config: Record<string, unknown>): SourceInput {
  return {
    name: source.name,
    kind: source.kind,
    location: sourceLocation(source),
    outletHint: source.outlet ?? null,
    languageHint: source.language ?? null,
    schedule: source.schedule,
    enabled: source.enabled,
    config: { ...config, settings: extraSettingsOf(source) },
  };
}

export type SyncFileSourcesResult = {
  synced: number;
  /** Dashboard rows whose name the file now uses: they became the file's. */
  tookOver: string[];
  /** File rows whose entry left the file: disabled (kept, with their history), never deleted. */
  disabled: string[];
};

/**
 * Mirrors the sources file into rows. Rows the dashboard added are left as they are (enabled, settings,
 * state) unless the file names one of them; rows of entries removed from the file are disabled.
 */
export function syncFileSources(db: Db, fileSources: readonly SourceConfig[]): SyncFileSourcesResult {
  return writeTransaction(db, () => {
    const before = new Map(listSources(db).map((s) => [s.name, s]));
    const tookOver: string[] = [];
    for (const source of fileSources) {
      const existing = before.get(source.name);
      if (existing && originOf(existing) === 'dashboard') tookOver.push(source.name);
      upsertSource(db, inputOf(source, { origin: 'file' }));
    }
    const names = new Set(fileSources.map((s) => s.name));
    const disabled: string[] = [];
    for (const row of before.values()) {
      if (originOf(row) !== 'file' || names.has(row.name) || !row.enabled) continue;
      updateSourceState(db, row.id, { enabled: false });
      disabled.push(row.name);
    }
    return { synced: fileSources.length, tookOver, disabled };
  })();
}

/** Rows added from the dashboard, by name. */
export function listDashboardSources(db: Db): Source[] {
  return listSources(db).filter((s) => originOf(s) === 'dashboard');
}

export function getSource(db: Db, id: number): Source | null {
  const row = db.select().from(sources).where(eq(sources.id, id)).get();
  return row ? toSource(row) : null;
}

/** Adds a source from the dashboard; refuses a name that any source (from the file or not) has. */
export function addDashboardSource(db: Db, source: SourceConfig): Source {
  return writeTransaction(db, () => {
    const existing = getSourceByName(db, source.name);
    if (existing)
      throw new SourceChangeError(
        'name',
        originOf(existing) === 'file'
          ? `"${source.name}" is already a source in the sources file; choose another name`
          : `"${source.name}" is already a source added here; choose another name`,
      );
    return upsertSource(db, inputOf(source, { origin: 'dashboard', addedAt: nowIso() }));
  })();
}

export type SourcePatch = {
  enabled?: boolean;
  schedule?: string;
  outlet?: string | null;
  language?: string | null;
};

function editableSource(db: Db, id: number, what: string): Source | null {
  const row = getSource(db, id);
  if (row && originOf(row) === 'file')
    throw new SourceChangeError(
      'id',
      `source ${id} ("${row.name}") comes from the sources file; ${what} it there (rasid.sources.json or RASID_SOURCES)`,
    );
  return row;
}

/**
 * Changes a dashboard source's enabled flag, schedule or hints (null clears a hint), validated as a whole
 * again. Null when there is no such source.
 */
export function updateDashboardSource(db: Db, id: number, patch: SourcePatch): Source | null {
  return writeTransaction(db, () => {
    const row = editableSource(db, id, 'edit');
    if (!row) return null;
    const next = {
      ...row,
      enabled: patch.enabled ?? row.enabled,
      schedule: patch.schedule ?? row.schedule,
      outletHint: patch.outlet === undefined ? row.outletHint : patch.outlet,
      languageHint: patch.language === undefined ? row.languageHint : patch.language,
    };
    const checked = sourceConfigOfRow(next);
    if (!checked.ok) {
      const [field = 'source', ...rest] = checked.error.split(': ');
      throw new SourceChangeError(field, rest.join(': '));
    }
    return upsertSource(db, inputOf(checked.source, { ...row.config, updatedFrom: 'dashboard' }));
  })();
}

/**
 * Deletes a dashboard source. Its articles stay (they belong to their outlets, not to a source); its
 * runs stay in the history without it, and its pending failures are given up with the reason.
 */
export function deleteDashboardSource(db: Db, id: number): Source | null {
  return writeTransaction(db, () => {
    const row = editableSource(db, id, 'remove');
    if (!row) return null;
    giveUpFailures(db, id, listPendingFailureLocations(db, id), `its source "${row.name}" was deleted`);
    // Explicit rather than left to ON DELETE SET NULL: a new source may later reuse the id.
    prepare(db, 'UPDATE ingest_failures SET source_id = NULL WHERE source_id = ?').run(id);
    prepare(db, 'UPDATE ingest_runs SET source_id = NULL WHERE source_id = ?').run(id);
    db.delete(sources).where(eq(sources.id, id)).run();
    return row;
  })();
}

/** One UTC day of a source's runs (by the day each run started). */
export type SourceDay = {
  day: string;
  runs: number;
  failedRuns: number;
  /** Articles the source's runs stored that day (new ones; `updated` counts newer texts of known ones). */
  new: number;
  updated: number;
  duplicate: number;
  failed: number;
};

export type SourceHealth = Source & {
  origin: SourceOrigin;
  /** Its last attempt failed: the error came after the last success (or it never succeeded). */
  failing: boolean;
  lastRunStatus: string | null;
  pendingFailures: number;
  givenUp: number;
  /** Days of the window with at least one run, ascending. */
  days: SourceDay[];
};

export type SourceHealthList = { from: string; to: string; sources: SourceHealth[] };

/**
 * Every source with its health and its runs' volume per day over the last `days` UTC days (to `today`).
 * The volume comes from the runs, not from articles: an article does not record which source brought
 * it, and an outlet may be fed by several sources, but each run counts what it stored.
 */
export function listSourceHealth(db: Db, opts: { days?: number; today?: string } = {}): SourceHealthList {
  const to = opts.today ?? nowIso().slice(0, 10);
  const from = addDays(to, -((opts.days ?? 30) - 1));
  const dayRows = prepare(
    db,
    `SELECT source_id AS sourceId, substr(started_at, 1, 10) AS day, count(*) AS runs,
       sum(status = 'failed') AS failedRuns, sum(new) AS new, sum(updated) AS updated,
       sum(duplicate) AS duplicate, sum(failed) AS failed
     FROM ingest_runs WHERE source_id IS NOT NULL AND started_at >= ? AND started_at < ?
     GROUP BY source_id, day ORDER BY day`,
  ).all(from, addDays(to, 1)) as (SourceDay & { sourceId: number })[];
  const byId = new Map<number, SourceDay[]>();
  for (const { sourceId, ...day } of dayRows) byId.set(sourceId, [...(byId.get(sourceId) ?? []), day]);
  const counts = prepare(
    db,
    `SELECT source_id AS sourceId, sum(resolved_at IS NULL) AS pending,
       sum(resolved_at IS NOT NULL AND substr(reason, 1, ?) = ?) AS givenUp
     FROM ingest_failures WHERE source_id IS NOT NULL GROUP BY source_id`,
  ).all(GIVEN_UP.length, GIVEN_UP) as { sourceId: number; pending: number; givenUp: number }[];
  const failuresOf = new Map(counts.map((c) => [c.sourceId, c]));
  const lastStatus = prepare(
    db,
    'SELECT status FROM ingest_runs WHERE source_id = ? ORDER BY started_at DESC, id DESC LIMIT 1',
  ).pluck();
  const list = listSources(db).map((source) => ({
    ...source,
    origin: originOf(source),
    failing:
      source.lastErrorAt !== null &&
      (source.lastSuccessAt === null || source.lastErrorAt >= source.lastSuccessAt),
    lastRunStatus: (lastStatus.get(source.id) as string | undefined) ?? null,
    pendingFailures: failuresOf.get(source.id)?.pending ?? 0,
    givenUp: failuresOf.get(source.id)?.givenUp ?? 0,
    days: byId.get(source.id) ?? [],
  }));
  return { from, to, sources: list };
}
