// Crash safety: `rasid ingest` killed with SIGKILL at seeded-random points, several times, then run to the
// end, must leave exactly the database a clean run leaves: same articles, same text, same topic links,
// same raw archive, and each failed input kept once. The kill reaches the process that writes at once
// (its whole process group), so it lands wherever that process is: inside a batch's transaction too.
import path from 'node:path';
import { seededRandom } from '@rasid/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/cli.ts';
import { progressOf, type Snapshot, sleep, snapshot } from '../support/crash.ts';
import { hasShared, sharedPath } from '../support/paths.ts';
import { killGroup, runRasidAsync, spawnRasid } from '../support/worker.ts';

/**
 * Starts an ingest, waits until at least `target` raw documents are committed, lets it run a further
 * random moment, then kills it with SIGKILL. Returns how many were stored when it died.
 */
async function ingestAndKill(args: string[], db: string, target: number, extraMs: number): Promise<number> {
  const child = spawnRasid(args, { RASID_DB: db }, true);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const deadline = Date.now() + 300_000;
  while (!done && progressOf(db).stored < target) {
    if (Date.now() > deadline) {
      killGroup(child);
      throw new Error(`ingest did not reach ${target} raw documents within 300 s`);
    }
    await sleep(50);
  }
  await sleep(extraMs);
  if (done) throw new Error(`ingest finished before it could be killed (target ${target})`);
  killGroup(child);
  await exited;
  return progressOf(db).stored;
}

describe.skipIf(!hasShared())('rasid ingest killed at random points', () => {
  // Two days of SaudiNewsNet (~2,400 records, some of them unusable): a crash can fall inside a file or
  // between the two.
  const inputs = [
    sharedPath('corpus', 'saudinewsnet', '2015-07-23.json.gz'),
    sharedPath('corpus', 'saudinewsnet', '2015-08-01.json.gz'),
  ];
  const args = ['ingest', ...inputs, '--batch-size', '100'];
  const dir = makeTempDir('rasid-crash-');
  const cleanDb = path.join(dir, 'clean.db');
  const crashDb = path.join(dir, 'crash.db');
  let clean: Snapshot;

  beforeAll(async () => {
    const result = await runRasidAsync(args, { RASID_DB: cleanDb });
    // Exit 1: some SaudiNewsNet records have no text at all; they are failures, not a crash.
    expect(result.status, result.stderr).toBe(1);
    clean = snapshot(cleanDb);
  });

  it('the clean run stores the subset and keeps its unusable records as failures', () => {
    expect(clean.totals.articles).toBeGreaterThan(2000);
    expect(clean.totals.rawDocuments).toBeGreaterThanOrEqual(clean.totals.articles);
    expect(clean.failures.length).toBeGreaterThan(0);
    expect(clean.failures.every((f) => /json\.gz#\d+: missing text/.test(f))).toBe(true);
  });

  it('ends equal to the clean run after four SIGKILLs mid-ingest', async () => {
    const random = seededRandom(20261124);
    const total = clean.totals.rawDocuments;
    // Increasing targets spread over the run, so the kills fall early, in the middle and late.
    // The last one leaves room (a few hundred records) for the kill to land before the ingest ends.
    const targets = [0.1, 0.3, 0.5, 0.7].map((f) => Math.round(total * (f + random() * 0.1)));
    const storedAtKill: number[] = [];
    for (const target of targets) {
      storedAtKill.push(await ingestAndKill(args, crashDb, target, Math.round(random() * 100)));
    }
    // Every kill landed after its target; at least one cut the ingest short (a kill after the last commit,
    // before the run is closed, is a valid crash too).
    for (const [i, stored] of storedAtKill.entries()) {
      expect(stored, `kill ${i + 1}`).toBeGreaterThanOrEqual(targets[i] ?? 0);
    }
    expect(storedAtKill.some((stored) => stored < total)).toBe(true);
    const final = await runRasidAsync(args, { RASID_DB: crashDb });
    expect(final.status, final.stderr).toBe(1);
    expect(final.stdout).toMatch(/^read \d[\d,]*, new \d[\d,]*, updated \d[\d,]*, duplicate [1-9][\d,]*/m);
    const crashed = snapshot(crashDb);
    expect(crashed.totals).toEqual(clean.totals);
    expect(crashed.digest).toBe(clean.digest);
    // A failure seen by several interrupted runs is still kept once.
    expect(crashed.failures).toEqual(clean.failures);
  });
});
