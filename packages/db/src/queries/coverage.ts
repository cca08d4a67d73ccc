import type { Db } from '../client.ts';
import {
  articlesFrom,
  articleWhere,
  countScope,
  type RollupPart,
  resolveScope,
  rollupFor,
  rollupParts,
  rollupWhere,
  type Scope,
} from './scope.ts';
import { prepare } from './statements.ts';
import {
  type CoverageFilters,
  type CoverageGroup,
  type CoveragePoint,
  type DateRange,
  UNKNOWN_LANGUAGE,
} from './types.ts';

export type CoverageStack = 'outlet' | 'topic' | 'language';

/**
 * SQL for a dimension's raw value on the rollup alias `r` or the articles alias `a` (+ topics `t`).
 * `period` is the rollup table's time column: a weekly or monthly table holds its week or month as is.
 */
function dimensionSql(
  dim: CoverageGroup,
  source: 'rollup' | 'articles',
  period: RollupPart['period'] = 'day',
): string {
  const p = source === 'rollup' ? 'r' : 'a';
  switch (dim) {
    case 'day':
      return `${p}.day`;
    case 'week':
      // Back 6 days, then forward to the next Monday (or stay on it): the Monday of its ISO week.
      return period === 'week' ? 'r.week' : `date(${p}.day, '-6 days', 'weekday 1')`;
    case 'month':
      return period === 'month' ? 'r.month' : `substr(${p}.day, 1, 7)`;
    case 'outlet':
      return `${p}.outlet_id`;
    case 'language':
      return source === 'rollup' ? 'r.language' : "coalesce(a.language, '')";
    case 'topic':
      return source === 'rollup' ? 'r.topic_id' : 't.topic_id';
  }
}

/**
 * The coarsest rollup period that still yields the chart's keys: days need the daily rows, weeks the
 * weekly ones; months, and charts with no time dimension (stacks never are one), whole months.
 */
function grainFor(groupBy: CoverageGroup): 'week' | 'month' | null {
  if (groupBy === 'day') return null;
  return groupBy === 'week' ? 'week' : 'month';
}

type Labeler = (raw: string | number) => { key: string; label: string };

function labeler(db: Db, dim: CoverageGroup): Labeler {
  if (dim === 'outlet') {
    const names = new Map(
      (prepare(db, 'SELECT id, name FROM outlets').all() as { id: number; name: string }[]).map((o) => [
        o.id,
        o.name,
      ]),
    );
    return (raw) => ({ key: String(raw), label: names.get(Number(raw)) ?? String(raw) });
  }
  if (dim === 'topic') {
    const topics = new Map(
      (
        prepare(db, 'SELECT id, slug, name FROM topics').all() as { id: number; slug: string; name: string }[]
      ).map((t) => [t.id, t]),
    );
    return (raw) => {
      const topic = topics.get(Number(raw));
      return { key: topic?.slug ?? String(raw), label: topic?.name ?? String(raw) };
    };
  }
  if (dim === 'language') {
    return (raw) => {
      const code = raw === '' ? UNKNOWN_LANGUAGE : String(raw);
      return { key: code, label: code };
    };
  }
  return (raw) => ({ key: String(raw), label: String(raw) });
}

/** Days and months sort as text; outlet ids as numbers. */
function compareKeys(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isInteger(x) && Number.isInteger(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

type CountRow = { k: string | number; s: string | number | null; n: number };

/** A chart's rows counted on the articles themselves (or, with `copies`, on the scope's copies alone). */
function countArticleRows(
  db: Db,
  scope: Scope,
  groupBy: CoverageGroup,
  stackBy: CoverageStack | null,
  opts: { copies?: boolean } = {},
): CountRow[] {
  const topicDimension = groupBy === 'topic' || stackBy === 'topic';
  const key = dimensionSql(groupBy, 'articles');
  const stack = stackBy ? dimensionSql(stackBy, 'articles') : 'NULL';
  const from = `${articlesFrom(scope, opts)}${topicDimension ? ' JOIN article_topics t ON t.article_id = a.id' : ''}`;
  const where = articleWhere(scope, { topicJoin: topicDimension, copies: opts.copies ?? false });
  return prepare(
    db,
    `SELECT ${key} AS k, ${stack} AS s, count(*) AS n FROM ${from} ${where.sql} GROUP BY k, s`,
  ).all(...where.params) as CountRow[];
}

/**
 * Rollup rows less the copies' rows of the same cells: the rollups count every article, so this is each
 * text once. A cell left with no article is dropped, as a count on the articles would never list it.
 */
function subtractRows(rows: CountRow[], copies: CountRow[]): CountRow[] {
  if (copies.length === 0) return rows;
  const cell = (row: CountRow) => `${row.k}\u0000${row.s ?? ''}`;
  const copied = new Map(copies.map((row) => [cell(row), row.n]));
  return rows.flatMap((row) => {
    const minus = copied.get(cell(row)) ?? 0;
    if (minus === 0) return [row];
    return row.n - minus > 0 ? [{ ...row, n: row.n - minus }] : [];
  });
}

/**
 * Article counts for a chart: one point per `groupBy` key (a day, week Monday, YYYY-MM, outlet id,
 * topic slug or language code), split by `stackBy` when given, ordered by key then stack. Grouping or
 * stacking by topic counts an article once in each of its topics; otherwise each article counts once.
 * Served from the rollups (whole weeks or months from the coarser tables) unless a search (or a
 * multi-topic filter) needs the articles; unique counts (`filters.unique`) subtract the copies from them.
 */
export function countCoverage(
  db: Db,
  filters: CoverageFilters,
  groupBy: CoverageGroup,
  stackBy: CoverageStack | null = null,
): CoveragePoint[] {
  const scope = resolveScope(db, filters);
  if (scope.empty) return [];
  const topicDimension = groupBy === 'topic' || stackBy === 'topic';
  const rollup = rollupFor(scope, topicDimension);
  let rows: CountRow[];
  if (rollup) {
    const parts = rollupParts(scope, { topics: rollup === 'topic', grain: grainFor(groupBy) });
    const selects = parts.map(
      (p) =>
        `SELECT ${dimensionSql(groupBy, 'rollup', p.period)} AS k, ${stackBy ? dimensionSql(stackBy, 'rollup', p.period) : 'NULL'} AS s, sum(r.count) AS n
         FROM ${p.table} r ${p.where.sql} GROUP BY k, s`,
    );
    const sql =
      selects.length === 1
        ? selects[0]
        : `SELECT k, s, sum(n) AS n FROM (${selects.join(' UNION ALL ')}) GROUP BY k, s`;
    rows = prepare(db, sql as string).all(...parts.flatMap((p) => p.where.params)) as typeof rows;
    if (scope.unique)
      rows = subtractRows(rows, countArticleRows(db, scope, groupBy, stackBy, { copies: true }));
  } else {
    rows = countArticleRows(db, scope, groupBy, stackBy);
  }

  const keyLabel = labeler(db, groupBy);
  const stackLabel = stackBy ? labeler(db, stackBy) : null;
  const points = rows.map((row): CoveragePoint => {
    const k = keyLabel(row.k);
    const s = stackLabel && row.s !== null ? stackLabel(row.s) : null;
    return { key: k.key, label: k.label, stack: s?.key ?? null, stackLabel: s?.label ?? null, count: row.n };
  });
  return points.sort((a, b) => compareKeys(a.key, b.key) || compareKeys(a.stack ?? '', b.stack ?? ''));
}

/** How many articles match (equals the sum of an ungrouped-by-topic chart's counts). */
export function countArticles(db: Db, filters: CoverageFilters): number {
  return countScope(db, resolveScope(db, filters));
}

/** First and last day with matching articles. */
export function getDateRange(db: Db, filters: CoverageFilters): DateRange {
  const scope: Scope = resolveScope(db, filters);
  if (scope.empty) return { from: null, to: null };
  // A first or last day may hold copies alone, which the rollups cannot tell: unique ranges read articles.
  const rollup = scope.unique ? null : rollupFor(scope, false);
  let row: { from: string | null; to: string | null };
  if (rollup) {
    const where = rollupWhere(scope, { topics: rollup === 'topic' });
    const table = rollup === 'topic' ? 'rollup_daily_topic' : 'rollup_daily';
    row = prepare(db, `SELECT min(r.day) AS "from", max(r.day) AS "to" FROM ${table} r ${where.sql}`).get(
      ...where.params,
    ) as typeof row;
  } else {
    const where = articleWhere(scope);
    row = prepare(
      db,
      `SELECT min(a.day) AS "from", max(a.day) AS "to" FROM ${articlesFrom(scope)} ${where.sql}`,
    ).get(...where.params) as typeof row;
  }
  return { from: row.from ?? null, to: row.to ?? null };
}
