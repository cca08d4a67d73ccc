// Runs the project's benchmarks against ../shared. Each bench is a module with one run function; add new
// ones to BENCHES. Pass names to run only some: `npm run bench -- parser`.

import { hasShared, SHARED_DIR } from '../eval/shared.ts';

// Each bench is imported only when it runs: the dashboard and ingest benches load the database, the
// worker and their dependencies (about 90 MB resident), which would count in the parser bench's peak RSS.
const BENCHES: { name: string; run: () => Promise<unknown> }[] = [
  { name: 'parser', run: async () => (await import('./parser-bench.ts')).runParserBench() },
  { name: 'ingest', run: async () => (await import('./ingest-bench.ts')).runIngestBench() },
  { name: 'dashboard', run: async () => (await import('./dashboard-bench.ts')).runDashboardBench() },
  {
    name: 'parse-records',
    run: async () => (await import('./parse-records-bench.ts')).runParseRecordsBench(),
  },
  { name: 'watch-topics', run: async () => (await import('./watch-topics-bench.ts')).runWatchTopicsBench() },
];

async function main(): Promise<void> {
  if (!hasShared()) {
    console.error(`No benchmark data at ${SHARED_DIR}`);
    process.exit(1);
  }
  const only = process.argv.slice(2);
  for (const b of BENCHES) {
    if (only.length > 0 && !only.includes(b.name)) continue;
    await b.run();
  }
}

await main();
