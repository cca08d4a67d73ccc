import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@rasid/db/client';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyFilters } from '@/lib/filters';
import { readCoverage, readFacets } from './overview-data';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-overview-data-'));
const file = path.join(dir, 'rasid.db');
const db = openDatabase(file, { migrate: true });
// Another connection, as the worker's: its commits must reach the dashboard's next answer.
const worker = openDatabase(file);

afterAll(() => {
  db.$client.close();
  worker.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const addOutlet = (on: typeof db, name: string) =>
  on.$client
    .prepare('INSERT INTO outlets (key, name, domain, created_at) VALUES (?, ?, ?, ?)')
    .run(name.toLowerCase(), name, `${name.toLowerCase()}.example`, '2026-12-01T00:00:00.000Z');

describe('the overview’s kept answers', () => {
  it('are the same answer until the data changes, then the new one', () => {
    const first = readFacets(db);
    expect(first.outlets).toEqual([]);
    // Unchanged data: the kept answer itself, not a recount.
    expect(readFacets(db)).toBe(first);
    const coverage = readCoverage(db, emptyFilters, 'month', 'outlet');
    expect(readCoverage(db, emptyFilters, 'month', 'outlet')).toBe(coverage);
    expect(readCoverage(db, emptyFilters, 'outlet', null)).not.toBe(coverage);

    // A commit by another connection (the worker's) moves PRAGMA data_version.
    addOutlet(worker, 'Alpha');
    const afterWorker = readFacets(db);
    expect(afterWorker).not.toBe(first);
    expect(afterWorker.outlets.map((outlet) => outlet.name)).toEqual(['Alpha']);
    expect(readCoverage(db, emptyFilters, 'month', 'outlet')).not.toBe(coverage);

    // A write through the dashboard's own connection does not move data_version, but total_changes().
    addOutlet(db, 'Beta');
    expect(readFacets(db).outlets.map((outlet) => outlet.name)).toEqual(['Alpha', 'Beta']);
  });
});
