import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractPageText } from '../src/html/index.ts';
import { extractText } from '../src/text/index.ts';

// The text parser on a scraper's dump of a whole page (menus, breadcrumbs, footers, one block a line):
// the trafilatura evaluation pages rendered to their visible text. The full set runs in
// `npm run eval -- parser-text`.
const DIR = resolve(import.meta.dirname, '../../../../shared/html/trafilatura');
const hasData = existsSync(`${DIR}/evaldata.json`) || !!process.env.CI;

type Entry = { file: string; with: string[]; without: string[] };

const squash = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();

function visibleText(file: string): string | null {
  const path = [`${DIR}/eval/${file}.gz`, `${DIR}/cache/${file}.gz`].find(existsSync);
  if (!path) return null;
  const html = new TextDecoder('utf-8').decode(gunzipSync(readFileSync(path)));
  return extractPageText(html)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

describe.skipIf(!hasData)('extractText on whole-page visible text', () => {
  const entries = hasData
    ? Object.values(JSON.parse(readFileSync(`${DIR}/evaldata.json`, 'utf8')) as Record<string, Entry>)
    : [];

  it('drops the menus and footer around a story and keeps its paragraphs', () => {
    const entry = entries.find((e) => e.file === 'nationnews.com-schools.html') as Entry;
    const text = visibleText(entry.file) as string;
    const body = squash(extractText(text).paragraphs.join('\n\n'));
    for (const s of entry.with) expect(body, s).toContain(squash(s));
    expect(body.length).toBeLessThan(squash(text).length / 2);
  });

  it('scores F1 ≥ 0.78 on a fixed tenth of the set, well above keeping the whole text', () => {
    const acc = { ours: { tp: 0, fp: 0, fn: 0 }, whole: { tp: 0, fp: 0, fn: 0 } };
    entries.forEach((entry, i) => {
      if (i % 10 !== 0) return;
      const text = visibleText(entry.file);
      if (text === null) return;
      const bodies = { ours: squash(extractText(text).paragraphs.join('\n\n')), whole: squash(text) };
      for (const k of ['ours', 'whole'] as const) {
        for (const s of entry.with) bodies[k].includes(squash(s)) ? acc[k].tp++ : acc[k].fn++;
        for (const s of entry.without) if (bodies[k].includes(squash(s))) acc[k].fp++;
      }
    });
    const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }): number =>
      (2 * tp) / (2 * tp + fp + fn);
    expect(f1(acc.ours)).toBeGreaterThanOrEqual(0.78);
    expect(f1(acc.ours)).toBeGreaterThan(f1(acc.whole) + 0.08);
  });
});
