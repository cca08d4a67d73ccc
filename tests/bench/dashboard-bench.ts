// The dashboard's queries on the million-article benchmark database (`npm run bench:data` builds it):
// p50 and p95 of every aggregate the overview draws, over several date ranges and filters, of the article
// list and of searches. Times are of the @rasid/db query functions the route handlers call (no HTTP).
// Targets (issue "Dashboard"): p95 under 100 ms for every aggregate, under 300 ms for a search.
import { closeDatabase, type Db, openDatabase } from '@rasid/db/client';
import {
  type CoverageFilters,
  countArticles,
  countCoverage,
  getDateRange,
  getTotals,
  listArticles,
  listOutlets,
  listStories,
  listTopics,
} from '@rasid/db/queries';
import { makeBenchData } from './make-data.ts';

const RUNS = Number(process.env.DASHBOARD_BENCH_RUNS ?? 25);

type Row = { name: string; kind: 'aggregate' | 'search' | 'list'; p50: number; p95: number; max: number };

function time(fn: () => unknown): number[] {
  for (let i = 0; i < 2; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function runDashboardBench(): Row[] {
  const file = makeBenchData();
  const db: Db = openDatabase(file, { readonly: true });
  const rows: Row[] = [];
  try {
    const totals = getTotals(db);
    const range = getDateRange(db, {});
    const outlets = listOutlets(db).sort((a, b) => b.articles - a.articles);
    const subjects = listTopics(db)
      .filter((t) => t.kind === 'subject')
      .sort((a, b) => b.articles - a.articles);
    const last = range.to ?? '2019-12-31';
    const biggest = outlets[0]?.id ?? 1;
    const smallest = outlets.at(-1)?.id ?? 1;
    const topic = subjects[0]?.slug ?? 'politics';
    const ranges: [string, CoverageFilters][] = [
      ['all time', {}],
      ['last 30 days', { from: addDays(last, -29), to: last }],
      ['last year', { from: addDays(last, -364), to: last }],
    ];
    const measure = (name: string, kind: Row['kind'], fn: () => unknown) => {
      const s = time(fn);
      rows.push({ name, kind, p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s.at(-1) ?? Number.NaN });
    };
    for (const [label, f] of ranges) {
      measure(`coverage by day × outlet, ${label}`, 'aggregate', () => countCoverage(db, f, 'day', 'outlet'));
      measure(`coverage by week × topic, ${label}`, 'aggregate', () => countCoverage(db, f, 'week', 'topic'));
      measure(`coverage by outlet, ${label}`, 'aggregate', () => countCoverage(db, f, 'outlet'));
      measure(`coverage by topic, ${label}`, 'aggregate', () => countCoverage(db, f, 'topic'));
      measure(`count, ${label}`, 'aggregate', () => countArticles(db, f));
    }
    measure('coverage by month × outlet, one topic', 'aggregate', () =>
      countCoverage(db, { topics: [topic] }, 'month', 'outlet'),
    );
    measure('coverage by day, biggest outlet, Arabic', 'aggregate', () =>
      countCoverage(db, { outlets: [biggest], languages: ['ar'] }, 'day'),
    );
    measure('coverage by topic, two outlets, last year', 'aggregate', () =>
      countCoverage(db, { outlets: [biggest, smallest], from: addDays(last, -364), to: last }, 'topic'),
    );
    measure('outlets, topics, totals (filter bar)', 'aggregate', () => {
      listOutlets(db);
      listTopics(db);
      getTotals(db);
    });
    measure('article list, first page', 'list', () => listArticles(db, {}, { limit: 50 }));
    measure('article list, one outlet and topic', 'list', () =>
      listArticles(db, { outlets: [biggest], topics: [topic] }, { limit: 50 }),
    );
    measure('stories, multi-outlet first', 'list', () => listStories(db, {}));
    for (const q of ['اسرائيل', 'ترامب NOT ايران', '"الأمم المتحدة"', 'title:(مصر OR السعودية)']) {
      measure(`search "${q}": chart by day × outlet`, 'search', () =>
        countCoverage(db, { q }, 'day', 'outlet'),
      );
      measure(`search "${q}": list + count`, 'search', () => listArticles(db, { q }, { limit: 50 }));
    }
    console.log(
      `\n== Dashboard queries on ${totals.articles.toLocaleString('en-US')} articles (${outlets.length} outlets, ${range.from} … ${range.to}; ${RUNS} runs each) ==`,
    );
    console.log(
      `${'query'.padEnd(58)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
    );
    for (const r of rows)
      console.log(
        `${r.name.padEnd(58)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}`,
      );
    for (const [kind, target] of [
      ['aggregate', 100],
      ['list', 300],
      ['search', 300],
    ] as const) {
      const worst = rows.filter((r) => r.kind === kind).sort((a, b) => b.p95 - a.p95)[0];
      if (worst)
        console.log(`worst ${kind} p95 ${worst.p95.toFixed(1)} ms (target < ${target} ms): ${worst.name}`);
    }
  } finally {
    closeDatabase(db);
  }
  return rows;
}
