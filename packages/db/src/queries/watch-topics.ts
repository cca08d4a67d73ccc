// Watch topics: a user's named search, counted like a subject. Each is a `topics` row (kind 'watch', slug
// `watch:<id>`) and a `watch_topics` row holding the query; the articles it matches are `article_topics`
// links (source 'watch'), so every filter, chart, list, export and spike rule that takes a topic slug
// takes a watch topic too, and its coverage comes from `rollup_daily_topic` like any topic's.
//
// Applied through the FTS index, the same MATCH the search box runs: creating or editing a topic links
// every stored article it matches (one MATCH, ~70 ms on ANT's 27k articles); after each ingest or
// collection pass, applyWatchTopics tests the articles that came with raw documents stored since the last
// pass (a new or re-written article always comes with one), with the MATCH restricted to their id range.
// The tests check both against matchesSearch, the evaluator over the folded text, on real ANT articles.
// The worker's call costs one read when there is no watch topic.
import type { Db } from '../client.ts';
import { type ParsedSearch, parseSearch, SearchSyntaxError } from './search.ts';
import { nowIso, prepare, writeTransaction } from './statements.ts';

export type WatchTopic = {
  /** The topic's id (topics.id). */
  id: number;
  /** `watch:<id>`: what filters and spike rules name it by. */
  slug: string;
  name: string;
  query: string;
  /** Articles it matches now. */
  articles: number;
  createdAt: string;
  updatedAt: string;
};

export type WatchTopicInput = { name: string; query: string };

export type SaveWatchTopicResult = {
  topic: WatchTopic /** Articles it matches after the pass. */;
  linked: number;
};

export type ApplyWatchTopicsResult = {
  /** Watch topics that exist. */
  topics: number;
  /** Articles tested (new or re-written since the last pass), whatever the number of topics. */
  checked: number;
  /** Links added. */
  linked: number;
  /** Links removed (a re-written article no longer matches). */
  unlinked: number;
};

/** A watch topic that cannot be saved: `field` names the input, `position` the offset in a bad query. */
export class WatchTopicError extends Error {
  readonly field: 'id' | 'name' | 'query';
  readonly position: number | null;
  constructor(field: 'id' | 'name' | 'query', problem: string, position: number | null = null) {
    super(`watch topic ${field}: ${problem}`);
    this.name = 'WatchTopicError';
    this.field = field;
    this.position = position;
  }
}

export const WATCH_TOPIC_NAME_MAX = 80;
export const WATCH_TOPIC_QUERY_MAX = 500;
const WATCH_SLUG_PREFIX = 'watch:';
const DEFAULT_BATCH = 2000;

const SQL = {
  list: `SELECT p.id, p.slug, p.name, w.query, w.created_at AS createdAt, w.updated_at AS updatedAt,
      (SELECT count(*) FROM article_topics l WHERE l.topic_id = p.id) AS articles
    FROM watch_topics w JOIN topics p ON p.id = w.topic_id ORDER BY p.name COLLATE NOCASE, p.id`,
  get: `SELECT p.id, p.slug, p.name, w.query, w.created_at AS createdAt, w.updated_at AS updatedAt,
      (SELECT count(*) FROM article_topics l WHERE l.topic_id = p.id) AS articles
    FROM watch_topics w JOIN topics p ON p.id = w.topic_id WHERE p.id = ?`,
  nameTaken: `SELECT p.id FROM topics p WHERE p.kind = 'watch' AND lower(trim(p.name)) = lower(?) AND p.id <> ?`,
  // Inserted under a placeholder slug, then named after its own id: ids are never reused, slugs never clash.
  insertTopic: `INSERT INTO topics (slug, name, name_ar, kind) VALUES (?, ?, NULL, 'watch')`,
  setSlug: 'UPDATE topics SET slug = ? WHERE id = ?',
  renameTopic: 'UPDATE topics SET name = ? WHERE id = ?',
  insertWatch: `INSERT INTO watch_topics (topic_id, query, applied_through, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?)`,
  updateWatch: 'UPDATE watch_topics SET query = ?, applied_through = ?, updated_at = ? WHERE topic_id = ?',
  touchWatch: 'UPDATE watch_topics SET updated_at = ? WHERE topic_id = ?',
  deleteTopic: `DELETE FROM topics WHERE id = ? AND kind = 'watch'`,
  deleteRules: `DELETE FROM alert_rules WHERE scope_kind = 'topic' AND scope_value = ?`,
  lastRaw: 'SELECT coalesce(max(id), 0) FROM raw_documents',
  deleteLinks: 'DELETE FROM article_topics WHERE topic_id = ?',
  // FTS5 rowids are article ids; the EXISTS guards against an index row whose article is gone.
  linkMatches: `INSERT INTO article_topics (article_id, topic_id, score, source)
    SELECT f.rowid, ?, 1, 'watch' FROM articles_fts f
    WHERE articles_fts MATCH ? AND EXISTS (SELECT 1 FROM articles a WHERE a.id = f.rowid)`,
  countLinks: 'SELECT count(*) FROM article_topics WHERE topic_id = ?',
  deleteTopicRollups: 'DELETE FROM rollup_daily_topic WHERE topic_id = ?',
  insertTopicRollups: `INSERT INTO rollup_daily_topic (day, outlet_id, language, topic_id, count)
    SELECT a.day, a.outlet_id, coalesce(a.language, ''), l.topic_id, count(*)
    FROM article_topics l JOIN articles a ON a.id = l.article_id WHERE l.topic_id = ?
    GROUP BY a.day, a.outlet_id, coalesce(a.language, '')`,
  deleteDayRollups: `DELETE FROM rollup_daily_topic
    WHERE topic_id = ? AND day IN (SELECT value FROM json_each(?))`,
  insertDayRollups: `INSERT INTO rollup_daily_topic (day, outlet_id, language, topic_id, count)
    SELECT a.day, a.outlet_id, coalesce(a.language, ''), l.topic_id, count(*)
    FROM article_topics l JOIN articles a ON a.id = l.article_id
    WHERE l.topic_id = ? AND a.day IN (SELECT value FROM json_each(?))
    GROUP BY a.day, a.outlet_id, coalesce(a.language, '')`,
  watchQueries: 'SELECT topic_id AS id, query, applied_through AS appliedThrough FROM watch_topics',
  // Only id and article_id: both sit before the archived blob, so its overflow pages are never read.
  arrivals: `SELECT id, article_id AS articleId FROM raw_documents WHERE id > ? AND id <= ?
    ORDER BY id LIMIT ?`,
  // FTS5 seeks to the rowid range in each term's doclist: the batch's new articles are a narrow range.
  matchesInRange: 'SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?',
  linkedAmong: `SELECT article_id FROM article_topics
    WHERE topic_id = ? AND article_id IN (SELECT value FROM json_each(?))`,
  dayOf: 'SELECT day FROM articles WHERE id = ?',
  insertLink: `INSERT INTO article_topics (article_id, topic_id, score, source) VALUES (?, ?, 1, 'watch')
    ON CONFLICT (article_id, topic_id) DO NOTHING`,
  deleteLink: 'DELETE FROM article_topics WHERE article_id = ? AND topic_id = ?',
  advance: 'UPDATE watch_topics SET applied_through = max(applied_through, ?) WHERE topic_id = ?',
} as const;

// Control characters (tabs, newlines, NUL) have no place in a label shown in legends and menus.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f]/u;

function checkName(db: Db, raw: unknown, selfId: number): string {
  if (typeof raw !== 'string') throw new WatchTopicError('name', 'must be text');
  const name = raw.trim();
  if (!name) throw new WatchTopicError('name', 'is empty');
  if (name.length > WATCH_TOPIC_NAME_MAX)
    throw new WatchTopicError('name', `is ${name.length} characters long; at most ${WATCH_TOPIC_NAME_MAX}`);
  if (CONTROL.test(name)) throw new WatchTopicError('name', 'holds a control character (tab or newline)');
  if (prepare(db, SQL.nameTaken).get(name, selfId) !== undefined)
    throw new WatchTopicError('name', `"${name}" is already the name of a watch topic`);
  return name;
}

/**
 * Reads a watch topic's query as the search box does; a query that cannot be read, or that has no word to
 * search for, is a WatchTopicError naming the problem (and, for a syntax error, its position).
 */
export function parseWatchQuery(raw: unknown): { query: string; parsed: ParsedSearch & { match: string } } {
  if (typeof raw !== 'string') throw new WatchTopicError('query', 'must be text');
  const query = raw.trim();
  if (!query) throw new WatchTopicError('query', 'is empty');
  if (query.length > WATCH_TOPIC_QUERY_MAX)
    throw new WatchTopicError(
      'query',
      `is ${query.length} characters long; at most ${WATCH_TOPIC_QUERY_MAX}`,
    );
  let parsed: ParsedSearch;
  try {
    parsed = parseSearch(query);
  } catch (error) {
    if (error instanceof SearchSyntaxError) {
      // The position is in the trimmed query: shift it back to what was typed.
      const lead = raw.length - raw.trimStart().length;
      throw new WatchTopicError('query', error.message, error.position + lead);
    }
    throw error;
  }
  if (parsed.match === null) throw new WatchTopicError('query', 'has no word to search for');
  return { query, parsed: parsed as ParsedSearch & { match: string } };
}

function checkId(id: unknown): number {
  if (!(typeof id === 'number' && Number.isInteger(id) && id > 0))
    throw new WatchTopicError('id', `must be a positive whole number, got ${String(id)}`);
  return id;
}

export function listWatchTopics(db: Db): WatchTopic[] {
  return prepare(db, SQL.list).all() as WatchTopic[];
}

export function getWatchTopic(db: Db, id: number): WatchTopic | null {
  return (prepare(db, SQL.get).get(checkId(id)) as WatchTopic | undefined) ?? null;
}

/** Links every stored article the query matches (and no other) and recounts the topic's rollups. */
function applyRetroactively(db: Db, topicId: number, match: string): number {
  prepare(db, SQL.deleteLinks).run(topicId);
  prepare(db, SQL.linkMatches).run(topicId, match);
  prepare(db, SQL.deleteTopicRollups).run(topicId);
  prepare(db, SQL.insertTopicRollups).run(topicId);
  return prepare(db, SQL.countLinks).pluck().get(topicId) as number;
}

/**
 * Saves a new watch topic and links every stored article its query matches, in one transaction: when it
 * returns, charts filtered on it count exactly its matches. Throws a WatchTopicError for a bad input.
 */
export function createWatchTopic(db: Db, input: WatchTopicInput): SaveWatchTopicResult {
  const { query, parsed } = parseWatchQuery(input?.query);
  return writeTransaction(db, (): SaveWatchTopicResult => {
    const name = checkName(db, input.name, 0);
    const now = nowIso();
    const placeholder = `${WATCH_SLUG_PREFIX}new:${now}:${Math.random()}`;
    const id = Number(prepare(db, SQL.insertTopic).run(placeholder, name).lastInsertRowid);
    prepare(db, SQL.setSlug).run(`${WATCH_SLUG_PREFIX}${id}`, id);
    // Read before the pass, in the same transaction: every raw document up to here is covered by it.
    const through = prepare(db, SQL.lastRaw).pluck().get() as number;
    prepare(db, SQL.insertWatch).run(id, query, through, now, now);
    const linked = applyRetroactively(db, id, parsed.match);
    return { topic: getWatchTopic(db, id) as WatchTopic, linked };
  })();
}

/**
 * Renames a watch topic and/or changes its query; a changed query is applied again to every stored
 * article. Returns null when no watch topic has that id.
 */
export function updateWatchTopic(
  db: Db,
  id: number,
  changes: Partial<WatchTopicInput>,
): SaveWatchTopicResult | null {
  checkId(id);
  const next = changes?.query === undefined ? null : parseWatchQuery(changes.query);
  return writeTransaction(db, (): SaveWatchTopicResult | null => {
    const current = getWatchTopic(db, id);
    if (!current) return null;
    const now = nowIso();
    if (changes.name !== undefined) prepare(db, SQL.renameTopic).run(checkName(db, changes.name, id), id);
    let linked = current.articles;
    if (next && next.query !== current.query) {
      const through = prepare(db, SQL.lastRaw).pluck().get() as number;
      prepare(db, SQL.updateWatch).run(next.query, through, now, id);
      linked = applyRetroactively(db, id, next.parsed.match);
    } else prepare(db, SQL.touchWatch).run(now, id);
    return { topic: getWatchTopic(db, id) as WatchTopic, linked };
  })();
}

/**
 * Deletes a watch topic, its links and rollup rows, and the spike rules scoped to it (they would watch
 * nothing). Returns null when no watch topic has that id.
 */
export function deleteWatchTopic(db: Db, id: number): { deletedAlertRules: number } | null {
  checkId(id);
  return writeTransaction(db, () => {
    const current = getWatchTopic(db, id);
    if (!current) return null;
    const deletedAlertRules = prepare(db, SQL.deleteRules).run(current.slug).changes;
    // Links and the watch_topics row go with the topic (ON DELETE CASCADE); rollups have no foreign keys.
    prepare(db, SQL.deleteTopicRollups).run(id);
    prepare(db, SQL.deleteTopic).run(id);
    return { deletedAlertRules };
  })();
}

type Arrival = { id: number; articleId: number | null };
type WatchQuery = { id: number; query: string; appliedThrough: number };

/**
 * Tests the articles stored or re-written since the last pass against every watch topic and links or
 * unlinks them, recounting the rollups of the (topic, day) pairs that changed. Each topic's query runs
 * through the FTS index restricted to the batch's range of article ids, which costs about as much as a
 * search and nothing per article (folding every new article for matchesSearch cost ~1 ms each, as much
 * as storing it). One transaction per `batch` raw documents, each recording how far it got, so an
 * interrupted pass resumes and a second pass in a row changes nothing. With no watch topic it reads one
 * row and returns.
 */
export function applyWatchTopics(db: Db, opts: { batch?: number } = {}): ApplyWatchTopicsResult {
  const batch = opts.batch ?? DEFAULT_BATCH;
  if (!(Number.isInteger(batch) && batch > 0))
    throw new RangeError(
      `applyWatchTopics: option batch must be a positive whole number, got ${String(batch)}`,
    );
  const result: ApplyWatchTopicsResult = { topics: 0, checked: 0, linked: 0, unlinked: 0 };
  const last = prepare(db, SQL.lastRaw).pluck().get() as number;
  const runBatch = writeTransaction(db, (): boolean => {
    // Read inside the transaction: a topic edited in the dashboard meanwhile is seen with its new query.
    const watches = prepare(db, SQL.watchQueries).all() as WatchQuery[];
    result.topics = watches.length;
    if (watches.length === 0) return false;
    const from = Math.min(...watches.map((w) => w.appliedThrough));
    if (from >= last) return false;
    const arrivals = prepare(db, SQL.arrivals).all(from, last, batch) as Arrival[];
    const through = arrivals.at(-1)?.id ?? last;
    const ids = new Set(arrivals.flatMap((a) => (a.articleId === null ? [] : [a.articleId])));
    if (ids.size > 0) {
      const idsJson = JSON.stringify([...ids]);
      const low = Math.min(...ids);
      const high = Math.max(...ids);
      const dayOf = new Map<number, string>();
      for (const w of watches) {
        const match = parseStored(w)?.match ?? null;
        const want = new Set<number>();
        if (match !== null)
          for (const id of prepare(db, SQL.matchesInRange).pluck().all(match, low, high) as number[])
            if (ids.has(id)) want.add(id);
        const have = new Set(prepare(db, SQL.linkedAmong).pluck().all(w.id, idsJson) as number[]);
        const days = new Set<string>();
        const changed = (id: number): void => {
          let day = dayOf.get(id);
          if (day === undefined) {
            day = prepare(db, SQL.dayOf).pluck().get(id) as string;
            dayOf.set(id, day);
          }
          days.add(day);
        };
        for (const id of want)
          if (!have.has(id)) {
            prepare(db, SQL.insertLink).run(id, w.id);
            result.linked++;
            changed(id);
          }
        for (const id of have)
          if (!want.has(id)) {
            prepare(db, SQL.deleteLink).run(id, w.id);
            result.unlinked++;
            changed(id);
          }
        if (days.size > 0) {
          const json = JSON.stringify([...days]);
          prepare(db, SQL.deleteDayRollups).run(w.id, json);
          prepare(db, SQL.insertDayRollups).run(w.id, json);
        }
      }
    }
    for (const w of watches) prepare(db, SQL.advance).run(through, w.id);
    result.checked += ids.size;
    return through < last;
  });
  while (runBatch()) {
    // Each batch commits on its own; the loop ends when every raw document up to `last` is covered.
  }
  return result;
}

// A stored query that no longer parses (the search language changed under it) matches nothing rather
// than stopping the worker; the dashboard shows the error when the topic is opened for editing.
function parseStored(w: WatchQuery): ParsedSearch | null {
  try {
    const parsed = parseSearch(w.query);
    return parsed.tree ? parsed : null;
  } catch {
    return null;
  }
}

/** A topic of any kind by its slug (to check what a filter or a spike rule names), or null. */
export function findTopicBySlug(
  db: Db,
  slug: string,
): { id: number; slug: string; name: string; kind: 'subject' | 'section' | 'watch' } | null {
  return (
    (prepare(db, 'SELECT id, slug, name, kind FROM topics WHERE slug = ?').get(slug) as
      | { id: number; slug: string; name: string; kind: 'subject' | 'section' | 'watch' }
      | undefined) ?? null
  );
}
