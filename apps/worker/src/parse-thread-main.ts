// A parse worker thread: raw inputs in, articles (or the parser's error) out, in the order received.
// Only pure work happens here, the database stays on the main thread, so a crash loses no commit. Besides
// parsing, the thread derives what the store would otherwise compute on the main thread (hash, archive,
// dedupe key, story signature): the main thread then only writes rows, and need not keep the raw bytes.
import { parentPort } from 'node:worker_threads';
import { parseInput } from './parse-input.ts';
import type { ParseJob, ParseReply, WireOutcome } from './parse-pool.ts';

if (!parentPort) throw new Error('parse-thread-main.ts must run in a worker thread');
const port = parentPort;

port.on('message', ({ id, inputs }: ParseJob) => {
  const archives: Uint8Array[] = [];
  const results = inputs.map((input): WireOutcome => {
    const outcome = parseInput(input);
    if ('error' in outcome) return outcome;
    const { archive, ...keys } = outcome.keys;
    archives.push(archive);
    return { article: outcome.article, keys: { ...keys, archive: archive.byteLength } };
  });
  // The archives travel in one transferred buffer: a compressed Buffer may be a view on a larger allocation,
  // which structured clone would copy whole.
  const packed = new Uint8Array(archives.reduce((sum, a) => sum + a.byteLength, 0));
  let offset = 0;
  for (const archive of archives) {
    packed.set(archive, offset);
    offset += archive.byteLength;
  }
  const reply: ParseReply = { id, results, archives: packed };
  port.postMessage(reply, [packed.buffer]);
});
