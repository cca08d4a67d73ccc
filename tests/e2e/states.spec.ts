import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

// Every page says what is happening and what to do next: while loading, when nothing matches, when the
// link is wrong and when the server fails.

test('loading: the article list says it is loading until the server answers', async ({ page }) => {
  let release: () => void = () => {};
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Hold the first list request until the loading state has been seen: no timing involved.
  await page.route('**/api/articles?*', async (route) => {
    await answered;
    await route.continue();
  });
  await page.goto('/articles');
  await expect(page.getByRole('status')).toHaveText('Loading articles…');
  release();
  await expect(page.getByTestId('article-item').first()).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0);
});

test('empty: filters that match nothing say so and offer to clear them', async ({ page }) => {
  await page.goto('/?from=2030-01-01');
  await expect(page.getByText('No articles match these filters')).toBeVisible();
  await expect(
    page.getByText('Widen the dates, pick other outlets or topics, or clear the search.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).not.toHaveURL(/from=/);
  await expect(page.getByTestId('outlet-bar').first()).toBeVisible();

  await page.goto('/articles?from=2030-01-01');
  await expect(page.getByText('No articles match', { exact: true })).toBeVisible();
  await expect(page.getByTestId('article-total')).toHaveText('0 articles');
  await page.getByRole('main').getByRole('button', { name: 'Clear filters' }).last().click();
  await expect(page.getByTestId('article-item').first()).toBeVisible();
});

test('bad links: an unreadable filter, a missing article and a missing page each say where to go', async ({
  page,
}) => {
  await page.goto('/?from=2018-02-30');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('This link has a filter the dashboard cannot read');
  await expect(alert).toContainText('from: not a real calendar date');
  await alert.getByRole('button', { name: 'Start again without filters' }).click();
  await expect(page.getByTestId('outlet-bar').first()).toBeVisible();

  await page.goto('/articles/999999');
  await expect(page.getByText('Article not found')).toBeVisible();
  await page.getByRole('link', { name: 'Go back to the article list.' }).click();
  await expect(page).toHaveURL(/\/articles$/);

  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByText('Page not found')).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'article list' })).toBeVisible();
});

test('server errors: a failing chart says what failed and retries on request', async ({ page }) => {
  let failing = true;
  await page.route('**/api/coverage?*', async (route) => {
    if (!failing) return route.continue();
    return route.fulfill({ status: 500, json: { error: 'Server error: database is locked' } });
  });
  // The first chart comes with the page's HTML; switching the bucket asks the server from the browser.
  await page.goto('/?bucket=month');
  const timeCard = page.getByTestId('time-card');
  await expect(timeCard.getByTestId('time-bar').first()).toBeVisible();
  // Hydrated once the panels that load after the chart have asked (spikes, heat map, top terms).
  await page.waitForLoadState('networkidle');
  await timeCard.locator('label', { hasText: 'Week' }).click();
  await expect(page).toHaveURL(/bucket=week/);
  // React Query retries a 5xx twice before it gives up and the page shows the error.
  await expect(timeCard.getByRole('alert')).toContainText('Could not load the chart', { timeout: 30_000 });
  await expect(timeCard.getByRole('alert')).toContainText('Server error: database is locked');
  await page.screenshot({ path: path.join(artifactsDir, 'overview-error.png') });
  failing = false;
  await timeCard.getByRole('button', { name: 'Try again' }).click();
  await expect(timeCard.getByTestId('time-bar').first()).toBeVisible();
  await expect(timeCard.getByRole('alert')).toHaveCount(0);
});

test('a search the server cannot parse: one message on each page, and the way out', async ({
  page,
  request,
}) => {
  const bad = encodeURIComponent('(غانتس');
  const response = await request.get(`/api/export?format=csv&q=${bad}`);
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: string }).error).toMatch(/^search: unbalanced parenthesis/);

  await page.goto(`/?q=${bad}`);
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('These filters cannot be applied');
  await expect(alert).toContainText('search: unbalanced parenthesis');
  await alert.getByRole('button', { name: 'Clear the search' }).click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.getByTestId('outlet-bar').first()).toBeVisible();

  await page.goto(`/articles?q=${bad}`);
  await expect(alert).toContainText('Could not load articles');
  await alert.getByRole('button', { name: 'Clear the search' }).click();
  await expect(page.getByTestId('article-item').first()).toBeVisible();
});
