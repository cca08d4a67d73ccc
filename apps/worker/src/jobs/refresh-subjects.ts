// Subjects from the classifier learned on this corpus, kept current after new articles are stored: the
// model is retrained when the labelled articles grew enough, and the new articles are scored with it.
// Scoring reads and tokenizes every new article; after a large ingest (tens of thousands of articles) that
// is shared with a second thread on its own read-only connection, which starts as soon as the job does:
// while this thread trains the model, it tokenizes the articles the model will score, then scores them,
// and both take what is left chunk by chunk. Picks are a pure function of the model and the text, so who
// scored an article changes nothing stored.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Db } from '@rasid/db/client';
import {
  applySubjectModel,
  getSubjectModel,
  isSubjectModelDue,
  listSubjectTargetIds,
  pickSubjects,
  prepareSubjectModel,
  type RefreshSubjectsOptions,
  type RefreshSubjectsResult,
  type StoredSubjectModel,
  type SubjectPick,
} from '@rasid/db/queries';
import {
  MODEL_READY,
  type SubjectsMessage,
  type SubjectsReply,
  type SubjectsShare,
  type SubjectsThreadData,
  takeChunk,
} from '../subjects-share.ts';

export type SubjectsSummary = RefreshSubjectsResult & {
  seconds: number;
  /** Articles the second thread scored (0: all were scored on this one). */
  scoredOnThread: number;
  /** Of those, the articles it had read and tokenized while the model trained. */
  tokenizedAhead: number;
};

export type RefreshSubjectsJobOptions = RefreshSubjectsOptions & {
  /**
   * Score with a second thread when at least this many articles are to be scored, the database is a file
   * and there is a second core. Default 4,000: below it, starting the thread (loading the parser and the
   * model) costs about what it saves. 0 never uses a thread.
   */
  parallelFrom?: number;
};

const DEFAULT_PARALLEL_FROM = 4000;
// As a parse thread's (see parse-pool.ts): the thread holds one model and its articles' terms.
const THREAD_HEAP_MB = 128;
const THREAD_YOUNG_MB = 12;
// Articles a thread takes at a time: small enough that the two finish together, and that the thread
// tokenizing while the model trains notices soon that the model is ready.
const CHUNK = 250;
const ENTRY = new URL('../subjects-thread.js', import.meta.url);

/** The second thread, started on `share`: it takes chunks until the model is ready, then waits. */
function startThread(
  dbPath: string,
  share: SubjectsShare,
): { worker: Worker; reply: Promise<SubjectsReply> } {
  const workerData: SubjectsThreadData = { dbPath };
  const worker = new Worker(ENTRY, {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB, maxYoungGenerationSizeMb: THREAD_YOUNG_MB },
  });
  const reply = new Promise<SubjectsReply>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (error) => resolve({ error: error.message }));
    worker.once('exit', (code) => resolve({ error: `exited with code ${code} before answering` }));
  });
  const message: SubjectsMessage = { kind: 'share', share };
  worker.postMessage(message);
  return { worker, reply };
}

/** Scores every chunk with `model`, this thread and the other one each taking the next free chunk. */
async function scoreShared(
  db: Db,
  thread: { worker: Worker; reply: Promise<SubjectsReply> },
  share: SubjectsShare,
  model: StoredSubjectModel,
  minScore: number | undefined,
): Promise<{ picks: Map<number, SubjectPick>; onThread: number; tokenizedAhead: number }> {
  Atomics.store(share.control, MODEL_READY, 1);
  const message: SubjectsMessage = { kind: 'score', modelId: model.id, minScore };
  thread.worker.postMessage(message);
  const picks = new Map<number, SubjectPick>();
  for (let range = takeChunk(share); range; range = takeChunk(share))
    for (const [id, pick] of pickSubjects(db, model, range, { minScore })) picks.set(id, pick);
  const reply = await thread.reply;
  if ('error' in reply) throw new Error(`subjects: the scoring thread failed: ${reply.error}`);
  for (const [id, pick] of reply.picks) picks.set(id, pick);
  return { picks, onThread: reply.picks.size, tokenizedAhead: reply.tokenizedAhead };
}

export async function refreshSubjectsTimed(
  db: Db,
  opts: RefreshSubjectsJobOptions = {},
): Promise<SubjectsSummary> {
  const started = performance.now();
  const parallelFrom = opts.parallelFrom ?? DEFAULT_PARALLEL_FROM;
  const client = db.$client;
  let share: SubjectsShare | null = null;
  let thread: ReturnType<typeof startThread> | null = null;
  let due: boolean | undefined;
  if (parallelFrom > 0 && !client.memory && os.availableParallelism() > 1) {
    // The articles the model about to be used scores: a model trained now scores every article that no
    // desk labels (it starts from 0), the current one those after what it already scored.
    due = isSubjectModelDue(db, opts);
    const current = due ? null : getSubjectModel(db);
    if (due || current) {
      const after = current?.appliedThrough ?? 0;
      const ids = listSubjectTargetIds(db, after);
      if (ids.length >= parallelFrom) {
        share = {
          after,
          ids: new Float64Array(new SharedArrayBuffer(8 * ids.length)),
          chunk: CHUNK,
          control: new Int32Array(new SharedArrayBuffer(8)),
          train: opts.train,
        };
        share.ids.set(ids);
        thread = startThread(client.name, share);
      }
    }
  }
  try {
    const { model, trained, skipped } = prepareSubjectModel(db, opts, due);
    if (!model)
      return {
        trained,
        examples: 0,
        scored: 0,
        changed: 0,
        linked: 0,
        skipped,
        scoredOnThread: 0,
        tokenizedAhead: 0,
        ...since(started),
      };
    let picks: Map<number, SubjectPick> | undefined;
    let scoredOnThread = 0;
    let tokenizedAhead = 0;
    // A model other than the one the share was listed for (training was due but learned nothing): this
    // thread scores alone.
    if (thread && share && model.appliedThrough === share.after) {
      const shared = await scoreShared(db, thread, share, model, opts.minScore);
      ({ picks, tokenizedAhead } = shared);
      scoredOnThread = shared.onThread;
    }
    const applied = applySubjectModel(db, model, { ...opts, onlyUnlabelled: true, picks });
    return {
      trained,
      examples: model.examples,
      ...applied,
      skipped,
      scoredOnThread,
      tokenizedAhead,
      ...since(started),
    };
  } finally {
    if (thread) {
      if (share) Atomics.store(share.control, MODEL_READY, 1);
      await thread.worker.terminate();
    }
  }
}

const since = (started: number): { seconds: number } => ({ seconds: (performance.now() - started) / 1000 });

const formatCount = (n: number): string => n.toLocaleString('en-US');

/** One line for the terminal: what the model learned from and what it scored. */
export function describeSubjects(summary: SubjectsSummary): string {
  const model =
    summary.examples === 0
      ? `no model (${summary.skipped ?? 'too few articles with a subject desk'}; keyword rules only)`
      : `${summary.trained ? 'trained' : 'model'} on ${formatCount(summary.examples)} labelled articles`;
  return (
    `subjects: ${model}, applied to ${formatCount(summary.scored)} ` +
    `(${formatCount(summary.linked)} with a confident subject, ${formatCount(summary.changed)} changed) ` +
    `in ${summary.seconds.toFixed(1)} s`
  );
}
