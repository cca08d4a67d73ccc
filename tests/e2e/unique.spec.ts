import { readBars } from './charts';
import { expect, test } from './fixtures';
import { queryRows } from './sample-db';

// "Unique texts only": a box in the shared filter bar that leaves out the copies the store marked
// (story_members.kind 'duplicate'; the sample's Sky News and BBC records file a few stories twice). Its
// counts are checked against the database read in plain SQL, not through the dashboard's queries.

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

function uniqueByMonth(): Map<string, number> {
  const rows = queryRows<{ k: string; n: number }>(
    `SELECT substr(a.day, 1, 7) AS k, count(*) AS n FROM articles a
     WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = a.id AND m.kind = 'duplicate')
     GROUP BY k`,
  );
  return new Map(rows.map(({ k, n }) => [k, n]));
}

test('the unique box counts each text once in the chart, the total and the list, and is kept in the URL', async ({
  page,
}) => {
  const all = queryRows<{ n: number }>('SELECT count(*) AS n FROM articles')[0]?.n ?? 0;
  const copies =
    queryRows<{ n: number }>("SELECT count(*) AS n FROM story_members WHERE kind = 'duplicate'")[0]?.n ?? 0;
  // Not a vacuous check: the sample holds copies.
  expect(copies).toBeGreaterThan(0);

  await page.goto('/?bucket=month');
  const box = page.getByRole('checkbox', { name: 'Unique texts only' });
  const total = page.getByTestId('total');
  const timeCard = page.getByTestId('time-card');
  await expect(box).not.toBeChecked();
  await expect(total).toHaveText(all.toLocaleString('en-GB'));

  await box.check();
  await expect(page).toHaveURL(/[?&]unique=1(&|$)/);
  await expect(total).toHaveText((all - copies).toLocaleString('en-GB'));
  await expect(timeCard).toHaveAttribute('aria-busy', 'false');
  const months = await readBars(timeCard.getByTestId('time-bar'));
  expect(sum(months)).toBe(all - copies);
  // The chart draws empty months too; the database lists the months that hold a text.
  expect(new Map([...months].filter(([, count]) => count > 0))).toEqual(uniqueByMonth());

  // A shared link opens with the box ticked and the same counts; the list keeps the filter.
  await page.reload();
  await expect(box).toBeChecked();
  await expect(total).toHaveText((all - copies).toLocaleString('en-GB'));
  await page.goto('/articles?unique=1');
  const listBox = page.getByRole('checkbox', { name: 'Unique texts only' });
  await expect(listBox).toBeChecked();
  await expect(page.getByTestId('article-total')).toHaveText(
    `${(all - copies).toLocaleString('en-GB')} articles`,
  );

  // Unticked, every article again, and the URL forgets it.
  await listBox.uncheck();
  await expect(page).not.toHaveURL(/unique=/);
  await expect(page.getByTestId('article-total')).toHaveText(`${all.toLocaleString('en-GB')} articles`);
});

test('a link with an unreadable unique= value says which parameter is wrong', async ({ page }) => {
  const response = await page.request.get('/api/coverage?groupBy=month&unique=yes');
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({
    error: 'unique: expected 1 (unique texts only) or 0 (every article)',
  });
  await page.goto('/?unique=yes');
  await expect(page.getByText('unique: expected 1 (unique texts only) or 0 (every article)')).toBeVisible();
});
