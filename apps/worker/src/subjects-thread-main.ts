// The subjects scoring thread: scores one range of articles with the stored model on a read-only connection
// of its own, and hands the picks back; the main thread scores the other range meanwhile, then writes all.

import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { getSubjectModel, pickSubjects, type SubjectPick } from '@rasid/db/queries';

export type SubjectsThreadData = { dbPath: string };
export type SubjectsJob = { modelId: number; after: number; through: number; minScore?: number };
export type SubjectsReply = { picks: Map<number, SubjectPick> } | { error: string };

if (!parentPort) throw new Error('subjects-thread-main.ts must run in a worker thread');
const port = parentPort;
const { dbPath } = workerData as SubjectsThreadData;

port.once('message', (job: SubjectsJob) => {
  let reply: SubjectsReply;
  try {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const stored = getSubjectModel(db);
      // The main thread stored this model just before: another one means a second writer retrained.
      if (stored?.id !== job.modelId)
        throw new Error(
          `subject model ${job.modelId} is no longer the latest (found ${stored?.id ?? 'none'})`,
        );
      reply = { picks: pickSubjects(db, stored, job, { minScore: job.minScore }) };
    } finally {
      closeDatabase(db);
    }
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
