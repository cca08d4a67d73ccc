import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { queryRows } from './sample-db';

const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

test('language: switching to Arabic turns the whole interface right-to-left, and the choice stays', async ({
  page,
}) => {
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coverage overview');
  await expect(page.getByTestId('outlet-card')).toHaveAttribute('aria-busy', 'false');

  await page.getByTestId('language-switch').click();
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('نظرة عامة على التغطية');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'المقالات' })).toBeVisible();
  await expect(page.getByText('التغطية عبر الزمن')).toBeVisible();
  await expect(page.getByLabel('من', { exact: true })).toBeVisible();
  // Standard subjects have Arabic names; the topic chart uses them.
  await expect(page.getByTestId('topic-card').getByRole('link', { name: /^سياسة: / })).toBeVisible();

  // Numbers in the locale's own digits: the total as Arabic writes it.
  const total = queryRows<{ n: number }>('SELECT count(*) AS n FROM articles')[0]?.n ?? 0;
  expect(total).toBeGreaterThan(1000);
  await expect(page.getByTestId('total')).toHaveText(new Intl.NumberFormat('ar').format(total));
  // The interface is laid out right to left: the filter bar starts at the right edge.
  const bar = await page.getByRole('region', { name: 'المرشِّحات' }).boundingBox();
  const from = await page.getByLabel('من', { exact: true }).boundingBox();
  expect(bar && from && from.x + from.width > bar.x + bar.width / 2).toBe(true);
  await page.screenshot({ path: path.join(artifactsDir, 'overview-ar.png'), fullPage: true });

  // A cookie, so the server renders the next page in Arabic from the first byte.
  const response = await page.goto('/articles');
  expect(await response?.text()).toMatch(
    /<html[^>]*lang="ar"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="ar"/,
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('المقالات');
  // Arabic counts take one of six plural forms: 3–10 مقالات, 11–99 مقالًا, 100 and 1000s مقال (CLDR rules).
  const nouns: Record<string, string> = { few: 'مقالات', many: 'مقالًا', other: 'مقال' };
  const noun = nouns[new Intl.PluralRules('ar').select(total)];
  expect(noun).toBeDefined();
  await expect(page.getByTestId('article-total')).toHaveText(
    `${new Intl.NumberFormat('ar').format(total)} ${noun}`,
  );
  await page.screenshot({ path: path.join(artifactsDir, 'articles-ar.png') });

  await page.getByTestId('language-switch').click();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Articles');
  await expect(page.getByTestId('article-total')).toHaveText(`${total.toLocaleString('en-GB')} articles`);
});

test('time chart: the bucket holding today (UTC) is marked partial, and only that one', async ({ page }) => {
  const last = queryRows<{ day: string }>('SELECT max(day) AS day FROM articles')[0]?.day ?? '';
  expect(last).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // The browser's clock says the newest day of data is today, late in the UTC day.
  await page.clock.setFixedTime(new Date(`${last}T22:00:00Z`));
  await page.goto(`/?bucket=day&stackBy=none&from=${last.slice(0, 8)}01`);
  const timeCard = page.getByTestId('time-card');
  await expect(timeCard).toHaveAttribute('aria-busy', 'false');
  const bars = timeCard.getByTestId('time-bar');
  await expect(bars.last()).toHaveAttribute('data-key', last);
  await expect(bars.last()).toHaveAttribute('data-partial', 'true');
  await expect(timeCard.locator('[data-partial="true"]')).toHaveCount(1);
  await expect(timeCard.getByTestId('partial-note')).toContainText('is not over yet (UTC)');
  await timeCard.screenshot({ path: path.join(artifactsDir, 'time-chart-partial.png') });

  // A day later the same bars are all complete.
  await page.clock.setFixedTime(new Date(`${last}T22:00:00Z`).getTime() + 86_400_000);
  await page.reload();
  await expect(timeCard).toHaveAttribute('aria-busy', 'false');
  await expect(bars.last()).toHaveAttribute('data-key', last);
  await expect(timeCard.locator('[data-partial="true"]')).toHaveCount(0);
  await expect(timeCard.getByTestId('partial-note')).toHaveCount(0);
});
