import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import { weekStart } from '../src/queries/dates.ts';
import {
  type CoverageFilters,
  compareCoverage,
  countOutletWeeks,
  countShare,
  finishRun,
  HEATMAP_GAP_WEEKS,
  listOutlets,
  listSourceFailureDays,
  matchesSearch,
  parseSearch,
  startRun,
  storeArticles,
  updateSourceState,
  upsertSource,
} from '../src/queries/index.ts';
import { hasAnt, loadAnt } from './helpers.ts';

// Comparisons, shares, the outlet × week heat map and failing-source days, on real ANT articles, each
// checked against a count made here from the article rows (plain SQL and the search's own matcher).
let db: Db;
type Ref = { day: string; outletId: number; topics: string[]; title: string; body: string };
let ref: Ref[] = [];

beforeAll(async () => {
  db = openDatabase(':memory:');
  const items = hasAnt ? await loadAnt({ perFile: 400 }) : [];
  for (let i = 0; i < items.length; i += 400) storeArticles(db, items.slice(i, i + 400));
  ref = (
    db.$client
      .prepare(
        `SELECT a.day, a.outlet_id AS outletId, a.title, a.body,
           (SELECT json_group_array(p.slug) FROM article_topics t JOIN topics p ON p.id = t.topic_id WHERE t.article_id = a.id) AS topics
         FROM articles a`,
      )
      .all() as (Omit<Ref, 'topics'> & { topics: string })[]
  ).map((row) => ({ ...row, topics: JSON.parse(row.topics) as string[] }));
});
afterAll(() => closeDatabase(db));

function matching(f: CoverageFilters): Ref[] {
  const search = parseSearch(f.q);
  return ref.filter(
    (a) =>
      (!f.from || a.day >= f.from) &&
      (!f.to || a.day <= f.to) &&
      (!f.outlets?.length || f.outlets.includes(a.outletId)) &&
      (!f.topics?.length || a.topics.some((t) => f.topics?.includes(t))) &&
      matchesSearch(search, a),
  );
}

function perWeek(rows: Ref[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of rows) counts.set(weekStart(a.day), (counts.get(weekStart(a.day)) ?? 0) + 1);
  return counts;
}

describe.skipIf(!hasAnt)('compareCoverage', () => {
  it('gives each series the count of the base filters with its own search, topic or outlet', () => {
    const [first, second] = listOutlets(db);
    if (!first || !second) throw new Error('ANT should give several outlets');
    const base: CoverageFilters = { from: '2018-03-01', to: '2018-08-31', outlets: [first.id] };
    const series = compareCoverage(
      db,
      base,
      [
        { kind: 'q', value: 'الرئيس' },
        { kind: 'q', value: 'روسيا OR موسكو' },
        { kind: 'topic', value: 'sport' },
        { kind: 'outlet', value: String(second.id) },
      ],
      'week',
      { withBase: true },
    );
    expect(series.map((s) => s.key)).toEqual([
      'q:الرئيس',
      'q:روسيا OR موسكو',
      'topic:sport',
      `outlet:${second.id}`,
    ]);
    const expected = [
      matching({ ...base, q: 'الرئيس' }),
      matching({ ...base, q: 'روسيا OR موسكو' }),
      matching({ ...base, topics: ['sport'] }),
      matching({ ...base, outlets: [second.id] }),
    ];
    const denominators = [base, base, base, { ...base, outlets: [second.id] }].map((f) =>
      matching({ from: f.from, to: f.to, outlets: f.outlets }),
    );
    series.forEach((s, i) => {
      const rows = expected[i] ?? [];
      expect(rows.length, s.key).toBeGreaterThan(0);
      expect(s.total, s.key).toBe(rows.length);
      expect(new Map(s.points.map((p) => [p.key, p.count])), s.key).toEqual(perWeek(rows));
      expect(new Map(s.base?.map((p) => [p.key, p.count])), s.key).toEqual(perWeek(denominators[i] ?? []));
    });
    expect(series[3]?.label).toBe(second.name);
    expect(series[0]?.label).toBe('الرئيس');
  });

  it('throws the search error of a series that cannot be parsed, and a RangeError for a bad outlet', () => {
    expect(() => compareCoverage(db, {}, [{ kind: 'q', value: '(غزة' }], 'day')).toThrow(/^search: /);
    expect(() => compareCoverage(db, {}, [{ kind: 'outlet', value: 'x' }], 'day')).toThrow(RangeError);
  });
});

describe.skipIf(!hasAnt)('countShare', () => {
  it('divides each outlet’s matching articles by all its articles that day', () => {
    const filters: CoverageFilters = { q: 'ترامب', from: '2018-04-01', to: '2018-06-30' };
    const points = countShare(db, filters, 'day', true);
    const matched = matching(filters);
    const all = matching({ from: filters.from, to: filters.to });
    const key = (day: string, outlet: number | string) => `${day}|${outlet}`;
    const count = new Map<string, number>();
    const base = new Map<string, number>();
    for (const a of matched) count.set(key(a.day, a.outletId), (count.get(key(a.day, a.outletId)) ?? 0) + 1);
    for (const a of all) base.set(key(a.day, a.outletId), (base.get(key(a.day, a.outletId)) ?? 0) + 1);
    expect(points.length).toBe(base.size);
    for (const p of points) {
      expect(p.base, key(p.key, p.stack ?? '')).toBe(base.get(key(p.key, p.stack ?? '')));
      expect(p.count, key(p.key, p.stack ?? '')).toBe(count.get(key(p.key, p.stack ?? '')) ?? 0);
      expect(p.count).toBeLessThanOrEqual(p.base);
    }
    expect(points.reduce((sum, p) => sum + p.count, 0)).toBe(matched.length);
    expect(points.some((p) => p.count > 0 && p.count < p.base)).toBe(true);
  });

  it('unsplit, divides by the output of the filtered outlets only', () => {
    const [outlet] = listOutlets(db);
    if (!outlet) throw new Error('no outlet');
    const filters: CoverageFilters = { topics: ['economy'], outlets: [outlet.id] };
    const points = countShare(db, filters, 'month', false);
    const month = (rows: Ref[]) => {
      const m = new Map<string, number>();
      for (const a of rows) m.set(a.day.slice(0, 7), (m.get(a.day.slice(0, 7)) ?? 0) + 1);
      return m;
    };
    const matched = month(matching(filters));
    const all = month(matching({ outlets: [outlet.id] }));
    expect(new Map(points.map((p) => [p.key, p.base]))).toEqual(all);
    expect(new Map(points.filter((p) => p.count > 0).map((p) => [p.key, p.count]))).toEqual(matched);
  });
});

describe.skipIf(!hasAnt)('countOutletWeeks', () => {
  it('puts every matching article in its outlet’s week, with no week skipped', () => {
    const filters: CoverageFilters = { topics: ['economy'] };
    const heat = countOutletWeeks(db, filters);
    const rows = matching(filters);
    const expected = new Map<string, number>();
    for (const a of rows) {
      const k = `${a.outletId}|${weekStart(a.day)}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    expect(new Map(heat.cells.map((c) => [`${c.outletId}|${c.week}`, c.count]))).toEqual(expected);
    expect(heat.outlets.reduce((sum, o) => sum + o.total, 0)).toBe(rows.length);
    expect(heat.max).toBe(Math.max(...expected.values()));
    expect(heat.clippedBefore).toBeNull();
    const weeks = [...new Set(rows.map((a) => weekStart(a.day)))].sort();
    expect(heat.weeks[0]).toBe(weeks[0]);
    expect(heat.weeks.at(-1)).toBe(weeks.at(-1));
    // Consecutive weeks, except where a long empty stretch is collapsed (and said so in `gaps`).
    for (let i = 1; i < heat.weeks.length; i++) {
      const week = heat.weeks[i] ?? '';
      const gap = Date.parse(week) - Date.parse(heat.weeks[i - 1] ?? '');
      expect(gap, week).toBe(7 * 86_400_000 * (1 + (heat.gaps[week] ?? 0)));
      if (heat.gaps[week] !== undefined) expect(heat.gaps[week]).toBeGreaterThanOrEqual(HEATMAP_GAP_WEEKS);
    }
    for (const week of weeks) expect(heat.weeks).toContain(week);
    const totals = heat.outlets.map((o) => o.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('counts a search from the articles, as the list does', () => {
    const heat = countOutletWeeks(db, { q: 'ترامب' });
    expect(heat.cells.reduce((sum, c) => sum + c.count, 0)).toBe(matching({ q: 'ترامب' }).length);
  });
});

describe('listSourceFailureDays', () => {
  it('returns the days a source failed and did not succeed, from runs and from the source state', () => {
    const mem = openDatabase(':memory:');
    try {
      const [outlet] = hasAnt ? listOutlets(db) : [];
      const name = outlet?.name ?? 'BBC Arabic';
      storeArticles(mem, []);
      mem.$client
        .prepare(
          "INSERT INTO outlets (key, name, domain, created_at) VALUES (?, ?, ?, '2018-01-01T00:00:00Z')",
        )
        .run('bbc.com', name, 'bbc.com');
      const outletId = mem.$client
        .prepare('SELECT id FROM outlets WHERE name = ?')
        .pluck()
        .get(name) as number;
      const feed = upsertSource(mem, {
        name: 'feed',
        kind: 'feed',
        location: 'https://x.test/rss',
        outletHint: name,
      });
      const other = upsertSource(mem, {
        name: 'other',
        kind: 'feed',
        location: 'https://y.test/rss',
        outletHint: 'Elsewhere',
      });
      const loose = upsertSource(mem, { name: 'loose', kind: 'feed', location: 'https://z.test/rss' });
      const run = (
        sourceId: number,
        at: string,
        status: 'ok' | 'partial' | 'failed',
        error: string | null = null,
      ) => {
        const id = startRun(mem, { kind: 'feed', sourceId });
        finishRun(mem, id, { read: 0, new: 0, updated: 0, duplicate: 0, failed: 0, status, error });
        mem.$client.prepare('UPDATE ingest_runs SET started_at = ? WHERE id = ?').run(at, id);
      };
      run(feed.id, '2018-03-02T10:00:00.000Z', 'failed', 'HTTP 500');
      run(feed.id, '2018-03-02T22:00:00.000Z', 'failed', 'timeout after 30 s');
      run(feed.id, '2018-03-03T10:00:00.000Z', 'failed', 'HTTP 500');
      run(feed.id, '2018-03-03T11:00:00.000Z', 'partial'); // collected: not a failing day
      run(feed.id, '2018-03-04T10:00:00.000Z', 'ok');
      run(other.id, '2018-03-05T10:00:00.000Z', 'failed', 'DNS');
      run(loose.id, '2018-03-06T10:00:00.000Z', 'failed', 'refused');
      startRun(mem, { kind: 'feed', sourceId: feed.id }); // still running: says nothing
      updateSourceState(mem, other.id, {
        lastSuccessAt: '2018-03-04T00:00:00.000Z',
        lastErrorAt: '2018-03-08T09:00:00.000Z',
        lastError: 'HTTP 503',
      });

      const all = listSourceFailureDays(mem, { from: '2018-03-01', to: '2018-03-31' });
      expect(all.map((d) => d.day)).toEqual(['2018-03-02', '2018-03-05', '2018-03-06', '2018-03-08']);
      expect(all[0]?.sources).toEqual([
        { id: feed.id, name: 'feed', outletId, outletName: name, failedRuns: 2, error: 'timeout after 30 s' },
      ]);
      expect(all[3]?.sources).toEqual([
        { id: other.id, name: 'other', outletId: null, outletName: null, failedRuns: 0, error: 'HTTP 503' },
      ]);
      // Narrowed to the outlet: its source, and the sources whose outlet is unknown.
      expect(listSourceFailureDays(mem, { outlets: [outletId] }).map((d) => d.day)).toEqual([
        '2018-03-02',
        '2018-03-05',
        '2018-03-06',
        '2018-03-08',
      ]);
      expect(listSourceFailureDays(mem, { outlets: [outletId + 1] }).map((d) => d.day)).toEqual([
        '2018-03-05',
        '2018-03-06',
        '2018-03-08',
      ]);
      expect(listSourceFailureDays(mem, { from: '2018-03-03', to: '2018-03-05' }).map((d) => d.day)).toEqual([
        '2018-03-05',
      ]);
    } finally {
      closeDatabase(mem);
    }
  });
});
