import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const testsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(testsDir, '..');

// The config is loaded again in every worker process; values chosen here are kept in the environment so
// the main process (web server, global setup) and the workers (tests) agree on them.
// A fresh database per run, filled by e2e/global-setup.ts through the CLI.
process.env.RASID_E2E_DB ??= path.join(os.tmpdir(), `rasid-e2e-${process.pid}-${Date.now()}`, 'rasid.db');
// The first free port from 3100, so a dashboard already running for development does not collide.
process.env.RASID_E2E_PORT ??= execFileSync(
  process.execPath,
  [
    '-e',
    `const net = require('node:net');
     const tryPort = (port) => {
       const server = net.createServer();
       server.once('error', () => tryPort(port + 1));
       server.listen(port, '127.0.0.1', () => server.close(() => process.stdout.write(String(port))));
     };
     tryPort(3100);`,
  ],
  { encoding: 'utf8' },
).trim();

const port = Number(process.env.RASID_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // The JSON report joins the unit tests' in the closing total that `npm test` prints (scripts/summarize-tests.mjs).
  reporter: [['list'], ['json', { outputFile: path.join(repoRoot, '.test-results', 'e2e.json') }]],
  use: {
    baseURL,
    locale: 'en-GB',
    timezoneId: 'UTC',
    viewport: { width: 1360, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.RASID_CHROMIUM ?? '/usr/lib/chromium/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Serves the production build (the `e2e` task depends on the dashboard's `build`). The dashboard opens
  // the database lazily, on the first request, and keeps the overview's answers only until the data
  // changes, so a server that is up before global setup fills the database still shows what it stored.
  webServer: {
    command: `npx next start -H 127.0.0.1 -p ${port}`,
    cwd: path.join(repoRoot, 'apps/dashboard'),
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      RASID_DB: process.env.RASID_E2E_DB,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
