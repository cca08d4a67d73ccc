import type { ExportRow } from '@rasid/db/queries';
import { describe, expect, it } from 'vitest';
import { exportFileName, formatHead, formatRow, formatTail, toCsvField } from './export-format';

const row: ExportRow = {
  id: 7,
  day: '2018-03-01',
  publishedAt: null,
  dateSource: 'none',
  outlet: 'BBC Arabic',
  outletDomain: 'bbc.com',
  language: 'ar',
  section: null,
  topics: ['economy', 'politics'],
  title: 'قال "غانتس", إن',
  byline: null,
  url: 'https://example.com/a?x=1,2',
  text: 'سطر\r\nسطر آخر',
};

describe('export formats', () => {
  it('quotes CSV fields only when RFC 4180 requires it', () => {
    expect(toCsvField('plain')).toBe('plain');
    expect(toCsvField('a,b')).toBe('"a,b"');
    expect(toCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(toCsvField('one\ntwo')).toBe('"one\ntwo"');
    expect(toCsvField(null)).toBe('');
    expect(toCsvField(12)).toBe('12');
    expect(toCsvField(['a', 'b'])).toBe('a;b');
  });

  it('writes a CSV with a BOM, a snake_case header and CRLF records', () => {
    const columns = ['id', 'publishedAt', 'title', 'text', 'topics'] as const;
    const file = formatHead('csv', columns) + formatRow('csv', row, 0, columns) + formatTail('csv', 1);
    expect(file).toBe(
      '\uFEFFid,published_at,title,text,topics\r\n7,,"قال ""غانتس"", إن","سطر\r\nسطر آخر",economy;politics\r\n',
    );
  });

  it('writes a JSON array that parses, empty or not, and one JSON object per line', () => {
    const columns = ['id'] as const;
    const array = (n: number) =>
      formatHead('json', columns) +
      Array.from({ length: n }, (_, i) => formatRow('json', { ...row, id: i }, i, columns)).join('') +
      formatTail('json', n);
    expect(JSON.parse(array(0))).toEqual([]);
    expect((JSON.parse(array(3)) as ExportRow[]).map((r) => r.id)).toEqual([0, 1, 2]);
    const lines = formatRow('jsonl', row, 0, columns) + formatRow('jsonl', row, 1, columns);
    expect(
      lines
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ExportRow),
    ).toEqual([row, row]);
  });

  it('names the file after the UTC day', () => {
    expect(exportFileName('csv', new Date('2026-11-24T23:30:00Z'))).toBe('rasid-articles-2026-11-24.csv');
  });
});
