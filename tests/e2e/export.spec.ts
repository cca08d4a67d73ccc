import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { countByOutlet, outletIdByName } from './sample-db';

const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks); the test's own reader. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

async function download(
  page: Page,
  format: 'csv' | 'json' | 'jsonl',
): Promise<{ file: Download; text: string }> {
  const menu = page.getByTestId('export-menu');
  await menu.locator('summary').click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByTestId(`export-${format}`).click(),
  ]);
  const filePath = await file.path();
  return { file, text: readFileSync(filePath, 'utf8') };
}

const today = () => new Date().toISOString().slice(0, 10);

test('export: the CSV from the articles page holds exactly the articles the filters select', async ({
  page,
}) => {
  const bbc = outletIdByName('BBC Arabic');
  const france24 = outletIdByName('France 24');
  const expected = countByOutlet({ outletIds: [bbc, france24], from: '2018-03-01' });
  const total = [...expected.values()].reduce((sum, { count }) => sum + count, 0);
  expect(total).toBeGreaterThan(25); // more than one page of the list: the export is not the page

  await page.goto(`/articles?from=2018-03-01&outlet=${bbc}&outlet=${france24}`);
  await expect(page.getByTestId('article-total')).toHaveText(`${total.toLocaleString('en-GB')} articles`);
  const menu = page.getByTestId('export-menu');
  await menu.locator('summary').click();
  await expect(menu).toContainText(`All ${total.toLocaleString('en-GB')} articles that match`);
  await page.screenshot({ path: path.join(artifactsDir, 'export-menu.png') });
  await menu.locator('summary').click();

  const { file, text } = await download(page, 'csv');
  expect(file.suggestedFilename()).toBe(`rasid-articles-${today()}.csv`);
  // The byte order mark that makes Excel read UTF-8 (and so Arabic) correctly.
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual([
    'id',
    'day',
    'published_at',
    'date_source',
    'outlet',
    'outlet_domain',
    'language',
    'section',
    'topics',
    'title',
    'byline',
    'url',
    'text',
  ]);
  expect(rows.length).toBe(total);
  const column = (name: string) => (header ?? []).indexOf(name);
  const perOutlet = new Map<string, number>();
  for (const row of rows) {
    expect(row).toHaveLength(header?.length ?? 0);
    const outlet = row[column('outlet')] ?? '';
    perOutlet.set(outlet, (perOutlet.get(outlet) ?? 0) + 1);
  }
  expect(perOutlet).toEqual(new Map([...expected.values()].map(({ name, count }) => [name, count])));
  expect(rows.every((row) => (row[column('day')] ?? '') >= '2018-03-01')).toBe(true);
  // Arabic text arrives intact, line breaks and all.
  expect(rows.some((row) => /[\u0600-\u06ff]/.test(row[column('text')] ?? ''))).toBe(true);
});

test('export: JSON from the overview follows a topic filter; JSON Lines follows a search', async ({
  page,
}) => {
  const expected = countByOutlet({ topicSlug: 'economy' });
  const total = [...expected.values()].reduce((sum, { count }) => sum + count, 0);
  expect(total).toBeGreaterThan(0);
  await page.goto('/?topic=economy');
  await expect(page.getByTestId('total')).toHaveText(total.toLocaleString('en-GB'));
  const { file, text } = await download(page, 'json');
  expect(file.suggestedFilename()).toBe(`rasid-articles-${today()}.json`);
  const articles = JSON.parse(text) as { id: number; topics: string[]; title: string }[];
  expect(articles.length).toBe(total);
  expect(articles.every((article) => article.topics.includes('economy'))).toBe(true);

  // A search: the list's count (the database's own full-text match) equals the lines of the file.
  await page.goto(`/articles?q=${encodeURIComponent('اسرائيل')}`);
  const shown = page.getByTestId('article-total');
  await expect(shown).toHaveText(/^\d[\d,]* articles?$/);
  const count = Number((await shown.textContent())?.replace(/\D/g, ''));
  const lines = (await download(page, 'jsonl')).text.split('\n').filter((line) => line !== '');
  expect(lines.length).toBe(count);
  const titles = lines.map((line) => (JSON.parse(line) as { title: string }).title);
  expect(titles).toContain('غانتس: المغرب وإسرائيل بحاجة لتعميق التحالفات');
});

test('export: a bad parameter is a 400 naming it, before any file is sent', async ({ request }) => {
  for (const [url, message] of [
    ['/api/export?format=xml', /^format: /],
    ['/api/export?format=csv&from=2018-02-30', /^from: /],
    ['/api/export?format=csv&outletId=abc', /^outletId: /],
  ] as const) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(400);
    expect(((await response.json()) as { error: string }).error, url).toMatch(message);
  }
  // Nothing matches: still a valid file, with only its header.
  const empty = await request.get('/api/export?format=json&from=2030-01-01');
  expect(empty.status()).toBe(200);
  expect(await empty.json()).toEqual([]);
});
