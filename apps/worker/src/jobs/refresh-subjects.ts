// Subjects from the classifier learned on this corpus, kept current after new articles are stored: the
// model is retrained when the labelled articles grew enough, and the new articles are scored with it.
// Scoring reads and tokenizes every new article; after a large ingest (tens of thousands of articles) that
// is shared with a second thread on its own read-only connection, which starts as soon as the job does.
// Training reads and tokenizes the examples and a sample of unlabelled articles: those of them that are to
// be scored too (general-news examples, the unlabelled sample) are lent to the thread, which tokenizes them
// once for both and posts their terms to the trainer, in the order it takes them. Meanwhile this thread
// tokenizes the other examples. While it then fits the model, the other thread tokenizes the articles the
// model will score, then scores them, and both take what is left chunk by chunk. The trainer ends as it
// would reading every text itself (the same model), and picks are a pure function of the model and the
// text, so who tokenized or scored an article changes nothing stored.
import os from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Db } from '@rasid/db/client';
import {
  applySubjectModel,
  getSubjectModel,
  isSubjectModelDue,
  listSubjectTargetIds,
  pickSubjects,
  planSubjectTraining,
  prepareSubjectModel,
  type RefreshSubjectsOptions,
  type RefreshSubjectsResult,
  type StoredSubjectModel,
  type SubjectPick,
  type SubjectTrainingPlan,
  type TokenizedArticles,
} from '@rasid/db/queries';
import { GENERAL_NEWS, type TokenizedDocuments } from '@rasid/parser';
import {
  CONTROL_SLOTS,
  LENT,
  LENT_DONE,
  type LentBatch,
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
  /** Training articles whose terms the trainer took from the second thread instead of reading them. */
  lent: number;
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

// The lent general-news examples are those in the later part of the examples' order (from this fraction
// on): the trainer takes the first ones while the thread is still starting (its modules, its connection),
// and would wait for them. The unlabelled sample comes last and is always lent. On ../shared/corpus
// (`rasid subjects`, two runs each): lending all general-news examples waited 0.7–0.9 s for the thread and
// took 7.5–8.2 s; from half on (13,171 lent), 7.6–7.7 s and no wait; none (10,000), 7.7–7.8 s.
const LENT_EXAMPLES_FROM = 0.5;
// A lent article not posted within this long (the thread stalled or died) is read and tokenized here.
const LENT_PATIENCE_MS = 20_000;

/** The second thread: it loads its modules while this one plans, then waits for its share. */
function startThread(dbPath: string): { worker: Worker; reply: Promise<SubjectsReply> } {
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
  return { worker, reply };
}

/** The articles of `plan` to lend: those also to be scored (all targets, when the model is trained anew). */
function lentOf(plan: SubjectTrainingPlan): number[] {
  const from = Math.floor(plan.ids.length * LENT_EXAMPLES_FROM);
  const examples = plan.ids.filter((_, i) => i >= from && plan.labels[i] === GENERAL_NEWS);
  return [...examples, ...plan.unlabelled];
}

/**
 * The trainer's side of the lent articles: their terms as the thread posts them on `port`. Blocks (the
 * trainer is synchronous) until the article asked for came; gives null, so that the trainer reads it
 * itself, once the thread posts no more or stalled for LENT_PATIENCE_MS.
 */
function receiveLent(
  port: MessagePort,
  control: Int32Array,
  lent: readonly number[],
): TokenizedArticles & { readonly taken: number } {
  const ids = new Set(lent);
  let taken = 0;
  const received = new Map<number, { docs: TokenizedDocuments; d: number }>();
  let gaveUp = false;
  const receive = (): boolean => {
    const message = receiveMessageOnPort(port);
    if (!message) return false;
    const batch = message.message as LentBatch;
    for (const [d, id] of batch.ids.entries()) received.set(id, { docs: batch.docs, d });
    return true;
  };
  return {
    get taken() {
      return taken;
    },
    has: (id) => ids.has(id),
    take(id) {
      let waited = 0;
      for (;;) {
        const got = received.get(id);
        if (got) {
          received.delete(id);
          taken++;
          return got;
        }
        if (gaveUp) return null;
        if (receive()) continue;
        const posted = Atomics.load(control, LENT);
        if (Atomics.load(control, LENT_DONE) === 1) {
          // Posted before it said it was done: take what is left, then read the rest here.
          if (receive()) continue;
          gaveUp = true;
          continue;
        }
        const started = performance.now();
        if (Atomics.wait(control, LENT, posted, LENT_PATIENCE_MS - waited) === 'timed-out') gaveUp = true;
        waited += performance.now() - started;
      }
    },
  };
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
  for (let ids = takeChunk(share); ids; ids = takeChunk(share))
    for (const [id, pick] of pickSubjects(db, model, ids, { minScore })) picks.set(id, pick);
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
  let plan: SubjectTrainingPlan | undefined;
  let tokenized: ReturnType<typeof receiveLent> | undefined;
  let lentPort: MessagePort | undefined;
  if (parallelFrom > 0 && !client.memory && os.availableParallelism() > 1) {
    // The articles the model about to be used scores: a model trained now scores every article that no
    // desk labels (it starts from 0), the current one those after what it already scored.
    due = isSubjectModelDue(db, opts);
    const current = due ? null : getSubjectModel(db);
    if (due || current) {
      const after = current?.appliedThrough ?? 0;
      const ids = listSubjectTargetIds(db, after);
      if (ids.length >= parallelFrom) {
        thread = startThread(client.name);
        plan = due ? planSubjectTraining(db, opts) : undefined;
        const lent = plan && !opts.train?.bigrams ? lentOf(plan) : [];
        const lentIds = new Set(lent);
        const rest = lent.length > 0 ? ids.filter((id) => !lentIds.has(id)) : ids;
        const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
        share = {
          after,
          ids: new Float64Array(new SharedArrayBuffer(8 * rest.length)),
          chunk: CHUNK,
          control,
          train: opts.train,
          lent: Float64Array.from(lent),
        };
        share.ids.set(rest);
        const message: SubjectsMessage = { kind: 'share', share };
        if (lent.length > 0) {
          const channel = new MessageChannel();
          lentPort = channel.port1;
          share.port = channel.port2;
          tokenized = receiveLent(lentPort, control, lent);
          thread.worker.postMessage(message, [channel.port2]);
        } else thread.worker.postMessage(message);
      }
    }
  }
  try {
    const { model, trained, skipped } = prepareSubjectModel(db, { ...opts, plan, tokenized }, due);
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
        lent: tokenized?.taken ?? 0,
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
      lent: tokenized?.taken ?? 0,
      ...since(started),
    };
  } finally {
    lentPort?.close();
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
