import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, openDatabase } from '@rasid/db/client';
import {
  computeSpikesOf,
  evaluateAlertRules,
  getDateRange,
  listAlerts,
  upsertAlertRule,
} from '@rasid/db/queries';
import { expect, test } from './fixtures';

const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

function withDb<T>(work: (db: Db) => T, readonly = true): T {
  const dbPath = process.env.RASID_E2E_DB;
  if (!dbPath) throw new Error('RASID_E2E_DB is not set');
  const db = openDatabase(dbPath, { readonly });
  try {
    return work(db);
  } finally {
    db.$client.close();
  }
}

test('spikes: the overview marks every day the spike rule flags, and says what the marks mean', async ({
  page,
}) => {
  const flagged = withDb((db) => {
    const range = getDateRange(db, {});
    if (!range.from || !range.to) throw new Error('the sample database is empty');
    return computeSpikesOf(db, {}, { from: range.from, to: range.to })
      .filter((point) => point.spike)
      .map((point) => point.day);
  });
  await page.goto('/?bucket=day&stackBy=none');
  const timeCard = page.getByTestId('time-card');
  await expect(timeCard).toHaveAttribute('aria-busy', 'false');
  const note = page.getByTestId('spike-note');
  await expect(note).toBeVisible();
  const markers = timeCard.getByTestId('spike-marker');
  await expect(markers).toHaveCount(flagged.length);
  expect(await markers.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-key')))).toEqual(
    flagged,
  );
  if (flagged.length > 0) {
    await expect(note).toContainText(`${flagged.length} spike day`);
    const first = flagged[0] ?? '';
    await expect(
      timeCard.locator(`[data-testid="time-bar"][data-key="${first}"]`).getByTestId('time-bar-link'),
    ).toHaveAttribute('aria-label', /spike on /);
  } else {
    await expect(note).toContainText('No spike in these dates');
  }
  await timeCard.screenshot({ path: path.join(artifactsDir, 'time-chart-spikes.png') });
});

test('alerts: an empty page says how rules come about, then lists the stored rules and alerts', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByText('No alert rules yet')).toBeVisible();
  await expect(page.getByText(/Add a rule with the form above/)).toBeVisible();
  await expect(page.getByText('No alerts raised')).toBeVisible();

  // A lenient rule over everything (any day above the mean of the 14 before it, with 2 articles or more),
  // evaluated over the whole sample, so there are alerts to list.
  const stored = withDb((db) => {
    upsertAlertRule(db, { name: 'e2e everything', scope: { kind: 'all' }, k: 0, minCount: 2 });
    const range = getDateRange(db, {});
    if (!range.from || !range.to) throw new Error('the sample database is empty');
    evaluateAlertRules(db, { from: range.from, to: range.to });
    return listAlerts(db, { limit: 100 });
  }, false);
  expect(stored.length).toBeGreaterThan(0);

  await page.reload();
  const rules = page.getByTestId('alert-rule');
  await expect(rules).toHaveCount(1);
  await expect(rules.first()).toContainText('e2e everything');
  await expect(rules.first()).toContainText('Everything');
  await expect(rules.first()).toContainText('over the mean + 0 standard deviations, and at least 2');
  const rows = page.getByTestId('alert-row');
  await expect(rows).toHaveCount(stored.length);
  const newest = stored[0];
  if (!newest) throw new Error('no alert');
  await expect(rows.first()).toContainText(
    new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${newest.day}T00:00:00Z`)),
  );
  await expect(rows.first()).toContainText(newest.count.toLocaleString('en-GB'));
  await page.screenshot({ path: path.join(artifactsDir, 'alerts.png'), fullPage: true });
});
