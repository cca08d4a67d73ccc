// The overview's time to a drawn chart in real Chromium, on the benchmark database: the built dashboard
// is started with `next start` on 127.0.0.1 (RASID_DB = that database), and each run opens `/` in a fresh
// browser context (no HTTP cache, no react-query cache) and times from navigation start to the first bar
// segment the time chart draws. Needs `cd apps/dashboard && npx next build` first.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { REPO_ROOT } from '../support/paths.ts';

const DASHBOARD_DIR = path.join(REPO_ROOT, 'apps/dashboard');
const NEXT_BIN = path.join(REPO_ROOT, 'node_modules/next/dist/bin/next');
const CHROMIUM = process.env.RASID_CHROMIUM ?? '/usr/lib/chromium/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const CHART_SEGMENT = '[data-testid="time-chart"] [data-testid="time-segment"]';

// Run in each page before its own scripts. Plain JavaScript, not a function handed to addInitScript:
// tsx compiles with keepNames, which wraps a named arrow in `__name(...)`, a helper the page does not have,
// so such a script threw on its first line, and the time read back was that of Playwright's round trip
// after waitForSelector, not of the chart (the figures before this change include that round trip).
const markTimesScript = `(() => {
  const selector = ${JSON.stringify(CHART_SEGMENT)};
  const observer = new MutationObserver(() => {
    // The server sends its headers before it has rendered: the <body>'s arrival marks the HTML's.
    if (window.__bodyAt === undefined && document.body) window.__bodyAt = performance.now();
    if (window.__chartDrawnAt === undefined && document.querySelector(selector)) {
      window.__chartDrawnAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `next start` and resolves once it answers; rejects with its output if it exits first. */
async function startDashboard(dbFile: string, port: number): Promise<ChildProcess> {
  // The next binary run by node itself (not through npx), so the child's PID is the next-server's and
  // stopping it frees the port.
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: DASHBOARD_DIR,
    env: { ...process.env, RASID_DB: dbFile, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`chart bench: next start exited ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/facets`);
      // The first request also opens (and migrates) the database: wait for its answer.
      if (response.ok) return child;
      throw new Error(`chart bench: /api/facets answered ${response.status}: ${await response.text()}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('chart bench:')) {
        child.kill();
        throw error;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  child.kill();
  throw new Error(`chart bench: next start did not answer on port ${port} within 60 s:\n${output}`);
}

async function stopDashboard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

export type ChartPageTimes = {
  /** Milliseconds from navigation start to the first bar segment in the DOM, one per load, ascending. */
  drawn: number[];
  /** Milliseconds from navigation start to the response's first byte (its headers), ascending. */
  firstByte: number[];
  /** Milliseconds from navigation start to the page's <body> in the DOM (the server's render sent), ascending. */
  body: number[];
  /** The warm-up load: the server's first request (it opens the database and has no answers kept yet). */
  warmUp: { drawn: number; firstByte: number; body: number };
};

/**
 * Milliseconds from navigation start to a drawn time chart, and to the HTML's first byte, for `runs` page
 * loads after one warm-up load (the server's first request compiles routes and opens the database).
 */
export async function timeChartPage(dbFile: string, runs: number): Promise<ChartPageTimes> {
  if (!existsSync(path.join(DASHBOARD_DIR, '.next', 'BUILD_ID')))
    throw new Error('chart bench: the dashboard is not built; run `cd apps/dashboard && npx next build`');
  if (!existsSync(CHROMIUM)) throw new Error(`chart bench: no Chromium at ${CHROMIUM} (set RASID_CHROMIUM)`);
  const port = await freePort();
  const server = await startDashboard(dbFile, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const drawn: number[] = [];
    const firstByte: number[] = [];
    const body: number[] = [];
    let warmUp = { drawn: Number.NaN, firstByte: Number.NaN, body: Number.NaN };
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      // Noted by the page itself when the first segment is inserted: performance.now() counts from the
      // navigation's start, and nothing of Playwright's round trips is added.
      await page.addInitScript({ content: markTimesScript });
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'commit' });
      await page.waitForSelector(CHART_SEGMENT, { timeout: 60_000 });
      const times = await page.evaluate(() => {
        const navigation = performance.getEntriesByType('navigation')[0] as
          | PerformanceNavigationTiming
          | undefined;
        const w = window as unknown as { __chartDrawnAt?: number; __bodyAt?: number };
        return {
          drawn: w.__chartDrawnAt,
          firstByte: navigation?.responseStart ?? Number.NaN,
          body: w.__bodyAt ?? Number.NaN,
        };
      });
      // Never the time of this round trip instead: a page that did not note the time is an error.
      if (times.drawn === undefined)
        throw new Error(
          'chart bench: the page did not note when its chart was drawn (its init script failed)',
        );
      if (i === 0) warmUp = { ...times, drawn: times.drawn };
      else {
        drawn.push(times.drawn);
        firstByte.push(times.firstByte);
        body.push(times.body);
      }
      await context.close();
    }
    const ascending = (a: number, b: number) => a - b;
    return {
      drawn: drawn.sort(ascending),
      firstByte: firstByte.sort(ascending),
      body: body.sort(ascending),
      warmUp,
    };
  } finally {
    await browser.close();
    await stopDashboard(server);
  }
}
