// Parsing on other cores: a small pool of worker threads that run the (pure) parser while the main thread
// reads files and stores batches. Results come back per job, and the caller consumes jobs in the order it
// submitted them, so what is stored (and in which order duplicates merge) is the same as parsing inline.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { StoreKeys } from '@rasid/db/queries';
import type { Article, RawInput } from '@rasid/parser';
import type { ParseOutcome } from './parse-input.ts';

export type ParseJob = { id: number; inputs: (RawInput & { location: string })[] };
/** An outcome as a thread sends it: `keys.archive` is the length of its bytes in ParseReply.archives. */
export type WireOutcome =
  | { article: Article; keys: Omit<StoreKeys, 'archive'> & { archive: number } }
  | { error: string };
export type ParseReply = { id: number; results: WireOutcome[]; archives: Uint8Array };

// `job` is let go once posted (the thread has its copy): only its id is needed to match the answer.
type Pending = {
  id: number;
  job: ParseJob | null;
  resolve: (r: ParseOutcome[]) => void;
  reject: (e: Error) => void;
};
/** Jobs posted to a thread, oldest first: it answers them in that order. */
type Slot = { worker: Worker; posted: Pending[] };

// Jobs posted to a thread at once: the next ones wait in the thread's own queue, so the thread does not
// idle until the main thread (busy storing or parsing) gets round to handing it another. Storing a batch
// keeps the main thread away for a few tenths of a second; with two jobs queued a thread drained them and
// waited (on ../shared/corpus, a fifth of its time), and the main thread parsed 16,000 records itself.
// Four keep it busy: the main thread parses 8,000–9,000.
const POSTED_PER_THREAD = 4;

const ENTRY = new URL('./parse-thread.js', import.meta.url);

/** The outcomes of a reply, each archive a view on the one transferred buffer. */
function unpackReply({ results, archives }: ParseReply): ParseOutcome[] {
  let offset = 0;
  return results.map((result): ParseOutcome => {
    if ('error' in result) return result;
    const length = result.keys.archive;
    const archive = Buffer.from(archives.buffer, archives.byteOffset + offset, length);
    offset += length;
    return { article: result.article, keys: { ...result.keys, archive } };
  });
}

/**
 * Threads worth starting here: every core but the main thread's, at most `cap`. The main thread reads,
 * stores, and parses whatever the threads have no room for (see ingestFiles), so it is busy too.
 */
export function defaultParseThreads(cap = 3): number {
  return Math.max(0, Math.min(cap, os.availableParallelism() - 1));
}

// A thread's old generation: the parser keeps nothing between jobs, and a job of 200 records needs a few
// MB, but without a cap V8 lets garbage grow to hundreds of MB per thread before collecting it.
const THREAD_HEAP_MB = 128;
// And its young generation (V8 otherwise grows it to 48 MB; see INGEST_SEMI_SPACE_MB in bin/rasid.js). At
// 12 MB a thread scavenged every 10–20 ms and a job's records, alive for a few hundred, reached the old
// generation: 3,260 scavenges and 138 full collections on ../shared/corpus; at 24 MB 1,587 and 105. The
// time they take moved less (what survives is copied either way); 48 MB gained nothing more.
const THREAD_YOUNG_MB = 24;

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(size: number) {
    if (!(Number.isInteger(size) && size > 0))
      throw new Error(`parse pool: not a positive thread count: ${size}`);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(ENTRY, {
        resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB, maxYoungGenerationSizeMb: THREAD_YOUNG_MB },
      });
      const slot: Slot = { worker, posted: [] };
      slot.worker.on('message', (reply: ParseReply) => {
        const done = slot.posted.shift();
        if (done?.id === reply.id) done.resolve(unpackReply(reply));
        else this.fail(new Error(`parse thread ${i} answered job ${reply.id} out of turn`));
        this.dispatch();
      });
      // A thread that dies takes its jobs with it: fail everything, the run reports it.
      const die = (error: Error) => this.fail(new Error(`parse thread ${i} failed: ${error.message}`));
      slot.worker.on('error', die);
      slot.worker.on('exit', (code) => {
        if (code !== 0) die(new Error(`exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Whether every thread has its fill of jobs: another one now would only wait. */
  get saturated(): boolean {
    return this.queue.length > 0 || this.slots.every((s) => s.posted.length >= POSTED_PER_THREAD);
  }

  /** Parses inputs on a thread; resolves with one outcome per input, in order. */
  parse(inputs: ParseJob['inputs']): Promise<ParseOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.queue.push({ id, job: { id, inputs }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      // The least loaded thread: with two posted per thread, a fast one must not collect them all.
      let slot: Slot | undefined;
      for (const s of this.slots) if (!slot || s.posted.length < slot.posted.length) slot = s;
      if (!slot || slot.posted.length >= POSTED_PER_THREAD) return;
      const next = this.queue.shift() as Pending;
      slot.posted.push(next);
      slot.worker.postMessage(next.job);
      next.job = null;
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const slot of this.slots) for (const pending of slot.posted.splice(0)) pending.reject(error);
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  async close(): Promise<void> {
    this.failure ??= new Error('parse pool closed');
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
