import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedDir = process.env.RASID_SHARED ?? path.resolve(repoRoot, '../shared');
const recordsPerFile = 300;

/**
 * A small, real database for the browser tests: the two seed scrapes plus the first records of each ANT
 * corpus file, stored by the real CLI (`rasid ingest`) exactly as a user would.
 */
export default function globalSetup(): () => void {
  const dbPath = process.env.RASID_E2E_DB;
  if (!dbPath) throw new Error('RASID_E2E_DB is not set: run the tests through tests/playwright.config.ts');
  const seedsDir = path.join(sharedDir, 'seeds');
  const antDir = path.join(sharedDir, 'corpus', 'ant');
  if (!existsSync(seedsDir) || !existsSync(antDir)) {
    throw new Error(
      `The e2e tests need the shared data at ${sharedDir} (seeds/ and corpus/ant/); set RASID_SHARED`,
    );
  }

  const workDir = path.dirname(dbPath);
  mkdirSync(workDir, { recursive: true });
  const lines: string[] = [];
  for (const file of readdirSync(antDir)
    .filter((name) => name.endsWith('.jsonl.gz'))
    .sort()) {
    const text = gunzipSync(readFileSync(path.join(antDir, file))).toString('utf8');
    lines.push(
      ...text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(0, recordsPerFile),
    );
  }
  const samplePath = path.join(workDir, 'ant-sample.jsonl');
  writeFileSync(samplePath, `${lines.join('\n')}\n`);

  execFileSync(process.execPath, ['apps/worker/bin/rasid.js', 'ingest', seedsDir, samplePath], {
    cwd: repoRoot,
    env: { ...process.env, RASID_DB: dbPath },
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 180_000,
  });

  return () => {
    if (!process.env.RASID_E2E_KEEP) rmSync(workDir, { recursive: true, force: true });
  };
}
