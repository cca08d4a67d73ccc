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

  const parsePage = (file: string) => {
    const text = visibleText(file) as string;
    const t = extractText(text);
    return { ...t, body: squash(t.paragraphs.join('\n\n')) };
  };

  it('takes the headline shown twice in the header over a nearer subheading, and keeps the lead', () => {
    // "Reiki und Schamanismus" is the breadcrumb and the heading; "War Mikao Usui Schamane?" is the
    // story's first subheading, and the lead sentence sits between them.
    const t = parsePage('shingon-reiki.de.schamanismus.html');
    expect(t.title).toBe('Reiki und Schamanismus');
    expect(t.paragraphs[0]).toBe(
      'Heut geht es um Reiki und Schamanismus. Wenn du das lernen magst, siehe Infos unten.',
    );
    expect(t.body).toContain('War Mikao Usui Schamane?');
    expect(t.body).not.toContain('Hinterlasse eine Antwort');
  });

  it('finds the headline above a dateline and leaves a cookie overlay after the copyright line', () => {
    const t = parsePage('hildesheimer-presse.de-hund.html');
    expect(t.title).toBe('Hund vertreibt Einbrecher – Zeugenaufruf');
    expect(t.body).toContain('Als der Bewohner nach dem Rechten schauen wollte');
    // The dateline "Hildesheimer Presse 1. November 2023 …" is neither title nor body.
    expect(t.body).not.toContain('Hildesheimer Presse 1. November');
    // The consent dialog's long paragraphs come after "Copyright © 2023 Hildesheimer Presse".
    expect(t.body).not.toContain('Die technische Speicherung');
    expect(t.body).not.toContain('Nummer gegen Kummer');
  });

  it("ends the story at its author's bio", () => {
    const t = parsePage('fivethirtyeight.com.endorsement.html');
    expect(t.body).toContain('Perhaps these endorsements are capturing');
    expect(t.body).not.toContain('Perry Bacon Jr. is a senior writer for FiveThirtyEight.');
  });

  it('scores F1 ≥ 0.82 on a fixed tenth of the set, well above keeping the whole text', () => {
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
    // 0.844 now (0.82 before the headline, end-matter and repeated-line rules).
    expect(f1(acc.ours)).toBeGreaterThanOrEqual(0.82);
    expect(f1(acc.ours)).toBeGreaterThan(f1(acc.whole) + 0.08);
  });
});
