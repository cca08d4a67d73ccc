import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  addDashboardSource,
  deleteDashboardSource,
  finishRun,
  getSourceByName,
  listDashboardSources,
  listFailures,
  listGivenUpFailures,
  listRuns,
  listSourceHealth,
  listSources,
  recordFailure,
  SourceChangeError,
  startRun,
  syncFileSources,
  updateDashboardSource,
  updateSourceState,
} from '../src/queries/index.ts';
import { type SourceConfig, sourceConfigOfRow, sourceStrictSchema } from '../src/source-config.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

const parse = (raw: unknown): SourceConfig => sourceStrictSchema.parse(raw);
const fileFeed = parse({ name: 'BBC Arabic', kind: 'feed', url: 'https://feeds.bbci.co.uk/arabic/rss.xml' });
const seeds = parse({ name: 'Seeds', kind: 'folder', path: '/work/shared/seeds', outlet: 'Hespress' });

describe('sources from the file and from the dashboard', () => {
  it('a file sync keeps the dashboard rows, enabled and untouched, and disables file rows removed from the file', () => {
    syncFileSources(db, [fileFeed, parse({ name: 'Old', kind: 'page', url: 'https://a.example/x' })]);
    const added = addDashboardSource(db, seeds);
    expect(added).toMatchObject({
      kind: 'folder',
      location: '/work/shared/seeds',
      outletHint: 'Hespress',
      enabled: true,
      schedule: '*/30 * * * *',
      config: { origin: 'dashboard', settings: {} },
    });

    const result = syncFileSources(db, [fileFeed]);
    expect(result).toEqual({ synced: 1, tookOver: [], disabled: ['Old'] });
    expect(listSources(db).map((s) => [s.name, s.enabled])).toEqual([
      ['BBC Arabic', true],
      ['Old', false],
      ['Seeds', true],
    ]);
    expect(getSourceByName(db, 'Seeds')).toEqual({ ...added, updatedAt: expect.any(String) });
    expect(listDashboardSources(db).map((s) => s.name)).toEqual(['Seeds']);
  });

  it('refuses a dashboard name the file uses, or the dashboard already added, naming the field', () => {
    syncFileSources(db, [fileFeed]);
    expect(() => addDashboardSource(db, { ...seeds, name: 'BBC Arabic' })).toThrow(
      new SourceChangeError(
        'name',
        '"BBC Arabic" is already a source in the sources file; choose another name',
      ),
    );
    addDashboardSource(db, seeds);
    expect(() => addDashboardSource(db, seeds)).toThrow(/^name: "Seeds" is already a source added here/);
    expect(listSources(db)).toHaveLength(2);
  });

  it('a name the file later takes over becomes the file’s row, with the file’s settings', () => {
    addDashboardSource(db, seeds);
    const result = syncFileSources(db, [{ ...fileFeed, name: 'Seeds' }]);
    expect(result.tookOver).toEqual(['Seeds']);
    expect(getSourceByName(db, 'Seeds')).toMatchObject({
      kind: 'feed',
      location: 'https://feeds.bbci.co.uk/arabic/rss.xml',
      config: { origin: 'file' },
    });
    expect(listDashboardSources(db)).toEqual([]);
  });

  it('edits a dashboard source through the same checks, and refuses to edit a file source', () => {
    syncFileSources(db, [fileFeed]);
    const { id } = addDashboardSource(db, seeds);
    const edited = updateDashboardSource(db, id, {
      enabled: false,
      schedule: '0 * * * *',
      outlet: null,
      language: 'ar',
    });
    expect(edited).toMatchObject({
      enabled: false,
      schedule: '0 * * * *',
      outletHint: null,
      languageHint: 'ar',
    });
    expect(() => updateDashboardSource(db, id, { schedule: '61 * * * *' })).toThrow(
      /^schedule: not a cron expression: Invalid value for minute: 61$/,
    );
    expect(() => updateDashboardSource(db, id, { language: 'arabic' })).toThrow(/^language: /);
    const file = getSourceByName(db, 'BBC Arabic');
    expect(() => updateDashboardSource(db, file?.id ?? 0, { enabled: false })).toThrow(
      /^id: source \d+ \("BBC Arabic"\) comes from the sources file; edit it there/,
    );
    expect(updateDashboardSource(db, 999, { enabled: true })).toBeNull();
    // What the worker reads back is a runnable configuration.
    const row = getSourceByName(db, 'Seeds');
    expect(row && sourceConfigOfRow(row)).toEqual({
      ok: true,
      source: { ...seeds, enabled: false, schedule: '0 * * * *', outlet: undefined, language: 'ar' },
    });
  });

  it('deleting a source keeps its runs in the history and gives up its pending failures with the reason', () => {
    const { id } = addDashboardSource(db, seeds);
    const runId = startRun(db, { kind: 'ingest', sourceId: id, args: '/work/shared/seeds' });
    recordFailure(db, { runId, sourceId: id, location: '/work/shared/seeds/x.txt', reason: 'no text' });
    finishRun(db, runId, { read: 3, new: 2, updated: 0, duplicate: 0, failed: 1, status: 'partial' });
    expect(deleteDashboardSource(db, id)?.name).toBe('Seeds');
    expect(listSources(db)).toEqual([]);
    expect(listRuns(db)[0]).toMatchObject({ id: runId, sourceId: null, new: 2 });
    expect(listFailures(db, { unresolvedOnly: true })).toEqual([]);
    expect(listGivenUpFailures(db)[0]?.reason).toBe(
      'given up: its source "Seeds" was deleted; last error: no text',
    );
    expect(deleteDashboardSource(db, id)).toBeNull();
  });
});

describe('listSourceHealth', () => {
  it('gives each source its runs per day, failures, given-up count and whether it is failing now', () => {
    syncFileSources(db, [fileFeed]);
    const feed = getSourceByName(db, 'BBC Arabic');
    if (!feed) throw new Error('synced');
    const { id } = addDashboardSource(db, seeds);
    const today = new Date().toISOString().slice(0, 10);
    const a = startRun(db, { kind: 'ingest', sourceId: id });
    finishRun(db, a, { read: 2, new: 2, updated: 0, duplicate: 0, failed: 0, status: 'ok' });
    const b = startRun(db, { kind: 'ingest', sourceId: id });
    recordFailure(db, { runId: b, sourceId: id, location: 'x.txt', reason: 'binary' });
    finishRun(db, b, { read: 3, new: 0, updated: 0, duplicate: 2, failed: 1, status: 'partial' });
    const c = startRun(db, { kind: 'feed', sourceId: feed.id });
    finishRun(db, c, {
      read: 0,
      new: 0,
      updated: 0,
      duplicate: 0,
      failed: 0,
      status: 'failed',
      error: 'offline',
    });
    updateSourceState(db, feed.id, { lastError: 'offline', lastErrorAt: new Date().toISOString() });

    const health = listSourceHealth(db, { days: 7 });
    expect(health.to).toBe(today);
    const [bbc, mine] = health.sources;
    expect(bbc).toMatchObject({ origin: 'file', failing: true, lastRunStatus: 'failed', pendingFailures: 0 });
    expect(bbc?.days).toEqual([
      { day: today, runs: 1, failedRuns: 1, new: 0, updated: 0, duplicate: 0, failed: 0 },
    ]);
    expect(mine).toMatchObject({
      origin: 'dashboard',
      failing: false,
      lastRunStatus: 'partial',
      pendingFailures: 1,
    });
    expect(mine?.days).toEqual([
      { day: today, runs: 2, failedRuns: 0, new: 2, updated: 0, duplicate: 2, failed: 1 },
    ]);
    // Outside the window: nothing.
    expect(listSourceHealth(db, { days: 1, today: '2020-01-01' }).sources[1]?.days).toEqual([]);
  });
});
