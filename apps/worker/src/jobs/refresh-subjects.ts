// Subjects from the classifier learned on this corpus, kept current after new articles are stored: the
// model is retrained when the labelled articles grew enough, and the new articles are scored with it.
// Scoring reads and tokenizes every new article; after a large ingest (tens of thousands of articles) that
// is shared with a second thread, which scores the first part of them on its own read-only connection
// while this one scores the rest. Picks are a pure function of the model and the text, so who scored an
// article changes nothing stored.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Db } from '@rasid/db/client';
import {
  applySubjectModel,
  listSubjectTargetIds,
  pickSubjects,
  prepareSubjectModel,
  type RefreshSubjectsOptions,
  type RefreshSubjectsResult,
  type SubjectPick,
} from '@rasid/db/queries';
import type { SubjectsJob, SubjectsReply, SubjectsThreadData } from '../subjects-thread-main.ts';

export type SubjectsSummary = RefreshSubjectsResult & {
  seconds: number;
  /** Articles the second thread scored (0: all were scored on this one). */
  scoredOnThread: number;
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
// As a parse thread's (see parse-pool.ts): the thread holds the model and one range's picks.
const THREAD_HEAP_MB = 128;
const THREAD_YOUNG_MB = 12;
const THREAD_SHARE = 0.45;
const ENTRY = new URL('../subjects-thread.js', import.meta.url);

/** Starts the scoring thread on a job; resolves with its reply (an error reply if it dies first). */
function scoreOnThread(dbPath: string, job: SubjectsJob): { worker: Worker; reply: Promise<SubjectsReply> } {
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
  worker.postMessage(job);
  return { worker, reply };
}

export async function refreshSubjectsTimed(
  db: Db,
  opts: RefreshSubjectsJobOptions = {},
): Promise<SubjectsSummary> {
  const started = performance.now();
  const parallelFrom = opts.parallelFrom ?? DEFAULT_PARALLEL_FROM;
  const { model, trained, skipped } = prepareSubjectModel(db, opts);
  if (!model)
    return {
      trained,
      examples: 0,
      scored: 0,
      changed: 0,
      linked: 0,
      skipped,
      scoredOnThread: 0,
      ...since(started),
    };
  let picks: Map<number, SubjectPick> | undefined;
  let scoredOnThread = 0;
  const client = db.$client;
  const ids =
    parallelFrom > 0 && !client.memory && os.availableParallelism() > 1
      ? listSubjectTargetIds(db, model.appliedThrough)
      : [];
  if (ids.length >= parallelFrom && ids.length > 0) {
    // The thread takes the first THREAD_SHARE of them, this thread the rest: the thread starts late (it loads
    // the parser and parses the model first), and this one writes every pick afterwards.
    const middle = ids[Math.max(0, Math.floor(ids.length * THREAD_SHARE) - 1)] as number;
    const thread = scoreOnThread(client.name, {
      modelId: model.id,
      after: model.appliedThrough,
      through: middle,
      minScore: opts.minScore,
    });
    try {
      picks = pickSubjects(db, model, { after: middle, through: ids.at(-1) as number }, opts);
      const reply = await thread.reply;
      if ('error' in reply) throw new Error(`subjects: the scoring thread failed: ${reply.error}`);
      for (const [id, pick] of reply.picks) picks.set(id, pick);
      scoredOnThread = reply.picks.size;
    } finally {
      await thread.worker.terminate();
    }
  }
  const applied = applySubjectModel(db, model, { ...opts, onlyUnlabelled: true, picks });
  return { trained, examples: model.examples, ...applied, skipped, scoredOnThread, ...since(started) };
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
