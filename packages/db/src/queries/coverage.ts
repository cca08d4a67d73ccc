import type { Db } from '../client.ts';
import { articleWhere, countScope, resolveScope, rollupFor, rollupWhere, type Scope } from './scope.ts';
import { prepare } from './statements.ts';
import {
  type CoverageFilters,
  type CoverageGroup,
  type CoveragePoint,
  type DateRange,
  UNKNOWN_LANGUAGE,
} from './types.ts';

export type CoverageStack = 'outlet' | 'topic' | 'language';

/** SQL for a dimension's raw value on the rollup alias `r` or the articles alias `a` (+ topics `t`). */
function dimensionSql(dim: CoverageGroup, source: 'rollup' | 'articles'): string {
  const p = source === 'rollup' ? 'r' : 'a';
  switch (dim) {
    case 'day':
      return `${p}.day`;
    case 'week':
      // Back 6 days, then forward to the next Monday (or stay on it): the Monday of its ISO week.
      return `date(${p}.day, '-6 days', 'weekday 1')`;
    case 'month':
      return `substr(${p}.day, 1, 7)`;
    case 'outlet':
      return `${p}.outlet_id`;
    case 'language':
      return source === 'rollup' ? 'r.language' : "coalesce(a.language, '')";
    case 'topic':
      return source === 'rollup' ? 'r.topic_id' : 't.topic_id';
  }
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

/**
 * Article counts for a chart: one point per `groupBy` key (a day, week Monday, YYYY-MM, outlet id,
 * topic slug or language code), split by `stackBy` when given, ordered by key then stack. Grouping or
 * stacking by topic counts an article once in each of its topics; otherwise each article counts once.
 * Served from the daily rollups unless a search (or a multi-topic filter) needs the articles.
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
  const source = rollup ? 'rollup' : 'articles';
  const key = dimensionSql(groupBy, source);
  const stack = stackBy ? dimensionSql(stackBy, source) : 'NULL';

  let from: string;
  let where: { sql: string; params: unknown[] };
  if (rollup) {
    from = rollup === 'topic' ? 'rollup_daily_topic r' : 'rollup_daily r';
    where = rollupWhere(scope, { topics: rollup === 'topic' });
  } else {
    from = topicDimension ? 'articles a JOIN article_topics t ON t.article_id = a.id' : 'articles a';
    where = articleWhere(scope, { topicJoin: topicDimension });
  }
  const count = rollup ? 'sum(r.count)' : 'count(*)';
  const rows = prepare(
    db,
    `SELECT ${key} AS k, ${stack} AS s, ${count} AS n FROM ${from} ${where.sql} GROUP BY k, s`,
  ).all(...where.params) as { k: string | number; s: string | number | null; n: number }[];

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
  const rollup = rollupFor(scope, false);
  let row: { from: string | null; to: string | null };
  if (rollup) {
    const where = rollupWhere(scope, { topics: rollup === 'topic' });
    const table = rollup === 'topic' ? 'rollup_daily_topic' : 'rollup_daily';
    row = prepare(db, `SELECT min(r.day) AS "from", max(r.day) AS "to" FROM ${table} r ${where.sql}`).get(
      ...where.params,
    ) as typeof row;
  } else {
    const where = articleWhere(scope);
    row = prepare(db, `SELECT min(a.day) AS "from", max(a.day) AS "to" FROM articles a ${where.sql}`).get(
      ...where.params,
    ) as typeof row;
  }
  return { from: row.from ?? null, to: row.to ?? null };
}
