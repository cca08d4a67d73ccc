import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { outletIdByName, queryRows } from './sample-db';

// Comparisons, shares of output, the outlet × week heat map, failing-source shading, highlighted
// search words and the windowed article list, each checked against the database the dashboard serves.

const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

async function saveScreenshot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage });
}

async function settled(card: Locator) {
  await expect(card).toHaveAttribute('aria-busy', 'false');
}

type Point = { series: string; key: string; count: number; base: number | null };

async function readPoints(chart: Locator): Promise<Point[]> {
  return chart.getByTestId('line-point').evaluateAll((elements) =>
    elements.map((element) => ({
      series: element.getAttribute('data-series') ?? '',
      key: element.getAttribute('data-key') ?? '',
      count: Number(element.getAttribute('data-count')),
      base: element.hasAttribute('data-base') ? Number(element.getAttribute('data-base')) : null,
    })),
  );
}

/** Non-zero counts of one series, bucket → count. */
function countsOf(points: Point[], series: string): Map<string, number> {
  return new Map(points.filter((p) => p.series === series && p.count > 0).map((p) => [p.key, p.count]));
}

function rowsToMap(rows: { k: string; n: number }[]): Map<string, number> {
  return new Map(rows.map((row) => [row.k, row.n]));
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of a day's ISO week: the key of its week bucket. */
function mondayOf(day: string): string {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

test('compare: searches, a topic and an outlet side by side, each line the database count; the legend toggles', async ({
  page,
}) => {
  const bbc = outletIdByName('BBC Arabic');
  const specs = ['q:روسيا', 'topic:sport', `outlet:${bbc}`];
  await page.goto(`/?bucket=month&${specs.map((s) => `compare=${encodeURIComponent(s)}`).join('&')}`);
  const card = page.getByTestId('compare-card');
  const chart = card.getByTestId('compare-chart');
  await expect(chart.getByTestId('line-point').first()).toBeVisible();
  await settled(card);

  const points = await readPoints(chart);
  // The database's own counts: FTS for the search (its index holds the folded words), joins for the rest.
  const bySearch = rowsToMap(
    queryRows(
      `SELECT substr(day, 1, 7) AS k, count(*) AS n FROM articles
       WHERE id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH '"روسيا"') GROUP BY k`,
    ),
  );
  const byTopic = rowsToMap(
    queryRows(
      `SELECT substr(a.day, 1, 7) AS k, count(*) AS n FROM articles a
       WHERE EXISTS (SELECT 1 FROM article_topics x JOIN topics t ON t.id = x.topic_id WHERE x.article_id = a.id AND t.slug = 'sport')
       GROUP BY k`,
    ),
  );
  const byOutlet = rowsToMap(
    queryRows(
      'SELECT substr(day, 1, 7) AS k, count(*) AS n FROM articles WHERE outlet_id = ? GROUP BY k',
      bbc,
    ),
  );
  expect(bySearch.size).toBeGreaterThan(0);
  expect(countsOf(points, 'q:روسيا')).toEqual(bySearch);
  expect(countsOf(points, 'topic:sport')).toEqual(byTopic);
  expect(countsOf(points, `outlet:${bbc}`)).toEqual(byOutlet);

  // The legend's entries are buttons: switching one off removes its line and is kept in the URL.
  const toggle = card.locator('[data-testid="legend-toggle"][data-series="topic:sport"]');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page).toHaveURL(/[?&]hide=topic%3Asport(&|$)/);
  await expect(chart.locator('[data-testid="line-series"][data-series="topic:sport"]')).toHaveCount(0);
  await expect(chart.locator('[data-testid="line-series"]')).toHaveCount(2);

  // A series added with the form joins the URL; the shared link opens the same comparison.
  await card.getByRole('combobox', { name: 'Compare by' }).selectOption('q');
  await card.getByTestId('compare-input').fill('ترامب');
  await card.getByRole('button', { name: 'Add to the comparison' }).click();
  await expect(page).toHaveURL(/compare=q%3A%D8%AA%D8%B1%D8%A7%D9%85%D8%A8/);
  await expect(chart.locator('[data-testid="line-series"][data-series="q:ترامب"]')).toHaveCount(1);
  await settled(card);
  await saveScreenshot(page, 'compare');

  await page.reload();
  await settled(page.getByTestId('compare-card'));
  await expect(chart.locator('[data-testid="line-series"]')).toHaveCount(3);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  // A point is a link, and so is its number in the table: it opens that series' articles in that month,
  // and the list agrees with the line.
  const month = [...byOutlet.keys()].sort()[0] ?? '';
  await card.locator('summary', { hasText: 'Show the numbers' }).click();
  const href = `/articles?outlet=${bbc}&day=${month}&bucket=month`;
  await expect(chart.locator(`svg a[href="${href}"]`)).toHaveCount(1);
  await expect(card.locator(`table a[href="${href}"]`)).toHaveCount(1);
  await card.locator(`table a[href="${href}"]`).click();
  await expect(page.getByTestId('article-total')).toHaveText(
    `${(byOutlet.get(month) ?? 0).toLocaleString('en-GB')} article${byOutlet.get(month) === 1 ? '' : 's'}`,
  );
});

test('compare: the points are one tab stop; arrow keys walk a line and across lines, each value read out and drawn', async ({
  page,
}) => {
  const bbc = outletIdByName('BBC Arabic');
  const france24 = outletIdByName('France 24');
  await page.goto(`/?bucket=month&compare=outlet%3A${bbc}&compare=outlet%3A${france24}`);
  const card = page.getByTestId('compare-card');
  const chart = card.getByTestId('compare-chart');
  await expect(chart.getByTestId('line-point').first()).toBeVisible();
  await settled(card);
  const months = [...new Set((await readPoints(chart)).map((point) => point.key))].sort();
  const countOf = (outlet: number, month: string) =>
    queryRows<{ n: number }>(
      'SELECT count(*) AS n FROM articles WHERE outlet_id = ? AND substr(day, 1, 7) = ?',
      outlet,
      month,
    )[0]?.n ?? 0;
  // Said as the browser's Intl says it (its ICU may write "Sept" where Node's writes "Sep").
  const monthName = (month: string) =>
    page.evaluate(
      (key) =>
        new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
          new Date(`${key}-01T00:00:00Z`),
        ),
      month,
    );
  /** The focused point: its series and month, its accessible name, and the value drawn beside it. */
  const focused = () =>
    page.evaluate(() => {
      const link = document.activeElement;
      const circle = link?.querySelector('[data-testid="line-point"]');
      return {
        series: circle?.getAttribute('data-series'),
        key: circle?.getAttribute('data-key'),
        label: link?.getAttribute('aria-label'),
        drawn: document.querySelector('[data-testid="compare-chart"] [data-testid="line-focus"]')
          ?.textContent,
      };
    });
  const expectFocus = async (outlet: number, name: string, month: string) => {
    const label = `Outlet: ${name} · ${await monthName(month)}: ${countOf(outlet, month).toLocaleString('en-GB')}`;
    expect(await focused()).toEqual({ series: `outlet:${outlet}`, key: month, label, drawn: label });
  };

  // One tab stop for all the points, and the chart says how to move between them.
  await expect(chart.locator('a[tabindex="0"]')).toHaveCount(1);
  await expect(chart.getByRole('group', { name: /Compared series/ })).toHaveAccessibleDescription(
    /arrow keys to move along a line and between lines/,
  );
  await chart.locator('a[tabindex="0"]').focus();
  const first = months[0] ?? '';
  const last = months.at(-1) ?? '';
  await expectFocus(bbc, 'BBC Arabic', first);
  await page.keyboard.press('ArrowRight');
  await expectFocus(bbc, 'BBC Arabic', months[1] ?? '');
  await page.keyboard.press('End');
  await expectFocus(bbc, 'BBC Arabic', last);
  await page.keyboard.press('ArrowDown');
  await expectFocus(france24, 'France 24', last);
  await page.keyboard.press('ArrowLeft');
  const previous = months.at(-2) ?? '';
  await expectFocus(france24, 'France 24', previous);
  await page.keyboard.press('ArrowUp');
  await expectFocus(bbc, 'BBC Arabic', previous);
  // Still one tab stop: the one last focused.
  await expect(chart.locator('a[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await saveScreenshot(page, 'compare-keyboard', false);

  // Enter opens that outlet's articles in that month.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/articles\\?outlet=${france24}&day=${previous}&bucket=month$`));
  const n = countOf(france24, previous);
  await expect(page.getByTestId('article-total')).toHaveText(
    `${n.toLocaleString('en-GB')} article${n === 1 ? '' : 's'}`,
  );
});

test('share of output: each outlet’s matching articles over all its own articles, per month', async ({
  page,
}) => {
  await page.goto('/?bucket=month&stackBy=outlet&measure=share&topic=economy');
  const card = page.getByTestId('time-card');
  const chart = card.getByTestId('share-chart');
  await expect(chart.getByTestId('line-point').first()).toBeVisible();
  await settled(card);
  const points = await readPoints(chart);
  const expected = queryRows<{ outlet: number; k: string; n: number; all: number }>(
    `SELECT a.outlet_id AS outlet, substr(a.day, 1, 7) AS k, count(*) AS "all",
       sum(EXISTS (SELECT 1 FROM article_topics x JOIN topics t ON t.id = x.topic_id WHERE x.article_id = a.id AND t.slug = 'economy')) AS n
     FROM articles a GROUP BY outlet, k`,
  );
  expect(points.length).toBe(expected.length);
  for (const row of expected) {
    const point = points.find((p) => p.series === `share:${row.outlet}` && p.key === row.k);
    expect(point, `${row.outlet} ${row.k}`).toMatchObject({ count: row.n, base: row.all });
  }
  // Shares are not all 0 or 1: economy is part of some outlets' output.
  expect(points.some((p) => p.base !== null && p.count > 0 && p.count < p.base)).toBe(true);
  await expect(card.getByTestId('share-note')).toContainText('share of all its own articles');
  await saveScreenshot(page, 'share-of-output');
});

test('heat map: every cell is the outlet’s articles that week, and a cell opens exactly those', async ({
  page,
}) => {
  await page.goto('/');
  const card = page.getByTestId('heatmap-card');
  await expect(card.getByTestId('heatmap-cell').first()).toBeVisible();
  await settled(card);
  const cells = await card.getByTestId('heatmap-cell').evaluateAll((elements) =>
    elements.map((element) => ({
      key: `${element.getAttribute('data-outlet')}|${element.getAttribute('data-week')}`,
      count: Number(element.getAttribute('data-count')),
    })),
  );
  const drawn = new Map(cells.filter((c) => c.count > 0).map((c) => [c.key, c.count]));
  const expected = new Map(
    queryRows<{ k: string; n: number }>(
      `SELECT outlet_id || '|' || date(day, '-6 days', 'weekday 1') AS k, count(*) AS n FROM articles GROUP BY k`,
    ).map((row) => [row.k, row.n]),
  );
  expect(drawn).toEqual(expected);
  await saveScreenshot(page, 'heatmap');

  // Keyboard: one tab stop; arrows move between cells.
  const first = card.locator('[data-cell="0-0"]');
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(card.locator('[data-cell="0-1"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(card.locator('[data-cell="1-1"]')).toBeFocused();

  // The busiest cell opens its articles: the list's total is the cell's count.
  const [key, count] = [...expected].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  const [outlet, week] = key.split('|');
  await card.locator(`[data-testid="heatmap-cell"][data-outlet="${outlet}"][data-week="${week}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/articles\\?.*day=${week}.*bucket=week.*outletId=${outlet}`));
  await expect(page.getByTestId('article-total')).toHaveText(`${count.toLocaleString('en-GB')} articles`);
});

test('failing sources: their days are shaded on the time chart, for the outlets they feed', async ({
  page,
  request,
}) => {
  const bbc = outletIdByName('BBC Arabic');
  const france24 = outletIdByName('France 24');
  const days = queryRows<{ day: string }>(
    'SELECT DISTINCT day FROM articles WHERE outlet_id = ? ORDER BY day LIMIT 12',
    bbc,
  ).map((row) => row.day);
  const [from, failed1, ok, failed2] = [days[0], days[3], days[5], days[7]];
  const to = days.at(-1);
  if (!from || !failed1 || !ok || !failed2 || !to) throw new Error('BBC Arabic should have a dozen days');

  // Bookkeeping as the worker writes it (sources, ingest_runs), for days inside the sample's range: the
  // worker itself can only fail today, which the 2018 corpus does not reach. Removed after the test.
  const db = new Database(process.env.RASID_E2E_DB ?? '', { fileMustExist: true });
  const now = '2018-01-01T00:00:00.000Z';
  const addSource = (name: string, hint: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO sources (name, kind, location, outlet_hint, enabled, created_at, updated_at)
           VALUES (?, 'feed', ?, ?, 1, ?, ?)`,
        )
        .run(name, `https://${name}.invalid/rss`, hint, now, now).lastInsertRowid,
    );
  const addRun = (sourceId: number, day: string, status: string, error: string | null) =>
    db
      .prepare(
        `INSERT INTO ingest_runs (kind, source_id, started_at, finished_at, status, error)
         VALUES ('feed', ?, ?, ?, ?, ?)`,
      )
      .run(sourceId, `${day}T06:00:00.000Z`, `${day}T06:00:05.000Z`, status, error);
  const bbcFeed = addSource('e2e-bbc-feed', 'BBC Arabic');
  const franceFeed = addSource('e2e-france24-feed', 'France 24');
  try {
    addRun(bbcFeed, failed1, 'failed', 'HTTP 503 Service Unavailable');
    addRun(bbcFeed, ok, 'failed', 'timeout');
    addRun(bbcFeed, ok, 'ok', null); // it recovered the same day: not a failing day
    addRun(bbcFeed, failed2, 'failed', 'HTTP 500');
    addRun(franceFeed, days[4] ?? from, 'failed', 'DNS error');

    const api = await request.get(`/api/source-failures?from=${from}&to=${to}&outlet=${bbc}`);
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { days: { day: string; sources: { name: string }[] }[] };
    expect(body.days.map((d) => d.day)).toEqual([failed1, failed2]);

    await page.goto(`/?bucket=day&stackBy=outlet&outlet=${bbc}&from=${from}&to=${to}`);
    const card = page.getByTestId('time-card');
    await expect(card.getByTestId('failure-shade').first()).toBeVisible();
    await settled(card);
    const shaded = await card
      .getByTestId('failure-shade')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-key')));
    expect(shaded).toEqual([failed1, failed2]);
    await expect(card.getByTestId('failure-note')).toContainText('e2e-bbc-feed');
    await expect(card.getByTestId('failure-note')).not.toContainText('e2e-france24-feed');
    await expect(
      card.locator(`[data-testid="time-bar"][data-key="${failed1}"]`).getByTestId('time-bar-link'),
    ).toHaveAttribute('aria-label', /collection failing on 1 day \(e2e-bbc-feed\)/);
    await saveScreenshot(page, 'failure-shading');

    // Both outlets: France 24's failing day is shaded too.
    await page.goto(`/?bucket=day&stackBy=outlet&outlet=${bbc}&outlet=${france24}&from=${from}&to=${to}`);
    await settled(card);
    await expect(card.getByTestId('failure-shade')).toHaveCount(3);

    // Weeks: a failing day is drawn at its weekday and counted against the week's days within the dates
    // (a week cut by `from` or `to` has fewer), not shaded as if the whole week had failed.
    await page.goto(`/?bucket=week&stackBy=outlet&outlet=${bbc}&from=${from}&to=${to}`);
    await settled(card);
    const weeks = new Map<string, { failing: number; of: number }>();
    for (const day of [failed1, failed2]) {
      const week = mondayOf(day);
      let of = 0;
      for (let i = 0; i < 7; i++) if (addDays(week, i) >= from && addDays(week, i) <= to) of += 1;
      weeks.set(week, { failing: (weeks.get(week)?.failing ?? 0) + 1, of });
    }
    const shadedWeeks = await card
      .getByTestId('failure-shade')
      .evaluateAll((elements) =>
        elements.map((element) => [
          element.getAttribute('data-key'),
          element.querySelectorAll('rect').length,
        ]),
      );
    expect(shadedWeeks).toEqual([...weeks].map(([week, { failing }]) => [week, failing]));
    for (const [week, { failing, of }] of weeks)
      await expect(
        card.locator(`[data-testid="time-bar"][data-key="${week}"]`).getByTestId('time-bar-link'),
      ).toHaveAttribute(
        'aria-label',
        new RegExp(`collection failing on ${failing} of ${of} days? \\(e2e-bbc-feed\\)`),
      );

    // A failing day after the outlet's last article: within the dates it is on the axis, empty and
    // shaded; without dates (the chart ends at the last article) the note says it.
    const lastDay = queryRows<{ d: string }>('SELECT max(day) AS d FROM articles WHERE outlet_id = ?', bbc)[0]
      ?.d;
    if (!lastDay) throw new Error('BBC Arabic should have articles');
    const late = addDays(lastDay, 2);
    addRun(bbcFeed, late, 'failed', 'HTTP 502');
    await page.goto(
      `/?bucket=day&stackBy=outlet&outlet=${bbc}&from=${addDays(lastDay, -6)}&to=${addDays(late, 1)}`,
    );
    await settled(card);
    await expect(card.locator(`[data-testid="failure-shade"][data-key="${late}"]`)).toHaveCount(1);
    await expect(card.locator(`[data-testid="time-bar"][data-key="${late}"]`)).toHaveAttribute(
      'data-count',
      '0',
    );
    // The axis runs to the dates' last day, past the last article: those days read as empty, not absent.
    await expect(card.locator('[data-testid="time-bar"]').last()).toHaveAttribute(
      'data-key',
      addDays(late, 1),
    );
    await expect(card.locator('[data-testid="time-bar"]').last()).toHaveAttribute('data-count', '0');
    await saveScreenshot(page, 'failure-after-last-article', false);

    await page.goto(`/?bucket=month&stackBy=outlet&outlet=${bbc}`);
    await settled(card);
    const lateText = await page.evaluate(
      (day) =>
        new Intl.DateTimeFormat('en-GB', {
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(`${day}T00:00:00Z`)),
      late,
    );
    await expect(card.getByTestId('failure-outside')).toHaveText(
      `A source was also failing on 1 day outside these dates (${lateText}); widen the dates to see them.`,
    );
    await expect(card.locator(`[data-testid="time-bar"][data-key="${late.slice(0, 7)}"]`)).toHaveCount(
      late.slice(0, 7) === lastDay.slice(0, 7) ? 1 : 0,
    );
  } finally {
    db.prepare('DELETE FROM ingest_runs WHERE source_id IN (?, ?)').run(bbcFeed, franceFeed);
    db.prepare('DELETE FROM sources WHERE id IN (?, ?)').run(bbcFeed, franceFeed);
    db.close();
  }
});

test('search: the words found are marked in titles and snippets, as text', async ({ page }) => {
  await page.goto(`/articles?q=${encodeURIComponent('اسرائيل')}`);
  const list = page.getByTestId('article-list');
  await expect(list.getByTestId('article-item').first()).toBeVisible();
  const total = queryRows<{ n: number }>(
    `SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH '"اسراييل"'`,
  )[0]?.n;
  await expect(page.getByTestId('article-total')).toHaveText(`${total?.toLocaleString('en-GB')} articles`);

  const hits = await list.getByTestId('hit').allTextContents();
  expect(hits.length).toBeGreaterThan(0);
  // Each mark is a word that folds to the search's word (hamza and yeh forms aside).
  for (const hit of hits) expect(hit.replace(/[أإآ]/g, 'ا').replace(/ئ/g, 'ي')).toMatch(/اسراييل/);
  // Every item that shows a snippet marks a word in it or in its title, and nothing else is markup.
  const rows = await list.getByTestId('article-item').evaluateAll((items) =>
    items.map((item) => ({
      marks: item.querySelectorAll('mark').length,
      foreign: Array.from(item.querySelectorAll('.snippet *, .article-card-title a *')).filter(
        (element) => element.tagName !== 'MARK',
      ).length,
    })),
  );
  expect(rows.every((row) => row.marks > 0)).toBe(true);
  expect(rows.every((row) => row.foreign === 0)).toBe(true);
  await saveScreenshot(page, 'search-highlights', false);
});

test('article list: only the rows near the viewport are drawn, and scrolling loads and draws the rest', async ({
  page,
}) => {
  await page.goto('/articles');
  const list = page.getByTestId('article-list');
  await expect(list.getByTestId('article-item').first()).toBeVisible();
  const total = queryRows<{ n: number }>('SELECT count(*) AS n FROM articles')[0]?.n ?? 0;
  expect(total).toBeGreaterThan(500);
  const drawn = async () => list.getByTestId('article-item').count();
  expect(await drawn()).toBeLessThan(25);
  await expect(list.getByTestId('article-item').first()).toHaveAttribute('aria-setsize', String(total));

  // Scroll down a long way: more pages load, yet the DOM holds only a window of rows.
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(150);
  }
  await expect.poll(async () => Number(await list.getAttribute('data-loaded'))).toBeGreaterThan(75);
  expect(await drawn()).toBeLessThan(30);
  const firstShown = Number(await list.getByTestId('article-item').first().getAttribute('aria-posinset'));
  expect(firstShown).toBeGreaterThan(20);
  // The rows drawn are those on screen and a margin around them, none far away.
  const boxes = await list.getByTestId('article-item').evaluateAll((items) =>
    items.map((item) => {
      const box = item.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, height: window.innerHeight };
    }),
  );
  expect(boxes.some((box) => box.bottom > 0 && box.top < box.height)).toBe(true);
  for (const box of boxes) {
    expect(box.bottom).toBeGreaterThan(-1500);
    expect(box.top).toBeLessThan(box.height + 1500);
  }
  await saveScreenshot(page, 'articles-windowed', false);

  // Keyboard: tabbing through the titles walks past the first window without losing focus.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(list).toHaveAttribute('data-first-row', '0');
  await list.getByTestId('article-item').first().getByRole('link').first().focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  const focusedRow = await page.evaluate(
    () =>
      document.activeElement?.closest('[data-testid="article-item"]')?.getAttribute('aria-posinset') ?? null,
  );
  expect(Number(focusedRow)).toBeGreaterThan(15);
});

test('Arabic: the comparison, share and heat map read right to left with Arabic labels', async ({
  page,
  context,
  baseURL,
}) => {
  await context.addCookies([{ name: 'rasid-lang', value: 'ar', url: baseURL ?? '' }]);
  const bbc = outletIdByName('BBC Arabic');
  await page.goto(`/?bucket=month&compare=${encodeURIComponent('q:روسيا')}&compare=outlet:${bbc}`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const card = page.getByTestId('compare-card');
  await expect(card.getByRole('heading', { name: 'مقارنة' })).toBeVisible();
  await expect(card.getByTestId('line-point').first()).toBeVisible();
  await expect(card.locator('[data-testid="legend-toggle"][data-series="q:روسيا"]')).toContainText(
    'بحث: روسيا',
  );
  await expect(card.getByRole('button', { name: 'أضف إلى المقارنة' })).toBeVisible();
  await expect(
    page.getByTestId('heatmap-card').getByRole('heading', { name: 'الوسائل الإعلامية حسب الأسبوع' }),
  ).toBeVisible();
  await expect(page.getByTestId('heatmap-card').getByTestId('heatmap-cell').first()).toBeVisible();
  // The form starts at the right edge, as Arabic reads.
  const form = await card.locator('form').boundingBox();
  const kind = await card.getByRole('combobox', { name: 'قارن حسب' }).boundingBox();
  expect(form && kind && kind.x + kind.width > form.x + form.width / 2).toBe(true);
  await settled(card);
  await saveScreenshot(page, 'compare-ar');

  await page.getByTestId('time-card').getByText('النسبة من الإنتاج', { exact: true }).click();
  await expect(page).toHaveURL(/[?&]measure=share(&|$)/);
  await expect(page.getByTestId('share-chart').getByTestId('line-point').first()).toBeVisible();
});

test('the new API parameters are validated: a bad one is a 400 naming it', async ({ request }) => {
  const cases: [string, RegExp][] = [
    ['/api/compare?compare=foo:bar', /^compare: expected q:<search>, topic:<slug> or outlet:<id>/],
    ['/api/compare?compare=outlet:abc', /^compare: expected an outlet id/],
    ['/api/compare?compare=q:', /^compare: q: is empty/],
    ['/api/compare?compare=q:a&compare=q:a', /^compare: the same series is listed twice/],
    [
      `/api/compare?${Array.from({ length: 9 }, (_, i) => `compare=q:w${i}`).join('&')}`,
      /^compare: at most 8/,
    ],
    ['/api/compare?compare=q:a&measure=ratio', /^measure: /],
    ['/api/compare?compare=q:a&bucket=year', /^bucket: /],
    [`/api/compare?compare=${encodeURIComponent('q:(غزة')}`, /^compare: q:\(غزة: search: /],
    ['/api/share?by=topic', /^by: /],
    ['/api/share?bucket=hour', /^bucket: /],
    ['/api/heatmap?from=2018-13-01', /^from: /],
    ['/api/source-failures?outlet=x', /^outlet: /],
  ];
  for (const [url, message] of cases) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(400);
    expect(((await response.json()) as { error: string }).error, url).toMatch(message);
  }
});
