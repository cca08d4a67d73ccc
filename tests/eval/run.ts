// Runs the project's evaluations against ../shared and prints them beside the published figures in
// ANCHORS.md. Each evaluation is a module with one run function; add new ones to EVALUATIONS.

import { runFeedEval } from './parser-feed.ts';
import { runHtmlEval } from './parser-html.ts';
import { runTextEval } from './parser-text.ts';
import { hasShared, SHARED_DIR } from './shared.ts';
import { runSubjectsEval } from './subjects.ts';

// `--held-back FILE` (repeatable): an outlet of ANT kept out of ../shared, scored by the subjects eval.
const args = process.argv.slice(2);
const heldBack: string[] = [];
const only: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i] as string;
  if (arg !== '--held-back') {
    only.push(arg);
    continue;
  }
  const file = args[++i];
  if (!file)
    throw new Error('--held-back: give the file of the held-back outlet (ANT JSON Lines, .gz or not)');
  heldBack.push(file);
}

const EVALUATIONS: { name: string; run: () => void | Promise<void> }[] = [
  { name: 'parser-html', run: runHtmlEval },
  { name: 'parser-text', run: runTextEval },
  { name: 'parser-feed', run: runFeedEval },
  { name: 'subjects', run: () => runSubjectsEval({}, heldBack) },
];

async function main(): Promise<void> {
  if (!hasShared()) {
    console.error(`No evaluation data at ${SHARED_DIR}`);
    process.exit(1);
  }
  for (const e of EVALUATIONS) {
    if (only.length > 0 && !only.includes(e.name)) continue;
    await e.run();
  }
}

await main();
