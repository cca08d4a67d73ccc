// The subjects thread: takes a share of the articles to score on a read-only connection of its own and
// hands the picks back; the main thread writes them all. Shares are chunks of the target ids, taken in turn
// by whichever thread is free (one shared counter), so neither waits for the other. First, the articles
// the main thread's trainer is lent (SubjectsShare.lent, articles it learns from that are also to be
// scored): this thread tokenizes them and posts their terms, so that they are tokenized once and the
// training waits less. Then, while the model still trains, it reads and tokenizes the chunks it takes
// (tokenizing is most of scoring), and scores them all once the model is stored.

import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, type Db, openDatabase } from '@rasid/db/client';
import {
  createSubjectTargetTokens,
  getSubjectModel,
  pickSubjects,
  pickTokenizedSubjects,
  tokenizeSubjectArticles,
  tokenizeSubjectTargets,
} from '@rasid/db/queries';
import {
  LENT,
  LENT_DONE,
  type LentBatch,
  MODEL_READY,
  type SubjectsMessage,
  type SubjectsReply,
  type SubjectsShare,
  type SubjectsThreadData,
  takeChunk,
} from './subjects-share.ts';

// Lent articles per posted batch: small enough that the trainer, which takes them in order, seldom waits.
const LENT_BATCH = 200;

if (!parentPort) throw new Error('subjects-thread-main.ts must run in a worker thread');
const port = parentPort;
const { dbPath } = workerData as SubjectsThreadData;

let db: Db | null = null;
let share: SubjectsShare | null = null;
let tokens: ReturnType<typeof createSubjectTargetTokens> | null = null;

/** Tells the trainer no more lent articles come (it reads any it still lacks itself). */
function endLending(): void {
  if (!share) return;
  Atomics.store(share.control, LENT_DONE, 1);
  Atomics.notify(share.control, LENT);
}

/** Tokenizes the lent articles, in order, and posts their terms batch by batch. */
function lend(db: Db, share: SubjectsShare, tokens: ReturnType<typeof createSubjectTargetTokens>): void {
  const port = share.port;
  if (!port) return;
  for (let from = 0; from < share.lent.length; from += LENT_BATCH) {
    const ids = Array.from(share.lent.subarray(from, from + LENT_BATCH));
    const start = tokens.ids.length;
    tokenizeSubjectArticles(db, ids, tokens);
    const docs = tokens.tokenizer.exportDocuments(start, tokens.ids.length);
    const batch: LentBatch = { ids: tokens.ids.slice(start), docs };
    port.postMessage(batch, [docs.offsets.buffer, docs.termNumbers.buffer, docs.counts.buffer]);
    Atomics.add(share.control, LENT, 1);
    Atomics.notify(share.control, LENT);
  }
}

function finish(reply: SubjectsReply): void {
  endLending();
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
      lend(db, share, tokens);
      endLending();
      // Until the model is ready: take chunks and tokenize them. The 'score' message waits its turn.
      while (Atomics.load(share.control, MODEL_READY) === 0) {
        const ids = takeChunk(share);
        if (!ids) break;
        tokenizeSubjectTargets(db, ids, tokens);
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
    for (let ids = takeChunk(share); ids; ids = takeChunk(share))
      for (const [id, pick] of pickSubjects(db, stored, ids, opts)) picks.set(id, pick);
    finish({ picks, tokenizedAhead: tokens.ids.length });
  } catch (error) {
    fail(error);
  }
});
