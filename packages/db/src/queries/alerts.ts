// Spike alerts: a day's article count in a scope (everything, an outlet, a topic, a search) against the
// SPIKE_HISTORY_DAYS days before it. Counts come from countCoverage, so they are the dashboard's own figures
// (served from the daily rollups except for searches). Detected spikes are written to `alerts`, one row per
// rule and day; delivering them to a webhook is the worker's job (listAlerts({ undelivered }) then
// markAlertDelivered).
import type { Db } from '../client.ts';
import { countCoverage } from './coverage.ts';
import { addDays } from './dates.ts';
import { nowIso, prepare, writeTransaction } from './statements.ts';
import type { CoverageFilters } from './types.ts';

/** How many days before a day its count is compared with. */
export const SPIKE_HISTORY_DAYS = 14;

export type SpikeRule = {
  /** Standard deviations above the mean a count must exceed. */
  k: number;
  /** Fewest articles a spike day must have: keeps 0 → 2 on a quiet topic from being an alert. */
  minCount: number;
  /** Fewest known days of history a verdict needs (days before the first stored day are unknown). */
  minHistory?: number;
};

export const DEFAULT_SPIKE_RULE: Required<SpikeRule> = { k: 3, minCount: 5, minHistory: 7 };

export type SpikeCheck = {
  spike: boolean;
  count: number;
  mean: number;
  /** Population standard deviation of the history. */
  stddev: number;
  /** mean + k·stddev: the count must be above it (and at least minCount). */
  threshold: number;
  /** Days of history the verdict used. */
  history: number;
};

const isCount = (n: number) => Number.isInteger(n) && n >= 0;

function checkRule(rule: SpikeRule, where: string): Required<SpikeRule> {
  const full = { ...DEFAULT_SPIKE_RULE, ...rule };
  if (!(Number.isFinite(full.k) && full.k >= 0))
    throw new Error(`${where}: k must be a finite number ≥ 0, got ${rule.k}`);
  if (!(Number.isInteger(full.minCount) && full.minCount >= 1))
    throw new Error(`${where}: minCount must be a whole number ≥ 1, got ${rule.minCount}`);
  if (!(Number.isInteger(full.minHistory) && full.minHistory >= 1 && full.minHistory <= SPIKE_HISTORY_DAYS))
    throw new Error(
      `${where}: minHistory must be a whole number from 1 to ${SPIKE_HISTORY_DAYS}, got ${rule.minHistory}`,
    );
  return full;
}

/**
 * The spike rule. `history` is the counts of the days before (oldest first, at most SPIKE_HISTORY_DAYS;
 * the last ones are used), `count` the day's own. A spike is a count of at least `minCount` that is above
 * mean + k·stddev of the history. Strictly above: on a flat history (stddev 0) a day equal to the usual
 * count is not a spike, one more article is. With fewer than `minHistory` days of history there is no
 * verdict (spike false): the first days of a new source would otherwise all be spikes.
 */
export function detectSpike(
  history: readonly number[],
  count: number,
  rule: SpikeRule = DEFAULT_SPIKE_RULE,
): SpikeCheck {
  const { k, minCount, minHistory } = checkRule(rule, 'detectSpike');
  if (!isCount(count)) throw new Error(`detectSpike: count must be a whole number ≥ 0, got ${count}`);
  const bad = history.findIndex((n) => !isCount(n));
  if (bad >= 0)
    throw new Error(`detectSpike: history[${bad}] must be a whole number ≥ 0, got ${history[bad]}`);
  const days = history.slice(-SPIKE_HISTORY_DAYS);
  const n = days.length;
  const mean = n ? days.reduce((a, b) => a + b, 0) / n : 0;
  const stddev = n ? Math.sqrt(days.reduce((a, b) => a + (b - mean) ** 2, 0) / n) : 0;
  const threshold = mean + k * stddev;
  const spike = n >= minHistory && count >= minCount && count > threshold;
  return { spike, count, mean, stddev, threshold, history: n };
}

// ---------------------------------------------------------------------------------------------------------
// Scopes and daily series.

export type SpikeScope =
  | { kind: 'all' }
  | { kind: 'outlet'; outletId: number }
  | { kind: 'topic'; slug: string }
  | { kind: 'query'; q: string };

export type SpikePoint = SpikeCheck & { day: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function filtersOf(scope: SpikeScope): CoverageFilters {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'outlet':
      if (!(Number.isInteger(scope.outletId) && scope.outletId > 0))
        throw new Error(`spike scope: outletId must be a positive whole number, got ${scope.outletId}`);
      return { outlets: [scope.outletId] };
    case 'topic':
      if (!scope.slug?.trim()) throw new Error('spike scope: topic slug is empty');
      return { topics: [scope.slug] };
    case 'query':
      if (!scope.q?.trim()) throw new Error('spike scope: query is empty');
      return { q: scope.q };
    default:
      throw new Error(`spike scope: unknown kind ${JSON.stringify((scope as { kind: unknown }).kind)}`);
  }
}

/**
 * The rule's verdict for every day from `from` to `to` (inclusive) in a scope. History before the first
 * day the database holds any article is unknown, not zero.
 */
export function computeSpikes(
  db: Db,
  scope: SpikeScope,
  range: { from: string; to: string },
  rule: SpikeRule = DEFAULT_SPIKE_RULE,
): SpikePoint[] {
  return computeSpikesOf(db, filtersOf(scope), range, rule);
}

/**
 * computeSpikes for any coverage filters (the dashboard's: several outlets, topics, languages and a search
 * at once), not only a rule's single scope. The filters' own from/to are ignored: `range` and the history
 * before it decide the days.
 */
export function computeSpikesOf(
  db: Db,
  scopeFilters: CoverageFilters,
  range: { from: string; to: string },
  rule: SpikeRule = DEFAULT_SPIKE_RULE,
): SpikePoint[] {
  for (const key of ['from', 'to'] as const)
    if (!DAY.test(range[key] ?? ''))
      throw new Error(
        `computeSpikes: ${key} must be a day written YYYY-MM-DD, got ${JSON.stringify(range[key])}`,
      );
  if (range.from > range.to) throw new Error(`computeSpikes: from ${range.from} is after to ${range.to}`);
  checkRule(rule, 'computeSpikes');
  const firstKnown = prepare(db, 'SELECT min(day) FROM rollup_daily').pluck().get() as string | null;
  if (firstKnown === null) return [];
  const start = addDays(range.from, -SPIKE_HISTORY_DAYS);
  const filters = { ...scopeFilters, from: start, to: range.to };
  const counts = new Map(countCoverage(db, filters, 'day').map((p) => [p.key, p.count]));
  // Every day from `start` written once, so each day's history is the 14 entries before it: an addDays
  // per history day cost 130 ms (and 0.6 s on a busy machine) over the 1M bench database's 2,800 days.
  const days: string[] = [];
  for (let day = start; day <= range.to; day = addDays(day, 1)) days.push(day);
  const points: SpikePoint[] = [];
  for (let i = SPIKE_HISTORY_DAYS; i < days.length; i++) {
    const day = days[i] as string;
    const history: number[] = [];
    for (let j = i - SPIKE_HISTORY_DAYS; j < i; j++) {
      const before = days[j] as string;
      if (before >= firstKnown) history.push(counts.get(before) ?? 0);
    }
    points.push({ day, ...detectSpike(history, counts.get(day) ?? 0, rule) });
  }
  return points;
}

// ---------------------------------------------------------------------------------------------------------
// Rules and alerts.

export type AlertRuleInput = {
  name: string;
  scope: SpikeScope;
  k?: number;
  minCount?: number;
  webhookUrl?: string | null;
  enabled?: boolean;
};

export type AlertRule = {
  id: number;
  name: string;
  scope: SpikeScope;
  k: number;
  minCount: number;
  webhookUrl: string | null;
  enabled: boolean;
};

type RuleRow = {
  id: number;
  name: string;
  scopeKind: SpikeScope['kind'];
  scopeValue: string;
  k: number;
  minCount: number;
  webhookUrl: string | null;
  enabled: number;
};

const RULE_COLUMNS = `id, name, scope_kind AS scopeKind, scope_value AS scopeValue, k, min_count AS minCount,
  webhook_url AS webhookUrl, enabled`;

function scopeOf(row: Pick<RuleRow, 'scopeKind' | 'scopeValue'>): SpikeScope {
  switch (row.scopeKind) {
    case 'outlet':
      return { kind: 'outlet', outletId: Number(row.scopeValue) };
    case 'topic':
      return { kind: 'topic', slug: row.scopeValue };
    case 'query':
      return { kind: 'query', q: row.scopeValue };
    default:
      return { kind: 'all' };
  }
}

const scopeValueOf = (scope: SpikeScope): string =>
  scope.kind === 'outlet'
    ? String(scope.outletId)
    : scope.kind === 'topic'
      ? scope.slug
      : scope.kind === 'query'
        ? scope.q
        : '';

const toRule = (row: RuleRow): AlertRule => ({
  id: row.id,
  name: row.name,
  scope: scopeOf(row),
  k: row.k,
  minCount: row.minCount,
  webhookUrl: row.webhookUrl,
  enabled: row.enabled === 1,
});

/** Creates or (same name) replaces a rule. Throws naming the field when the rule is not valid. */
export function upsertAlertRule(db: Db, input: AlertRuleInput): AlertRule {
  const name = input.name?.trim();
  if (!name) throw new Error('alert rule: name is empty');
  const where = `alert rule ${JSON.stringify(name)}`;
  filtersOf(input.scope);
  const rule = checkRule(
    { k: input.k ?? DEFAULT_SPIKE_RULE.k, minCount: input.minCount ?? DEFAULT_SPIKE_RULE.minCount },
    where,
  );
  const webhookUrl = input.webhookUrl?.trim() || null;
  if (webhookUrl !== null) {
    let protocol = '';
    try {
      protocol = new URL(webhookUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new Error(`${where}: webhookUrl must be an http(s) URL, got ${JSON.stringify(webhookUrl)}`);
  }
  const now = nowIso();
  prepare(
    db,
    `INSERT INTO alert_rules (name, scope_kind, scope_value, k, min_count, webhook_url, enabled, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET scope_kind = excluded.scope_kind, scope_value = excluded.scope_value,
       k = excluded.k, min_count = excluded.min_count, webhook_url = excluded.webhook_url,
       enabled = excluded.enabled, updated_at = excluded.updated_at`,
  ).run(
    name,
    input.scope.kind,
    scopeValueOf(input.scope),
    rule.k,
    rule.minCount,
    webhookUrl,
    input.enabled === false ? 0 : 1,
    now,
    now,
  );
  return toRule(prepare(db, `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE name = ?`).get(name) as RuleRow);
}

export function listAlertRules(db: Db): AlertRule[] {
  return (prepare(db, `SELECT ${RULE_COLUMNS} FROM alert_rules ORDER BY name`).all() as RuleRow[]).map(
    toRule,
  );
}

export type Alert = {
  id: number;
  ruleId: number;
  ruleName: string;
  scope: SpikeScope;
  webhookUrl: string | null;
  day: string;
  count: number;
  mean: number;
  stddev: number;
  threshold: number;
  createdAt: string;
  deliveredAt: string | null;
};

/**
 * Runs every enabled rule over the days from `from` to `to` and writes the spikes to `alerts`: one row
 * per rule and day, its figures refreshed when evaluated again (more articles arrived), never duplicated.
 * A day that stops being a spike keeps its alert: it was raised and may have been delivered. Returns the
 * alerts this call created.
 */
export function evaluateAlertRules(db: Db, range: { from: string; to: string }): Alert[] {
  const rules = listAlertRules(db).filter((r) => r.enabled);
  const upsert = prepare(
    db,
    `INSERT INTO alerts (rule_id, day, count, mean, stddev, threshold, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (rule_id, day) DO UPDATE SET count = excluded.count, mean = excluded.mean,
       stddev = excluded.stddev, threshold = excluded.threshold, updated_at = excluded.updated_at
     WHERE count <> excluded.count OR mean <> excluded.mean OR stddev <> excluded.stddev
     RETURNING id, created_at = updated_at AS created`,
  );
  const created: number[] = [];
  writeTransaction(db, () => {
    const now = nowIso();
    for (const rule of rules) {
      for (const p of computeSpikes(db, rule.scope, range, { k: rule.k, minCount: rule.minCount })) {
        if (!p.spike) continue;
        const row = upsert.get(rule.id, p.day, p.count, p.mean, p.stddev, p.threshold, now, now) as
          | { id: number; created: number }
          | undefined;
        if (row?.created === 1) created.push(row.id);
      }
    }
  })();
  return created.length ? listAlerts(db, { ids: created }) : [];
}

export type AlertFilters = {
  from?: string;
  to?: string;
  ruleId?: number;
  /** Only alerts of rules with a webhook that have not been delivered yet. */
  undelivered?: boolean;
  ids?: number[];
  limit?: number;
};

/** Alerts newest day first, with their rule. */
export function listAlerts(db: Db, filters: AlertFilters = {}): Alert[] {
  for (const key of ['from', 'to'] as const) {
    const value = filters[key];
    if (value !== undefined && !DAY.test(value))
      throw new Error(`listAlerts: ${key} must be a day written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.from) {
    where.push('a.day >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    where.push('a.day <= ?');
    params.push(filters.to);
  }
  if (filters.ruleId !== undefined) {
    where.push('a.rule_id = ?');
    params.push(filters.ruleId);
  }
  if (filters.undelivered) where.push('a.delivered_at IS NULL AND r.webhook_url IS NOT NULL');
  if (filters.ids) {
    where.push('a.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filters.ids));
  }
  const rows = prepare(
    db,
    `SELECT a.id, a.rule_id AS ruleId, r.name AS ruleName, r.scope_kind AS scopeKind, r.scope_value AS scopeValue,
       r.webhook_url AS webhookUrl, a.day, a.count, a.mean, a.stddev, a.threshold, a.created_at AS createdAt,
       a.delivered_at AS deliveredAt
     FROM alerts a JOIN alert_rules r ON r.id = a.rule_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.day DESC, a.id DESC LIMIT ?`,
  ).all(...params, filters.limit ?? 100) as (Omit<Alert, 'scope'> &
    Pick<RuleRow, 'scopeKind' | 'scopeValue'>)[];
  return rows.map(({ scopeKind, scopeValue, ...alert }) => ({
    ...alert,
    scope: scopeOf({ scopeKind, scopeValue }),
  }));
}

/** Records that the worker delivered an alert to its rule's webhook. Throws when there is no such alert. */
export function markAlertDelivered(db: Db, id: number, at: string = nowIso()): void {
  const changes = prepare(db, 'UPDATE alerts SET delivered_at = ? WHERE id = ?').run(at, id).changes;
  if (changes === 0) throw new Error(`markAlertDelivered: no alert with id ${id}`);
}
