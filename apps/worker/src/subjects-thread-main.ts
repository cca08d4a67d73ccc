// The subjects scoring thread: takes a share of the articles to score on a read-only connection of its own
// and hands the picks back; the main thread writes them all. Shares are chunks of the target ids, taken in
// turn by whichever thread is free (one shared counter), so neither waits for the other. While the main
// thread still trains the model, this one reads and tokenizes the chunks it takes (tokenizing is most of
// scoring), and scores them once the model is stored.

import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, type Db, openDatabase } from '@rasid/db/client';
import {
  createSubjectTargetTokens,
  getSubjectModel,
  pickSubjects,
  pickTokenizedSubjects,
  tokenizeSubjectTargets,
} from '@rasid/db/queries';
import {
  MODEL_READY,
  type SubjectsMessage,
  type SubjectsReply,
  type SubjectsShare,
  type SubjectsThreadData,
  takeChunk,
} from './subjects-share.ts';

if (!parentPort) throw new Error('subjects-thread-main.ts must run in a worker thread');
const port = parentPort;
const { dbPath } = workerData as SubjectsThreadData;

let db: Db | null = null;
let share: SubjectsShare | null = null;
let tokens: ReturnType<typeof createSubjectTargetTokens> | null = null;

function finish(reply: SubjectsReply): void {
  if (db) closeDatabase(db);
  db = null;
  port.postMessage(reply);
  port.close();
}

function fail(error: unknown): void {
  finish({ error: error instanceof Error ? error.message : String(error) });
}

port.on('message', (message: SubjectsMessage) => {
  try {
    if (message.kind === 'share') {
      share = message.share;
      db = openDatabase(dbPath, { readonly: true });
      tokens = createSubjectTargetTokens(share.train);
      // Until the model is ready: take chunks and tokenize them. The 'score' message waits its turn.
      while (Atomics.load(share.control, MODEL_READY) === 0) {
        const range = takeChunk(share);
        if (!range) break;
        tokenizeSubjectTargets(db, range, tokens);
      }
      return;
    }
    if (!db || !share || !tokens) throw new Error('asked to score before being given a share');
    const stored = getSubjectModel(db);
    // The main thread stored this model just before: another one means a second writer retrained.
    if (stored?.id !== message.modelId)
      throw new Error(
        `subject model ${message.modelId} is no longer the latest (found ${stored?.id ?? 'none'})`,
      );
    const opts = { minScore: message.minScore };
    const picks = pickTokenizedSubjects(stored, tokens, opts);
    for (let range = takeChunk(share); range; range = takeChunk(share))
      for (const [id, pick] of pickSubjects(db, stored, range, opts)) picks.set(id, pick);
    finish({ picks, tokenizedAhead: tokens.ids.length });
  } catch (error) {
    fail(error);
  }
});
