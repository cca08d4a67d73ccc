// Filters → SQL conditions, shared by charts, counts and lists so they always agree on what matches.
import type { Db } from '../client.ts';
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
    empty: (topicIds !== null && topicIds.length === 0) || (from !== null && to !== null && from > to),
  };
}

export type Where = { sql: string; params: unknown[] };

const joinWhere = (conds: string[]): string => (conds.length ? `WHERE ${conds.join(' AND ')}` : '');

/**
 * Conditions on `articles a`. With `topicJoin`, the query joins `article_topics t` (one row per
 * article–topic pair, for grouping by topic) and the topic filter applies to `t` instead.
 */
export function articleWhere(scope: Scope, opts: { topicJoin?: boolean; withMatch?: boolean } = {}): Where {
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
  if (scope.outletIds) {
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
  if (scope.match && (opts.withMatch ?? true)) {
    conds.push('a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)');
    params.push(scope.match);
  }
  return { sql: joinWhere(conds), params };
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
  if (scope.outletIds) {
    conds.push('r.outlet_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.outletIds));
  }
  if (scope.languages) {
    conds.push('r.language IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.languages.map((l) => (l === UNKNOWN_LANGUAGE ? '' : l))));
  }
  if (opts.topics && scope.topicIds) {
    conds.push('r.topic_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.topicIds));
  }
  return { sql: joinWhere(conds), params };
}

/**
 * Which rollup, if any, answers a count exactly: rollups hold no text, so a search needs the articles;
 * several topics with no topic dimension would count an article once per topic, so those need
 * DISTINCT articles too.
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
    const where = rollupWhere(scope, { topics: rollup === 'topic' });
    const table = rollup === 'topic' ? 'rollup_daily_topic' : 'rollup_daily';
    return (prepare(db, `SELECT coalesce(sum(r.count), 0) FROM ${table} r ${where.sql}`)
      .pluck()
      .get(...where.params) ?? 0) as number;
  }
  const where = articleWhere(scope);
  return prepare(db, `SELECT count(*) FROM articles a ${where.sql}`)
    .pluck()
    .get(...where.params) as number;
}
