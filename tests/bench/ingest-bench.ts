// End to end ingest: the real `rasid ingest` CLI over the whole of ../shared/corpus (ANT + SaudiNewsNet,
// 59,048 records) into a fresh database, as a user would run it. Prints articles per second (wall clock,
// process start to exit), the CPU seconds it used (on a shared machine wall time also measures the
// neighbours), peak resident memory of the child, and the time to the first chart: opening the result and
// counting coverage per day stacked by outlet, as the dashboard's overview does.
//
// INGEST_BENCH_PATHS (space-separated) ingests something smaller; INGEST_BENCH_THREADS passes --threads;
// INGEST_BENCH_PROFILE=1 runs the CLI under --cpu-prof and prints where the CPU went, per thread, by stage.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { countCoverage, getTotals } from '@rasid/db/queries';
import { sharedPath } from '../eval/shared.ts';
import { RASID_BIN, REPO_ROOT } from '../support/paths.ts';

export type IngestBenchResult = {
  records: number;
  articles: number;
  seconds: number;
  /** Records read per second of wall clock (every record, the 57 that fail to parse too). */
  recordsPerSecond: number;
  /** Articles stored per second of wall clock: what the target is set on. */
  articlesPerSecond: number;
  cpuSeconds: number | null;
  peakRssMb: number | null;
  firstChartMs: number;
  chartPoints: number;
};

const TIME = '/usr/bin/time';

// The stages a profile is summarised by: parser entry points, the store and what dominates inside each.
const STAGES = [
  'readInputFile',
  'splitDocument',
  'parseDocument',
  'extractRecord',
  'simhash',
  'detectLanguage',
  'classifySubjects',
  'storeArticles',
  'toSearchText',
  'assignStories',
  'recountRollups',
  'deflateRawSync',
  'refreshSubjects',
  'trainSubjectModel',
  '(garbage collector)',
];

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
};

/** Inclusive milliseconds per stage (a stage nested in itself counts once), and the profile's total. */
function summariseProfile(file: string): { totalMs: number; stages: Map<string, number> } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const node of profile.nodes) {
    name.set(node.id, node.callFrame.functionName);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const stages = new Map<string, number>(STAGES.map((s) => [s, 0]));
  let total = 0;
  profile.samples.forEach((sample, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const fn = name.get(id) ?? '';
      if (stages.has(fn) && !seen.has(fn)) {
        seen.add(fn);
        stages.set(fn, (stages.get(fn) ?? 0) + ms);
      }
    }
  });
  return { totalMs: total, stages };
}

function printProfiles(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  for (const file of files) {
    const { totalMs, stages } = summariseProfile(path.join(dir, file));
    const busy = [...stages].filter(([, ms]) => ms >= totalMs * 0.005);
    // Threads that only load modules (tsx's loader) show nothing but garbage collection.
    if (!busy.some(([stage]) => stage !== '(garbage collector)')) continue;
    // Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>: thread 0 is the main thread.
    const thread = file.split('.')[4] === '0' ? 'main thread' : `thread ${file.split('.')[4]}`;
    console.log(`  profile, ${thread}: ${(totalMs / 1000).toFixed(1)} s sampled`);
    for (const [stage, ms] of busy) {
      console.log(
        `    ${stage.padEnd(22)} ${(ms / 1000).toFixed(1).padStart(7)} s ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`,
      );
    }
  }
}

/** Runs the CLI to completion, under /usr/bin/time when the machine has it (peak RSS, CPU time). */
function runIngest(
  args: string[],
  env: Record<string, string>,
  timeFile: string,
  profileDir: string | null,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const node = [process.execPath, ...profile, RASID_BIN, ...args];
  const [cmd, ...cmdArgs] = existsSync(TIME) ? [TIME, '-f', '%M %U %S', '-o', timeFile, ...node] : node;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd as string, cmdArgs, {
      cwd: REPO_ROOT,
      env: { ...process.env, RASID_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export async function runIngestBench(
  opts: { paths?: string[]; extraArgs?: string[] } = {},
): Promise<IngestBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-ingest-bench-'));
  const db = path.join(dir, 'bench.db');
  const timeFile = path.join(dir, 'time.txt');
  const paths = opts.paths ??
    process.env.INGEST_BENCH_PATHS?.split(' ').filter(Boolean) ?? [sharedPath('corpus')];
  const threads = process.env.INGEST_BENCH_THREADS;
  const extraArgs = [...(opts.extraArgs ?? []), ...(threads ? ['--threads', threads] : [])];
  const profileDir = process.env.INGEST_BENCH_PROFILE === '1' ? path.join(dir, 'profiles') : null;
  try {
    const t0 = performance.now();
    const result = await runIngest(
      ['ingest', ...paths, ...extraArgs],
      { RASID_DB: db },
      timeFile,
      profileDir,
    );
    const seconds = (performance.now() - t0) / 1000;
    const summary = /^read ([\d,]+), new ([\d,]+)/m.exec(result.stdout);
    if (!summary?.[1] || (result.status !== 0 && result.status !== 1)) {
      throw new Error(`rasid ingest failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
    }
    const records = Number(summary[1].replaceAll(',', ''));

    let cpuSeconds: number | null = null;
    let peakRssMb: number | null = null;
    if (existsSync(timeFile)) {
      // The last line: earlier ones are /usr/bin/time's notes ("Command exited with non-zero status 1").
      const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
      const [rssKb, user, system] = last.split(' ').map(Number);
      if (rssKb !== undefined && Number.isFinite(rssKb)) peakRssMb = rssKb / 1024;
      if (user !== undefined && system !== undefined) cpuSeconds = user + system;
    }

    const c0 = performance.now();
    const handle = openDatabase(db, { readonly: true });
    let chartPoints: number;
    let articles: number;
    try {
      chartPoints = countCoverage(handle, {}, 'day', 'outlet').length;
      articles = getTotals(handle).articles;
    } finally {
      closeDatabase(handle);
    }
    const firstChartMs = performance.now() - c0;

    const out: IngestBenchResult = {
      records,
      articles,
      seconds,
      recordsPerSecond: records / seconds,
      articlesPerSecond: articles / seconds,
      cpuSeconds,
      peakRssMb,
      firstChartMs,
      chartPoints,
    };
    const cpu =
      cpuSeconds === null
        ? ''
        : `, ${cpuSeconds.toFixed(1)} CPU s (${Math.round(articles / cpuSeconds)} articles per CPU second)`;
    console.log(
      [
        `ingest: ${records.toLocaleString('en-US')} records → ${articles.toLocaleString('en-US')} articles in ` +
          `${seconds.toFixed(1)} s = ${Math.round(out.articlesPerSecond)} articles/s end to end ` +
          `(${Math.round(out.recordsPerSecond)} records/s)${cpu}`,
        `  peak RSS ${peakRssMb === null ? 'n/a (no /usr/bin/time)' : `${peakRssMb.toFixed(0)} MB`}; ` +
          `${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)} at the end`,
        `  time to first chart (open + coverage per day by outlet, ${chartPoints} points): ` +
          `${firstChartMs.toFixed(0)} ms`,
        '  targets: ≥ 1,000 articles/s, peak RSS < 500 MB',
      ].join('\n'),
    );
    // What the CLI said after ingesting (its own rate, the subject model it trained, watch topics): the
    // steps after the last record are part of the end-to-end time too.
    for (const line of result.stdout.trim().split('\n').slice(-4)) console.log(`  rasid: ${line}`);
    if (profileDir) printProfiles(profileDir);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
