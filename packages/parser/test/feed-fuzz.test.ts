import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../src/feed/index.ts';
import { seededRandom } from '../src/random.ts';
import { ParseError } from '../src/types.ts';
import { mangle } from './html-fuzz-helpers.ts';

const FEEDS = resolve(import.meta.dirname, '../../../../shared/feeds');
const hasData = existsSync(FEEDS) || !!process.env.CI;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

describe.skipIf(!hasData)('parseFeed on mangled real feeds', () => {
  it('throws nothing but ParseError and stays fast on ~100 feeds cut, flipped and stripped of closing tags', () => {
    const rand = seededRandom(1442);
    const files = [
      ...listFiles(`${FEEDS}/rss-parser/input`),
      ...listFiles(`${FEEDS}/feedparser`).filter((_, i) => i % 30 === 0),
    ];
    expect(files.length).toBeGreaterThan(90);
    let parsed = 0;
    let slowest = 0;
    for (const file of files) {
      const input = mangle(readFileSync(file, 'latin1'), rand);
      const t0 = performance.now();
      try {
        parseFeed(input, { url: 'https://example.com/feed' });
        parsed++;
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
      }
      slowest = Math.max(slowest, performance.now() - t0);
    }
    expect(slowest).toBeLessThan(2000);
    // Tolerance is the point: most damaged feeds still yield a Feed.
    expect(parsed).toBeGreaterThan(files.length / 2);
  }, 60_000);
});
