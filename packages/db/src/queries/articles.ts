import { createHash } from 'node:crypto';
import type { DatePrecision } from '@rasid/parser';
import type { Db } from '../client.ts';
import { addDays, weekStart } from './dates.ts';
import { articlesFrom, articleWhere, countScope, resolveScope, type Scope, topicIdsBySlug } from './scope.ts';
import { prepare } from './statements.ts';
import { urlDedupeKey } from './store.ts';
import { unarchive } from './store-keys.ts';
import { toSearchText } from './text.ts';
import type {
  ArticleDetail,
  ArticleListFilters,
  ArticlePage,
  ArticleSummary,
  RawDocument,
  TimeBucket,
  TopicKind,
} from './types.ts';

type ArticleRow = {
  id: number;
  url: string | null;
  title: string;
  outletId: number;
  outletName: string;
  outletDomain: string | null;
  language: string | null;
  direction: 'rtl' | 'ltr';
  day: string;
  publishedAt: string | null;
  firstSeenAt: string;
  dateSource: string;
  datePrecision: DatePrecision | null;
  section: string | null;
  head: string;
  rank?: number;
};

const COLUMNS = `a.id, a.url, a.title, a.outlet_id AS outletId, o.name AS outletName, o.domain AS outletDomain,
  a.language, a.direction, a.day, a.published_at AS publishedAt, a.first_seen_at AS firstSeenAt,
  a.date_source AS dateSource, a.date_precision AS datePrecision, a.section`;

const SNIPPET_CHARS = 200;

/** The first ~200 characters of the body, cut at a word boundary. */
function leadSnippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= SNIPPET_CHARS) return text;
  const cut = text.lastIndexOf(' ', SNIPPET_CHARS);
  return `${text.slice(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS)}…`;
}

/**
 * A window of the original body around the first word matching the search. Built here rather than
 * with FTS5 snippet(): the index is contentless and holds folded, stemmed text, while readers must
 * see the words as the outlet wrote them.
 */
function searchSnippet(body: string, tokens: string[]): string {
  if (tokens.length === 0) return leadSnippet(body);
  const wanted = new Set(tokens);
  const words = body.replace(/\s+/g, ' ').trim().split(' ');
  const limit = Math.min(words.length, 5000);
  for (let i = 0; i < limit; i++) {
    const folded = toSearchText(words[i] ?? '').split(' ');
    if (!folded.some((t) => wanted.has(t))) continue;
    const start = Math.max(0, i - 10);
    const end = Math.min(words.length, i + 22);
    return `${start > 0 ? '…' : ''}${words.slice(start, end).join(' ')}${end < words.length ? '…' : ''}`;
  }
  return leadSnippet(body);
}

function topicsOf(db: Db, ids: number[]): Map<number, ArticleSummary['topics']> {
  const rows = prepare(
    db,
    `SELECT t.article_id AS articleId, p.slug, p.name, p.kind FROM article_topics t JOIN topics p ON p.id = t.topic_id
     WHERE t.article_id IN (SELECT value FROM json_each(?)) ORDER BY t.article_id, p.kind DESC, t.score DESC, t.rowid`,
  ).all(JSON.stringify(ids)) as { articleId: number; slug: string; name: string; kind: TopicKind }[];
  const byArticle = new Map<number, ArticleSummary['topics']>();
  for (const { articleId, ...topic } of rows) {
    const list = byArticle.get(articleId) ?? [];
    list.push(topic);
    byArticle.set(articleId, list);
  }
  return byArticle;
}

function toSummary(row: ArticleRow, topics: ArticleSummary['topics'], snippet: string): ArticleSummary {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    outlet: { id: row.outletId, name: row.outletName, domain: row.outletDomain },
    language: row.language,
    direction: row.direction,
    day: row.day,
    publishedAt: row.publishedAt,
    firstSeenAt: row.firstSeenAt,
    dateSource: row.dateSource,
    datePrecision: row.datePrecision,
    section: row.section,
    topics,
    snippet,
  };
}

/** The inclusive day range a chart bucket covers. */
export function bucketRange(key: string, bucket: TimeBucket = 'day'): { from: string; to: string } {
  if (bucket === 'month') {
    const month = key.slice(0, 7);
    // Days are compared as text, so "-31" closes every month.
    return { from: `${month}-01`, to: `${month}-31` };
  }
  if (bucket === 'week') {
    const monday = weekStart(key);
    return { from: monday, to: addDays(monday, 6) };
  }
  return { from: key.slice(0, 10), to: key.slice(0, 10) };
}

/** The scope narrowed to a clicked cell (bucket, outlet, topic); shared with exports so they agree. */
export function narrowScope(db: Db, scope: Scope, filters: ArticleListFilters): Scope {
  const narrowed = { ...scope };
  if (filters.day) {
    const range = bucketRange(filters.day, filters.bucket);
    if (!narrowed.from || range.from > narrowed.from) narrowed.from = range.from;
    if (!narrowed.to || range.to < narrowed.to) narrowed.to = range.to;
    if (narrowed.from > narrowed.to) narrowed.empty = true;
  }
  if (filters.outletId !== undefined) {
    if (narrowed.outletIds && !narrowed.outletIds.includes(filters.outletId)) narrowed.empty = true;
    narrowed.outletIds = [filters.outletId];
  }
  if (filters.topic) {
    const [id] = topicIdsBySlug(db, [filters.topic]);
    if (id === undefined) narrowed.empty = true;
    else narrowed.requiredTopicId = id;
  }
  return narrowed;
}

type Cursor = [string | number, number];

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(cursor: string, kind: 'day' | 'rank'): Cursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === (kind === 'day' ? 'string' : 'number') &&
    Number.isInteger(value[1])
  ) {
    return value as Cursor;
  }
  throw new RangeError(`Invalid cursor: ${cursor}`);
}

/**
 * One page of matching articles: newest first (day desc, id desc), or by relevance (bm25, title
 * weighted 3×) when searching. Keyset pagination: pass back `nextCursor` to get the next page; a cursor
 * from another ordering throws a RangeError. `total` counts every match.
 */
export function listArticles(
  db: Db,
  filters: ArticleListFilters,
  page: { limit: number; cursor?: string | null },
): ArticlePage {
  const scope = narrowScope(db, resolveScope(db, filters), filters);
  if (scope.empty) return { items: [], nextCursor: null, total: 0 };
  const limit = Math.max(1, Math.min(500, Math.floor(page.limit) || 1));

  let rows: ArticleRow[];
  if (scope.match) {
    const where = articleWhere(scope, { withMatch: false });
    const conds = where.sql ? [where.sql.slice('WHERE '.length)] : [];
    const params: unknown[] = [scope.match, ...where.params];
    if (page.cursor) {
      const [rank, id] = decodeCursor(page.cursor, 'rank');
      conds.push('(m.rank > ? OR (m.rank = ? AND m.id < ?))');
      params.push(rank, rank, id);
    }
    // The page is chosen on (rank, id) alone; only its rows then read their bodies. Selecting the body
    // in the ranked query made SQLite read every match's text before sorting. Other filters read the
    // matches' day, outlet and language from the narrow id index, not from the article rows; with none,
    // the matches need no article at all (every index row is an article's). CROSS JOIN keeps the page
    // as the outer loop (as in the list below): with the LIMIT a bound parameter, the planner otherwise
    // may scan every article and probe the page.
    const join = where.sql ? `JOIN ${articlesFrom(scope)} ON a.id = m.id` : '';
    rows = prepare(
      db,
      `WITH m AS (SELECT rowid AS id, bm25(articles_fts, 3.0, 1.0) AS rank FROM articles_fts WHERE articles_fts MATCH ?),
       p AS (SELECT m.id, m.rank FROM m ${join}
         ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY m.rank, m.id DESC LIMIT ?)
       SELECT ${COLUMNS}, substr(a.body, 1, 20000) AS head, p.rank AS rank
       FROM p CROSS JOIN articles a ON a.id = p.id JOIN outlets o ON o.id = a.outlet_id
       ORDER BY p.rank, a.id DESC`,
    ).all(...params, limit + 1) as ArticleRow[];
  } else {
    const where = articleWhere(scope);
    const conds = where.sql ? [where.sql.slice('WHERE '.length)] : [];
    const params = [...where.params];
    if (page.cursor) {
      const [day, id] = decodeCursor(page.cursor, 'day');
      conds.push('(a.day < ? OR (a.day = ? AND a.id < ?))');
      params.push(day, day, id);
    }
    rows = prepare(
      db,
      `WITH p AS (SELECT a.id FROM articles a ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''}
         ORDER BY a.day DESC, a.id DESC LIMIT ?)
       SELECT ${COLUMNS}, substr(a.body, 1, 600) AS head
       FROM p CROSS JOIN articles a ON a.id = p.id JOIN outlets o ON o.id = a.outlet_id
       ORDER BY a.day DESC, a.id DESC`,
    ).all(...params, limit + 1) as ArticleRow[];
  }

  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const topics = topicsOf(
    db,
    pageRows.map((r) => r.id),
  );
  const items = pageRows.map((row) =>
    toSummary(
      row,
      topics.get(row.id) ?? [],
      scope.match ? searchSnippet(row.head, scope.tokens) : leadSnippet(row.head),
    ),
  );
  const last = pageRows.at(-1);
  const nextCursor =
    more && last ? encodeCursor(scope.match ? [last.rank ?? 0, last.id] : [last.day, last.id]) : null;
  return { items, nextCursor, total: countScope(db, scope) };
}

/** Everything about one article, with its desks and the raw inputs it was built from; null if absent. */
export function getArticle(db: Db, id: number): ArticleDetail | null {
  const row = prepare(
    db,
    `SELECT ${COLUMNS}, a.byline, a.body, a.content_hash AS contentHash
     FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?`,
  ).get(id) as (ArticleRow & { byline: string | null; body: string; contentHash: string }) | undefined;
  if (!row) return null;
  const topics = topicsOf(db, [id]).get(id) ?? [];
  const sections = prepare(
    db,
    `SELECT p.name FROM article_topics t JOIN topics p ON p.id = t.topic_id
     WHERE t.article_id = ? AND p.kind = 'section' ORDER BY t.rowid`,
  )
    .pluck()
    .all(id) as string[];
  const rawDocuments = prepare(
    db,
    'SELECT id, location, format, fetched_at AS fetchedAt FROM raw_documents WHERE article_id = ? ORDER BY id',
  ).all(id) as ArticleDetail['rawDocuments'];
  return {
    ...toSummary(row, topics, leadSnippet(row.body)),
    byline: row.byline,
    body: row.body,
    sections,
    contentHash: row.contentHash,
    rawDocuments,
  };
}

/**
 * Archived raw inputs in id order, decompressed, a page at a time (for `rasid reparse`):
 * pass the last id seen as `afterId`.
 */
export function listRawDocuments(db: Db, opts: { afterId?: number; limit?: number } = {}): RawDocument[] {
  const rows = prepare(
    db,
    `SELECT id, sha256, article_id AS articleId, location, url, format, content_type AS contentType,
       fetched_at AS fetchedAt, content, codec FROM raw_documents WHERE id > ? ORDER BY id LIMIT ?`,
  ).all(opts.afterId ?? 0, opts.limit ?? 500) as (RawDocument & { codec: string })[];
  return rows.map(({ codec, ...row }) => ({
    ...row,
    content: unarchive(row.content, codec, `raw document ${row.id} (${row.location})`),
  }));
}

/** The article stored for a URL, matched the way storing dedupes (normalised URL); null if absent. */
export function getArticleByUrl(db: Db, url: string): ArticleDetail | null {
  const id = prepare(db, 'SELECT id FROM articles WHERE dedupe_key = ?').pluck().get(urlDedupeKey(url)) as
    | number
    | undefined;
  return id === undefined ? null : getArticle(db, id);
}

/**
 * One SHA-256 over every stored article's identity, text, dates and topic links, in key order: two
 * databases with the same digest hold the same articles. Used to prove that a failed or repeated
 * ingest changed nothing, and that an interrupted one ends where a clean one does.
 */
export function digestArticles(db: Db): string {
  const hash = createHash('sha256');
  const rows = prepare(
    db,
    `SELECT a.dedupe_key, a.title, a.body, a.published_at, a.day, a.content_hash, o.name,
       (SELECT group_concat(slug, ',') FROM (SELECT p.slug FROM article_topics t JOIN topics p ON p.id = t.topic_id
         WHERE t.article_id = a.id ORDER BY p.slug)) AS topics
     FROM articles a JOIN outlets o ON o.id = a.outlet_id ORDER BY a.dedupe_key`,
  ).raw();
  for (const row of rows.iterate() as Iterable<unknown[]>) hash.update(`${JSON.stringify(row)}\n`);
  return hash.digest('hex');
}
