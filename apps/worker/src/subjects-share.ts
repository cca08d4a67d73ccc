// What the main thread and the subjects scoring thread share (see jobs/refresh-subjects.ts and
// subjects-thread-main.ts): the articles to score, cut into chunks that either thread takes in turn.
import type { SubjectPick } from '@rasid/db/queries';
import type { TrainSubjectOptions } from '@rasid/parser';

export type SubjectsThreadData = { dbPath: string };

/**
 * The articles to score and how they are shared out. `ids` (a SharedArrayBuffer's view) are the target
 * ids after `after`, in order; chunk c is ids[c·chunk, (c+1)·chunk). `control` (shared too) holds at
 * NEXT_CHUNK the next chunk to take and at MODEL_READY 1 once the model is stored.
 */
export type SubjectsShare = {
  after: number;
  ids: Float64Array;
  chunk: number;
  control: Int32Array;
  /** The options the model trains with: the tokenizer must cut text as it will. */
  train?: TrainSubjectOptions;
};
export const NEXT_CHUNK = 0;
export const MODEL_READY = 1;

export type SubjectsMessage =
  | { kind: 'share'; share: SubjectsShare }
  | { kind: 'score'; modelId: number; minScore?: number };
export type SubjectsReply = { picks: Map<number, SubjectPick>; tokenizedAhead: number } | { error: string };

/** The id range of chunk `c`, or null past the last chunk. */
export function chunkRange(share: SubjectsShare, c: number): { after: number; through: number } | null {
  const first = c * share.chunk;
  if (first >= share.ids.length) return null;
  const last = Math.min(first + share.chunk, share.ids.length) - 1;
  return {
    after: c === 0 ? share.after : (share.ids[first - 1] as number),
    through: share.ids[last] as number,
  };
}

/** The next chunk's range for whichever thread asks first, null when all are taken. */
export function takeChunk(share: SubjectsShare): { after: number; through: number } | null {
  return chunkRange(share, Atomics.add(share.control, NEXT_CHUNK, 1));
}
