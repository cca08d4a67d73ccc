import { mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../src/checkpointer.ts';
import { closeDatabase, type Db, openDatabase, WAL_CHECKPOINT_PAGES } from '../src/client.ts';
import { getTotals, storeArticles } from '../src/queries/index.ts';
import type { IngestItem } from '../src/queries/types.ts';
import { hasAnt, loadAnt } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'rasid-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const autocheckpoint = (db: Db) => db.$client.pragma('wal_autocheckpoint', { simple: true });
const fileSize = (path: string) => statSync(path).size;

/** A fresh database whose WAL is empty: everything it holds is in the file. */
function freshDatabase(name: string): { db: Db; path: string } {
  const path = join(dir, name);
  const db = openDatabase(path);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  return { db, path };
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

describe.skipIf(!hasAnt)('startCheckpointer on ANT articles', () => {
  let items: IngestItem[];
  beforeAll(async () => {
    items = await loadAnt({ perFile: 120 });
  });

  it('copies committed pages into the file while the writer only checkpoints past the backstop', async () => {
    const { db, path } = freshDatabase('threaded.db');
    const checkpointer = startCheckpointer(db, { intervalMs: 10 });
    expect(checkpointer).not.toBeNull();
    expect(autocheckpoint(db)).toBe(16_000);
    const before = fileSize(path);
    storeArticles(db, items);
    // The writer's backstop (64 MB of WAL) is far off: only the thread can have grown the file.
    expect(await waitFor(() => fileSize(path) > before + 1_000_000, 10_000)).toBe(true);
    await checkpointer?.stop();
    expect(autocheckpoint(db)).toBe(WAL_CHECKPOINT_PAGES);
    // A second stop is the same stop.
    await checkpointer?.stop();
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');

    // The same batch without the thread, the writer set to the same backstop: the file does not grow.
    const control = freshDatabase('control.db');
    control.db.$client.pragma('wal_autocheckpoint = 16000');
    const controlBefore = fileSize(control.path);
    storeArticles(control.db, items);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fileSize(control.path)).toBe(controlBefore);
    expect(getTotals(db).articles).toBeGreaterThan(400);
    expect(getTotals(db)).toEqual(getTotals(control.db));
    closeDatabase(db);
    closeDatabase(control.db);
  });
});

describe('startCheckpointer', () => {
  it('has nothing to do for an in-memory database', () => {
    const db = openDatabase(':memory:');
    expect(startCheckpointer(db)).toBeNull();
    expect(autocheckpoint(db)).not.toBe(16_000);
    closeDatabase(db);
  });

  it('rejects a bad interval or backstop, naming it', () => {
    const { db } = freshDatabase('options.db');
    expect(() => startCheckpointer(db, { intervalMs: 0 })).toThrow(/intervalMs must be a positive/);
    expect(() => startCheckpointer(db, { backstopPages: 1.5 })).toThrow(/backstopPages must be a positive/);
    expect(autocheckpoint(db)).toBe(WAL_CHECKPOINT_PAGES);
    closeDatabase(db);
  });

  it('reports a thread that cannot open the file, and the writer checkpoints itself again', async () => {
    const { db, path } = freshDatabase('gone.db');
    const errors: Error[] = [];
    const checkpointer = startCheckpointer(db, { onError: (e) => errors.push(e) });
    // Gone before the thread opens it (the thread starts after this synchronous call); the writer's
    // connection holds the file open and goes on.
    unlinkSync(path);
    expect(await waitFor(() => errors.length > 0, 10_000)).toBe(true);
    expect(errors[0]?.message).toContain(`checkpoint thread for ${path} failed`);
    expect(autocheckpoint(db)).toBe(WAL_CHECKPOINT_PAGES);
    await checkpointer?.stop();
    expect(errors).toHaveLength(1);
    closeDatabase(db);
  });
});
