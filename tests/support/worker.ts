// Running the `rasid` CLI as a child that the test process does not block on: the tests that serve HTTP
// from their own process (spawnSync would freeze the server) and the crash tests that kill it midway.
import { type ChildProcess, spawn } from 'node:child_process';
import type { CliResult } from './cli.ts';
import { RASID_BIN, REPO_ROOT } from './paths.ts';

/**
 * `group`: the CLI leads a process group of its own, so that killGroup reaches every process of it at once
 * (`rasid ingest` restarts itself with a capped heap, and the work happens in that second process).
 */
export function spawnRasid(args: string[], env: Record<string, string> = {}, group = false): ChildProcess {
  return spawn(process.execPath, [RASID_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, RASID_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
}

/**
 * SIGKILL to every process of a group spawnRasid started: the one doing the work dies wherever it is, in
 * the middle of a transaction too, not at its next turn of the event loop (as when only its parent dies).
 */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) throw new Error('killGroup: the process never started');
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Runs the CLI to the end; a run past `timeoutMs` is killed and rejected, so no test can hang on it. */
export function runRasidAsync(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnRasid(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rasid ${args.join(' ')}: still running after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
