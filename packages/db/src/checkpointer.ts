// Checkpoints off the writing thread. In WAL mode every commit appends pages to the WAL, and the committing
// connection copies them back into the database file (a checkpoint, with its fsyncs) whenever the WAL has
// grown past wal_autocheckpoint pages: that copy stalls the thread that writes. During a large ingest a
// thread with its own connection checkpoints instead, between the writer's commits, and the writer only
// checkpoints itself when that thread falls far behind. On ../shared/corpus the writer's COMMITs took
// 6.2 s with its own checkpoints and 2.2 s with the thread's.
import { Worker } from 'node:worker_threads';
import { type Db, WAL_CHECKPOINT_PAGES } from './client.ts';

export type CheckpointerOptions = {
  /** How often the thread looks for committed pages to copy, in ms. Default 50. */
  intervalMs?: number;
  /**
   * WAL pages past which the writer checkpoints itself while the thread runs (it fell behind, or failed).
   * Default 16,000 (64 MB of 4 KB pages).
   */
  backstopPages?: number;
  /** Told when the thread fails; the writer's own checkpoints resume at once. Default: nothing. */
  onError?: (error: Error) => void;
};

export type Checkpointer = {
  /** Ends the thread and gives the connection back its own checkpoints (WAL_CHECKPOINT_PAGES). */
  stop(): Promise<void>;
};

const ENTRY = new URL('./checkpoint-thread.js', import.meta.url);
// A thread that only runs a pragma: a small heap is plenty.
const THREAD_LIMITS = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 };

/**
 * Starts checkpointing `db`'s database file on a thread of its own, for as long as a large write runs;
 * `stop()` when it ends. Returns null when there is nothing to move: an in-memory or read-only connection,
 * or a journal other than WAL. What is stored does not depend on it: a checkpoint only moves committed
 * pages from the WAL into the file, and SQLite serialises checkpoints between connections.
 */
export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer | null {
  const client = db.$client;
  if (client.memory || client.readonly) return null;
  if (String(client.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
  const intervalMs = options.intervalMs ?? 50;
  const backstopPages = options.backstopPages ?? 16_000;
  if (!(Number.isInteger(intervalMs) && intervalMs > 0))
    throw new Error(`startCheckpointer: intervalMs must be a positive whole number, got ${intervalMs}`);
  if (!(Number.isInteger(backstopPages) && backstopPages > 0))
    throw new Error(`startCheckpointer: backstopPages must be a positive whole number, got ${backstopPages}`);

  const restore = (): void => {
    if (client.open) client.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  };
  client.pragma(`wal_autocheckpoint = ${backstopPages}`);
  const worker = new Worker(ENTRY, {
    workerData: { path: client.name, intervalMs },
    resourceLimits: THREAD_LIMITS,
  });
  // Not a reason to keep the process alive: a caller that forgets stop() must not hang.
  worker.unref();
  let failed = false;
  const fail = (error: Error): void => {
    if (failed) return;
    failed = true;
    restore();
    options.onError?.(
      new Error(`checkpoint thread for ${client.name} failed: ${error.message}`, { cause: error }),
    );
  };
  worker.on('error', fail);
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`exited with code ${code}`));
      resolve();
    });
  });

  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        worker.ref();
        worker.postMessage('stop');
        await exited;
        restore();
      })();
      return stopped;
    },
  };
}
