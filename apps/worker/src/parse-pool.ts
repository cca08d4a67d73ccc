// Parsing on other cores: a small pool of worker threads that run the (pure) parser while the main thread
// reads files and stores batches. Results come back per job, and the caller consumes jobs in the order it
// submitted them, so what is stored (and in which order duplicates merge) is the same as parsing inline.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { StoreKeys } from '@rasid/db/queries';
import type { Article, RawInput } from '@rasid/parser';

export type ParseJob = { id: number; inputs: (RawInput & { location: string })[] };
/** A parsed input with the keys the store needs (derived beside the parser), or why it failed. */
export type ParseOutcome = { article: Article; keys: StoreKeys } | { error: string };
/** An outcome as a thread sends it: `keys.archive` is the length of its bytes in ParseReply.archives. */
export type WireOutcome =
  | { article: Article; keys: Omit<StoreKeys, 'archive'> & { archive: number } }
  | { error: string };
export type ParseReply = { id: number; results: WireOutcome[]; archives: Uint8Array };

type Pending = { job: ParseJob; resolve: (r: ParseOutcome[]) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; current: Pending | null };

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

/** Threads worth starting here: every core but the one the main thread stores on, at most `cap`. */
export function defaultParseThreads(cap = 3): number {
  return Math.max(0, Math.min(cap, os.availableParallelism() - 1));
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(size: number) {
    if (!(Number.isInteger(size) && size > 0))
      throw new Error(`parse pool: not a positive thread count: ${size}`);
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: new Worker(ENTRY), current: null };
      slot.worker.on('message', (reply: ParseReply) => {
        const done = slot.current;
        slot.current = null;
        if (done?.job.id === reply.id) done.resolve(unpackReply(reply));
        this.dispatch();
      });
      // A thread that dies takes its job with it: fail everything, the run reports it.
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

  /** Parses inputs on a free thread; resolves with one outcome per input, in order. */
  parse(inputs: ParseJob['inputs']): Promise<ParseOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, inputs }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.current = next;
      slot.worker.postMessage(next.job);
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const slot of this.slots) {
      slot.current?.reject(error);
      slot.current = null;
    }
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  async close(): Promise<void> {
    this.failure ??= new Error('parse pool closed');
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
