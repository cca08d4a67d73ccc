import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/env.ts';
import { ingestFiles } from '../src/jobs/ingest-files.ts';
import { refreshSubjectsTimed } from '../src/jobs/refresh-subjects.ts';

// Sky News Arabia's part of ANT: desks (economy, sport, technology, world) that teach the classifier, and
// thousands of world-desk articles for it to score.
const INPUT = path.resolve(REPO_ROOT, '../shared/corpus/ant/skynews.jsonl.gz');

let dir: string;
let ingested: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-subjects-'));
  ingested = path.join(dir, 'ingested.db');
  const db = openDatabase(ingested);
  try {
    await ingestFiles(db, [INPUT], { threads: 1 });
  } finally {
    closeDatabase(db);
  }
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Refreshes subjects on a copy of the ingested database; returns the summary and what it stored. */
async function refreshCopy(name: string, parallelFrom: number) {
  const file = path.join(dir, name);
  copyFileSync(ingested, file);
  const db = openDatabase(file);
  try {
    const summary = await refreshSubjectsTimed(db, { parallelFrom });
    const rows = (sql: string) => db.$client.prepare(sql).raw().all();
    return {
      summary,
      links: rows('SELECT article_id, topic_id, score, source FROM article_topics ORDER BY 1, 2'),
      rollups: rows('SELECT * FROM rollup_daily_topic ORDER BY 1, 2, 3, 4'),
      applied: rows('SELECT applied_through FROM subject_models'),
      model: rows('SELECT model FROM subject_models'),
    };
  } finally {
    closeDatabase(db);
  }
}

describe('refreshSubjectsTimed', () => {
  it('stores the same subjects whether a second thread scores part of the articles or not', async () => {
    const serial = await refreshCopy('serial.db', 0);
    const shared = await refreshCopy('shared.db', 1000);
    expect(serial.summary).toMatchObject({ trained: true, scoredOnThread: 0, tokenizedAhead: 0, lent: 0 });
    expect(serial.summary.scored).toBeGreaterThan(2000);
    expect(serial.summary.linked).toBeGreaterThan(0);
    // The second thread took chunks (how many depends on how long the model trained: it tokenizes chunks
    // meanwhile, here often all of them); this thread took whatever was left.
    expect(shared.summary.scoredOnThread).toBeGreaterThan(0);
    expect(shared.summary.scoredOnThread).toBeLessThanOrEqual(serial.summary.scored);
    expect(shared.summary.tokenizedAhead).toBeLessThanOrEqual(shared.summary.scoredOnThread);
    // The trainer took the terms of articles it learns from that are also scored (world-desk examples in
    // the later half, the unlabelled sample) from the second thread: the model is the one it learns alone.
    expect(shared.summary.lent).toBeGreaterThan(500);
    expect(shared.model).toEqual(serial.model);
    const { seconds: _a, scoredOnThread: _b, tokenizedAhead: _e, lent: _g, ...serialCounts } = serial.summary;
    const { seconds: _c, scoredOnThread: _d, tokenizedAhead: _f, lent: _h, ...sharedCounts } = shared.summary;
    expect(sharedCounts).toEqual(serialCounts);
    expect(shared.links).toEqual(serial.links);
    expect(shared.rollups).toEqual(serial.rollups);
    expect(shared.applied).toEqual(serial.applied);
  }, 300_000);
});
