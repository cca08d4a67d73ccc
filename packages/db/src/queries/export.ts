import type { Db } from '../client.ts';
import { narrowScope } from './articles.ts';
import { articleWhere, resolveScope } from './scope.ts';
import { prepare } from './statements.ts';
import type { ArticleListFilters } from './types.ts';

/** One exported article: the whole stored text and the facts an analyst codes coverage by. */
export type ExportRow = {
  id: number;
  day: string;
  publishedAt: string | null;
  dateSource: string;
  outlet: string;
  outletDomain: string | null;
  language: string | null;
  section: string | null;
  /** Topic slugs, subjects before sections, each group alphabetical. */
  topics: string[];
  title: string;
  byline: string | null;
  url: string | null;
  text: string;
};

/** The columns of an export, in file order. */
export const EXPORT_COLUMNS = [
  'id',
  'day',
  'publishedAt',
  'dateSource',
  'outlet',
  'outletDomain',
  'language',
  'section',
  'topics',
  'title',
  'byline',
  'url',
  'text',
] as const satisfies readonly (keyof ExportRow)[];

type RawRow = Omit<ExportRow, 'topics'> & { topics: string | null };

/**
 * Every article the filters select (the same scope as `listArticles`, so the row count equals its
 * `total`), newest first by (day, id): a stable order even when searching, where the list ranks by
 * relevance, so two exports of the same filters are the same file.
 *
 * Rows are read one at a time with `.iterate()`, never all at once. While the iterator is open its
 * connection is busy and cannot run other statements, so a caller that streams should give the export a
 * connection of its own. The statement runs (and a bad search expression throws) at the first `next()`.
 */
export function* iterateExportRows(
  db: Db,
  filters: ArticleListFilters,
): Generator<ExportRow, void, undefined> {
  const scope = narrowScope(db, resolveScope(db, filters), filters);
  if (scope.empty) return;
  const where = articleWhere(scope);
  // Topics come from a subquery in the same statement: a second query per row is impossible while the
  // connection is iterating.
  const statement = prepare(
    db,
    `SELECT a.id, a.day, a.published_at AS publishedAt, a.date_source AS dateSource, o.name AS outlet,
       o.domain AS outletDomain, a.language, a.section,
       (SELECT group_concat(slug, char(31)) FROM (SELECT p.slug FROM article_topics t JOIN topics p ON p.id = t.topic_id
         WHERE t.article_id = a.id ORDER BY p.kind DESC, p.slug)) AS topics,
       a.title, a.byline, a.url, a.body AS text
     FROM articles a JOIN outlets o ON o.id = a.outlet_id
     ${where.sql}
     ORDER BY a.day DESC, a.id DESC`,
  );
  for (const row of statement.iterate(...where.params) as IterableIterator<RawRow>) {
    yield { ...row, topics: row.topics ? row.topics.split('\x1f') : [] };
  }
}
