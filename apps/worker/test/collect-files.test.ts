import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listInputFiles, readInputFile } from '../src/collect/files.ts';
import { REPO_ROOT } from '../src/env.ts';

const SHARED = path.resolve(REPO_ROOT, '../shared');

describe('listInputFiles', () => {
  it('finds the gzipped JSON days of SaudiNewsNet in order and passes over the README', async () => {
    const { files, problems } = await listInputFiles([path.join(SHARED, 'corpus', 'saudinewsnet')]);
    expect(problems).toEqual([]);
    expect(files).toHaveLength(18);
    expect(files.every((f) => f.gzipped && f.kind === 'split')).toBe(true);
    expect(files.map((f) => path.basename(f.path))).toEqual(files.map((f) => path.basename(f.path)).sort());
  });

  it('reports a missing path and an explicitly named unsupported file', async () => {
    const readme = path.join(SHARED, 'corpus', 'saudinewsnet', 'README.md');
    const { files, problems } = await listInputFiles(['/nonexistent/rasid', readme]);
    expect(files).toEqual([]);
    expect(problems).toEqual([
      { location: '/nonexistent/rasid', message: 'no such file or folder' },
      { location: readme, message: expect.stringMatching(/^unsupported file type/) },
    ]);
  });
});

describe('readInputFile', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-files-'));

  it('decompresses gzip', async () => {
    const file = path.join(dir, 'a.txt.gz');
    writeFileSync(file, gzipSync('مرحبا'));
    const bytes = await readInputFile({ path: file, size: 0, gzipped: true, kind: 'text' });
    expect(Buffer.from(bytes).toString('utf8')).toBe('مرحبا');
  });

  it('names a truncated archive and a file that only pretends to be gzip', async () => {
    const truncated = path.join(dir, 'cut.json.gz');
    writeFileSync(truncated, gzipSync('{"title": "x"}'.repeat(100)).subarray(0, 30));
    await expect(readInputFile({ path: truncated, size: 0, gzipped: true, kind: 'split' })).rejects.toThrow(
      `${truncated}: corrupt gzip`,
    );
    const fake = path.join(dir, 'fake.json.gz');
    writeFileSync(fake, '{"title": "x"}');
    await expect(readInputFile({ path: fake, size: 0, gzipped: true, kind: 'split' })).rejects.toThrow(
      `${fake}: not a gzip file`,
    );
  });
});
