// Runs the project's benchmarks against ../shared. Each bench is a module with one run function; add new
// ones to BENCHES. Pass names to run only some: `npm run bench -- parser`.

import { hasShared, SHARED_DIR } from '../eval/shared.ts';
import { runDashboardBench } from './dashboard-bench.ts';
import { runIngestBench } from './ingest-bench.ts';
import { runParserBench } from './parser-bench.ts';
import { runWatchTopicsBench } from './watch-topics-bench.ts';

const BENCHES: { name: string; run: () => unknown }[] = [
  { name: 'parser', run: () => runParserBench() },
  { name: 'ingest', run: () => runIngestBench() },
  { name: 'dashboard', run: () => runDashboardBench() },
  { name: 'watch-topics', run: () => runWatchTopicsBench() },
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
