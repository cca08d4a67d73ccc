import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../src/html/index.ts';
import { seededRandom } from '../src/random.ts';
import { mangle } from './html-fuzz-helpers.ts';

const SHARED = resolve(import.meta.dirname, '../../../../shared');
const hasData = existsSync(`${SHARED}/html`) || !!process.env.CI;

function samplePages(): string[] {
  const readability = readdirSync(`${SHARED}/html/readability`)
    .filter((_, i) => i % 2 === 0)
    .map((p) => readFileSync(`${SHARED}/html/readability/${p}/source.html`, 'utf8'));
  const trafDir = `${SHARED}/html/trafilatura/eval`;
  const traf = readdirSync(trafDir)
    .filter((_, i) => i % 12 === 0)
    .map((f) => gunzipSync(readFileSync(`${trafDir}/${f}`)).toString('utf8'));
  return [...readability, ...traf];
}

describe.skipIf(!hasData)('extractHtml on mangled real pages', () => {
  it('never throws and stays fast on ~140 pages cut, flipped and stripped of closing tags', () => {
    const rand = seededRandom(20211124);
    const pages = samplePages();
    expect(pages.length).toBeGreaterThan(120);
    let slowest = 0;
    for (const page of pages) {
      const input = mangle(page, rand);
      const t0 = performance.now();
      const x = extractHtml(input, 'https://example.com/2021/11/24/page.html');
      slowest = Math.max(slowest, performance.now() - t0);
      expect(typeof x.body).toBe('string');
    }
    expect(slowest).toBeLessThan(2000);
  }, 60_000);
});
