// `npm run bench:data`: builds the dashboard benchmark's database of about a million articles
// (data/bench/rasid-1m.db, or BENCH_DB). The real corpus in ../shared/corpus (ANT + SaudiNewsNet) is
// ingested with the real `rasid ingest`, then replicated in time by @rasid/db/bench until BENCH_TARGET
// articles (default 1,000,000): outlets, languages, topics and text are the corpus's own, days are
// generated. Reuses an existing file; delete it to rebuild.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { replicateCorpus } from '@rasid/db/bench';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { getTotals } from '@rasid/db/queries';
import { sharedPath } from '../eval/shared.ts';
import { RASID_BIN, REPO_ROOT } from '../support/paths.ts';

export const BENCH_DB = process.env.BENCH_DB ?? path.join(REPO_ROOT, 'data', 'bench', 'rasid-1m.db');
const TARGET = Number(process.env.BENCH_TARGET ?? 1_000_000);

export function makeBenchData(): string {
  if (existsSync(BENCH_DB)) {
    console.log(`bench data: reusing ${BENCH_DB} (delete it to rebuild)`);
    return BENCH_DB;
  }
  mkdirSync(path.dirname(BENCH_DB), { recursive: true });
  const building = `${BENCH_DB}.building`;
  let t = performance.now();
  if (existsSync(building)) {
    // A previous build was stopped after its ingest: the real corpus is there, and replication goes on
    // after the last whole replica it wrote.
    console.log(`bench data: resuming from ${building}`);
  } else {
    const ingest = spawnSync(process.execPath, [RASID_BIN, 'ingest', sharedPath('corpus')], {
      env: { ...process.env, RASID_DB: building },
      stdio: ['ignore', 'inherit', 'ignore'],
    });
    // Exit 1 means some records could not be used (SaudiNewsNet has a few empty ones); the rest is stored.
    if (ingest.status !== 0 && ingest.status !== 1)
      throw new Error(`bench data: rasid ingest of ../shared/corpus exited ${ingest.status}`);
    console.log(`bench data: real corpus ingested in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  t = performance.now();
  const db = openDatabase(building);
  try {
    const { real, total } = replicateCorpus(db, {
      target: TARGET,
      onProgress: (done, all) =>
        process.stdout.write(
          `\rbench data: ${done.toLocaleString('en-US')} / ${all.toLocaleString('en-US')}`,
        ),
    });
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.exec('ANALYZE');
    console.log(
      `\nbench data: ${real.toLocaleString('en-US')} real articles replicated to ${total.toLocaleString('en-US')} in ${((performance.now() - t) / 1000).toFixed(0)} s; totals ${JSON.stringify(getTotals(db))}`,
    );
  } finally {
    closeDatabase(db);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  renameSync(building, BENCH_DB);
  return BENCH_DB;
}

if (import.meta.url === `file://${process.argv[1]}`) makeBenchData();
