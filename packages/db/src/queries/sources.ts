import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sources } from '../schema/sources.ts';
import { nowIso } from './statements.ts';
import type { Source, SourceInput, SourceState } from './types.ts';

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
