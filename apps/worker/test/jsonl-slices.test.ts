import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { digestArticles, getTotals, listFailures } from '@rasid/db/queries';
import { afterAll, describe, expect, it } from 'vitest';
import { type InputFile, readJsonLinesSlices } from '../src/collect/files.ts';
import { REPO_ROOT } from '../src/env.ts';
import { ingestFiles } from '../src/jobs/ingest-files.ts';

const SKYNEWS = path.resolve(REPO_ROOT, '../shared/corpus/ant/skynews.jsonl.gz');
const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fileOf = (p: string): InputFile => ({
  path: p,
  size: readFileSync(p).length,
  gzipped: p.endsWith('.gz'),
  kind: 'split',
});

async function readAll(file: InputFile, sliceBytes?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const { text } of readJsonLinesSlices(file, sliceBytes)) out.push(text);
  return out;
}

describe('readJsonLinesSlices', () => {
  it("gives Sky News' 41 MB of JSON Lines back in whole lines, a slice at a time", async () => {
    const text = new TextDecoder().decode(gunzipSync(readFileSync(SKYNEWS)));
    const parts = await readAll(fileOf(SKYNEWS), 256 * 1024);
    expect(parts.length).toBeGreaterThan(100);
    expect(parts.join('\n')).toBe(text.endsWith('\n') ? text.slice(0, -1) : text);
    // Every slice ends at a line's end: its last line is a whole record.
    for (const part of parts) expect(() => JSON.parse(part.slice(part.lastIndexOf('\n') + 1))).not.toThrow();
  });

  it.each([
    [
      'a truncated gzip',
      'cut.jsonl.gz',
      () => readFileSync(SKYNEWS).subarray(0, 100_000),
      /cut\.jsonl\.gz: corrupt gzip/,
    ],
    [
      'binary bytes',
      'bin.jsonl',
      () => Buffer.from([0x7b, 0, 1, 2, 0x7d, 0x0a]),
      /bin\.jsonl: binary, not text/,
    ],
    ['UTF-16 text', 'u16.jsonl', () => Buffer.from('\uFEFF{"a":1}\n', 'utf16le'), /u16\.jsonl: UTF-16 text/],
    [
      'bytes that are not UTF-8',
      'latin.jsonl',
      () => Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d, 0x0a]),
      /latin\.jsonl: not UTF-8 text near byte 0/,
    ],
  ])('names the file and the problem for %s', async (_name, name, bytes, message) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes());
    await expect(readAll(fileOf(file))).rejects.toThrow(message);
  });
});

describe('ingestFiles on a large JSON Lines file', () => {
  it('stores what reading it whole stores: streamed as .jsonl, read whole as .json', async () => {
    // 3 MB of Sky News records with CRLF line ends, blank lines and a broken record among them.
    const lines = new TextDecoder()
      .decode(gunzipSync(readFileSync(SKYNEWS)))
      .split('\n')
      .slice(0, 1000);
    lines.splice(10, 0, '', '{"title": broken');
    const text = `\n${lines.join('\r\n')}`;
    expect(text.length).toBeGreaterThan(1 << 20);
    const runs = [];
    for (const name of ['sky.jsonl', 'sky.json']) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const db = openDatabase(':memory:');
      try {
        const summary = await ingestFiles(db, [file], { threads: 1 });
        runs.push({
          stats: [summary.read, summary.new, summary.failed],
          digest: digestArticles(db),
          totals: getTotals(db),
          failures: listFailures(db, { limit: 100 }).map((f) => `${path.basename(f.location)}: ${f.reason}`),
        });
      } finally {
        closeDatabase(db);
      }
    }
    const [streamed, whole] = runs;
    expect(streamed?.stats).toEqual([1000, 1000, 1]);
    expect(streamed?.failures).toEqual([expect.stringMatching(/^sky\.jsonl#11: line 12: invalid JSON/)]);
    expect(whole?.failures).toEqual([expect.stringMatching(/^sky\.json#11: line 12: invalid JSON/)]);
    expect(streamed?.stats).toEqual(whole?.stats);
    expect(streamed?.totals).toEqual(whole?.totals);
    expect(streamed?.digest).toBe(whole?.digest);
  }, 120_000);
});
