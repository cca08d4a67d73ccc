import type { Db } from '../client.ts';
import { prepare } from './statements.ts';
import {
  type LanguageSummary,
  type OutletSummary,
  type TopicSummary,
  type Totals,
  UNKNOWN_LANGUAGE,
} from './types.ts';

// Counts come from the monthly rollups: every writer keeps them equal to the daily rollups, and those to
// the articles and their topic links, in the same transaction; a month row stands for up to 31 day rows,
// and counting the million-article tables themselves took a tenth of a second or more.

/** Every outlet with its article count, most covered first (filter pickers, legends). */
export function listOutlets(db: Db): OutletSummary[] {
  return prepare(
    db,
    `SELECT o.id, o.name, o.domain, coalesce(sum(r.count), 0) AS articles
     FROM outlets o LEFT JOIN rollup_monthly r ON r.outlet_id = o.id
     GROUP BY o.id ORDER BY articles DESC, o.name`,
  ).all() as OutletSummary[];
}

/** Every topic with its article count: subjects first, then desks, then watch terms. */
export function listTopics(db: Db): TopicSummary[] {
  return prepare(
    db,
    `SELECT p.slug, p.name, p.kind, coalesce(r.articles, 0) AS articles
     FROM topics p LEFT JOIN (
       SELECT topic_id, sum(count) AS articles FROM rollup_monthly_topic GROUP BY topic_id
     ) r ON r.topic_id = p.id
     ORDER BY CASE p.kind WHEN 'subject' THEN 0 WHEN 'section' THEN 1 ELSE 2 END, articles DESC, p.name`,
  ).all() as TopicSummary[];
}

/** Languages present, most articles first; unknown language is reported as 'und'. */
export function listLanguages(db: Db): LanguageSummary[] {
  const rows = prepare(
    db,
    'SELECT language AS code, sum(count) AS articles FROM rollup_monthly GROUP BY language ORDER BY articles DESC, code',
  ).all() as LanguageSummary[];
  return rows.map((r) => ({ code: r.code === '' ? UNKNOWN_LANGUAGE : r.code, articles: r.articles }));
}

export function getTotals(db: Db): Totals {
  return prepare(
    db,
    `SELECT (SELECT coalesce(sum(count), 0) FROM rollup_monthly) AS articles, (SELECT count(*) FROM outlets) AS outlets,
       (SELECT count(*) FROM raw_documents) AS rawDocuments`,
  ).get() as Totals;
}
