// Runs the project's evaluations against ../shared and prints them beside the published figures in
// ANCHORS.md. Each evaluation is a module with one run function; add new ones to EVALUATIONS.

import { runFeedEval } from './parser-feed.ts';
import { runHtmlEval } from './parser-html.ts';
import { runTextEval } from './parser-text.ts';
import { hasShared, SHARED_DIR } from './shared.ts';
import { runSubjectsEval } from './subjects.ts';

const EVALUATIONS: { name: string; run: () => void | Promise<void> }[] = [
  { name: 'parser-html', run: runHtmlEval },
  { name: 'parser-text', run: runTextEval },
  { name: 'parser-feed', run: runFeedEval },
  { name: 'subjects', run: () => runSubjectsEval() },
];

async function main(): Promise<void> {
  if (!hasShared()) {
    console.error(`No evaluation data at ${SHARED_DIR}`);
    process.exit(1);
  }
  const only = process.argv.slice(2);
  for (const e of EVALUATIONS) {
    if (only.length > 0 && !only.includes(e.name)) continue;
    await e.run();
  }
}

await main();
