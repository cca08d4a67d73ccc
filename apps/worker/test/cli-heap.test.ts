// `rasid ingest` starts itself again with a capped heap (bin/rasid.js). The process that does the work must
// carry the cap, and must not outlive the one the user (or a crash test) killed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/env.ts';

const BIN = path.join(REPO_ROOT, 'apps/worker/bin/rasid.js');
// A day of SaudiNewsNet: long enough to ingest (seconds) that it can be killed midway.
const INPUT = path.resolve(REPO_ROOT, '../shared/corpus/saudinewsnet/2015-07-23.json.gz');

/** Ids of the processes whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // The fields after the command name (which may hold spaces): state, then the parent's id.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

async function waitFor<T>(what: string, probe: () => T | null, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-cli-heap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync('/proc/self/stat') || !existsSync(INPUT))('rasid ingest under a heap cap', () => {
  it('does the work in a child with --max-old-space-size, --max-semi-space-size and two malloc arenas, which dies when the parent is SIGKILLed', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RASID_DB: path.join(dir, 'kill.db'),
      RASID_LOG_LEVEL: 'warn',
    };
    delete env.NODE_OPTIONS;
    delete env.MALLOC_ARENA_MAX;
    const parent = spawn(process.execPath, [BIN, 'ingest', INPUT], { env, stdio: 'ignore' });
    const closed = new Promise((resolve) => parent.on('close', resolve));
    const pid = parent.pid ?? 0;
    // Seen between fork and exec, a child still shows the parent's command line: wait for its own.
    const parentArgs = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const child = await waitFor('the capped child', () => {
      const found = childrenOf(pid)[0];
      if (found === undefined) return null;
      try {
        return readFileSync(`/proc/${found}/cmdline`, 'utf8') === parentArgs ? null : found;
      } catch {
        return null;
      }
    });
    const args = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(args).toContain('--max-old-space-size=256');
    expect(args).toContain('--max-semi-space-size=8');
    const childEnv = readFileSync(`/proc/${child}/environ`, 'utf8').split('\0');
    expect(childEnv).toContain('MALLOC_ARENA_MAX=2');
    expect(args.slice(-2)).toEqual(['ingest', INPUT]);

    // Killed while it works: the child must follow (as a SIGKILL of its own), not go on unseen.
    await waitFor('the database to be created', () => (existsSync(path.join(dir, 'kill.db')) ? true : null));
    parent.kill('SIGKILL');
    await closed;
    await waitFor('the child to die', () => (existsSync(`/proc/${child}`) ? null : true), 30_000);
  });

  it('keeps a heap flag given by the caller and starts no child', async () => {
    const env = {
      ...process.env,
      RASID_DB: path.join(dir, 'flag.db'),
      NODE_OPTIONS: '--max-old-space-size=512',
    };
    const run = spawn(process.execPath, [BIN, 'ingest', path.resolve(REPO_ROOT, '../shared/seeds')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    run.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    const pid = run.pid ?? 0;
    // Its own children, if any, are esbuild's (tsx transpiles through it), never a second rasid.
    const rasids = new Set<number>();
    const timer = setInterval(() => {
      for (const child of childrenOf(pid)) {
        try {
          if (readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('rasid.js')) rasids.add(child);
        } catch {
          // gone meanwhile
        }
      }
    }, 20);
    const code = await new Promise((resolve) => run.on('close', resolve));
    clearInterval(timer);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^read 2, new 2,/m);
    expect(rasids.size).toBe(0);
  });
});
