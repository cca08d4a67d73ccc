// The dashboard's queries on the million-article benchmark database (`npm run bench:data` builds it):
// p50 and p95 of every aggregate the overview draws, over several date ranges and filters, of the article
// list and of searches. Times are of the @rasid/db query functions the route handlers call (no HTTP).
// Then the overview page's time to a drawn chart in Chromium, against the built dashboard (`next start`)
// on the same database; DASHBOARD_BENCH_PAGE=0 skips it.
// Targets (issue "Dashboard"): p95 under 100 ms for every aggregate, under 300 ms for a search, a chart
// drawn within 1.5 s of navigation.
import os from 'node:os';
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
import { timeChartPage } from './chart-page-bench.ts';
import { makeBenchData } from './make-data.ts';

const RUNS = Number(process.env.DASHBOARD_BENCH_RUNS ?? 25);
const PAGE_RUNS = Number(process.env.DASHBOARD_BENCH_PAGE_RUNS ?? 10);

type Row = {
  name: string;
  kind: 'aggregate' | 'search' | 'list';
  p50: number;
  p95: number;
  max: number;
  cpu50: number;
  cpu95: number;
};

/**
 * Wall-clock samples, and the CPU time this process spent in each call: SQLite runs on this thread, so
 * on a machine shared with other jobs the CPU time is what the call would take with a core to itself.
 */
function time(fn: () => unknown): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < 2; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** Wall-clock figures on a shared machine mean little without how busy it was. */
const loadNote = (): string =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.availableParallelism()} cores`;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export async function runDashboardBench(): Promise<Row[]> {
  const file = makeBenchData();
  // Opened writable once so a database built before the latest migration gets it (as the dashboard would).
  closeDatabase(openDatabase(file));
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
      rows.push({
        name,
        kind,
        p50: quantile(s.wall, 0.5),
        p95: quantile(s.wall, 0.95),
        max: s.wall.at(-1) ?? Number.NaN,
        cpu50: quantile(s.cpu, 0.5),
        cpu95: quantile(s.cpu, 0.95),
      });
    };
    for (const [label, f] of ranges) {
      // The overview's default view: months stacked by outlet, with the route's total and date range.
      measure(`overview chart (month × outlet, total, range), ${label}`, 'aggregate', () => {
        countArticles(db, f);
        getDateRange(db, f);
        countCoverage(db, f, 'month', 'outlet');
      });
      measure(`coverage by day × outlet, ${label}`, 'aggregate', () => countCoverage(db, f, 'day', 'outlet'));
      measure(`coverage by week × outlet, ${label}`, 'aggregate', () =>
        countCoverage(db, f, 'week', 'outlet'),
      );
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
      measure(`search "${q}": by outlet, last year`, 'search', () =>
        countCoverage(db, { q, from: addDays(last, -364), to: last }, 'outlet'),
      );
    }
    console.log(
      `\n== Dashboard queries on ${totals.articles.toLocaleString('en-US')} articles (${outlets.length} outlets, ${range.from} … ${range.to}; ${RUNS} runs each; ${loadNote()}) ==`,
    );
    console.log(
      `${'query'.padEnd(58)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'cpu p50'.padStart(8)} ${'cpu p95'.padStart(8)}`,
    );
    for (const r of rows)
      console.log(
        `${r.name.padEnd(58)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)} ${r.cpu50.toFixed(1).padStart(8)} ${r.cpu95.toFixed(1).padStart(8)}`,
      );
    for (const [kind, target] of [
      ['aggregate', 100],
      ['list', 300],
      ['search', 300],
    ] as const) {
      const worst = rows.filter((r) => r.kind === kind).sort((a, b) => b.p95 - a.p95)[0];
      if (worst)
        console.log(
          `worst ${kind} p95 ${worst.p95.toFixed(1)} ms (target < ${target} ms): ${worst.name}; its CPU time p95 ${worst.cpu95.toFixed(1)} ms`,
        );
    }
  } finally {
    closeDatabase(db);
  }
  if (process.env.DASHBOARD_BENCH_PAGE !== '0') {
    const page = await timeChartPage(file, PAGE_RUNS);
    const ms = (value: number | undefined) => (value ?? Number.NaN).toFixed(0);
    // The server's part apart from the browser's: the <body> arrives once the server has rendered the page
    // (its headers come first), and the chart is in that HTML; on a shared machine both grow with the load.
    console.log(
      `\n== Overview page in Chromium (next start, fresh context each load; ${page.drawn.length} loads; ${loadNote()}) ==\n` +
        `time to a drawn chart: p50 ${ms(quantile(page.drawn, 0.5))} ms, p95 ${ms(quantile(page.drawn, 0.95))} ms, max ${ms(page.drawn.at(-1))} ms (target < 1500 ms)\n` +
        `of which to the response's headers: p50 ${ms(quantile(page.firstByte, 0.5))} ms, p95 ${ms(quantile(page.firstByte, 0.95))} ms; to the page's <body>: p50 ${ms(quantile(page.body, 0.5))} ms, p95 ${ms(quantile(page.body, 0.95))} ms\n` +
        `warm-up load (the server's first: opens the database, nothing kept): chart ${ms(page.warmUp.drawn)} ms, headers ${ms(page.warmUp.firstByte)} ms, <body> ${ms(page.warmUp.body)} ms`,
    );
  }
  return rows;
}
