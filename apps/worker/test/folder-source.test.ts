// A folder source's path may name a folder or one file; a path that is missing is the source's error
// (with a failed run saying so) unless the source asks for the folder to be created.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { getSourceByName, getTotals, listRuns, startRun, syncFileSources } from '@rasid/db/queries';
import { sourceSchema } from '@rasid/db/source-config';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { runSource } from '../src/commands/run.ts';
import { REPO_ROOT } from '../src/env.ts';

const SEED = path.resolve(REPO_ROOT, '../shared/seeds/000_06f69c84c9046252.txt');
const log = pino({ level: 'silent' });

type Case = {
  name: string;
  path: (dir: string) => string;
  create?: boolean;
  ok: boolean;
  articles: number;
  error?: RegExp;
  created?: boolean;
};

const cases: Case[] = [
  { name: 'one file', path: () => SEED, ok: true, articles: 1 },
  {
    name: 'a missing folder',
    path: (dir) => path.join(dir, 'typo'),
    ok: false,
    articles: 0,
    error: /^no such folder or file: .*typo \(set "create": true/,
    created: false,
  },
  {
    name: 'a missing folder the source creates',
    path: (dir) => path.join(dir, 'inbox', 'new'),
    create: true,
    ok: true,
    articles: 0,
    created: true,
  },
  {
    name: 'a device',
    path: () => '/dev/null',
    ok: false,
    articles: 0,
    error: /^not a folder or a file: \/dev\/null$/,
  },
];

describe.skipIf(!existsSync(SEED))('a folder source', () => {
  it.each(cases)('$name', async (c) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-folder-source-'));
    const db = openDatabase(path.join(dir, 'rasid.db'));
    try {
      const source = sourceSchema.parse({
        name: 'Folder',
        kind: 'folder',
        path: c.path(dir),
        create: c.create,
      });
      syncFileSources(db, [source]);
      expect(await runSource(db, source, log)).toBe(c.ok);
      expect(getTotals(db).articles).toBe(c.articles);
      const row = getSourceByName(db, 'Folder');
      const [run] = listRuns(db, 1);
      if (c.error) {
        expect(row?.lastError).toMatch(c.error);
        // The run is there, failed, with the same reason: not a source that silently never ran.
        expect(run).toMatchObject({ status: 'failed', read: 0 });
        expect(run?.error).toMatch(c.error);
      } else {
        expect(row?.lastError).toBeNull();
        expect(row?.lastSuccessAt).not.toBeNull();
        expect(run?.status).toBe('ok');
      }
      if (c.created !== undefined) expect(existsSync(c.path(dir))).toBe(c.created);
    } finally {
      closeDatabase(db);
    }
  });
});

describe.skipIf(!existsSync(SEED))('a source another process is running', () => {
  it('is left to that process, and run once that process is gone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-folder-source-'));
    const db = openDatabase(path.join(dir, 'rasid.db'));
    try {
      const source = sourceSchema.parse({ name: 'Folder', kind: 'folder', path: SEED });
      syncFileSources(db, [source]);
      const sourceId = getSourceByName(db, 'Folder')?.id as number;
      // A run held by a live process of this machine (the test runner's parent): another `rasid run`.
      const held = startRun(db, { kind: 'ingest', sourceId });
      db.$client.prepare('UPDATE ingest_runs SET pid = ? WHERE id = ?').run(process.ppid, held);
      expect(await runSource(db, source, log)).toBe(true);
      expect(getTotals(db).articles).toBe(0);
      expect(listRuns(db).map((r) => [r.id, r.status])).toEqual([[held, 'running']]);
      // That process was killed: its run is closed as interrupted, and this one collects.
      db.$client.prepare('UPDATE ingest_runs SET pid = ? WHERE id = ?').run(2 ** 22 + 1, held);
      expect(await runSource(db, source, log)).toBe(true);
      expect(getTotals(db).articles).toBe(1);
      expect(listRuns(db).map((r) => r.status)).toEqual(['ok', 'interrupted']);
    } finally {
      closeDatabase(db);
    }
  });
});
