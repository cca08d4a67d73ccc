import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  countArticles,
  countCoverage,
  type IngestItem,
  listArticles,
  matchesSearch,
  parseSearch,
  SearchSyntaxError,
  storeArticles,
} from '../src/queries/index.ts';
import { hasAnt, loadAnt, makeArticle, makeItem } from './helpers.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

// Boolean searches run through FTS5 must give the articles matchesSearch picks (what a watch topic will
// use), and the list, its total, the count and the chart must agree on them.
function checkAgreement(db: Db, q: string): number[] {
  const ids: number[] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const page = listArticles(db, { q }, { limit: 500, cursor });
    total = page.total;
    ids.push(...page.items.map((a) => a.id));
    cursor = page.nextCursor;
  } while (cursor);
  const parsed = parseSearch(q);
  const rows = db.$client.prepare('SELECT id, title, body FROM articles ORDER BY id').all() as {
    id: number;
    title: string;
    body: string;
  }[];
  const expected = rows.filter((r) => matchesSearch(parsed, r)).map((r) => r.id);
  expect(
    [...ids].sort((a, b) => a - b),
    q,
  ).toEqual(expected);
  expect(total, q).toBe(expected.length);
  expect(countArticles(db, { q }), q).toBe(expected.length);
  const chart = countCoverage(db, { q }, 'month');
  expect(
    chart.reduce((sum, p) => sum + p.count, 0),
    q,
  ).toBe(expected.length);
  return ids;
}

describe('boolean search', () => {
  const docs = [
    { url: 'https://example.com/a', title: 'غانتس في الرباط', body: 'وقعت إسرائيل والمغرب اتفاقا أمنيا' },
    { url: 'https://example.com/b', title: 'اتفاق أمني', body: 'بيني غانتس يزور المغرب' },
    { url: 'https://example.com/c', title: 'الطقس في تونس', body: 'أمطار غزيرة على الساحل' },
    {
      url: 'https://example.com/d',
      title: 'Gantz visits Rabat',
      body: 'Israel and Morocco sign a security deal',
    },
    { url: 'https://example.com/e', title: 'المغرب وتونس', body: 'مباراة ودية في الرباط' },
  ];
  beforeEach(() => {
    storeArticles(
      db,
      docs.map((d) => makeItem(makeArticle(d))),
    );
  });

  it.each([
    ['المغرب', 'abe'],
    ['المغرب الرباط', 'ae'],
    ['المغرب AND الرباط', 'ae'],
    ['تونس OR Morocco', 'cde'],
    ['المغرب OR تونس الرباط', 'abe'], // OR binds loosest: المغرب OR (تونس AND الرباط)
    ['(المغرب OR تونس) الرباط', 'ae'],
    ['المغرب NOT الرباط', 'b'],
    ['المغرب -الرباط', 'b'],
    ['المغرب -(الرباط OR غانتس)', ''],
    ['title:المغرب', 'e'],
    ['title:(غانتس OR تونس)', 'ace'],
    ['title:الرباط OR title:rabat', 'ad'],
    ['غانتس -title:غانتس', 'b'],
    ['"بيني غانتس"', 'b'],
    ['"غانتس بيني"', ''],
    ['title:"visits rabat" israel', 'd'],
    ['اسرائيل', 'a'], // إسرائيل
    ['ISRAEL and', 'd'], // lowercase and is a word, here in the body
    ['israel or morocco', ''], // …and `or` is not in it
    ['NEAR(غانتس المغرب)', ''], // FTS syntax typed by a user is text: no article has the word near
  ])('%s → %s', (q, expected) => {
    const ids = checkAgreement(db, q);
    const urls = listArticles(db, { q }, { limit: 10 }).items.map((a) => a.url?.slice(-1));
    expect(urls.sort().join('')).toBe(expected);
    expect(ids).toHaveLength(expected.length);
  });

  it('refuses a query it cannot read, naming the problem and its position', () => {
    expect(() => countArticles(db, { q: 'المغرب OR' })).toThrow(
      new SearchSyntaxError('OR needs a term on both sides', 7),
    );
    expect(() => listArticles(db, { q: '(a' }, { limit: 1 })).toThrow('search: unbalanced parenthesis at 0');
    expect(() => countCoverage(db, { q: '-المغرب' }, 'day')).toThrow(SearchSyntaxError);
  });
});

describe('boolean search, generated queries', () => {
  // Every combination of three words over title and body, so any query has something to tell apart.
  const words = ['alpha', 'beta', 'gamma'];
  const texts = ['', ...words, 'alpha beta', 'beta alpha', 'alpha gamma', 'beta gamma', 'alpha beta gamma'];
  // Words weigh more than syntax, or nearly every generated query would be a syntax error.
  const pieces = [
    ...words,
    ...words,
    ...words,
    '"alpha beta"',
    '(',
    ')',
    'AND',
    'OR',
    'NOT',
    '-',
    'title:',
    '؟',
    '"',
    'and',
  ];

  it('either refuses a query with a SearchSyntaxError or finds what matchesSearch finds', () => {
    const items = [];
    for (const [i, title] of texts.entries()) {
      for (const [j, body] of texts.entries()) {
        items.push(
          makeItem(
            makeArticle({ url: `https://example.com/${i}/${j}`, title: title || 'x', body: body || 'x' }),
          ),
        );
      }
    }
    storeArticles(db, items);
    // A fixed-seed generator: the same queries every run, so a failure can be replayed.
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let refused = 0;
    let run = 0;
    for (let k = 0; k < 800; k++) {
      const parts: string[] = [];
      const length = 1 + next(7);
      for (let p = 0; p < length; p++) {
        parts.push(pieces[next(pieces.length)] ?? '');
        // Prefixes and parentheses are tried both attached to what follows and apart from it.
        if (next(3) > 0) parts.push(' ');
      }
      const q = parts.join('');
      let parsed: ReturnType<typeof parseSearch>;
      try {
        parsed = parseSearch(q);
      } catch (error) {
        expect(error, q).toBeInstanceOf(SearchSyntaxError);
        const { position } = error as SearchSyntaxError;
        expect(position >= 0 && position <= q.length, q).toBe(true);
        refused++;
        continue;
      }
      if (!parsed.match) continue;
      checkAgreement(db, q);
      run++;
    }
    // Both outcomes must be well represented for the test to say anything.
    expect(refused).toBeGreaterThan(200);
    expect(run).toBeGreaterThan(200);
  });
});

describe('search', () => {
  it('finds إسرائيل when searching اسرائيل, with a snippet in the original spelling', () => {
    storeArticles(db, [
      makeItem(
        makeArticle({
          url: 'https://example.com/1',
          title: 'زيارة رسمية',
          body: `${'كلام تمهيدي طويل '.repeat(30)}وقالت إسرائيل إنها سترد على الهجوم. ${'خاتمة '.repeat(40)}`,
        }),
      ),
      makeItem(makeArticle({ url: 'https://example.com/2', title: 'الطقس', body: 'أمطار غزيرة على الساحل' })),
    ]);
    const page = listArticles(db, { q: 'اسرائيل' }, { limit: 10 });
    expect(page.total).toBe(1);
    expect(page.items[0]?.snippet).toContain('إسرائيل');
    expect(page.items[0]?.snippet.startsWith('…')).toBe(true);
    expect(countArticles(db, { q: 'اسرائيل' })).toBe(1);
    expect(countCoverage(db, { q: 'إسرائيل' }, 'day')).toMatchObject([{ key: '2024-03-10', count: 1 }]);
    // A search of only punctuation is no filter at all.
    expect(listArticles(db, { q: '"" !' }, { limit: 10 }).total).toBe(2);
  });

  it('replaces the index row when an article is updated: old words no longer match', () => {
    const url = 'https://example.com/story';
    storeArticles(db, [
      makeItem(
        makeArticle({ url, title: 'مسودة', body: 'كلمة قديمة فريدة', publishedAt: '2024-03-10T10:00:00Z' }),
      ),
    ]);
    expect(countArticles(db, { q: 'فريدة' })).toBe(1);
    storeArticles(db, [
      makeItem(
        makeArticle({ url, title: 'نسخة نهائية', body: 'نص منقح', publishedAt: '2024-03-10T11:00:00Z' }),
      ),
    ]);
    expect(countArticles(db, { q: 'فريدة' })).toBe(0);
    expect(countArticles(db, { q: 'منقح' })).toBe(1);
    expect(countArticles(db, { q: 'نهائية' })).toBe(1);
    expect(db.$client.prepare('SELECT count(*) FROM articles_fts').pluck().get()).toBe(1);
  });

  it('ranks title matches first and pages through results without gaps or repeats', () => {
    const items = [];
    for (let i = 0; i < 23; i++) {
      items.push(
        makeItem(
          makeArticle({
            url: `https://example.com/${i}`,
            title: i === 7 ? 'النفط يرتفع' : `خبر ${i}`,
            body: `الأسواق اليوم ${i % 2 ? 'وأسعار النفط' : 'والذهب'} ${'حشو '.repeat(i)}`,
          }),
        ),
      );
    }
    storeArticles(db, items);
    const seen: number[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const page = listArticles(db, { q: 'النفط' }, { limit: 4, cursor });
      if (first) expect(page.items[0]?.title).toBe('النفط يرتفع');
      first = false;
      expect(page.total).toBe(11); // the odd i of 0..22
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
  });
});

describe('listArticles', () => {
  it('pages newest first by day then id, with a total', () => {
    const items = [];
    for (let i = 0; i < 25; i++) {
      items.push(
        makeItem(
          makeArticle({
            url: `https://example.com/p/${i}`,
            title: `خبر ${i}`,
            publishedAt: `2024-03-${String(1 + (i % 5)).padStart(2, '0')}T10:00:00Z`,
          }),
        ),
      );
    }
    storeArticles(db, items);
    const all: { id: number; day: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = listArticles(db, {}, { limit: 10, cursor });
      expect(page.total).toBe(25);
      all.push(...page.items.map(({ id, day }) => ({ id, day })));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(25);
    const sorted = [...all].sort((a, b) => (a.day === b.day ? b.id - a.id : a.day < b.day ? 1 : -1));
    expect(all).toEqual(sorted);
    expect(listArticles(db, { day: '2024-03-02' }, { limit: 50 }).total).toBe(5);
    expect(listArticles(db, { day: '2024-03', bucket: 'month' }, { limit: 50 }).total).toBe(25);
    expect(listArticles(db, { from: '2024-03-04', day: '2024-03-02' }, { limit: 50 }).total).toBe(0);
  });

  it('rejects a cursor it did not make', () => {
    expect(() => listArticles(db, {}, { limit: 10, cursor: 'not-a-cursor' })).toThrow(RangeError);
  });

  it('gives the first ~200 characters as snippet when not searching', () => {
    storeArticles(db, [
      makeItem(makeArticle({ url: 'https://example.com/long', body: 'كلمة '.repeat(200) })),
    ]);
    const [item] = listArticles(db, {}, { limit: 1 }).items;
    expect(item?.snippet.length).toBeLessThanOrEqual(201);
    expect(item?.snippet.endsWith('…')).toBe(true);
  });
});

describe.skipIf(!hasAnt)('boolean search on ANT', () => {
  let ant: Db;
  let sample: IngestItem[];
  beforeAll(async () => {
    ant = openDatabase(':memory:');
    sample = await loadAnt({ perFile: 150 });
    storeArticles(ant, sample);
  });
  afterAll(() => closeDatabase(ant));

  const count = (q: string): number => countArticles(ant, { q });

  it.each([
    'ترامب إيران',
    'ترامب OR إيران',
    'ترامب NOT إيران',
    'title:ترامب',
    'title:(مصر OR السعودية) -قطر',
    '(مصر OR السعودية) الرياض',
    'فلسطين OR "الضفة الغربية" OR غزة',
    '"كأس العالم" OR title:مونديال',
  ])('FTS5 and matchesSearch find the same articles for %s', (q) => {
    const ids = checkAgreement(ant, q);
    // Some but not all: a query matching nothing (or everything) would agree without proving anything.
    expect(ids.length, q).toBeGreaterThan(0);
    expect(ids.length, q).toBeLessThan(sample.length);
  });

  it('counts obey the algebra of AND, OR and NOT', () => {
    for (const [a, b] of [
      ['ترامب', 'إيران'],
      ['مصر', 'السعودية'],
      ['النفط', 'title:أسعار'],
    ] as const) {
      const both = count(`${a} ${b}`);
      expect(both).toBeGreaterThan(0);
      expect(count(`${a} OR ${b}`)).toBe(count(a) + count(b) - both);
      expect(count(`${a} NOT ${b}`)).toBe(count(a) - both);
      expect(count(`${a} -(${b})`)).toBe(count(a) - both);
      expect(count(`(${a}) (${b})`)).toBe(both);
      expect(count(`title:${a}`)).toBeLessThan(count(a));
    }
  });

  it('finds every article that spells إسرائيل with hamza when searching اسرائيل', () => {
    const rows = ant.$client.prepare('SELECT id, title, body FROM articles').all() as {
      id: number;
      title: string;
      body: string;
    }[];
    // Whole words only: the light stemmer also folds الإسرائيلي (Israeli) onto the same token.
    const withHamza = rows.filter((r) => /(^|[^\p{L}])إسرائيل([^\p{L}]|$)/u.test(`${r.title} ${r.body}`));
    expect(withHamza.length).toBeGreaterThan(0);
    const found = new Set(checkAgreement(ant, 'اسرائيل'));
    for (const r of withHamza) expect(found.has(r.id), `article ${r.id}`).toBe(true);
  });
});
