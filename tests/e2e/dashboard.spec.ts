import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { readBars } from './charts';
import { expect, test } from './fixtures';
import { countByOutlet, outletIdByName, queryRows } from './sample-db';

const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');
const seedTitles = [
  'غانتس: المغرب وإسرائيل بحاجة لتعميق التحالفات',
  'الأولى عربيا.. الرباط وتل أبيب توقّعان اتفاقية تعاون استخباراتي وعسكري',
] as const;

async function saveScreenshot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage });
}

/** Waits until a chart card has finished fetching, so the bars drawn are the current filter's. */
async function settled(card: Locator) {
  await expect(card).toHaveAttribute('aria-busy', 'false');
}

function countsOnly(map: Map<string, { count: number }>): Map<string, number> {
  return new Map([...map].map(([key, value]) => [key, value.count]));
}

test('overview: the outlet chart and the time chart draw the database counts', async ({ page }) => {
  await page.goto('/');
  const outletCard = page.getByTestId('outlet-card');
  await expect(outletCard.getByTestId('outlet-bar').first()).toBeVisible();
  await settled(outletCard);

  const expected = countByOutlet();
  const drawn = await readBars(outletCard.getByTestId('outlet-bar'));
  expect(drawn).toEqual(countsOnly(expected));
  // Each bar is labelled with the outlet's name from the database.
  for (const [id, { name, count }] of expected) {
    await expect(outletCard.locator(`[data-testid="outlet-bar"][data-key="${id}"]`)).toHaveAttribute(
      'aria-label',
      new RegExp(
        `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${count.toLocaleString('en-GB')} articles?`,
      ),
    );
  }

  const total = [...expected.values()].reduce((sum, { count }) => sum + count, 0);
  await expect(page.getByTestId('total')).toHaveText(total.toLocaleString('en-GB'));
  const timeCard = page.getByTestId('time-card');
  await settled(timeCard);
  const months = await readBars(timeCard.getByTestId('time-bar'));
  expect([...months.values()].reduce((sum, count) => sum + count, 0)).toBe(total);
  const byMonth = queryRows<{ k: string; n: number }>(
    'SELECT substr(day, 1, 7) AS k, count(*) AS n FROM articles GROUP BY k',
  );
  for (const { k, n } of byMonth) expect(months.get(k), `month ${k}`).toBe(n);

  await expect(page.getByRole('group', { name: /Articles per month by outlet/ })).toBeVisible();
  await saveScreenshot(page, 'overview');
});

test('filters: choosing outlets and a start date updates the URL and the charts match the database', async ({
  page,
}) => {
  await page.goto('/');
  const outletCard = page.getByTestId('outlet-card');
  await expect(outletCard.getByTestId('outlet-bar').first()).toBeVisible();

  const bbc = outletIdByName('BBC Arabic');
  const france24 = outletIdByName('France 24');
  const outletFilter = page.getByTestId('outlet-filter');
  await outletFilter.locator('summary').click();
  await outletFilter.getByRole('checkbox', { name: /BBC Arabic/ }).check();
  await expect(page).toHaveURL(new RegExp(`[?&]outlet=${bbc}(&|$)`));
  await outletFilter.getByRole('checkbox', { name: /France 24/ }).check();
  await expect(page).toHaveURL(new RegExp(`[?&]outlet=${france24}(&|$)`));
  await outletFilter.locator('summary').click();

  await page.getByLabel('From').fill('2018-03-01');
  await expect(page).toHaveURL(/[?&]from=2018-03-01(&|$)/);

  await settled(outletCard);
  const expected = countByOutlet({ outletIds: [bbc, france24], from: '2018-03-01' });
  expect(expected.size).toBe(2);
  await expect.poll(async () => readBars(outletCard.getByTestId('outlet-bar'))).toEqual(countsOnly(expected));
  const total = [...expected.values()].reduce((sum, { count }) => sum + count, 0);
  await expect(page.getByTestId('total')).toHaveText(total.toLocaleString('en-GB'));

  // A topic on top: the select lists subjects and sections; the outlet bars follow.
  await page.getByRole('combobox', { name: 'Topic' }).selectOption('economy');
  await expect(page).toHaveURL(/[?&]topic=economy(&|$)/);
  const withTopic = countByOutlet({ outletIds: [bbc, france24], from: '2018-03-01', topicSlug: 'economy' });
  await expect
    .poll(async () => readBars(outletCard.getByTestId('outlet-bar')))
    .toEqual(countsOnly(withTopic));
  await saveScreenshot(page, 'overview-filtered');

  // The same URL opened fresh shows the same view: filters live in the link.
  await page.reload();
  await settled(outletCard);
  await expect
    .poll(async () => readBars(outletCard.getByTestId('outlet-bar')))
    .toEqual(countsOnly(withTopic));
});

test('drill-down: a time bar opens its articles, an article opens right-to-left', async ({ page }) => {
  await page.goto('/?bucket=month&stackBy=outlet');
  const timeCard = page.getByTestId('time-card');
  const bar = timeCard.locator('[data-testid="time-bar"][data-key="2018-03"]');
  await expect(bar).toBeVisible();
  await settled(timeCard);
  const count = Number(await bar.getAttribute('data-count'));
  expect(count).toBeGreaterThan(0);

  await bar.click({ position: { x: 2, y: 2 } }); // the empty top of the column: the whole month
  await expect(page).toHaveURL(/\/articles\?.*day=2018-03.*bucket=month/);
  await expect(page.getByTestId('article-total')).toHaveText(`${count.toLocaleString('en-GB')} articles`);
  await expect(page.getByText('Mar 2018', { exact: true })).toBeVisible();
  await saveScreenshot(page, 'articles-march', false);

  const first = page.getByTestId('article-item').first();
  const title = (await first.getByRole('heading').textContent())?.trim() ?? '';
  await first.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/articles\/\d+$/);
  const body = page.getByTestId('article-body');
  await expect(body).toHaveAttribute('dir', 'rtl');
  await expect(body).toHaveAttribute('lang', 'ar');
  await expect(body.getByRole('heading', { level: 1 })).toHaveText(title);
  expect(await body.locator('p').count()).toBeGreaterThan(1);
});

test('the two seed scrapes are stored with their titles and outlets, dated honestly', async ({ page }) => {
  for (const [outlet, title] of [
    ['Erem News', seedTitles[0]],
    ['Madar21', seedTitles[1]],
  ] as const) {
    await page.goto('/');
    const outletCard = page.getByTestId('outlet-card');
    const bar = outletCard.locator(`[data-testid="outlet-bar"][data-key="${outletIdByName(outlet)}"]`);
    await expect(bar).toHaveAttribute('data-count', '1');
    await bar.click();
    await expect(page).toHaveURL(new RegExp(`/articles\\?outletId=${outletIdByName(outlet)}`));
    await expect(page.getByTestId('article-total')).toHaveText('1 article');
    const item = page.getByTestId('article-item');
    await expect(item.getByRole('link', { name: title })).toBeVisible();
    await expect(item).toContainText(outlet);
    await expect(item).toContainText('no date in the article');

    await item.getByRole('link', { name: title }).click();
    const body = page.getByTestId('article-body');
    await expect(body).toHaveAttribute('dir', 'rtl');
    await expect(body.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByTestId('article-date')).toContainText('Date unknown — first seen');
    await expect(page.getByRole('complementary')).toContainText(outlet);
    if (outlet === 'Erem News') {
      await expect(body).toContainText(
        'قال وزير الدفاع الإسرائيلي بيني غانتس، إن الرباط وتل أبيب، بحاجة لتعميق التحالفات.',
      );
      await saveScreenshot(page, 'article-seed');
    }
  }
});

test('search: اسرائيل without hamza finds both seeds, which write إسرائيل', async ({ page }) => {
  await page.goto('/articles');
  await expect(page.getByTestId('article-item').first()).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('اسرائيل');
  await search.press('Enter');
  await expect(page).toHaveURL(/[?&]q=%D8%A7%D8%B3%D8%B1%D8%A7%D8%A6%D9%8A%D9%84/);
  const list = page.getByTestId('article-list');
  for (const title of seedTitles) {
    // The list draws only the rows near the viewport: scroll down from the top until the seed's row is drawn.
    const link = list.getByRole('link', { name: title });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect
      .poll(
        async () => {
          if ((await link.count()) > 0) return true;
          await page.mouse.wheel(0, 1200);
          return false;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await expect(link).toBeVisible();
  }
  await saveScreenshot(page, 'articles-search', false);

  // The overview counts the same search.
  await page.goto(`/?q=${encodeURIComponent('اسرائيل')}`);
  const outletCard = page.getByTestId('outlet-card');
  await settled(outletCard);
  await expect(
    outletCard.locator(`[data-testid="outlet-bar"][data-key="${outletIdByName('Erem News')}"]`),
  ).toHaveAttribute('data-count', '1');
});

test('a bad API parameter is a 400 naming the parameter', async ({ request }) => {
  const cases: [string, RegExp][] = [
    ['/api/coverage?groupBy=year', /^groupBy: /],
    ['/api/coverage?from=2018-02-30', /^from: not a real calendar date/],
    ['/api/articles?outlet=abc', /^outlet: /],
    ['/api/articles?limit=100000', /^limit: /],
    ['/api/articles?from=2018-05-01&to=2018-04-01', /^from: must not be after to/],
    ['/api/articles/xyz', /^id: /],
    ['/api/terms?limit=0', /^limit: /],
  ];
  for (const [url, message] of cases) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error, url).toMatch(message);
  }
  const missing = await request.get('/api/articles/999999');
  expect(missing.status()).toBe(404);
});

test('top terms follow the filters: the seeds share غانتس', async ({ request }) => {
  const response = await request.get(`/api/terms?q=${encodeURIComponent('غانتس')}&limit=50`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    total: number;
    sampled: number;
    terms: { label: string; documents: number }[];
  };
  expect(body.total).toBeGreaterThanOrEqual(2);
  expect(body.sampled).toBe(body.total);
  expect(body.terms.find((t) => t.label === 'غانتس')?.documents).toBe(body.total);
});

test('sources page lists the ingest run', async ({ page }) => {
  await page.goto('/sources');
  const runs = page.getByTestId('runs-table');
  await expect(runs).toBeVisible();
  await expect(runs).toContainText('OK');
  await saveScreenshot(page, 'sources');
});
