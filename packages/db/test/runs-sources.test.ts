import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  finishRun,
  getSourceByName,
  listFailures,
  listRuns,
  listSources,
  recordFailure,
  resolveFailures,
  startRun,
  updateSourceState,
  upsertSource,
} from '../src/queries/index.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

describe('runs', () => {
  it('records a run from start to finish, with its failures', () => {
    const runId = startRun(db, { kind: 'ingest', args: 'data/inbox' });
    expect(listRuns(db)[0]).toMatchObject({ id: runId, status: 'running', finishedAt: null });
    recordFailure(db, { runId, location: 'a.json#3', reason: 'no text' });
    recordFailure(db, { runId, location: 'b.html', reason: 'binary' });
    finishRun(db, runId, { read: 10, new: 7, updated: 1, duplicate: 1, failed: 2, status: 'partial' });
    const [run] = listRuns(db, 5);
    expect(run).toMatchObject({
      status: 'partial',
      read: 10,
      new: 7,
      updated: 1,
      duplicate: 1,
      failed: 2,
      error: null,
    });
    expect(run?.finishedAt).not.toBeNull();

    expect(listFailures(db, { unresolvedOnly: true }).map((f) => f.location)).toEqual(['b.html', 'a.json#3']);
    expect(resolveFailures(db, { location: 'b.html' })).toBe(1);
    expect(listFailures(db, { unresolvedOnly: true }).map((f) => f.location)).toEqual(['a.json#3']);
    expect(listFailures(db, { limit: 1 })).toHaveLength(1);
  });
});

describe('sources', () => {
  it('upserts configuration by name without touching run state', () => {
    const created = upsertSource(db, {
      name: 'bbc',
      kind: 'feed',
      location: 'https://feeds.bbci.co.uk/arabic/rss.xml',
      schedule: '*/15 * * * *',
      config: { maxItems: 50 },
    });
    expect(created).toMatchObject({
      enabled: true,
      itemsSeen: 0,
      config: { maxItems: 50 },
      outletHint: null,
    });
    updateSourceState(db, created.id, { lastRunAt: '2024-01-01T00:00:00Z', itemsSeen: 12, etag: '"abc"' });
    const updated = upsertSource(db, {
      name: 'bbc',
      kind: 'feed',
      location: 'https://example.com/rss',
      enabled: false,
    });
    expect(updated).toMatchObject({
      id: created.id,
      location: 'https://example.com/rss',
      enabled: false,
      itemsSeen: 12,
      etag: '"abc"',
      config: {},
    });
    expect(getSourceByName(db, 'bbc')?.lastRunAt).toBe('2024-01-01T00:00:00Z');
    expect(getSourceByName(db, 'nope')).toBeNull();
    upsertSource(db, { name: 'archive', kind: 'folder', location: './data/inbox' });
    expect(listSources(db).map((s) => s.name)).toEqual(['archive', 'bbc']);
  });
});
