// Watch topics on the ANT corpus (28,018 records): the real `rasid ingest` fills a fresh database, then
// for each query prints the time of the retroactive pass (one FTS MATCH over every stored article, links
// and topic rollups written in one transaction) and the p50/p95 of the count the dashboard asks for it
// (the total under the topic filter, from rollup_daily_topic) beside the same count by full-text search.
// Then the arrival path (the worker's call after a pass): every article tested again as if it had just
// arrived, in articles per second, and the cost of that call when there is no watch topic.
//
// WATCH_BENCH_PATHS (space-separated) ingests something else instead of ANT.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import {
  applyWatchTopics,
  countArticles,
  countCoverage,
  createWatchTopic,
  deleteWatchTopic,
  getTotals,
} from '@rasid/db/queries';
import { sharedPath } from '../eval/shared.ts';
import { RASID_BIN, REPO_ROOT } from '../support/paths.ts';

const QUERIES = [
  'المغرب (اسرائيل OR إسرائيل)',
  'اسرائيل',
  '"الامم المتحدة"',
  '(غزة OR رفح) NOT title:مصر',
  'النفط الاسعار -السعودية',
];
const RUNS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

function timeRuns(work: () => unknown): { p50: number; p95: number } {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;

export async function runWatchTopicsBench(): Promise<void> {
  const inputs = process.env.WATCH_BENCH_PATHS?.split(' ').filter(Boolean) ?? [sharedPath('corpus', 'ant')];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-watch-bench-'));
  const dbPath = path.join(dir, 'rasid.db');
  try {
    const ingest = spawnSync(process.execPath, [RASID_BIN, 'ingest', ...inputs], {
      cwd: REPO_ROOT,
      env: { ...process.env, RASID_DB: dbPath, RASID_LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (ingest.status !== 0 && ingest.status !== 1)
      throw new Error(`rasid ingest failed (${ingest.status}): ${ingest.stderr.slice(-2000)}`);
    const db = openDatabase(dbPath);
    try {
      const articles = getTotals(db).articles;
      console.log(`watch topics bench: ${articles.toLocaleString('en-US')} articles (${inputs.join(' ')})`);
      console.log(
        'query | linked | create (FTS pass) | count by topic p50/p95 | same count by search p50/p95 | chart by day p50',
      );
      const ids: number[] = [];
      for (const query of QUERIES) {
        const started = performance.now();
        const { topic, linked } = createWatchTopic(db, { name: query, query });
        const createMs = performance.now() - started;
        ids.push(topic.id);
        const byTopic = timeRuns(() => countArticles(db, { topics: [topic.slug] }));
        const bySearch = timeRuns(() => countArticles(db, { q: query }));
        const chart = timeRuns(() => countCoverage(db, { topics: [topic.slug] }, 'day', null));
        if (countArticles(db, { topics: [topic.slug] }) !== linked)
          throw new Error(`${query}: the topic count differs from the links`);
        console.log(
          `${query} | ${linked} | ${ms(createMs)} | ${ms(byTopic.p50)} / ${ms(byTopic.p95)} | ` +
            `${ms(bySearch.p50)} / ${ms(bySearch.p95)} | ${ms(chart.p50)}`,
        );
      }
      // Arrival: mark every raw document unseen, so the worker's pass tests every article again.
      db.$client.prepare('UPDATE watch_topics SET applied_through = 0').run();
      const started = performance.now();
      const arrival = applyWatchTopics(db);
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `arrival pass: ${arrival.checked.toLocaleString('en-US')} articles × ${arrival.topics} topics in ` +
          `${seconds.toFixed(1)} s = ${Math.round(arrival.checked / seconds).toLocaleString('en-US')} articles/s ` +
          `(links changed: +${arrival.linked} −${arrival.unlinked}; 0 and 0 when it agrees with the creation pass)`,
      );
      for (const id of ids) deleteWatchTopic(db, id);
      const idle = timeRuns(() => applyWatchTopics(db));
      console.log(`worker call with no watch topic: p50 ${ms(idle.p50)}, p95 ${ms(idle.p95)}`);
    } finally {
      closeDatabase(db);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
