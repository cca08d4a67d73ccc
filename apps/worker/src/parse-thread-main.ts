// A parse worker thread: raw inputs in, articles (or the parser's error) out, in the order received.
// Only pure parsing happens here; the database stays on the main thread, so a crash loses no commit.
import { parentPort } from 'node:worker_threads';
import { parseDocument } from '@rasid/parser';
import type { ParseJob, ParseOutcome } from './parse-pool.ts';

if (!parentPort) throw new Error('parse-thread-main.ts must run in a worker thread');
const port = parentPort;

port.on('message', ({ id, inputs }: ParseJob) => {
  const results: ParseOutcome[] = inputs.map((input) => {
    try {
      return { article: parseDocument(input) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  port.postMessage({ id, results });
});
