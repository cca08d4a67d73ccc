// Where the repository and the shared real data are, for every test, evaluation and benchmark.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const RASID_BIN = path.join(REPO_ROOT, 'apps/worker/bin/rasid.js');

/**
 * Whether ../shared is there. On a user's machine without it the data tests skip with a message;
 * in CI its absence is an error, never a silent skip.
 */
export function hasShared(): boolean {
  if (existsSync(SHARED)) return true;
  if (process.env.CI)
    throw new Error(`../shared is missing at ${SHARED}: CI must run with the shared data beside the repo`);
  console.warn(`skipping tests on real data: ${SHARED} is not there`);
  return false;
}

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED, ...parts);
}
