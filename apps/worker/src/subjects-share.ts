// What the main thread and the subjects thread share (see jobs/refresh-subjects.ts and
// subjects-thread-main.ts): the articles to score, cut into chunks that either thread takes in turn, and the
// training articles the thread tokenizes for the main thread's trainer.
import type { MessagePort } from 'node:worker_threads';
import type { SubjectPick } from '@rasid/db/queries';
import type { TokenizedDocuments, TrainSubjectOptions } from '@rasid/parser';

export type SubjectsThreadData = { dbPath: string };

/**
 * The articles to score and how they are shared out. `ids` (a SharedArrayBuffer's view) are the target
 * ids after `after`, in order, but for `lent`; chunk c is ids[c·chunk, (c+1)·chunk). `control` (shared
 * too) holds at NEXT_CHUNK the next chunk to take, at MODEL_READY 1 once the model is stored, at LENT the
 * batches of lent articles posted on `port` so far and at LENT_DONE 1 once the thread posts no more.
 */
export type SubjectsShare = {
  after: number;
  ids: Float64Array;
  chunk: number;
  control: Int32Array;
  /** The options the model trains with: the tokenizer must cut text as it will. */
  train?: TrainSubjectOptions;
  /**
   * Articles the model about to be trained learns from that are also to be scored, in the order the
   * trainer takes them: the thread tokenizes them first, posts their terms on `port` (LentBatch) and scores
   * them with the rest.
   */
  lent: Float64Array;
  port?: MessagePort;
};
export const NEXT_CHUNK = 0;
export const MODEL_READY = 1;
export const LENT = 2;
export const LENT_DONE = 3;
export const CONTROL_SLOTS = 4;

/** Lent articles' terms, posted in the order of SubjectsShare.lent: ids[d] is document d of docs. */
export type LentBatch = { ids: number[]; docs: TokenizedDocuments };

export type SubjectsMessage =
  | { kind: 'share'; share: SubjectsShare }
  | { kind: 'score'; modelId: number; minScore?: number };
export type SubjectsReply = { picks: Map<number, SubjectPick>; tokenizedAhead: number } | { error: string };

/** The ids of chunk `c`, or null past the last chunk. */
export function chunkIds(share: SubjectsShare, c: number): number[] | null {
  const first = c * share.chunk;
  if (first >= share.ids.length) return null;
  return Array.from(share.ids.subarray(first, Math.min(first + share.chunk, share.ids.length)));
}

/** The next chunk's ids for whichever thread asks first, null when all are taken. */
export function takeChunk(share: SubjectsShare): number[] | null {
  return chunkIds(share, Atomics.add(share.control, NEXT_CHUNK, 1));
}
