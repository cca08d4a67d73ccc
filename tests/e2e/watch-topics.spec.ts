import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from '@playwright/test';
import { type Db, openDatabase } from '@rasid/db/client';
import { listAlertRules, matchesSearch, parseSearch } from '@rasid/db/queries';
import { foldArabic } from '@rasid/parser';
import { expect, test } from './fixtures';
import { countByOutlet, queryRows } from './sample-db';

const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

// The seeds' story (Gantz on Morocco and Israel) and the ANT sample's articles that name both countries.
const NAME = 'Morocco–Israel';
const QUERY = 'المغرب (اسرائيل OR إسرائيل)';
const WIDER = 'المغرب OR اسرائيل';

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

/** Articles the query matches, by the evaluator over every stored article: not the FTS pass the dashboard ran. */
function countMatching(query: string): number {
  const parsed = parseSearch(query);
  return queryRows<{ title: string; body: string }>('SELECT title, body FROM articles').filter((row) =>
    matchesSearch(parsed, row),
  ).length;
}

function linkedCount(slug: string): number {
  return [...countByOutlet({ topicSlug: slug }).values()].reduce((sum, { count }) => sum + count, 0);
}

async function readBarsTotal(bars: Locator): Promise<number> {
  const counts = await bars.evaluateAll((elements) =>
    elements.map((e) => Number(e.getAttribute('data-count'))),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

test('watch topics: created in the page, its coverage equals the database count, edited and refused with a position', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Watch topics' }).click();
  await expect(page).toHaveURL(/\/watch-topics$/);
  await expect(page.getByText('No watch topics yet')).toBeVisible();

  const form = page.getByTestId('watch-topic-form');
  await form.getByLabel('Name').fill(NAME);
  await form.getByLabel('Query').fill(QUERY);
  await form.getByRole('button', { name: 'Create' }).click();
  const expected = countMatching(QUERY);
  expect(expected).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('watch-topic-created')).toHaveText(
    `“${NAME}” matches ${expected.toLocaleString('en-GB')} stored articles.`,
  );
  const row = page.getByTestId('watch-topic');
  await expect(row).toHaveCount(1);
  const slug = (await row.getAttribute('data-slug')) ?? '';
  expect(slug).toMatch(/^watch:\d+$/);
  // The database's links (plain SQL) are exactly the evaluator's matches, and the page shows that count.
  expect(linkedCount(slug)).toBe(expected);
  await expect(row.getByTestId('watch-topic-count')).toHaveText(expected.toLocaleString('en-GB'));
  await page.screenshot({ path: path.join(artifactsDir, 'watch-topics.png'), fullPage: true });

  // A query that cannot be read: the server's message, with the position, and nothing saved.
  await form.getByLabel('Name').fill('Broken');
  await form.getByLabel('Query').fill('(غزة OR');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('watch-topic-error')).toHaveText(
    'watch topic query: search: OR needs a term on both sides at 5',
  );
  await expect(row).toHaveCount(1);

  // Its coverage on the overview, filtered by the topic: total and every chart equal the database.
  await row.getByRole('link', { name: NAME }).click();
  await expect(page).toHaveURL(new RegExp(`topic=${encodeURIComponent(slug)}`));
  await expect(page.getByTestId('total')).toHaveText(expected.toLocaleString('en-GB'));
  const timeCard = page.getByTestId('time-card');
  await expect(timeCard).toHaveAttribute('aria-busy', 'false');
  expect(await readBarsTotal(timeCard.getByTestId('time-bar'))).toBe(expected);
  const outletCard = page.getByTestId('outlet-card');
  await expect(outletCard).toHaveAttribute('aria-busy', 'false');
  expect(await readBarsTotal(outletCard.getByTestId('outlet-bar'))).toBe(expected);
  await page.screenshot({ path: path.join(artifactsDir, 'watch-topic-coverage.png'), fullPage: true });

  // Its articles, and its name among the list's topics filter.
  await page.goto(`/articles?topic=${encodeURIComponent(slug)}`);
  await expect(page.getByTestId('article-total')).toHaveText(`${expected.toLocaleString('en-GB')} articles`);

  // Edited: the wider query is applied to every stored article again.
  await page.goto('/watch-topics');
  await row.getByRole('button', { name: 'Edit' }).click();
  await row.getByLabel('Query').fill(WIDER);
  await row.getByRole('button', { name: 'Save' }).click();
  const wider = countMatching(WIDER);
  expect(wider).toBeGreaterThan(expected);
  await expect(row.getByTestId('watch-topic-count')).toHaveText(wider.toLocaleString('en-GB'));
  expect(linkedCount(slug)).toBe(wider);
});

test('alert rules: created on the Alerts page for a watch topic, disabled and deleted', async ({ page }) => {
  const topic = queryRows<{ slug: string; name: string }>(
    "SELECT slug, name FROM topics WHERE kind = 'watch' ORDER BY id LIMIT 1",
  )[0];
  if (!topic) throw new Error('the previous test creates the watch topic this one watches');
  await page.goto('/alerts');
  const form = page.getByTestId('alert-rule-form');
  await form.getByLabel('Name').fill('e2e watch spike');
  await form.getByLabel('Watches').selectOption('topic');
  await form.getByLabel('Topic').selectOption(topic.slug);
  await form.getByLabel('Standard deviations').fill('0');
  await form.getByLabel('At least').fill('1');
  await form.getByRole('button', { name: 'Add rule' }).click();

  const rule = page.getByTestId('alert-rule').filter({ hasText: 'e2e watch spike' });
  await expect(rule).toBeVisible();
  await expect(rule).toContainText(`Topic: ${topic.name}`);
  await expect(rule).toContainText('enabled');
  const stored = withDb((db) => listAlertRules(db).find((r) => r.name === 'e2e watch spike'));
  expect(stored).toMatchObject({
    scope: { kind: 'topic', slug: topic.slug },
    k: 0,
    minCount: 1,
    enabled: true,
  });
  await page
    .getByTestId('alert-rules')
    .screenshot({ path: path.join(artifactsDir, 'alert-rule-created.png') });

  // The same name again: refused with the field named, nothing replaced.
  await form.getByLabel('Name').fill('e2e watch spike');
  await form.getByLabel('Watches').selectOption('all');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByTestId('alert-rule-error')).toHaveText(
    'name: a rule named "e2e watch spike" already exists',
  );

  await rule.getByRole('button', { name: 'Disable' }).click();
  await expect(rule).toContainText('disabled');
  expect(withDb((db) => listAlertRules(db).find((r) => r.name === 'e2e watch spike')?.enabled)).toBe(false);

  await rule.getByRole('button', { name: 'Delete' }).click();
  await rule.getByRole('button', { name: 'Delete it and its alerts' }).click();
  await expect(rule).toHaveCount(0);
  expect(withDb((db) => listAlertRules(db).some((r) => r.name === 'e2e watch spike'))).toBe(false);
});

test('top terms: the overview lists the words as the articles write them, each folding to its counted label', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const card = page.getByTestId('terms-card');
  // The card asks for its terms once it is near the viewport (it is below the fold).
  await card.scrollIntoViewIfNeeded();
  const chips = card.getByTestId('term');
  // Terms are counted on up to 2,000 articles' text: seconds on a busy 2-core machine.
  await expect(chips.first()).toBeVisible({ timeout: 90_000 });
  await expect(card).toHaveAttribute('aria-busy', 'false');
  const shown = await chips.evaluateAll((elements) =>
    elements.map((e) => ({
      label: e.getAttribute('data-label') ?? '',
      documents: Number(e.getAttribute('data-documents')),
      spelling: e.querySelector('.term-word')?.textContent ?? '',
    })),
  );
  const api = (await (await page.request.get('/api/terms?limit=24')).json()) as {
    terms: { label: string; spelling: string; documents: number }[];
  };
  expect(shown).toEqual(api.terms.map(({ label, documents, spelling }) => ({ label, documents, spelling })));
  const fold = (word: string) =>
    foldArabic(word)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC');
  for (const term of shown) expect(fold(term.spelling), term.label).toBe(term.label);
  // Readable: hamzas and final forms are back where folding took them away.
  expect(shown.filter((term) => term.spelling !== term.label).length).toBeGreaterThan(0);
  await card.screenshot({ path: path.join(artifactsDir, 'top-terms.png') });
});
