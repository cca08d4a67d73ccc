import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import { addDays } from '../src/queries/dates.ts';
import {
  computeSpikes,
  detectSpike,
  evaluateAlertRules,
  listAlertRules,
  listAlerts,
  listOutlets,
  markAlertDelivered,
  storeArticles,
  upsertAlertRule,
} from '../src/queries/index.ts';
import { makeArticle, makeItem } from './helpers.ts';

const flat = (n: number, days = 14) => new Array<number>(days).fill(n);

describe('detectSpike', () => {
  // k = 3, minCount = 5, minHistory = 7 unless the row says otherwise.
  it.each([
    { why: 'flat history, same count', history: flat(10), count: 10, spike: false },
    { why: 'flat history, one more', history: flat(10), count: 11, spike: true },
    { why: 'quiet topic: 0 → 4 is below minCount', history: flat(0), count: 4, spike: false },
    { why: 'quiet topic: 0 → 5 reaches minCount', history: flat(0), count: 5, spike: true },
    {
      why: 'noisy history: within mean + 3σ',
      history: [2, 8, 2, 8, 2, 8, 2, 8, 2, 8, 2, 8, 2, 8],
      count: 14,
      spike: false,
    },
    {
      why: 'noisy history: above mean + 3σ (5 + 3·3 = 14)',
      history: [2, 8, 2, 8, 2, 8, 2, 8, 2, 8, 2, 8, 2, 8],
      count: 15,
      spike: true,
    },
    { why: 'a drop is never a spike', history: flat(40), count: 3, spike: false },
    { why: 'too little history for a verdict', history: flat(0, 6), count: 50, spike: false },
    { why: 'just enough history', history: flat(0, 7), count: 50, spike: true },
    { why: 'only the last 14 days count', history: [...flat(100, 5), ...flat(1)], count: 6, spike: true },
    {
      why: 'k = 0: anything above the mean',
      history: flat(6),
      count: 7,
      spike: true,
      rule: { k: 0, minCount: 1 },
    },
    { why: 'minHistory 1', history: [0], count: 3, spike: true, rule: { k: 3, minCount: 1, minHistory: 1 } },
  ])('$why', ({ history, count, spike, rule }) => {
    expect(detectSpike(history, count, rule).spike).toBe(spike);
  });

  it('reports the figures it decided on', () => {
    expect(detectSpike([2, 8, 2, 8, 2, 8, 2, 8, 2, 8, 2, 8, 2, 8], 15)).toEqual({
      spike: true,
      count: 15,
      mean: 5,
      stddev: 3,
      threshold: 14,
      history: 14,
    });
  });

  it.each([
    [[1, -1], 3, {}, /history\[1\] must be a whole number ≥ 0, got -1/],
    [[1, 2.5], 3, {}, /history\[1\] must be a whole number ≥ 0, got 2.5/],
    [[1], -3, {}, /count must be a whole number ≥ 0, got -3/],
    [[1], 3, { k: Number.NaN }, /k must be a finite number ≥ 0, got NaN/],
    [[1], 3, { minCount: 0 }, /minCount must be a whole number ≥ 1, got 0/],
    [[1], 3, { minHistory: 15 }, /minHistory must be a whole number from 1 to 14, got 15/],
  ])('rejects history %o, count %d, rule %o', (history, count, rule, message) => {
    expect(() => detectSpike(history, count, { k: 3, minCount: 5, ...rule })).toThrow(message);
  });
});

describe('spikes from the database', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    return () => closeDatabase(db);
  });

  // 20 quiet days (2 a day from example.com), then day 21 with 12 (10 of them from b.example about sport).
  const START = '2024-03-01';
  const SPIKE_DAY = addDays(START, 20);
  function seed(): void {
    const items = [];
    for (let d = 0; d < 20; d++) {
      const day = addDays(START, d);
      for (let i = 0; i < 2; i++)
        items.push(
          makeItem(makeArticle({ url: `https://a.example/${day}/${i}`, publishedAt: `${day}T10:00:00Z` })),
        );
    }
    for (let i = 0; i < 2; i++)
      items.push(
        makeItem(
          makeArticle({ url: `https://a.example/${SPIKE_DAY}/${i}`, publishedAt: `${SPIKE_DAY}T10:00:00Z` }),
        ),
      );
    for (let i = 0; i < 10; i++)
      items.push(
        makeItem(
          makeArticle({
            url: `https://b.example/${i}`,
            outlet: { name: 'B', domain: 'b.example' },
            title: `مباراة ${i}`,
            publishedAt: `${SPIKE_DAY}T12:00:00Z`,
            topics: [{ slug: 'sport', score: 1, source: 'rules' }],
          }),
        ),
      );
    storeArticles(db, items);
  }

  const outletId = (domain: string) => listOutlets(db).find((o) => o.domain === domain)?.id ?? 0;
  const spikeDays = (points: { day: string; spike: boolean }[]) =>
    points.filter((p) => p.spike).map((p) => p.day);
  const range = { from: START, to: addDays(START, 21) };

  it.each([
    // 12 against a flat 2 a day.
    { scope: 'all', days: [SPIKE_DAY] },
    // Its usual 2 on the spike day too: the spike is elsewhere.
    { scope: 'outlet example.com', days: [] },
    // 10 against 14 days of nothing (the topic is new, but the database has history).
    { scope: 'topic sport', days: [SPIKE_DAY] },
  ])('$scope', ({ scope, days }) => {
    seed();
    const s =
      scope === 'all'
        ? ({ kind: 'all' } as const)
        : scope === 'outlet example.com'
          ? ({ kind: 'outlet', outletId: outletId('example.com') } as const)
          : ({ kind: 'topic', slug: 'sport' } as const);
    expect(spikeDays(computeSpikes(db, s, range))).toEqual(days);
  });

  it('the first days of the database have no verdict; a higher minCount silences a small spike', () => {
    seed();
    const points = computeSpikes(db, { kind: 'all' }, range);
    // The first 7 days lack history (nothing is known before the first stored day).
    expect(points.slice(0, 7).every((p) => p.history < 7 && !p.spike)).toBe(true);
    expect(points.find((p) => p.day === SPIKE_DAY)).toMatchObject({
      count: 12,
      mean: 2,
      stddev: 0,
      spike: true,
    });
    // b.example had nothing before: 10 articles against 14 known days of 0.
    expect(spikeDays(computeSpikes(db, { kind: 'outlet', outletId: outletId('b.example') }, range))).toEqual([
      SPIKE_DAY,
    ]);
    expect(
      spikeDays(computeSpikes(db, { kind: 'topic', slug: 'sport' }, range, { k: 3, minCount: 11 })),
    ).toEqual([]);
  });

  it('writes spikes of enabled rules once per rule and day, and hands undelivered ones to the worker', () => {
    seed();
    const rule = upsertAlertRule(db, {
      name: 'everything',
      scope: { kind: 'all' },
      webhookUrl: 'https://hooks.example/x',
    });
    upsertAlertRule(db, {
      name: 'b',
      scope: { kind: 'outlet', outletId: outletId('b.example') },
      enabled: false,
    });
    const created = evaluateAlertRules(db, range);
    expect(created.map((a) => [a.ruleName, a.day, a.count])).toEqual([['everything', SPIKE_DAY, 12]]);
    // Evaluating again writes nothing new.
    expect(evaluateAlertRules(db, range)).toEqual([]);
    expect(listAlerts(db)).toHaveLength(1);
    expect(listAlerts(db, { undelivered: true }).map((a) => a.id)).toEqual([created[0]?.id]);
    markAlertDelivered(db, created[0]?.id ?? 0, '2024-03-22T00:00:00Z');
    expect(listAlerts(db, { undelivered: true })).toEqual([]);
    expect(listAlerts(db, { ruleId: rule.id })[0]).toMatchObject({
      deliveredAt: '2024-03-22T00:00:00Z',
      scope: { kind: 'all' },
    });
    expect(() => markAlertDelivered(db, 999)).toThrow(/no alert with id 999/);
  });

  it('keeps one rule per name: saving it again replaces it', () => {
    upsertAlertRule(db, { name: 'sport', scope: { kind: 'topic', slug: 'sport' } });
    upsertAlertRule(db, { name: 'sport', scope: { kind: 'query', q: 'مباراة' }, k: 2, minCount: 3 });
    expect(listAlertRules(db)).toEqual([
      {
        id: 1,
        name: 'sport',
        scope: { kind: 'query', q: 'مباراة' },
        k: 2,
        minCount: 3,
        webhookUrl: null,
        enabled: true,
      },
    ]);
  });

  it.each([
    [{ name: ' ', scope: { kind: 'all' } }, /name is empty/],
    [{ name: 'x', scope: { kind: 'topic', slug: '' } }, /topic slug is empty/],
    [
      { name: 'x', scope: { kind: 'outlet', outletId: 0 } },
      /outletId must be a positive whole number, got 0/,
    ],
    [{ name: 'x', scope: { kind: 'all' }, k: -1 }, /alert rule "x": k must be a finite number ≥ 0, got -1/],
    [{ name: 'x', scope: { kind: 'all' }, webhookUrl: 'ftp://a' }, /webhookUrl must be an http\(s\) URL/],
  ] as const)('rejects rule %o', (input, message) => {
    expect(() => upsertAlertRule(db, input as Parameters<typeof upsertAlertRule>[1])).toThrow(message);
  });

  it('counts a search scope through the full-text index', () => {
    seed();
    expect(spikeDays(computeSpikes(db, { kind: 'query', q: 'مباراة' }, range))).toEqual([SPIKE_DAY]);
  });

  it.each([
    [{ from: '2024-3-1', to: '2024-03-02' }, /from must be a day written YYYY-MM-DD/],
    [{ from: '2024-03-05', to: '2024-03-02' }, /from 2024-03-05 is after to 2024-03-02/],
  ])('rejects range %o', (r, message) => {
    expect(() => computeSpikes(db, { kind: 'all' }, r)).toThrow(message);
  });
});
