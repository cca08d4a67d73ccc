// Filters → SQL conditions, shared by charts, counts and lists so they always agree on what matches.
import type { Db } from '../client.ts';
import { addDays, weekStart } from './dates.ts';
import { parseSearch } from './search.ts';
import { prepare } from './statements.ts';
import { type CoverageFilters, UNKNOWN_LANGUAGE } from './types.ts';

/** Resolved filters: ids instead of slugs, a MATCH expression instead of the typed query. */
export type Scope = {
  from: string | null;
  to: string | null;
  /** null = any outlet. */
  outletIds: number[] | null;
  /** null = any language; UNKNOWN_LANGUAGE stands for articles whose language is unknown. */
  languages: string[] | null;
  /** Topics of which an article must carry at least one; null = no topic filter. */
  topicIds: number[] | null;
  /** A topic an article must carry in addition (a clicked chart cell). */
  requiredTopicId: number | null;
  match: string | null;
  tokens: string[];
  /** Leave out copies (story members of kind 'duplicate'): each text counts once. */
  unique: boolean;
  /** The filters can match nothing (an unknown topic, disjoint ranges): skip the query. */
  empty: boolean;
};

const nonEmpty = <T>(list: T[] | undefined): T[] | null =>
  list && list.length > 0 ? [...new Set(list)] : null;

export function topicIdsBySlug(db: Db, slugs: string[]): number[] {
  return prepare(db, 'SELECT id FROM topics WHERE slug IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(slugs)) as number[];
}

export function resolveScope(db: Db, filters: CoverageFilters): Scope {
  if (filters.unique !== undefined && typeof filters.unique !== 'boolean')
    throw new RangeError(`unique: expected true or false, got ${JSON.stringify(filters.unique)}`);
  const search = parseSearch(filters.q);
  const slugs = nonEmpty(filters.topics);
  const topicIds = slugs ? topicIdsBySlug(db, slugs) : null;
  const from = filters.from || null;
  const to = filters.to || null;
  return {
    from,
    to,
    outletIds: nonEmpty(filters.outlets),
    languages: nonEmpty(filters.languages),
    topicIds,
    requiredTopicId: null,
    match: search.match,
    tokens: search.tokens,
    unique: filters.unique === true,
    empty: (topicIds !== null && topicIds.length === 0) || (from !== null && to !== null && from > to),
  };
}

export type Where = { sql: string; params: unknown[] };

const joinWhere = (conds: string[]): string => (conds.length ? `WHERE ${conds.join(' AND ')}` : '');

// The articles stored as a copy of another story member's text; read from story_members_duplicate_idx.
const COPIES = "(SELECT article_id FROM story_members WHERE kind = 'duplicate')";

/**
 * Conditions on `articles a`. With `topicJoin`, the query joins `article_topics t` (one row per
 * article–topic pair, for grouping by topic) and the topic filter applies to `t` instead. With `copies`,
 * the conditions select the copies a unique scope leaves out, and nothing else: what a count from the
 * rollups (which hold every article) subtracts to count each text once.
 */
export function articleWhere(
  scope: Scope,
  opts: { topicJoin?: boolean; withMatch?: boolean; copies?: boolean } = {},
): Where {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (scope.from) {
    conds.push('a.day >= ?');
    params.push(scope.from);
  }
  if (scope.to) {
    conds.push('a.day <= ?');
    params.push(scope.to);
  }
  if (scope.outletIds?.length === 1) {
    // One outlet as an equality: articles_outlet_day_idx then yields its articles newest first, and a
    // page of the list stops after a page; an IN list made SQLite read and sort every article of it.
    conds.push('a.outlet_id = ?');
    params.push(scope.outletIds[0]);
  } else if (scope.outletIds) {
    conds.push('a.outlet_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.outletIds));
  }
  if (scope.languages) {
    const unknown = scope.languages.includes(UNKNOWN_LANGUAGE);
    conds.push(`(a.language IN (SELECT value FROM json_each(?))${unknown ? ' OR a.language IS NULL' : ''})`);
    params.push(JSON.stringify(scope.languages));
  }
  if (scope.topicIds) {
    conds.push(
      opts.topicJoin
        ? 't.topic_id IN (SELECT value FROM json_each(?))'
        : 'EXISTS (SELECT 1 FROM article_topics x WHERE x.article_id = a.id AND x.topic_id IN (SELECT value FROM json_each(?)))',
    );
    params.push(JSON.stringify(scope.topicIds));
  }
  if (scope.requiredTopicId !== null) {
    conds.push('EXISTS (SELECT 1 FROM article_topics y WHERE y.article_id = a.id AND y.topic_id = ?)');
    params.push(scope.requiredTopicId);
  }
  if (opts.copies) {
    conds.push(`a.id IN ${COPIES}`);
  } else if (scope.unique) {
    // NOT IN, not a NOT EXISTS per article: the copies' ids are read once, from the partial index
    // story_members_duplicate_idx, instead of one lookup per article in story_members (see migration 0010).
    conds.push(`a.id NOT IN ${COPIES}`);
  }
  if (scope.match && (opts.withMatch ?? true)) {
    conds.push('a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)');
    params.push(scope.match);
  }
  return { sql: joinWhere(conds), params };
}

/**
 * `articles a` for a query filtered by articleWhere. A search names its matches by id, as `copies` does:
 * the narrow (id, day, outlet_id, language) index then answers every other condition and grouping, where
 * the table would be read row by row (and `day` and `language` sit after the body, in its overflow pages).
 */
export function articlesFrom(scope: Scope, opts: { copies?: boolean } = {}): string {
  return scope.match || opts.copies ? 'articles a INDEXED BY articles_id_facets_idx' : 'articles a';
}

/** Conditions other than dates on a rollup table `r` of any period. */
function rollupFacetConds(scope: Scope, topics: boolean, conds: string[], params: unknown[]): void {
  if (scope.outletIds) {
    conds.push('r.outlet_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.outletIds));
  }
  if (scope.languages) {
    conds.push('r.language IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.languages.map((l) => (l === UNKNOWN_LANGUAGE ? '' : l))));
  }
  if (topics && scope.topicIds) {
    conds.push('r.topic_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.topicIds));
  }
}

/** Conditions on a rollup table `r` (rollup_daily, or rollup_daily_topic when `topics`). */
export function rollupWhere(scope: Scope, opts: { topics: boolean }): Where {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (scope.from) {
    conds.push('r.day >= ?');
    params.push(scope.from);
  }
  if (scope.to) {
    conds.push('r.day <= ?');
    params.push(scope.to);
  }
  rollupFacetConds(scope, opts.topics, conds, params);
  return { sql: joinWhere(conds), params };
}

/** A rollup table (aliased `r`) and the conditions that select part of a scope's rows from it. */
export type RollupPart = { table: string; period: 'day' | 'week' | 'month'; where: Where };

/**
 * Whole periods inside [from, to] (null = open end) and the days at either edge outside them; null when
 * no whole period fits (or a bound is not a day), and the daily rows alone answer.
 */
type PeriodSpan = {
  first: string | null;
  last: string | null;
  head: [string, string] | null;
  tail: [string, string] | null;
};

// Days are compared as text, as everywhere: a bound only needs this shape for month arithmetic on it.
const DAY_SHAPE = /^\d{4}-(?:0[1-9]|1[0-2])-\d{2}$/;
const isRealDay = (day: string): boolean =>
  DAY_SHAPE.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

function shiftMonth(month: string, n: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

function monthSpan(from: string | null, to: string | null): PeriodSpan | null {
  if ((from && !DAY_SHAPE.test(from)) || (to && !DAY_SHAPE.test(to))) return null;
  let first: string | null = null;
  let head: [string, string] | null = null;
  if (from) {
    first = from.slice(8) <= '01' ? from.slice(0, 7) : shiftMonth(from.slice(0, 7), 1);
    if (from < `${first}-01`) head = [from, `${first}-01`];
  }
  let last: string | null = null;
  let tail: [string, string] | null = null;
  if (to) {
    const month = to.slice(0, 7);
    // Day 0 of the next month is this month's last day.
    const end = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
    last = to >= end.toISOString().slice(0, 10) ? month : shiftMonth(month, -1);
    // Every day of `last` sorts at or before `${last}-31`.
    if (to > `${last}-31`) tail = [`${last}-31`, to];
  }
  if (first && last && first > last) return null;
  return { first, last, head, tail };
}

function weekSpan(from: string | null, to: string | null): PeriodSpan | null {
  if ((from && !isRealDay(from)) || (to && !isRealDay(to))) return null;
  let first: string | null = null;
  let head: [string, string] | null = null;
  if (from) {
    first = weekStart(from) === from ? from : addDays(weekStart(from), 7);
    if (from < first) head = [from, first];
  }
  let last: string | null = null;
  let tail: [string, string] | null = null;
  if (to) {
    const monday = weekStart(to);
    last = addDays(monday, 6) === to ? monday : addDays(monday, -7);
    if (to > addDays(last, 6)) tail = [addDays(last, 6), to];
  }
  if (first && last && first > last) return null;
  return { first, last, head, tail };
}

/**
 * The rollup rows of a scope, read from the weekly or monthly tables (`grain`) for the whole weeks or
 * months of its range and from the daily ones for the days at its edges, so that a range of years reads
 * a few rows per period instead of one per day. The parts' sums add up to the daily rows' exactly (the
 * coarse tables are the daily ones summed, kept by triggers). Without a grain, the daily rows alone.
 */
export function rollupParts(
  scope: Scope,
  opts: { topics: boolean; grain: 'week' | 'month' | null },
): RollupPart[] {
  const daily = opts.topics ? 'rollup_daily_topic' : 'rollup_daily';
  const span =
    opts.grain === 'week'
      ? weekSpan(scope.from, scope.to)
      : opts.grain === 'month'
        ? monthSpan(scope.from, scope.to)
        : null;
  if (!opts.grain || !span) return [{ table: daily, period: 'day', where: rollupWhere(scope, opts) }];
  const grain = opts.grain;
  const part = (table: string, period: RollupPart['period'], range: [string, string, string, string]) => {
    const conds: string[] = [];
    const params: unknown[] = [];
    const [low, lowOp, high, highOp] = range;
    if (low) {
      conds.push(`r.${period} ${lowOp} ?`);
      params.push(low);
    }
    if (high) {
      conds.push(`r.${period} ${highOp} ?`);
      params.push(high);
    }
    rollupFacetConds(scope, opts.topics, conds, params);
    return { table, period, where: { sql: joinWhere(conds), params } };
  };
  const parts = [
    part(`rollup_${grain === 'week' ? 'weekly' : 'monthly'}${opts.topics ? '_topic' : ''}`, grain, [
      span.first ?? '',
      '>=',
      span.last ?? '',
      '<=',
    ]),
  ];
  if (span.head) parts.push(part(daily, 'day', [span.head[0], '>=', span.head[1], '<']));
  if (span.tail) parts.push(part(daily, 'day', [span.tail[0], '>', span.tail[1], '<=']));
  return parts;
}

/**
 * Which rollup, if any, answers a count exactly: rollups hold no text, so a search needs the articles;
 * several topics with no topic dimension would count an article once per topic, so those need
 * DISTINCT articles too. Rollups count every article, copies included: a unique count from them must
 * subtract the scope's copies (articleWhere's `copies`).
 */
export function rollupFor(scope: Scope, topicDimension: boolean): 'daily' | 'topic' | null {
  if (scope.match || scope.requiredTopicId !== null) return null;
  if (topicDimension) return 'topic';
  if (!scope.topicIds) return 'daily';
  return scope.topicIds.length === 1 ? 'topic' : null;
}

/** Counts matching articles (the exact number a list shows and an ungrouped chart sums to). */
export function countScope(db: Db, scope: Scope): number {
  if (scope.empty) return 0;
  const rollup = rollupFor(scope, false);
  if (rollup) {
    const parts = rollupParts(scope, { topics: rollup === 'topic', grain: 'month' });
    const sums = parts.map((p) => `(SELECT coalesce(sum(r.count), 0) FROM ${p.table} r ${p.where.sql})`);
    const all = prepare(db, `SELECT ${sums.join(' + ')}`)
      .pluck()
      .get(...parts.flatMap((p) => p.where.params)) as number;
    if (!scope.unique) return all;
    // Every article less the scope's copies, which are few (1,707 of ../shared/corpus's 57,849 articles):
    // counting the texts that are not copies would read every article of the scope instead.
    const copies = articleWhere(scope, { copies: true });
    const copied = prepare(db, `SELECT count(*) FROM ${articlesFrom(scope, { copies: true })} ${copies.sql}`)
      .pluck()
      .get(...copies.params) as number;
    return all - copied;
  }
  if (scope.match && !articleWhere(scope, { withMatch: false }).sql) {
    // A search and nothing else: the index counts its own matches (every row of it is an article's, as
    // the store writes both in one transaction), without looking each one up.
    return prepare(db, 'SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?')
      .pluck()
      .get(scope.match) as number;
  }
  const where = articleWhere(scope);
  return prepare(db, `SELECT count(*) FROM ${articlesFrom(scope)} ${where.sql}`)
    .pluck()
    .get(...where.params) as number;
}
