import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { outletIdByName, queryRows } from './sample-db';

// The overview's charts come with the server's HTML, so their drill-downs are links: a click before the
// page has hydrated, or with JavaScript off, opens the same list that a click after hydration opens
// client-side. Every target is checked against the URL the filters make and the database's count.

const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

async function opensUrl(page: Page, click: () => Promise<void>, url: RegExp) {
  await click();
  await expect(page).toHaveURL(url);
}

test('without JavaScript, time bars, their segments, outlet and topic bars open their lists', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: false,
    viewport: { width: 1360, height: 900 },
  });
  const page = await context.newPage();
  try {
    await page.goto('/?bucket=month&stackBy=outlet');
    const timeCard = page.getByTestId('time-card');
    const bar = timeCard.locator('[data-testid="time-bar"][data-key="2018-03"]');
    const month = queryRows<{ n: number }>("SELECT count(*) AS n FROM articles WHERE day LIKE '2018-03-%'")[0]
      ?.n;
    await expect(bar).toHaveAttribute('data-count', String(month));
    // The column's link is its tab stop and names the count.
    const link = bar.getByTestId('time-bar-link');
    await expect(link).toHaveAttribute('href', '/articles?day=2018-03&bucket=month');
    await expect(link).toHaveAttribute(
      'aria-label',
      `Mar 2018: ${month?.toLocaleString('en-GB')} articles. Open the list.`,
    );
    await page.screenshot({
      path: path.join(artifactsDir, 'overview-without-javascript.png'),
      fullPage: true,
    });
    await opensUrl(
      page,
      () => bar.click({ position: { x: 2, y: 2 } }),
      /\/articles\?day=2018-03&bucket=month$/,
    );

    // A segment opens its outlet within the month.
    await page.goBack();
    const bbc = outletIdByName('BBC Arabic');
    const segment = timeCard.locator(`[data-testid="time-segment"][data-key="2018-03"][data-stack="${bbc}"]`);
    await opensUrl(
      page,
      () => segment.click(),
      new RegExp(`/articles\\?day=2018-03&bucket=month&outletId=${bbc}$`),
    );

    await page.goBack();
    const outletBar = page
      .getByTestId('outlet-card')
      .locator(`[data-testid="outlet-bar"][data-key="${bbc}"]`);
    await expect(outletBar).toHaveAttribute('href', `/articles?outletId=${bbc}`);
    await opensUrl(page, () => outletBar.click(), new RegExp(`/articles\\?outletId=${bbc}$`));

    await page.goBack();
    const topicBar = page.getByTestId('topic-card').locator('[data-testid="topic-bar"][data-key="economy"]');
    await opensUrl(page, () => topicBar.click(), /\/articles\?inTopic=economy$/);
  } finally {
    await context.close();
  }
});

test('after hydration the same links navigate client-side, by mouse and by keyboard', async ({ page }) => {
  await page.goto('/?bucket=month&stackBy=outlet');
  // A full page load would lose this; a client-side navigation keeps it.
  await page.evaluate(() => {
    (window as unknown as { stayed?: boolean }).stayed = true;
  });
  const bbc = outletIdByName('BBC Arabic');
  await page.getByTestId('outlet-card').locator(`[data-testid="outlet-bar"][data-key="${bbc}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/articles\\?outletId=${bbc}$`));
  const count = queryRows<{ n: number }>('SELECT count(*) AS n FROM articles WHERE outlet_id = ?', bbc)[0]?.n;
  await expect(page.getByTestId('article-total')).toHaveText(`${count?.toLocaleString('en-GB')} articles`);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // Keyboard: the column's link takes focus and Enter opens the month.
  await page.goBack();
  const link = page
    .getByTestId('time-card')
    .locator('[data-testid="time-bar"][data-key="2018-03"]')
    .getByTestId('time-bar-link');
  // A key press first, so the browser treats the focus as the keyboard's and draws its ring.
  await page.keyboard.press('Shift');
  await link.focus();
  await expect(link).toBeFocused();
  await page.getByTestId('time-card').screenshot({ path: path.join(artifactsDir, 'time-bar-focused.png') });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/articles\?day=2018-03&bucket=month$/);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});
