// Running the real `rasid` command line against a throwaway database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RASID_BIN, REPO_ROOT } from './paths.ts';

export type CliResult = { status: number | null; stdout: string; stderr: string };

export function runRasid(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [RASID_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, RASID_LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function makeTempDir(prefix = 'rasid-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}
