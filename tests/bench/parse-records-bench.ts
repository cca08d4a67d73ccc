// The per-record work of the ingest's parse threads, in one thread: every record of ../shared/corpus read
// and split as `rasid ingest` does (the worker's listInputFiles, readInputFile and the parser's
// readText/splitItems), then the worker's own parseInput (parse + store keys) on each, in chunks of 200 as
// the threads get them. Prints records per second, CPU milliseconds per record (of the parse alone: reading
// and splitting happen on the ingest's main thread) and a sha256 over every outcome, so a speed-up can show
// that what is stored did not change.
//
// PARSE_RECORDS_EVERY=N parses only every Nth record (a quick look while profiling; its checksum differs).

import { createHash } from 'node:crypto';
import { listInputFiles, readInputFile } from '../../apps/worker/src/collect/files.ts';
import { type ParseOutcome, parseInput } from '../../apps/worker/src/parse-input.ts';
import { type RawInput, readText, splitItems } from '../../packages/parser/src/index.ts';
import { sharedPath } from '../eval/shared.ts';

export type ParseRecordsBenchResult = {
  records: number;
  failed: number;
  seconds: number;
  recordsPerSecond: number;
  cpuMsPerRecord: number;
  checksum: string;
};

type Input = RawInput & { location: string };

const CHUNK = 200;

/** Adds an outcome to the checksum: the article and keys as JSON, then the archive's bytes themselves. */
function hashOutcome(hash: ReturnType<typeof createHash>, outcome: ParseOutcome): void {
  if ('error' in outcome) {
    hash.update(JSON.stringify(outcome));
    return;
  }
  const { archive, ...keys } = outcome.keys;
  hash.update(JSON.stringify({ article: outcome.article, keys }));
  hash.update(archive);
}

export async function runParseRecordsBench(
  opts: { paths?: string[]; every?: number } = {},
): Promise<ParseRecordsBenchResult> {
  const paths = opts.paths ?? [sharedPath('corpus')];
  const every = opts.every ?? Number(process.env.PARSE_RECORDS_EVERY ?? 1);
  if (!(Number.isInteger(every) && every > 0))
    throw new Error(`PARSE_RECORDS_EVERY: not a positive whole number: ${process.env.PARSE_RECORDS_EVERY}`);
  const { files, problems } = await listInputFiles(paths);
  if (problems.length > 0)
    throw new Error(`parse-records: ${problems.map((p) => `${p.location}: ${p.message}`)}`);

  const hash = createHash('sha256');
  let records = 0;
  let failed = 0;
  let seen = 0;
  let wallMs = 0;
  let cpuMicros = 0;
  const parseChunk = (chunk: Input[]): void => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const outcomes = chunk.map(parseInput);
    wallMs += performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    cpuMicros += cpu.user + cpu.system;
    for (const outcome of outcomes) {
      if ('error' in outcome) failed++;
      hashOutcome(hash, outcome);
    }
    records += chunk.length;
  };

  for (const file of files) {
    if (file.kind !== 'split') throw new Error(`parse-records: ${file.path} is not a file of records`);
    const content = readText({ content: await readInputFile(file), location: file.path });
    let chunk: Input[] = [];
    for (const item of splitItems({ content, location: file.path })) {
      if ('problem' in item) throw new Error(`${item.problem.location}: ${item.problem.message}`);
      if (seen++ % every !== 0) continue;
      chunk.push({ ...item.input, location: item.input.location ?? `${file.path}#${item.index}` });
      if (chunk.length === CHUNK) {
        parseChunk(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) parseChunk(chunk);
  }

  const result: ParseRecordsBenchResult = {
    records,
    failed,
    seconds: wallMs / 1000,
    recordsPerSecond: records / (wallMs / 1000),
    cpuMsPerRecord: cpuMicros / 1000 / records,
    checksum: hash.digest('hex'),
  };
  console.log(
    `parse-records: ${records.toLocaleString('en-US')} records${every > 1 ? ` (every ${every}th)` : ''}, ` +
      `${failed} failed, parse + store keys in one thread: ${result.recordsPerSecond.toFixed(0)} records/s, ` +
      `${result.cpuMsPerRecord.toFixed(3)} CPU ms per record (${result.seconds.toFixed(1)} s)`,
  );
  console.log(`parse-records: sha256 of the outcomes ${result.checksum}`);
  return result;
}
