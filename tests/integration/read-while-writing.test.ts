// The dashboard beside a running worker never sees "database is locked": WAL lets its reads run while an
// ingest writes, and its own occasional writes wait out a batch's transaction (the busy timeout) instead
// of failing. The dashboard's connection is opened as apps/dashboard/src/server/db.ts opens it.
import path from 'node:path';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { countArticles, countCoverage, listArticles, upsertAlertRule } from '@rasid/db/queries';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/cli.ts';
import { hasShared, sharedPath } from '../support/paths.ts';
import { spawnRasid } from '../support/worker.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasShared())('the dashboard beside a running ingest', () => {
  it('reads and writes all through an ingest of one outlet without an error', async () => {
    const file = path.join(makeTempDir('rasid-read-while-writing-'), 'rasid.db');
    // Migrated first, as `npm start` does before it starts the worker and the dashboard.
    closeDatabase(openDatabase(file));
    const child = spawnRasid(['ingest', sharedPath('corpus', 'ant', 'alarabia.jsonl.gz')], {
      RASID_DB: file,
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let done = false;
    void exited.then(() => {
      done = true;
    });
    const db = openDatabase(file, { migrate: true });
    const errors: string[] = [];
    const counts: number[] = [];
    let writes = 0;
    try {
      while (!done) {
        try {
          counts.push(countArticles(db, {}));
          countCoverage(db, {}, 'day', 'outlet');
          listArticles(db, { q: 'النفط' }, { limit: 20 });
          if (counts.length % 10 === 0) {
            upsertAlertRule(db, { name: 'all coverage', scope: { kind: 'all' } });
            writes++;
          }
        } catch (error) {
          errors.push((error as Error).message);
        }
        await sleep(10);
      }
    } finally {
      closeDatabase(db);
    }
    expect(await exited, stderr).toBe(0);
    expect(errors).toEqual([]);
    expect(writes).toBeGreaterThan(0);
    // The reads fell while the ingest wrote: they saw the count grow batch by batch, and never shrink.
    expect(new Set(counts).size).toBeGreaterThan(3);
    expect(counts.every((n, i) => i === 0 || n >= (counts[i - 1] as number))).toBe(true);
  }, 300_000);
});
