import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  countArticles,
  countCoverage,
  listArticles,
  parseSearch,
  storeArticles,
} from '../src/queries/index.ts';
import { makeArticle, makeItem } from './helpers.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

describe('parseSearch', () => {
  it('quotes every token so user input cannot use FTS syntax', () => {
    for (const q of [
      'foo" OR body:bar*',
      'NEAR(a b)',
      'title:x',
      '"unbalanced',
      'a AND NOT b',
      '^start -x +y',
    ]) {
      const { match } = parseSearch(q);
      expect(match).not.toBeNull();
      // Only quoted strings separated by spaces.
      expect(match).toMatch(/^"[^"]*"(?: "[^"]*")*$/);
    }
  });

  it('keeps quoted phrases together and drops terms that fold to nothing', () => {
    expect(parseSearch('"foo bar" baz').match).toBe('"foo bar" "baz"');
    expect(parseSearch('  ').match).toBeNull();
    expect(parseSearch('"" ... ؟ !!').match).toBeNull();
    expect(parseSearch(undefined).match).toBeNull();
  });

  it('folds Arabic the way the index does', () => {
    expect(parseSearch('إسرائيل').match).toBe(parseSearch('اسرائيل').match);
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
