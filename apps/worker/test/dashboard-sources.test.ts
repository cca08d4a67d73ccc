// A source added from the dashboard (a row in the database, not an entry in the sources file) is
// collected by `rasid run --once`, and syncing the sources file again keeps it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, type Db, openDatabase } from '@rasid/db/client';
import { addDashboardSource, getSourceByName, getTotals, listRuns, listSources } from '@rasid/db/queries';
import { sourceStrictSchema } from '@rasid/db/source-config';
import { describe, expect, it } from 'vitest';
import { runWorker } from '../src/commands/run.ts';
import { REPO_ROOT } from '../src/env.ts';

const SEEDS = path.resolve(REPO_ROOT, '../shared/seeds');
const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-dashboard-sources-'));
const dbPath = path.join(dir, 'rasid.db');
const sourcesFile = path.join(dir, 'sources.json');

function withDb<T>(work: (db: Db) => T): T {
  const db = openDatabase(dbPath);
  try {
    return work(db);
  } finally {
    closeDatabase(db);
  }
}

function runOnce(fileSources: unknown[]) {
  writeFileSync(sourcesFile, JSON.stringify({ sources: fileSources }));
  const result = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'apps/worker/bin/rasid.js'), 'run', '--once'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, RASID_DB: dbPath, RASID_SOURCES: sourcesFile, RASID_LOG_LEVEL: 'info' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const lines = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; source?: string; new?: number; duplicate?: number });
  return { status: result.status, stderr: result.stderr, lines };
}

describe.skipIf(!existsSync(SEEDS))('sources added from the dashboard', () => {
  it('rasid run --once collects a dashboard folder source, and a later file sync keeps it enabled', () => {
    const inbox = path.join(dir, 'inbox');
    mkdirSync(inbox);
    // What POST /api/sources does, through the same schema.
    const seeds = withDb((db) =>
      addDashboardSource(db, sourceStrictSchema.parse({ name: 'Seeds', kind: 'folder', path: SEEDS })),
    );

    const first = runOnce([{ name: 'Inbox', kind: 'folder', path: inbox }]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.lines.find((l) => l.msg === 'worker started')).toMatchObject({
      sources: 2,
      fromDashboard: 1,
    });
    expect(first.lines.find((l) => l.msg === 'folder collected' && l.source === 'Seeds')).toMatchObject({
      new: 2,
    });
    withDb((db) => {
      // The two seed scrapes, each one article.
      expect(getTotals(db).articles).toBe(2);
      expect(getSourceByName(db, 'Seeds')).toMatchObject({
        id: seeds.id,
        enabled: true,
        itemsNew: 2,
        lastError: null,
        config: { origin: 'dashboard' },
      });
      expect(getSourceByName(db, 'Seeds')?.lastSuccessAt).not.toBeNull();
      expect(listRuns(db).find((r) => r.sourceId === seeds.id)).toMatchObject({ status: 'ok', new: 2 });
    });

    // The file loses its only source: that row is disabled, the dashboard's stays and is collected again.
    const second = runOnce([]);
    expect(second.status).toBe(0);
    expect(second.lines.find((l) => l.msg === 'folder collected' && l.source === 'Seeds')).toMatchObject({
      new: 0,
      duplicate: 2,
    });
    expect(second.lines.some((l) => l.source === 'Inbox' && l.msg === 'folder collected')).toBe(false);
    withDb((db) => {
      expect(listSources(db).map((s) => [s.name, s.enabled])).toEqual([
        ['Inbox', false],
        ['Seeds', true],
      ]);
      expect(getTotals(db).articles).toBe(2);
      expect(listRuns(db).filter((r) => r.sourceId === seeds.id)).toHaveLength(2);
    });
  });

  it('the sources file wins a name the dashboard used: the row becomes the file’s', () => {
    const other = path.join(dir, 'other');
    mkdirSync(other);
    const run = runOnce([{ name: 'Seeds', kind: 'folder', path: other }]);
    expect(run.status).toBe(0);
    expect(run.lines.find((l) => l.source === 'Seeds' && /file wins/.test(l.msg))).toBeDefined();
    withDb((db) => {
      expect(getSourceByName(db, 'Seeds')).toMatchObject({ location: other, config: { origin: 'file' } });
    });
  });

  it('a long-running worker picks up a source added in the dashboard while it runs, and collects it at once', async () => {
    const pollDb = path.join(dir, 'poll.db');
    const emptyFile = path.join(dir, 'empty.json');
    writeFileSync(emptyFile, JSON.stringify({ sources: [] }));
    const worker = runWorker({
      dbPath: pollDb,
      sourcesPath: emptyFile,
      once: false,
      logLevel: 'silent',
      dashboardPollMs: 200,
    });
    const db = openDatabase(pollDb);
    try {
      // Added after the worker started: no restart.
      addDashboardSource(db, sourceStrictSchema.parse({ name: 'Seeds later', kind: 'folder', path: SEEDS }));
      const deadline = Date.now() + 60_000;
      while (!getSourceByName(db, 'Seeds later')?.lastSuccessAt && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(getSourceByName(db, 'Seeds later')).toMatchObject({ itemsNew: 2, lastError: null });
      expect(getTotals(db).articles).toBe(2);
    } finally {
      process.emit('SIGTERM');
      expect(await worker).toBe(0);
      closeDatabase(db);
    }
  });

  it('a long-running worker reads its sources file again when it changes, and keeps its sources when the edit is invalid', async () => {
    const reloadDb = path.join(dir, 'reload.db');
    const file = path.join(dir, 'reload.json');
    writeFileSync(file, JSON.stringify({ sources: [] }));
    const worker = runWorker({
      dbPath: reloadDb,
      sourcesPath: file,
      once: false,
      logLevel: 'silent',
      dashboardPollMs: 200,
    });
    const db = openDatabase(reloadDb);
    const waitFor = async (done: () => boolean) => {
      const deadline = Date.now() + 60_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      writeFileSync(
        file,
        JSON.stringify({ sources: [{ name: 'Seeds in file', kind: 'folder', path: SEEDS }] }),
      );
      await waitFor(() => Boolean(getSourceByName(db, 'Seeds in file')?.lastSuccessAt));
      expect(getSourceByName(db, 'Seeds in file')).toMatchObject({
        itemsNew: 2,
        lastError: null,
        enabled: true,
      });
      // A typo in the file: the worker goes on with what it had, the source is not disabled.
      writeFileSync(file, '{"sources": [{"name": "Seeds in file", "kind": "folder"}');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(getSourceByName(db, 'Seeds in file')?.enabled).toBe(true);
      // Removed from a valid file: disabled, its history kept.
      writeFileSync(file, JSON.stringify({ sources: [] }));
      await waitFor(() => getSourceByName(db, 'Seeds in file')?.enabled === false);
      expect(getSourceByName(db, 'Seeds in file')).toMatchObject({ enabled: false, itemsNew: 2 });
    } finally {
      process.emit('SIGTERM');
      expect(await worker).toBe(0);
      closeDatabase(db);
    }
  });
});
