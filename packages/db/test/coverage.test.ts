import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  type CoverageFilters,
  type CoverageGroup,
  type CoverageStack,
  countArticles,
  countCoverage,
  getDateRange,
  listArticles,
  listLanguages,
  listOutlets,
  listTopics,
  storeArticles,
} from '../src/queries/index.ts';
import { hasAnt, loadAnt, makeArticle, makeItem } from './helpers.ts';
import { loadReference, referenceCoverage, referenceMatches } from './reference.ts';

// A mix of real ANT records and hand-made articles that cover what ANT lacks: unknown language,
// several subjects per article, an outlet known only by name, undated articles.
let db: Db;
beforeAll(async () => {
  db = openDatabase(':memory:');
  const items = hasAnt ? await loadAnt({ perFile: 250 }) : [];
  const subjects = ['politics', 'economy', 'sport', 'health'];
  for (let i = 0; i < 120; i++) {
    items.push(
      makeItem(
        makeArticle({
          url: i % 7 === 0 ? null : `https://hand.example/${i}`,
          outlet:
            i % 3 === 0 ? { name: 'نشرة محلية', domain: null } : { name: 'Hand', domain: 'hand.example' },
          title: i % 5 === 0 ? `إسرائيل والمنطقة ${i}` : `خبر اقتصادي رقم ${i}`,
          body: `نص الخبر ${i} ${i % 4 === 0 ? 'عن الاقتصاد العالمي' : 'عن الرياضة'}`,
          language: i % 4 === 0 ? null : i % 4 === 1 ? 'en' : 'ar',
          publishedAt:
            i % 11 === 0
              ? null
              : `2018-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:30:00Z`,
          dateSource: i % 11 === 0 ? 'none' : 'meta',
          topics: subjects
            .slice(0, i % 4)
            .map((slug, k) => ({ slug, score: 0.5 + k / 10, source: 'rules' as const })),
          sections: i % 6 === 0 ? ['محليات', 'Local'] : [],
        }),
        String(i),
        `2018-10-${String(1 + (i % 20)).padStart(2, '0')}T09:00:00Z`,
      ),
    );
  }
  for (let i = 0; i < items.length; i += 300) storeArticles(db, items.slice(i, i + 300));
});
afterAll(() => closeDatabase(db));

const sortPoints = <T extends { key: string; stack: string | null }>(points: T[]) =>
  [...points].sort((a, b) => `${a.key}|${a.stack}`.localeCompare(`${b.key}|${b.stack}`));

describe('countCoverage', () => {
  it('equals a direct count over articles for every grouping, stacking and filter', () => {
    const ref = loadReference(db);
    const outlets = listOutlets(db);
    const topics = listTopics(db);
    const [o1, o2] = outlets;
    const subject = topics.find((t) => t.kind === 'subject')?.slug ?? 'x';
    const section = topics.find((t) => t.kind === 'section')?.slug ?? 'y';
    const filterSets: CoverageFilters[] = [
      {},
      { from: '2018-03-01', to: '2018-05-31' },
      { outlets: [o1?.id ?? 0] },
      { outlets: [o1?.id ?? 0, o2?.id ?? 0], languages: ['ar'] },
      { languages: ['und', 'en'] },
      { topics: [subject] },
      { topics: [subject, section, 'economy'] },
      { topics: ['politics', 'economy'], from: '2018-02-01' },
      { q: 'اسرائيل' },
      { q: 'اسرائيل', topics: ['politics'], languages: ['ar', 'und'] },
      { q: 'الاقتصاد', from: '2018-01-01', to: '2018-12-31' },
      // Ranges that start and end inside a week and a month: whole periods come from the weekly and
      // monthly rollups, the edges from the daily ones.
      { from: '2018-03-15', to: '2018-07-10' },
      { from: '2018-02-06', languages: ['ar'] },
      { to: '2018-06-17', topics: [subject] },
      { from: '2018-04-02', to: '2018-04-29' },
      { from: '2018-05-09', to: '2018-05-12', outlets: [o1?.id ?? 0] },
    ];
    const groups: CoverageGroup[] = ['day', 'week', 'month', 'outlet', 'topic', 'language'];
    const stacks: (CoverageStack | null)[] = [null, 'outlet', 'topic', 'language'];
    let compared = 0;
    for (const filters of filterSets) {
      const expectedTotal = referenceMatches(ref, filters).length;
      expect(countArticles(db, filters), JSON.stringify(filters)).toBe(expectedTotal);
      for (const groupBy of groups) {
        for (const stackBy of stacks) {
          const actual = countCoverage(db, filters, groupBy, stackBy);
          const expected = referenceCoverage(ref, filters, groupBy, stackBy);
          const label = `${JSON.stringify(filters)} by ${groupBy}/${stackBy}`;
          expect(sortPoints(actual.map(({ key, stack, count }) => ({ key, stack, count }))), label).toEqual(
            sortPoints(expected),
          );
          if (groupBy !== 'topic' && stackBy !== 'topic') {
            expect(
              actual.reduce((sum, p) => sum + p.count, 0),
              label,
            ).toBe(expectedTotal);
          }
          compared++;
        }
      }
    }
    expect(compared).toBe(filterSets.length * groups.length * stacks.length);
    expect(ref.length).toBeGreaterThan(100);
  });

  it('keeps the weekly and monthly rollups equal to the daily ones summed', () => {
    const sql = db.$client;
    for (const [coarse, daily, period, extra] of [
      ['rollup_weekly', 'rollup_daily', "date(day, '-6 days', 'weekday 1')", ''],
      ['rollup_monthly', 'rollup_daily', 'substr(day, 1, 7)', ''],
      ['rollup_weekly_topic', 'rollup_daily_topic', "date(day, '-6 days', 'weekday 1')", ', topic_id'],
      ['rollup_monthly_topic', 'rollup_daily_topic', 'substr(day, 1, 7)', ', topic_id'],
    ] as const) {
      const key = coarse.includes('weekly') ? 'week' : 'month';
      const summed = sql
        .prepare(
          `SELECT ${period} AS p, outlet_id, language${extra}, sum(count) AS n FROM ${daily}
           GROUP BY 1, 2, 3${extra ? ', 4' : ''} ORDER BY 1, 2, 3${extra ? ', 4' : ''}`,
        )
        .raw()
        .all();
      const stored = sql
        .prepare(
          `SELECT ${key}, outlet_id, language${extra}, count FROM ${coarse} ORDER BY 1, 2, 3${extra ? ', 4' : ''}`,
        )
        .raw()
        .all();
      expect(summed.length, coarse).toBeGreaterThan(0);
      expect(stored, coarse).toEqual(summed);
    }
  });

  it('orders by key, labels outlets and topics by name, and keys weeks by their Monday', () => {
    const weeks = countCoverage(db, {}, 'week');
    expect(weeks.map((p) => p.key)).toEqual([...weeks.map((p) => p.key)].sort());
    for (const p of weeks) expect(new Date(`${p.key}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(countCoverage(db, {}, 'month').every((p) => /^\d{4}-\d{2}$/.test(p.key))).toBe(true);

    const byOutlet = countCoverage(db, {}, 'outlet');
    const names = new Map(listOutlets(db).map((o) => [String(o.id), o.name]));
    for (const p of byOutlet) expect(p.label).toBe(names.get(p.key));
    expect(byOutlet.map((p) => Number(p.key))).toEqual(
      byOutlet.map((p) => Number(p.key)).sort((a, b) => a - b),
    );

    const byTopic = countCoverage(db, {}, 'day', 'topic');
    const topicNames = new Map(listTopics(db).map((t) => [t.slug, t.name]));
    for (const p of byTopic) expect(p.stackLabel).toBe(topicNames.get(p.stack ?? ''));

    expect(countCoverage(db, {}, 'language').map((p) => p.key)).toContain('und');
  });

  it('returns nothing for an unknown topic or an empty range', () => {
    expect(countCoverage(db, { topics: ['no-such-topic'] }, 'day')).toEqual([]);
    expect(countArticles(db, { topics: ['no-such-topic'] })).toBe(0);
    expect(countArticles(db, { from: '2018-05-01', to: '2018-04-01' })).toBe(0);
  });
});

describe('catalog and ranges', () => {
  it('counts per outlet, topic and language agree with the totals', () => {
    const ref = loadReference(db);
    expect(listOutlets(db).reduce((s, o) => s + o.articles, 0)).toBe(ref.length);
    expect(listLanguages(db).reduce((s, l) => s + l.articles, 0)).toBe(ref.length);
    const links = ref.reduce((s, a) => s + a.topics.length, 0);
    expect(listTopics(db).reduce((s, t) => s + t.articles, 0)).toBe(links);
    expect(listOutlets(db).find((o) => o.name === 'نشرة محلية')?.domain).toBeNull();
  });

  it('gives the first and last day under the filters', () => {
    const ref = loadReference(db);
    const days = (f: CoverageFilters) =>
      referenceMatches(ref, f)
        .map((a) => a.day)
        .sort();
    for (const f of [
      {},
      { languages: ['en'] },
      { topics: ['politics', 'sport'] },
      { q: 'اسرائيل' },
    ] as CoverageFilters[]) {
      const d = days(f);
      expect(getDateRange(db, f)).toEqual({ from: d[0] ?? null, to: d.at(-1) ?? null });
    }
    expect(getDateRange(db, { topics: ['nope'] })).toEqual({ from: null, to: null });
  });

  it('lists exactly the articles a chart cell counts', () => {
    const week = countCoverage(db, {}, 'week', 'outlet').find((p) => p.count > 1);
    expect(week).toBeDefined();
    const page = listArticles(
      db,
      { day: week?.key, bucket: 'week', outletId: Number(week?.stack) },
      { limit: 500 },
    );
    expect(page.total).toBe(week?.count);
    expect(page.items).toHaveLength(week?.count ?? -1);

    const cell = countCoverage(db, { languages: ['ar'] }, 'month', 'topic').find((p) => p.count > 1);
    const cellPage = listArticles(
      db,
      { languages: ['ar'], day: cell?.key, bucket: 'month', topic: cell?.stack ?? '' },
      { limit: 500 },
    );
    expect(cellPage.total).toBe(cell?.count);
    expect(cellPage.items.every((a) => a.topics.some((t) => t.slug === cell?.stack))).toBe(true);
  });
});
