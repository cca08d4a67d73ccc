import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { openDatabase } from '@rasid/db/client';
import { getStoryIdOfArticle, listStories, type StoryFilters } from '@rasid/db/queries';
import { expect, test } from './fixtures';
import { outletIdByName, queryRows } from './sample-db';

const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');
// The two seed scrapes: one event (Morocco and Israel's security agreement) told by two outlets.
const seeds = [
  { outlet: 'Erem News', title: 'غانتس: المغرب وإسرائيل بحاجة لتعميق التحالفات' },
  { outlet: 'Madar21', title: 'الأولى عربيا.. الرباط وتل أبيب توقّعان اتفاقية تعاون استخباراتي وعسكري' },
] as const;

async function saveScreenshot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage });
}

/** The stories the dashboard should list, read with the data layer itself on the test's own connection. */
function readStories(filters: StoryFilters) {
  const dbPath = process.env.RASID_E2E_DB;
  if (!dbPath) throw new Error('RASID_E2E_DB is not set');
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return listStories(db, filters);
  } finally {
    db.$client.close();
  }
}

function storyIdOf(articleId: number): number | null {
  const dbPath = process.env.RASID_E2E_DB;
  if (!dbPath) throw new Error('RASID_E2E_DB is not set');
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return getStoryIdOfArticle(db, articleId);
  } finally {
    db.$client.close();
  }
}

function seedArticleId(title: string): number {
  const row = queryRows<{ id: number }>('SELECT id FROM articles WHERE title = ?', title)[0];
  if (!row) throw new Error(`The seed article "${title}" is not in the sample database`);
  return row.id;
}

test('stories: the two seed articles are one story of two outlets, and its page lists both by time', async ({
  page,
}) => {
  const seedIds = seeds.map((seed) => seedArticleId(seed.title));
  const storyId = storyIdOf(seedIds[0] ?? 0);
  expect(storyId).not.toBeNull();
  expect(storyIdOf(seedIds[1] ?? 0)).toBe(storyId);

  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Stories' }).click();
  await expect(page).toHaveURL(/\/stories$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stories');

  // Multi-outlet stories by default: the count shown is the database's count of stories told by 2+ outlets.
  const expected = readStories({ minOutlets: 2 });
  expect(expected.total).toBeGreaterThan(0);
  const total = page.getByTestId('story-total');
  await expect(total).toHaveAttribute('data-count', String(expected.total));
  await expect(total).toHaveText(
    `${expected.total.toLocaleString('en-GB')} stor${expected.total === 1 ? 'y' : 'ies'}`,
  );
  const items = page.getByTestId('story-item');
  await expect(items).toHaveCount(Math.min(50, expected.total));
  for (const outlets of await page.getByTestId('story-outlets').allTextContents())
    expect(outlets.split(' · ').length, outlets).toBeGreaterThanOrEqual(2);

  const seedStory = page.locator(`[data-testid="story-item"][data-story-id="${storyId}"]`);
  await expect(seedStory).toBeVisible();
  await expect(seedStory.getByTestId('story-outlets')).toHaveText(/Erem News/);
  await expect(seedStory.getByTestId('story-outlets')).toHaveText(/Madar21/);
  await expect(seedStory.getByTestId('story-size')).toHaveText(/^2 articles/);
  await saveScreenshot(page, 'stories');

  // Showing single-outlet stories too: the count follows the database again.
  await page.getByTestId('story-min-outlets').selectOption('1');
  await expect(page).toHaveURL(/minOutlets=1/);
  const all = readStories({ minOutlets: 1 });
  await expect(total).toHaveAttribute('data-count', String(all.total));
  expect(all.total).toBeGreaterThan(expected.total);
  await page.getByTestId('story-min-outlets').selectOption('2');
  await expect(total).toHaveAttribute('data-count', String(expected.total));

  await seedStory.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/stories/${storyId}$`));
  await expect(page.getByTestId('story-outlet-count')).toHaveText('2 outlets');
  const rows = page.getByTestId('story-article');
  await expect(rows).toHaveCount(2);
  const times = queryRows<{ id: number }>(
    `SELECT id FROM articles WHERE id IN (?, ?) ORDER BY coalesce(published_at, first_seen_at), id`,
    ...seedIds,
  ).map((row) => String(row.id));
  expect(
    await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-article-id'))),
  ).toEqual(times);
  for (const seed of seeds) {
    const row = rows.filter({ hasText: seed.title });
    await expect(row).toContainText(seed.outlet);
    await expect(row.getByRole('link', { name: seed.title })).toHaveAttribute(
      'href',
      `/articles/${seedArticleId(seed.title)}`,
    );
  }
  // The spread chart: one column per day, its segments the two outlets.
  const spread = page.getByTestId('story-spread');
  const segments = spread.getByTestId('time-segment');
  const stacks = await segments.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-stack')));
  expect(new Set(stacks)).toEqual(
    new Set([String(outletIdByName('Erem News')), String(outletIdByName('Madar21'))]),
  );
  await saveScreenshot(page, 'story');
});

test('stories: an article page links to its story, told by two outlets', async ({ page }) => {
  const articleId = seedArticleId(seeds[0].title);
  const storyId = storyIdOf(articleId);
  await page.goto(`/articles/${articleId}`);
  const link = page.getByTestId('article-story');
  await expect(link).toHaveText('Told by 2 outlets');
  await expect(link).toHaveAttribute('href', `/stories/${storyId}`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/stories/${storyId}$`));
  await expect(page.getByTestId('story-article')).toHaveCount(2);
});

test('stories: a range with no multi-outlet story says what to do; the outlet filter narrows the list', async ({
  page,
}) => {
  await page.goto('/stories?from=1990-01-01&to=1990-01-31');
  await expect(page.getByText('No story is told by two outlets in these dates or outlets')).toBeVisible();
  await expect(page.getByText(/Widen the dates or pick another outlet/)).toBeVisible();
  await saveScreenshot(page, 'stories-empty', false);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('story-total')).toHaveAttribute(
    'data-count',
    String(readStories({ minOutlets: 2 }).total),
  );

  const madar = outletIdByName('Madar21');
  await page.getByLabel('Outlet', { exact: true }).selectOption(String(madar));
  await expect(page).toHaveURL(new RegExp(`outlet=${madar}`));
  await expect(page.getByTestId('story-total')).toHaveAttribute(
    'data-count',
    String(readStories({ minOutlets: 2, outletId: madar }).total),
  );
  for (const outlets of await page.getByTestId('story-outlets').allTextContents())
    expect(outlets).toContain('Madar21');
});

test('stories: the API refuses bad parameters, naming them', async ({ request }) => {
  for (const [url, param] of [
    ['/api/stories?minOutlets=two', 'minOutlets'],
    ['/api/stories?sort=loudest', 'sort'],
    ['/api/stories?from=2021-13-01', 'from'],
    ['/api/stories?outlet=1&outlet=2', 'outlet'],
    ['/api/stories/abc', 'id'],
    ['/api/spikes?to=yesterday', 'to'],
    ['/api/alerts?limit=0', 'limit'],
  ] as const) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(400);
    expect((await response.json()).error, url).toMatch(new RegExp(`^${param}: `));
  }
  expect((await request.get('/api/stories/999999999')).status()).toBe(404);
});

test('stories: the Arabic interface lays the Stories page out right to left', async ({
  page,
  context,
  baseURL,
}) => {
  await context.addCookies([{ name: 'rasid-lang', value: 'ar', url: baseURL ?? '' }]);
  const response = await page.goto('/stories');
  expect(await response?.text()).toMatch(/<html[^>]*dir="rtl"/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('القصص');
  const total = readStories({ minOutlets: 2 }).total;
  await expect(page.getByTestId('story-total')).toHaveAttribute('data-count', String(total));
  await expect(page.getByTestId('story-item').first()).toBeVisible();
  // The filter bar starts at the right edge: "From" sits in its right half.
  const bar = await page.getByRole('region', { name: 'المرشِّحات' }).boundingBox();
  const from = await page.getByLabel('من', { exact: true }).boundingBox();
  expect(bar && from && from.x + from.width > bar.x + bar.width / 2).toBe(true);
  // Titles keep their own direction: the seed story's Arabic headline reads right to left.
  const storyId = storyIdOf(seedArticleId(seeds[0].title));
  const title = page.locator(`[data-testid="story-item"][data-story-id="${storyId}"]`).getByRole('link');
  expect(await title.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
  await saveScreenshot(page, 'stories-ar');
});
