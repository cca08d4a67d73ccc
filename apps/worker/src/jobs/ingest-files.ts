// Ingesting local files and folders: the `rasid ingest` command and the worker's folder sources.
import { type Checkpointer, startCheckpointer } from '@rasid/db/checkpointer';
import type { Db } from '@rasid/db/client';
import type { RunStats } from '@rasid/db/queries';
import { finishRun, startRun } from '@rasid/db/queries';
import {
  isJsonLinesName,
  JsonLinesSplitter,
  type RawInput,
  readText,
  type SplitItem,
  type SplitProblem,
  splitItems,
} from '@rasid/parser';
import { type InputFile, listInputFiles, readInputFile, readJsonLinesSlices } from '../collect/files.ts';
import { type ParseOutcome, parseInput } from '../parse-input.ts';
import { defaultParseThreads, ParsePool } from '../parse-pool.ts';
import { type Failure, IngestPipeline } from '../pipeline.ts';

export type IngestFilesOptions = {
  /** ISO 8601: resolves relative dates in the texts; without it they stay unresolved. */
  referenceDate?: string;
  sourceId?: number | null;
  /** A run already started for this ingest (a source's, see startSourceRun). Default: one is started. */
  runId?: number;
  batchSize?: number;
  /**
   * Parse threads beside the main thread (which reads, stores, and parses the chunks that find every
   * thread busy). 'auto': one per spare core, but only for inputs large enough to repay starting them.
   * Default 0: parse inline.
   */
  threads?: number | 'auto';
  onProgress?: (done: number, total: number, stats: RunStats) => void;
  onFailure?: (failure: Failure) => void;
  /** Locations still failed from earlier runs (see PipelineOptions.pending). */
  pending?: Iterable<string>;
  /**
   * Told when the thread that checkpoints during a threaded ingest fails: the ingest goes on, and the
   * connection checkpoints itself again.
   */
  onCheckpointError?: (error: Error) => void;
};

export type IngestSummary = RunStats & {
  runId: number;
  files: number;
  seconds: number;
  threads: number;
  /** Records parsed on the main thread: all of them without threads, else those the threads had no room for. */
  parsedOnMain: number;
};

// Below this much input, starting threads (each loads the parser) costs more than it saves.
const AUTO_THREADS_MIN_BYTES = 2 * 1024 * 1024;
// Records per message to a thread, and messages queued ahead: enough to keep threads busy while the main
// thread stores (more than a thread's posted jobs, see parse-pool.ts), few enough to bound memory.
const CHUNK = 200;
const AHEAD_PER_THREAD = 5;

type Input = RawInput & { location: string };

// JSON Lines files from this size on (on disk) are read a slice at a time (see readJsonLinesSlices).
const STREAM_MIN_BYTES = 1 << 20;
// A file read whole is read ahead, while the one before it is split and stored (its decompression runs on
// libuv's threads), when it is at most this large on disk: two such files are held at once.
const READ_AHEAD_MAX_BYTES = 8 << 20;

const isStreamed = (file: InputFile): boolean =>
  file.kind === 'split' && file.size >= STREAM_MIN_BYTES && isJsonLinesName(file.path);

/** A split item and how far into the file (in bytes on disk) it lies. */
type Placed = { item: SplitItem; read: number };

/** A split file read whole (`bytes`: its readInputFile): its items as splitItems gives them. */
async function* splitWholeFile(
  file: InputFile,
  bytes: Promise<Uint8Array>,
  referenceDate: string | undefined,
): AsyncGenerator<Placed> {
  let content: Uint8Array | string | null = await bytes;
  const text = readText({ content, location: file.path });
  content = null;
  for (const item of splitItems({ content: text, location: file.path, referenceDate }))
    yield { item, read: (file.size * (item.index + 1)) / item.of };
}

/** A large JSON Lines file a slice at a time: the same items as splitWholeFile. */
async function* streamJsonLines(file: InputFile, referenceDate: string | undefined): AsyncGenerator<Placed> {
  const splitter = new JsonLinesSplitter({ content: '', location: file.path, referenceDate });
  for await (const { text, read } of readJsonLinesSlices(file))
    for (const item of splitter.slice(text)) yield { item, read };
  splitter.finish();
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
// A chunk's inputs wait here for their outcomes without their content, which the outcomes' keys replace: a
// record's text lived as long as its chunk (ten chunks ahead, 2,000 records), long enough to be copied out
// of the young generation and then collected from the old one.
type Chunk = {
  inputs: (Omit<Input, 'content'> & { location: string })[];
  results: Promise<ParseOutcome[]>;
  progress: number;
};
const withoutContent = ({ content: _content, ...rest }: Input): Chunk['inputs'][number] => rest;

export async function ingestFiles(
  db: Db,
  paths: string[],
  options: IngestFilesOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const runId =
    options.runId ??
    startRun(db, { kind: 'ingest', sourceId: options.sourceId ?? null, args: paths.join(' ') });
  const pipeline = new IngestPipeline(db, {
    runId,
    sourceId: options.sourceId ?? null,
    batchSize: options.batchSize,
    fetchedAt: new Date().toISOString(),
    onFailure: options.onFailure,
    pending: options.pending,
  });
  const { referenceDate } = options;
  let fileCount = 0;
  let parsedOnMain = 0;
  let pool: ParsePool | null = null;
  let checkpointer: Checkpointer | null = null;

  try {
    const { files, problems } = await listInputFiles(paths);
    for (const problem of problems) pipeline.fail(problem.location, new Error(problem.message));
    fileCount = files.length;
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    const threads =
      options.threads === 'auto'
        ? totalBytes >= AUTO_THREADS_MIN_BYTES
          ? defaultParseThreads()
          : 0
        : (options.threads ?? 0);
    if (threads > 0) {
      pool = new ParsePool(threads);
      // An input worth threads is worth moving the WAL's checkpoints off this thread too (see
      // checkpointer.ts): on ../shared/corpus, 43.9 s instead of 46.6 s (four alternating pairs).
      checkpointer = startCheckpointer(db, { onError: options.onCheckpointError });
    }
    let doneBytes = 0;

    // With a pool, inputs are parsed ahead on the threads and taken back here strictly in order.
    const ahead: Chunk[] = [];
    const takeOldest = async (): Promise<void> => {
      const chunk = ahead.shift();
      if (!chunk) return;
      const results = await chunk.results;
      chunk.inputs.forEach((input, i) => {
        pipeline.accept(input, results[i] ?? { error: 'the parse thread returned no result' });
      });
      options.onProgress?.(chunk.progress, totalBytes, pipeline.stats);
    };
    const submit = async (inputs: Input[], progress: number): Promise<void> => {
      if (!pool) {
        parsedOnMain += inputs.length;
        for (const input of inputs) pipeline.add(input);
        options.onProgress?.(progress, totalBytes, pipeline.stats);
        return;
      }
      // Let the threads' answers in first: whether they are all busy is only known after that.
      await yieldToEvents();
      // Storing leaves the main thread idle most of the time: when every thread has its fill of jobs, the
      // main thread parses this chunk itself. The chunk still takes its turn in `ahead`, so the order of
      // storing (and what is stored) is the same whoever parsed it.
      const onMain = pool.saturated;
      if (onMain) parsedOnMain += inputs.length;
      const results = onMain ? Promise.resolve(inputs.map(parseInput)) : pool.parse(inputs);
      // Awaited in turn by takeOldest; until then a pool failure must not count as unhandled.
      results.catch(() => {});
      ahead.push({ inputs: inputs.map(withoutContent), results, progress });
      if (ahead.length >= (pool.size + 1) * AHEAD_PER_THREAD) await takeOldest();
    };

    let readAhead: { file: InputFile; bytes: Promise<Uint8Array> } | null = null;
    const readWhole = (file: InputFile): Promise<Uint8Array> => {
      if (readAhead?.file === file) return readAhead.bytes;
      return readInputFile(file);
    };
    for (const [f, file] of files.entries()) {
      // The bytes of this file, if read whole, and then those of the next one: read as this one is stored.
      // A failed read is reported when its file's turn comes.
      const bytes = isStreamed(file) ? null : readWhole(file);
      const next = files[f + 1];
      readAhead = null;
      if (next && !isStreamed(next) && next.size <= READ_AHEAD_MAX_BYTES) {
        readAhead = { file: next, bytes: readInputFile(next) };
        readAhead.bytes.catch(() => {});
      }
      // Records are split off one chunk at a time: a large file never holds all of them at once. A large
      // JSON Lines file is also read a slice at a time; any other file is read whole, and its bytes let go
      // once decoded (the text is all the split needs).
      if (file.kind === 'split') {
        const items = bytes
          ? splitWholeFile(file, bytes, referenceDate)
          : streamJsonLines(file, referenceDate);
        // Problems before the first record wait: a file with no valid record is one failure, not many.
        let held: SplitProblem[] | null = [];
        let chunk: Input[] = [];
        let position = 0;
        try {
          for await (const { item, read } of items) {
            position = read;
            if ('problem' in item) {
              if (held) held.push(item.problem);
              else pipeline.fail(item.problem.location, new Error(item.problem.message));
              continue;
            }
            if (held) {
              for (const problem of held) pipeline.fail(problem.location, new Error(problem.message));
              held = null;
            }
            chunk.push({ ...item.input, location: item.input.location ?? `${file.path}#${item.index}` });
            if (chunk.length === CHUNK) {
              await submit(chunk, doneBytes + position);
              chunk = [];
            }
          }
        } catch (error) {
          pipeline.fail(file.path, error);
        }
        if (chunk.length > 0) await submit(chunk, doneBytes + file.size);
      } else {
        let content: Uint8Array;
        try {
          content = await (bytes ?? readInputFile(file));
        } catch (error) {
          pipeline.fail(file.path, error);
          doneBytes += file.size;
          continue;
        }
        await submit(
          [{ content, location: file.path, format: file.kind, referenceDate }],
          doneBytes + file.size,
        );
      }
      doneBytes += file.size;
    }
    while (ahead.length > 0) await takeOldest();
    pipeline.flush();
    const stats = pipeline.stats;
    const status = stats.failed === 0 ? 'ok' : stats.read > stats.failed ? 'partial' : 'failed';
    finishRun(db, runId, { ...stats, status, error: null });
    return {
      ...stats,
      runId,
      files: fileCount,
      threads,
      parsedOnMain,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    // Whatever was flushed stays stored; the run says it failed and why.
    finishRun(db, runId, { ...pipeline.stats, status: 'failed', error: (error as Error).message });
    throw error;
  } finally {
    await pool?.close();
    await checkpointer?.stop();
  }
}
