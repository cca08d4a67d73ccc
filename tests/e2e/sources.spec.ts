import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, openDatabase } from '@rasid/db/client';
import { getSourceByName, getTotals, listRuns } from '@rasid/db/queries';
import { expect, test } from './fixtures';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifactsDir = path.join(repoRoot, 'tests', 'artifacts');
const seedsDir = path.join(process.env.RASID_SHARED ?? path.resolve(repoRoot, '../shared'), 'seeds');
const NAME = 'Seeds folder (e2e)';

function withDb<T>(work: (db: Db) => T): T {
  const dbPath = process.env.RASID_E2E_DB;
  if (!dbPath) throw new Error('RASID_E2E_DB is not set');
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return work(db);
  } finally {
    db.$client.close();
  }
}

/** `rasid run --once` on the e2e database, with a sources file holding one feed this offline machine cannot reach. */
function runWorkerOnce(): { status: number | null; stdout: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-e2e-sources-'));
  const sourcesFile = path.join(dir, 'sources.json');
  writeFileSync(
    sourcesFile,
    JSON.stringify({
      sources: [
        {
          name: 'BBC Arabic (e2e)',
          kind: 'feed',
          url: 'https://feeds.bbci.co.uk/arabic/rss.xml',
          outlet: 'BBC Arabic',
          language: 'ar',
          retries: 0,
          timeoutMs: 5_000,
        },
      ],
    }),
  );
  const result = spawnSync(process.execPath, ['apps/worker/bin/rasid.js', 'run', '--once'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      RASID_DB: process.env.RASID_E2E_DB,
      RASID_SOURCES: sourcesFile,
      RASID_LOG_LEVEL: 'info',
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout };
}

test('sources: a folder added on the page is in the database, collected by the worker, shown with its health; a failing feed shows how to add a folder', async ({
  page,
}) => {
  await page.goto('/sources');
  const form = page.getByTestId('source-form');
  await expect(form.getByLabel('Kind')).toHaveValue('folder');
  await form.getByLabel('Name').fill(NAME);
  await form.getByLabel('Folder or file path (absolute)').fill(seedsDir);
  await form.getByLabel('Outlet (optional)').fill('Erem News');
  await form.getByLabel('Language (optional)').fill('ar');
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(page.getByTestId('source-added')).toContainText(`“${NAME}” added`);

  // In the database, as the dashboard's own row, with what the form said.
  const added = withDb((db) => getSourceByName(db, NAME));
  expect(added).toMatchObject({
    kind: 'folder',
    location: seedsDir,
    outletHint: 'Erem News',
    languageHint: 'ar',
    schedule: '*/30 * * * *',
    enabled: true,
    lastRunAt: null,
    config: { origin: 'dashboard' },
  });
  const row = page.locator(`[data-testid="source-row"][data-name="${NAME}"]`);
  await expect(row).toHaveAttribute('data-origin', 'dashboard');
  await expect(row.getByTestId('source-health')).toHaveAttribute('data-state', 'never');

  // The same name again, and a relative path: refused with the field named, nothing added.
  await form.getByLabel('Name').fill(NAME);
  await form.getByLabel('Folder or file path (absolute)').fill(seedsDir);
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(page.getByTestId('source-error')).toHaveText(
    `name: "${NAME}" is already a source added here; choose another name`,
  );
  await form.getByLabel('Name').fill('Relative');
  await form.getByLabel('Folder or file path (absolute)').fill('shared/seeds');
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(page.getByTestId('source-error')).toHaveText(
    'path: must be absolute (e.g. /home/me/news), got shared/seeds',
  );
  expect(withDb((db) => getSourceByName(db, 'Relative'))).toBeNull();

  // The worker collects the page's folder beside the file's feed, which fails offline.
  const articlesBefore = withDb((db) => getTotals(db).articles);
  const run = runWorkerOnce();
  expect(run.stdout).toMatch(/"msg":"folder collected"/);
  const collected = withDb((db) => getSourceByName(db, NAME));
  expect(collected).toMatchObject({ itemsSeen: 2, itemsDuplicate: 2, itemsNew: 0, lastError: null });
  expect(collected?.lastSuccessAt).not.toBeNull();
  // The global setup ingested the seeds already: both are duplicates, nothing new.
  expect(withDb((db) => getTotals(db).articles)).toBe(articlesBefore);
  const feed = withDb((db) => getSourceByName(db, 'BBC Arabic (e2e)'));
  expect(feed?.lastError).toBeTruthy();
  expect(feed?.lastErrorAt).not.toBeNull();

  await page.reload();
  await expect(row.getByTestId('source-health')).toHaveAttribute('data-state', 'ok');
  await expect(row.getByTestId('source-counts')).toContainText('Duplicates 2');
  const runs = withDb((db) => listRuns(db, 50).filter((r) => r.sourceId === collected?.id));
  expect(runs).toHaveLength(1);
  // Its volume: the articles its runs stored, as the runs table counts them.
  await expect(row.getByTestId('source-volume')).toHaveAttribute(
    'data-total',
    String(runs.reduce((sum, r) => sum + r.new, 0)),
  );
  const feedRow = page.locator('[data-testid="source-row"][data-name="BBC Arabic (e2e)"]');
  await expect(feedRow).toHaveAttribute('data-origin', 'file');
  await expect(feedRow.getByTestId('source-health')).toHaveAttribute('data-state', 'failed');
  await expect(feedRow.getByTestId('source-last-error')).toContainText(feed?.lastError ?? '');
  await expect(feedRow.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  // Offline: the failing feed is named, and the page says how to add a folder.
  const offline = page.getByTestId('sources-offline');
  await expect(offline).toContainText('BBC Arabic (e2e)');
  await expect(offline.getByTestId('how-to-add')).toContainText('add it above as a source of kind “folder”');
  await page.screenshot({ path: path.join(artifactsDir, 'sources-health.png'), fullPage: true });

  // Edited: turned off on the page, off in the database.
  await row.getByRole('button', { name: 'Edit' }).click();
  await row.getByLabel('Enabled').uncheck();
  await row.getByLabel('Schedule (cron, UTC)').fill('0 6 * * *');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toHaveClass(/disabled/);
  expect(withDb((db) => getSourceByName(db, NAME))).toMatchObject({ enabled: false, schedule: '0 6 * * *' });

  // Deleted: the row goes, its articles stay.
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('button', { name: 'Delete the source (its articles stay)' }).click();
  await expect(row).toHaveCount(0);
  expect(withDb((db) => getSourceByName(db, NAME))).toBeNull();
  expect(withDb((db) => getTotals(db).articles)).toBe(articlesBefore);
});
