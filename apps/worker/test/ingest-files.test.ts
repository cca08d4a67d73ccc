import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { digestArticles, getTotals, listFailures } from '@rasid/db/queries';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/env.ts';
import { ingestFiles } from '../src/jobs/ingest-files.ts';
import { ParsePool } from '../src/parse-pool.ts';

const SHARED = path.resolve(REPO_ROOT, '../shared');
// A day of SaudiNewsNet (with records that have no text) and the two seed scrapes.
const INPUTS = [
  path.join(SHARED, 'corpus', 'saudinewsnet', '2015-07-23.json.gz'),
  path.join(SHARED, 'seeds'),
];

async function ingestInto(threads: number) {
  const db = openDatabase(':memory:');
  try {
    const summary = await ingestFiles(db, INPUTS, { threads, batchSize: 150 });
    return {
      stats: [summary.read, summary.new, summary.updated, summary.duplicate, summary.failed, summary.threads],
      parsedOnMain: summary.parsedOnMain,
      digest: digestArticles(db),
      totals: getTotals(db),
      failures: listFailures(db, { limit: 10_000 })
        .map((f) => `${f.location}: ${f.reason}`)
        .sort(),
    };
  } finally {
    closeDatabase(db);
  }
}

describe('ingestFiles with parse threads', () => {
  it('stores exactly what parsing inline stores, failures included', async () => {
    const inline = await ingestInto(0);
    const threaded = await ingestInto(2);
    expect(inline.totals.articles).toBeGreaterThan(1000);
    expect(inline.failures.length).toBeGreaterThan(0);
    expect(threaded.stats).toEqual([...inline.stats.slice(0, 5), 2]);
    expect(threaded.totals).toEqual(inline.totals);
    expect(threaded.digest).toBe(inline.digest);
    expect(threaded.failures).toEqual(inline.failures);
    // Threads start slower than the main thread reads: chunks past the threads' fill were parsed on the
    // main thread, and their turn in the order was kept all the same.
    expect(inline.parsedOnMain).toBe(inline.stats[0]);
    expect(threaded.parsedOnMain).toBeGreaterThan(0);
    expect(threaded.parsedOnMain).toBeLessThan(inline.stats[0] ?? 0);
  }, 300_000);
});

describe('ingestFiles reading ahead', () => {
  // Files read whole are read (and decompressed) one ahead of the file being stored: a corrupt file between
  // good ones must still fail alone, in its turn, and every file's records store as when each is read
  // on its own. Three real SaudiNewsNet days, a truncated copy of one between them, and a file that only
  // pretends to be gzip at the end.
  it('stores each day as read alone and names the corrupt files, with and without threads', async () => {
    const days = ['2015-07-23', '2015-07-24', '2015-07-25'].map((day) =>
      path.join(SHARED, 'corpus', 'saudinewsnet', `${day}.json.gz`),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-read-ahead-'));
    const files = days.map((day, i) => path.join(dir, `${i * 2}-${path.basename(day)}`));
    for (const [i, day] of days.entries()) copyFileSync(day, files[i] as string);
    const cut = path.join(dir, '1-cut.json.gz');
    writeFileSync(cut, readFileSync(days[0] as string).subarray(0, 5000));
    const fake = path.join(dir, '9-fake.json.gz');
    writeFileSync(fake, '[{"title": "x"}]');

    const alone = openDatabase(':memory:');
    for (const file of files) await ingestFiles(alone, [file]);
    const expected = { digest: digestArticles(alone), totals: getTotals(alone) };
    closeDatabase(alone);
    expect(expected.totals.articles).toBeGreaterThan(3000);

    for (const threads of [0, 1]) {
      const db = openDatabase(':memory:');
      try {
        const summary = await ingestFiles(db, [dir], { threads, batchSize: 400 });
        expect(summary.files).toBe(5);
        expect({ digest: digestArticles(db), totals: getTotals(db) }).toEqual(expected);
        const failures = listFailures(db, { limit: 10_000 }).filter((f) => !f.location.includes('#'));
        expect(failures.map((f) => [f.location, f.reason])).toEqual([
          [fake, expect.stringMatching(/^not a gzip file/)],
          [cut, expect.stringMatching(/^corrupt gzip: unexpected end of file/)],
        ]);
      } finally {
        closeDatabase(db);
      }
    }
  }, 300_000);
});

describe('ParsePool', () => {
  it.each([0, -1, 1.5, Number.NaN])('refuses %s threads', (size) => {
    expect(() => new ParsePool(size)).toThrow(`parse pool: not a positive thread count: ${size}`);
  });

  it('returns the parser error for an input it cannot parse, in input order', async () => {
    const pool = new ParsePool(1);
    try {
      const results = await pool.parse([
        { content: '{"title": "عنوان", "text": "نص الخبر"}', format: 'record', location: 'a' },
        { content: '{}', format: 'record', location: 'b' },
      ]);
      expect(results[0] && 'article' in results[0] && results[0].article.title).toBe('عنوان');
      expect(results[1]).toEqual({ error: expect.stringMatching(/^b: missing text/) });
    } finally {
      await pool.close();
    }
    await expect(pool.parse([])).rejects.toThrow('parse pool closed');
  });
});
