import type { Article } from '@rasid/parser';
import type { StorySignature } from '@rasid/parser/stories';
import type { Db } from '../client.ts';
import { parseIsoUtc, utcDay } from './dates.ts';
import { resolveFailures } from './runs.ts';
import { nowIso, prepare, writeTransaction } from './statements.ts';
import { ARCHIVE_CODEC, deriveStoreKeys, searchTextOf, signatureOf } from './store-keys.ts';
import { type ArticleRow, assignStories, forgetStoryIndex } from './stories.ts';
import { findSubject, sectionSlug } from './text.ts';
import type { IngestItem, StoreOutcome, StoreResult } from './types.ts';

export { dedupeKeyOf, urlDedupeKey } from './store-keys.ts';

/** The outlet's identity: its domain when known, else its name (see schema/outlets.ts). */
function outletOf(article: Article): { key: string; name: string; domain: string | null } {
  const domain =
    article.outlet.domain
      ?.trim()
      .toLowerCase()
      .replace(/^www\./, '') || null;
  const name = article.outlet.name?.trim() || domain || 'unknown';
  return { key: domain ?? `name:${name}`, name, domain };
}

type TopicLink = {
  slug: string;
  name: string;
  nameAr: string | null;
  kind: 'subject' | 'section';
  score: number;
  source: string;
};

function topicLinksOf(article: Article): TopicLink[] {
  const links = new Map<string, TopicLink>();
  for (const t of article.topics) {
    const subject = findSubject(t.slug);
    const link: TopicLink = {
      slug: t.slug,
      name: subject?.en ?? t.slug,
      nameAr: subject?.ar ?? null,
      kind: 'subject',
      score: t.score,
      source: t.source,
    };
    const seen = links.get(t.slug);
    if (!seen || seen.score < link.score) links.set(t.slug, link);
  }
  const labels = article.section ? [article.section, ...article.sections] : article.sections;
  for (const label of labels) {
    const name = label.trim();
    if (!name) continue;
    const slug = sectionSlug(name);
    if (!links.has(slug))
      links.set(slug, { slug, name, nameAr: null, kind: 'section', score: 1, source: 'section' });
  }
  return [...links.values()];
}

type StoredArticle = {
  id: number;
  outletId: number;
  publishedAt: string | null;
  firstSeenAt: string;
  day: string;
  contentHash: string;
};

const SQL = {
  rawBySha: 'SELECT id FROM raw_documents WHERE sha256 = ?',
  // Inserted once its article is known: updating a row that holds a blob rewrites the whole row.
  insertRaw: `INSERT INTO raw_documents (sha256, article_id, run_id, location, url, format, content_type, fetched_at,
    content, codec, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '${ARCHIVE_CODEC}', ?)`,
  articleByKey: `SELECT id, outlet_id AS outletId, published_at AS publishedAt, first_seen_at AS firstSeenAt, day,
    content_hash AS contentHash FROM articles WHERE dedupe_key = ?`,
  insertOutlet:
    'INSERT INTO outlets (key, name, domain, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
  outletByKey: 'SELECT id FROM outlets WHERE key = ?',
  insertArticle: `INSERT INTO articles (dedupe_key, url, outlet_id, title, byline, body, language, direction, section,
    published_at, date_source, date_precision, first_seen_at, day, content_hash, simhash, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  // The desk it was first seen under stays (`section` only fills in); every desk is a topic link.
  replaceArticleText: `UPDATE articles SET url = coalesce(url, ?), title = ?, byline = ?, body = ?, language = ?,
    direction = ?, section = coalesce(section, ?), published_at = ?, date_source = ?, date_precision = ?,
    first_seen_at = ?, day = ?, content_hash = ?, simhash = ?, updated_at = ? WHERE id = ?`,
  touchArticle: `UPDATE articles SET url = coalesce(url, ?), section = coalesce(section, ?), first_seen_at = ?,
    day = ?, updated_at = ? WHERE id = ?`,
  insertTopic:
    'INSERT INTO topics (slug, name, name_ar, kind) VALUES (?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING',
  topicBySlug: 'SELECT id FROM topics WHERE slug = ?',
  // Union with what the article already has; a link seen again keeps its best score (and where it came from).
  linkTopic: `INSERT INTO article_topics (article_id, topic_id, score, source) VALUES (?, ?, ?, ?)
    ON CONFLICT (article_id, topic_id) DO UPDATE SET
      source = CASE WHEN excluded.score > score THEN excluded.source ELSE source END,
      score = max(score, excluded.score)`,
  deleteFts: 'DELETE FROM articles_fts WHERE rowid = ?',
  insertFts: 'INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)',
} as const;

// Which rows a rollup recount rebuilds, as a condition on a day and an outlet column with one JSON
// parameter: whole days (an array of days), or (day, outlet) cells (an array of [day, outletId] pairs). A
// batch of stored articles recounts cells: it touches a few outlets on each of its days, and recounting
// whole days recounted (and re-fired the period rollups' triggers for) every other outlet's rows of them.
type RollupScope = (day: string, outlet: string) => string;
const DAYS: RollupScope = (day) => `${day} IN (SELECT value FROM json_each(?))`;
const CELLS: RollupScope = (day, outlet) =>
  `(${day}, ${outlet}) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`;

/** The statements that rebuild the rollup rows in `scope` from `articles`, in order. */
function recountStatements(scope: RollupScope): string[] {
  return [
    `DELETE FROM rollup_daily WHERE ${scope('day', 'outlet_id')}`,
    // INDEXED BY: articles_day_idx (day, outlet_id, language) holds every column read here; for cells the
    // planner took articles_outlet_day_idx and read each article's row (language lies past its body).
    `INSERT INTO rollup_daily (day, outlet_id, language, count)
      SELECT a.day, a.outlet_id, coalesce(a.language, ''), count(*) FROM articles a INDEXED BY articles_day_idx
      WHERE ${scope('a.day', 'a.outlet_id')}
      GROUP BY a.day, a.outlet_id, coalesce(a.language, '')`,
    `DELETE FROM rollup_daily_topic WHERE ${scope('day', 'outlet_id')}`,
    `INSERT INTO rollup_daily_topic (day, outlet_id, language, topic_id, count)
      SELECT a.day, a.outlet_id, coalesce(a.language, ''), t.topic_id, count(*)
      FROM articles a INDEXED BY articles_day_idx JOIN article_topics t ON t.article_id = a.id
      WHERE ${scope('a.day', 'a.outlet_id')}
      GROUP BY a.day, a.outlet_id, coalesce(a.language, ''), t.topic_id`,
  ];
}
const RECOUNT_DAYS = recountStatements(DAYS);
const RECOUNT_CELLS = recountStatements(CELLS);

/** Should the incoming text replace the stored one? Its latest text wins; a dated text beats an undated one. */
function isNewerOrSame(incoming: string | null, stored: string | null): boolean {
  const a = parseIsoUtc(incoming);
  const b = parseIsoUtc(stored);
  if (a === null) return b === null;
  return b === null || a >= b;
}

/**
 * Stores a batch of parsed inputs in one transaction; running it again changes nothing.
 * Per item: a raw input already stored (same bytes) is a 'duplicate'. Otherwise the raw input is
 * archived and merged into its article (same normalised URL, or same content hash when there is no
 * URL): 'new' when the article did not exist; 'updated' when it did — its desks and subjects are the
 * union of all inputs and its text is the one with the latest publication date. Daily rollups are
 * recounted for every day the batch touched, so they always equal a GROUP BY over articles. Every new or
 * changed article is put in a story (see assignStories).
 */
export type StoreArticlesOptions = {
  runId?: number;
  /**
   * Locations whose recorded failures this batch settles (they stored now): marked resolved in the same
   * transaction, so a crash can never leave one stored and still listed as failed, or resolved and not
   * stored. A stored page is not fetched again, so such a failure would never be retried.
   */
  resolves?: readonly string[];
};

export function storeArticles(db: Db, items: IngestItem[], opts: StoreArticlesOptions = {}): StoreResult {
  const q = {
    rawBySha: prepare(db, SQL.rawBySha).pluck(),
    insertRaw: prepare(db, SQL.insertRaw),
    articleByKey: prepare(db, SQL.articleByKey),
    insertOutlet: prepare(db, SQL.insertOutlet),
    outletByKey: prepare(db, SQL.outletByKey).pluck(),
    insertArticle: prepare(db, SQL.insertArticle),
    replaceArticleText: prepare(db, SQL.replaceArticleText),
    touchArticle: prepare(db, SQL.touchArticle),
    insertTopic: prepare(db, SQL.insertTopic),
    topicBySlug: prepare(db, SQL.topicBySlug).pluck(),
    linkTopic: prepare(db, SQL.linkTopic),
    deleteFts: prepare(db, SQL.deleteFts),
    insertFts: prepare(db, SQL.insertFts),
  };

  const run = writeTransaction(db, (): StoreResult => {
    const now = nowIso();
    const result: StoreResult = { new: 0, updated: 0, duplicate: 0, outcomes: [] };
    // The (day, outlet) cells whose rollup rows the batch changes, keyed `${day} ${outletId}`.
    const cells = new Map<string, [string, number]>();
    const touch = (day: string, outlet: number): void => {
      cells.set(`${day} ${outlet}`, [day, outlet]);
    };
    // Stories are assigned after the loop, once per batch: the articles' final text and day are known then.
    const toAssign: number[] = [];
    const signatures = new Map<number, StorySignature>();
    // What assignStories needs of the articles inserted here, so that it need not read them back.
    const inserted = new Map<number, ArticleRow>();
    // Caches live for one transaction only: ids from a rolled-back batch must not leak into the next.
    const outletIds = new Map<string, number>();
    const topicIds = new Map<string, number>();

    const outletId = (article: Article): number => {
      const outlet = outletOf(article);
      let id = outletIds.get(outlet.key);
      if (id === undefined) {
        q.insertOutlet.run(outlet.key, outlet.name, outlet.domain, now);
        id = q.outletByKey.get(outlet.key) as number;
        outletIds.set(outlet.key, id);
      }
      return id;
    };
    const linkTopics = (articleId: number, article: Article): void => {
      for (const link of topicLinksOf(article)) {
        let id = topicIds.get(link.slug);
        if (id === undefined) {
          q.insertTopic.run(link.slug, link.name, link.nameAr, link.kind);
          id = q.topicBySlug.get(link.slug) as number;
          topicIds.set(link.slug, id);
        }
        q.linkTopic.run(articleId, id, link.score, link.source);
      }
    };
    const indexText = (articleId: number, article: Article, signature: StorySignature | null): void => {
      // The parser folded this text for its subject rules already; fold here only what came without it.
      const { title, body } = searchTextOf(article);
      q.insertFts.run(articleId, title, body);
      signatures.set(articleId, signature ?? signatureOf(article));
    };

    for (const item of items) {
      const { raw, article } = item;
      // Usually derived on the parse thread; derived here (signature only if indexed) for other callers.
      const keys = item.keys ?? deriveStoreKeys(raw, article, false);
      if (q.rawBySha.get(keys.sha256) !== undefined) {
        result.duplicate++;
        result.outcomes.push('duplicate');
        continue;
      }
      const fetchedAt = parseIsoUtc(raw.fetchedAt) === null ? now : raw.fetchedAt;
      const key = keys.dedupeKey;
      const stored = q.articleByKey.get(key) as StoredArticle | undefined;
      let outcome: StoreOutcome;
      let articleId: number;
      if (!stored) {
        const day =
          article.publishedDay ?? utcDay(article.publishedAt) ?? utcDay(fetchedAt) ?? now.slice(0, 10);
        const outlet = outletId(article);
        articleId = Number(
          q.insertArticle.run(
            key,
            article.url,
            outlet,
            article.title,
            article.byline,
            article.body,
            article.language,
            article.direction,
            article.section,
            article.publishedAt,
            article.dateSource,
            article.datePrecision,
            fetchedAt,
            day,
            article.fingerprints.contentHash,
            article.fingerprints.simhash,
            now,
          ).lastInsertRowid,
        );
        indexText(articleId, article, keys.signature);
        touch(day, outlet);
        inserted.set(articleId, {
          id: articleId,
          day,
          contentHash: article.fingerprints.contentHash,
          simhash: article.fingerprints.simhash,
        });
        outcome = 'new';
      } else {
        articleId = stored.id;
        // Inserted earlier in this batch and stored again: its row may change below; read it back.
        inserted.delete(articleId);
        const firstSeenAt =
          (parseIsoUtc(fetchedAt) ?? 0) < (parseIsoUtc(stored.firstSeenAt) ?? 0)
            ? fetchedAt
            : stored.firstSeenAt;
        touch(stored.day, stored.outletId);
        if (isNewerOrSame(article.publishedAt, stored.publishedAt)) {
          const day =
            article.publishedDay ?? utcDay(article.publishedAt) ?? utcDay(firstSeenAt) ?? stored.day;
          q.replaceArticleText.run(
            article.url,
            article.title,
            article.byline,
            article.body,
            article.language,
            article.direction,
            article.section,
            article.publishedAt,
            article.dateSource,
            article.datePrecision,
            firstSeenAt,
            day,
            article.fingerprints.contentHash,
            article.fingerprints.simhash,
            now,
            articleId,
          );
          // Same folded text (the usual case: one story filed under another desk): the index already holds it.
          if (stored.contentHash !== article.fingerprints.contentHash) {
            q.deleteFts.run(articleId);
            indexText(articleId, article, keys.signature);
          }
          touch(day, stored.outletId);
        } else {
          // Older text: keep the stored one, but an undated article still moves to its earliest sighting.
          const day = stored.publishedAt ? stored.day : (utcDay(firstSeenAt) ?? stored.day);
          q.touchArticle.run(article.url, article.section, firstSeenAt, day, now, articleId);
          touch(day, stored.outletId);
        }
        outcome = 'updated';
      }
      linkTopics(articleId, article);
      q.insertRaw.run(
        keys.sha256,
        articleId,
        opts.runId ?? null,
        raw.location,
        raw.url,
        raw.format,
        raw.contentType,
        fetchedAt,
        keys.archive,
        keys.size,
      );
      toAssign.push(articleId);
      result[outcome]++;
      result.outcomes.push(outcome);
    }

    if (toAssign.length > 0) assignStories(db, toAssign, signatures, { inserted });
    if (cells.size > 0) recountRollupCells(db, [...cells.values()]);
    for (const location of opts.resolves ?? []) resolveFailures(db, { location });
    return result;
  });
  try {
    return run();
  } catch (error) {
    // The batch was rolled back: the story index kept for the connection may hold its members.
    forgetStoryIndex(db);
    throw error;
  }
}

/**
 * Rebuilds the rollup rows of the given days from `articles`. Exact by construction (no increments to
 * drift); cheap because a batch touches few days and `articles_day_idx` finds each day's rows.
 */
export function recountRollups(db: Db, days: string[]): void {
  const json = JSON.stringify(days);
  for (const sql of RECOUNT_DAYS) prepare(db, sql).run(json);
}

/** recountRollups for the given (day, outlet) cells only: what a batch of stored articles changed. */
export function recountRollupCells(db: Db, cells: [day: string, outletId: number][]): void {
  const json = JSON.stringify(cells);
  for (const sql of RECOUNT_CELLS) prepare(db, sql).run(json);
}

/** Rebuilds every rollup row (after a repair or a manual edit of articles). */
export function rebuildRollups(db: Db): void {
  writeTransaction(db, () => {
    db.$client.exec('DELETE FROM rollup_daily; DELETE FROM rollup_daily_topic;');
    const days = prepare(db, 'SELECT DISTINCT day FROM articles').pluck().all() as string[];
    recountRollups(db, days);
  })();
}
