import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  type CoverageFilters,
  type CoverageGroup,
  type CoverageStack,
  countArticles,
  countCoverage,
  getDateRange,
  iterateExportRows,
  listArticles,
  listOutlets,
  listTopTerms,
  storeArticles,
} from '../src/queries/index.ts';
import { hasAnt, loadAnt } from './helpers.ts';
import { loadReference, type Ref, referenceCoverage, referenceMatches } from './reference.ts';

// "Unique texts only" on real data: the first 600 records of each ANT file, which hold runs of re-filed
// and syndicated texts (Al Arabiya and Sky News file some stories several times) that the store marks as
// copies (story_members.kind 'duplicate'). Every count with the filter must be the count without it less
// exactly the copies it matched, checked against a reference read from the tables in plain SQL.
let db: Db;
beforeAll(async () => {
  db = openDatabase(':memory:');
  const items = hasAnt ? await loadAnt({ perFile: 600 }) : [];
  for (let i = 0; i < items.length; i += 300) storeArticles(db, items.slice(i, i + 300));
});
afterAll(() => closeDatabase(db));

const cells = (points: { key: string; stack: string | null; count: number }[]) =>
  points.map((p) => `${p.key}|${p.stack}=${p.count}`).sort();

describe.runIf(hasAnt)('unique texts only', () => {
  let ref: Ref[];
  let filterSets: CoverageFilters[];
  beforeAll(() => {
    ref = loadReference(db);
    const copies = ref.filter((a) => a.copy);
    // The outlets that re-file most, so the narrowed cases still hold copies.
    const byCopies = listOutlets(db)
      .map((o) => ({ id: o.id, copies: copies.filter((a) => a.outletId === o.id).length }))
      .sort((a, b) => b.copies - a.copies);
    const [o1, o2] = byCopies;
    const copyDays = copies.map((a) => a.day).sort();
    filterSets = [
      {},
      { outlets: [o1?.id ?? 0] },
      { outlets: [o1?.id ?? 0, o2?.id ?? 0] },
      { languages: ['ar'] },
      { topics: ['sport'] },
      { topics: ['politics', 'economy'] },
      // A range inside months and weeks: whole periods from the coarse rollups, edges from the daily ones.
      { from: copyDays[0] ?? '', to: copyDays.at(-1) ?? '' },
      { from: '2018-02-07', to: '2018-06-13', outlets: [o1?.id ?? 0] },
      { q: 'ترامب' },
      { q: 'ترامب', from: '2018-03-01' },
    ];
  });

  it('has copies to leave out, in more than one outlet', () => {
    const copies = ref.filter((a) => a.copy);
    expect(copies.length).toBeGreaterThanOrEqual(10);
    expect(new Set(copies.map((a) => a.outletId)).size).toBeGreaterThanOrEqual(2);
  });

  it('counts each text once: every total is the total less the copies it matched', () => {
    let withCopies = 0;
    for (const filters of filterSets) {
      const label = JSON.stringify(filters);
      const copied = referenceMatches(ref, filters).filter((a) => a.copy).length;
      const all = countArticles(db, filters);
      const unique = countArticles(db, { ...filters, unique: true });
      expect(all - unique, label).toBe(copied);
      expect(unique, label).toBe(referenceMatches(ref, { ...filters, unique: true }).length);
      // `unique: false` is the default: every article.
      expect(countArticles(db, { ...filters, unique: false }), label).toBe(all);
      if (copied > 0) withCopies++;
    }
    // Not a vacuous pass: most cases match copies.
    expect(withCopies).toBeGreaterThanOrEqual(filterSets.length - 2);
  });

  it('charts by day, week, month, outlet, topic and language count each text once', () => {
    const charts: [CoverageGroup, CoverageStack | null][] = [
      ['day', null],
      ['week', 'language'],
      ['month', 'outlet'],
      ['month', 'topic'],
      ['outlet', null],
      ['topic', 'outlet'],
      ['language', null],
    ];
    for (const filters of filterSets) {
      const unique = { ...filters, unique: true };
      for (const [groupBy, stackBy] of charts) {
        const label = `${JSON.stringify(unique)} by ${groupBy}/${stackBy}`;
        expect(cells(countCoverage(db, unique, groupBy, stackBy)), label).toEqual(
          cells(referenceCoverage(ref, unique, groupBy, stackBy)),
        );
      }
    }
  });

  it('lists, searches and exports every text once, and says so in their totals', () => {
    const copyIds = new Set(ref.filter((a) => a.copy).map((a) => a.id));
    for (const filters of [{}, { q: 'ترامب' }, { topics: ['sport'] }] as CoverageFilters[]) {
      const label = JSON.stringify(filters);
      const listAll = (f: CoverageFilters) => {
        const ids: number[] = [];
        let cursor: string | null = null;
        let total = 0;
        do {
          const page = listArticles(db, f, { limit: 500, cursor });
          ids.push(...page.items.map((item) => item.id));
          total = page.total;
          cursor = page.nextCursor;
        } while (cursor);
        return { ids, total };
      };
      const all = listAll(filters);
      const unique = listAll({ ...filters, unique: true });
      expect(unique.ids, label).toEqual(all.ids.filter((id) => !copyIds.has(id)));
      expect(unique.total, label).toBe(unique.ids.length);
      expect(all.total - unique.total, label).toBe(all.ids.filter((id) => copyIds.has(id)).length);
      const exported = [...iterateExportRows(db, { ...filters, unique: true })].map((row) => row.id);
      expect(new Set(exported), label).toEqual(new Set(unique.ids));
      expect(listTopTerms(db, { ...filters, unique: true }, { sample: 50 }).total, label).toBe(unique.total);
    }
    // A drill-down into a chart cell keeps the filter.
    const copy = ref.find((a) => a.copy);
    const cell = { day: copy?.day ?? '', outletId: copy?.outletId ?? 0 };
    const inCell = ref.filter((a) => a.day === cell.day && a.outletId === cell.outletId);
    expect(
      listArticles(db, { ...cell, unique: true }, { limit: 100 })
        .items.map((i) => i.id)
        .sort(),
    ).toEqual(
      inCell
        .filter((a) => !a.copy)
        .map((a) => a.id)
        .sort(),
    );
  });

  it('gives the date range of the texts it counts', () => {
    const days = ref.filter((a) => !a.copy).map((a) => a.day);
    expect(getDateRange(db, { unique: true })).toEqual({
      from: days.reduce((a, b) => (a < b ? a : b)),
      to: days.reduce((a, b) => (a > b ? a : b)),
    });
  });

  it('reads the copies from their own index, not one story_members row per article', () => {
    const plan = db.$client
      .prepare(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM articles a WHERE a.id NOT IN (SELECT article_id FROM story_members WHERE kind = 'duplicate')",
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/story_members_duplicate_idx/);
  });

  it('refuses a value that is not true or false, naming it', () => {
    expect(() => countArticles(db, { unique: 'yes' as unknown as boolean })).toThrow(
      /^unique: expected true or false, got "yes"$/,
    );
  });
});
