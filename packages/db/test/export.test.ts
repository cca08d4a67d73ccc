import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  type ArticleListFilters,
  getTotals,
  iterateExportRows,
  listArticles,
  listLanguages,
  listOutlets,
  listTopics,
  storeArticles,
} from '../src/queries/index.ts';
import { hasAnt, loadAnt } from './helpers.ts';

// Exports must hold exactly what the list counts: checked on real records through the real parser.
describe.skipIf(!hasAnt)('iterateExportRows on the ANT corpus', () => {
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    storeArticles(db, await loadAnt({ perFile: 150 }));
  });
  afterAll(() => closeDatabase(db));

  const exported = (filters: ArticleListFilters) => [...iterateExportRows(db, filters)];

  it('exports every article without filters, each once, newest first by (day, id)', () => {
    const rows = exported({});
    expect(rows.length).toBe(getTotals(db).articles);
    expect(rows.length).toBeGreaterThan(400);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      if (!a || !b) continue;
      expect(a.day > b.day || (a.day === b.day && a.id > b.id), `row ${i}`).toBe(true);
    }
    const first = rows[0];
    expect(first?.text.length).toBeGreaterThan(0);
    expect(first?.outlet).toBeTruthy();
  });

  it('counts what listArticles counts, for many filters and drill-downs', () => {
    const outlets = listOutlets(db);
    const topics = listTopics(db);
    const languages = listLanguages(db);
    const [o1, o2] = outlets;
    const subject = topics.find((t) => t.kind === 'subject');
    const section = topics.find((t) => t.kind === 'section');
    if (!o1 || !o2 || !subject || !section) throw new Error('sample lacks outlets or topics');
    const day = exported({})[10]?.day ?? '';
    const cases: ArticleListFilters[] = [
      {},
      { outlets: [o1.id] },
      { outlets: [o1.id, o2.id], from: day.slice(0, 7).concat('-01') },
      { to: day },
      { topics: [subject.slug] },
      { topics: [subject.slug, section.slug] },
      { languages: languages.map((l) => l.code).slice(0, 1) },
      { q: 'إسرائيل' },
      { q: 'اسرائيل', outlets: [o2.id] },
      { day: day.slice(0, 7), bucket: 'month' },
      { day, bucket: 'week', outletId: o1.id },
      { topic: section.slug, outlets: [o1.id] },
      { topics: ['no-such-topic'] },
      { from: '2030-01-01' },
    ];
    let nonEmpty = 0;
    for (const filters of cases) {
      const { total, items } = listArticles(db, filters, { limit: 500 });
      const rows = exported(filters);
      expect(rows.length, JSON.stringify(filters)).toBe(total);
      if (total <= 500) expect(new Set(rows.map((r) => r.id))).toEqual(new Set(items.map((i) => i.id)));
      if (total > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(10);
  });

  it('carries each article’s topics, as the list shows them', () => {
    const { items } = listArticles(db, {}, { limit: 50 });
    const byId = new Map(exported({}).map((row) => [row.id, row]));
    for (const item of items) {
      expect(new Set(byId.get(item.id)?.topics)).toEqual(new Set(item.topics.map((t) => t.slug)));
    }
  });

  it('reads lazily: one statement stays open until the rows are read or the reader stops', () => {
    const rows = iterateExportRows(db, {});
    try {
      expect(rows.next().done).toBe(false);
      // The same export again on this connection finds its statement busy: why the dashboard gives each
      // download a connection of its own.
      expect(() => iterateExportRows(db, {}).next()).toThrow(/busy/);
    } finally {
      rows.return();
    }
    // Stopped, the statement is free again.
    const again = iterateExportRows(db, {});
    expect(again.next().done).toBe(false);
    again.return();
  });
});
