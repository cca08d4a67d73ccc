// Stories: articles from different outlets about one event, assigned incrementally at store time.
// Each article joins the story of its best-matching member among the articles within ±STORY_WINDOW_DAYS of
// its day, if it also resembles that story's first article (STORY_SEED_THRESHOLD: no chaining from the
// latest member onwards), else starts a new story. Candidates come from an inverted index of lead terms built in memory
// once per batch over the members of the days the batch needs: one indexed read per batch instead of one
// query per article, and it lives inside the batch's transaction, so a rolled-back batch leaves nothing.
import type { DatePrecision } from '@rasid/parser';
import {
  countShared,
  decodeHashes,
  encodeHashes,
  isNearDuplicate,
  STORY_MIN_JACCARD,
  STORY_SEED_THRESHOLD,
  STORY_THRESHOLD,
  type StorySignature,
  storySignature,
  storySimilarity,
} from '@rasid/parser/stories';
import type { Db } from '../client.ts';
import { addDays } from './dates.ts';
import { nowIso, prepare, writeTransaction } from './statements.ts';
import { TermPostings } from './term-postings.ts';

/** Days either side of an article's day in which its story's other members may lie. */
export const STORY_WINDOW_DAYS = 3;
/**
 * Longest a story may span from its first to its last day. Without it, daily coverage of a running
 * topic (a war front, a tournament) chains day by day into one story of months: on ANT, a 137-article
 * "Houthi front" story over 49 days.
 */
export const STORY_MAX_SPAN_DAYS = 7;

type Member = {
  articleId: number;
  storyId: number;
  day: string;
  kind: 'original' | 'duplicate';
  duplicateOf: number | null;
  lead: readonly number[];
  text: readonly number[] | null;
  packedText: Buffer | null;
  contentHash: string;
  simhash: string;
};

type MemberRow = {
  articleId: number;
  storyId: number;
  day: string;
  kind: 'original' | 'duplicate';
  duplicateOf: number | null;
  lead: Buffer;
  terms: Buffer;
  contentHash: string;
  simhash: string;
  storyFirstDay: string;
  storyLastDay: string;
  storyFirstArticleId: number;
};

type StorySpanRow = { id: number; firstDay: string; lastDay: string; firstArticleId: number };

export type ArticleRow = {
  id: number;
  day: string;
  contentHash: string;
  simhash: string;
};

// Members of a story in the order they were published, which picks its first to publish. A date is known to
// a second, minute, hour, day, month or year (date_precision): a calendar unit, in UTC, holding published_at.
// Its start alone would put "1 May" (stored as that day's midnight) ahead of another outlet's "1 May 09:00",
// though nothing says it came first. A member is placed instead by the latest instant its date allows, the
// end of that unit: the next second, minute or hour, the next midnight, the 1st of the next month, the next
// 1 January. So a time on a day beats that day alone, and "1 May" still beats "2 May 01:00". The unit is
// the one holding published_at, not published_at plus a unit: a crawl time kept at day precision
// (../shared's SaudiNewsNet date_extracted) is 02:51 of a day that still ends at midnight. An undated member
// counts from when it was first seen, an exact instant; a date without a recorded precision counts as known
// to the second (PRECISION_OF says so too), one with a precision SQL does not know as exact. Ties
// go to the more precise date (the end of "1 May" ties "1 May 23:59", the better claim), then to the lower
// article id. Instants compare as julianday numbers, not text: stored timestamps differ in form ("...:00Z"
// sorts after "...:00.000Z" as text), and SQLite writes its own without "T" and "Z". A timestamp SQLite
// cannot read (null) goes last rather than first. Computed once per member of the touched stories, which
// the window sorts anyway: no index could serve it, and none is lost (recountStories).
const PUBLISHED_BY = `CASE WHEN a.published_at IS NULL THEN julianday(a.first_seen_at)
  ELSE CASE coalesce(a.date_precision, 'second')
    WHEN 'second' THEN julianday(strftime('%Y-%m-%d %H:%M:%S', a.published_at), '+1 second')
    WHEN 'minute' THEN julianday(strftime('%Y-%m-%d %H:%M', a.published_at), '+1 minute')
    WHEN 'hour' THEN julianday(strftime('%Y-%m-%d %H:00', a.published_at), '+1 hour')
    WHEN 'day' THEN julianday(a.published_at, 'start of day', '+1 day')
    WHEN 'month' THEN julianday(a.published_at, 'start of month', '+1 month')
    WHEN 'year' THEN julianday(a.published_at, 'start of year', '+1 year')
    ELSE julianday(a.published_at) END END`;
const PRECISION_RANK = `CASE WHEN a.published_at IS NULL THEN 0
  ELSE CASE a.date_precision WHEN 'minute' THEN 1 WHEN 'hour' THEN 2 WHEN 'day' THEN 3 WHEN 'month' THEN 4
    WHEN 'year' THEN 5 ELSE 0 END END`;
const MEMBER_ORDER = `${PUBLISHED_BY} NULLS LAST, ${PRECISION_RANK}, a.id`;

const SQL = {
  article: 'SELECT id, day, content_hash AS contentHash, simhash FROM articles WHERE id = ?',
  articleText: 'SELECT title, body FROM articles WHERE id = ?',
  membership:
    'SELECT story_id AS storyId, day, content_hash AS contentHash FROM story_members WHERE article_id = ?',
  deleteMembership: 'DELETE FROM story_members WHERE article_id = ?',
  isMember: 'SELECT 1 FROM story_members WHERE article_id = ? AND story_id = ?',
  membersOfDays: `SELECT m.article_id AS articleId, m.story_id AS storyId, m.day, m.kind, m.duplicate_of AS duplicateOf,
    m.lead, m.terms, a.content_hash AS contentHash, a.simhash, s.first_day AS storyFirstDay, s.last_day AS storyLastDay,
    s.first_article_id AS storyFirstArticleId
    FROM story_members m JOIN articles a ON a.id = m.article_id JOIN stories s ON s.id = m.story_id
    WHERE m.day IN (SELECT value FROM json_each(?))`,
  insertStory: `INSERT INTO stories (first_article_id, title, first_day, last_day, article_count, unique_count,
    outlet_count, created_at, updated_at) VALUES (?, '', ?, ?, 0, 0, 0, ?, ?)`,
  insertMember: `INSERT INTO story_members (article_id, story_id, day, kind, duplicate_of, similarity, content_hash,
    lead, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  // Counters, span, first to publish (the member whose date ends first, MEMBER_ORDER; an undated member
  // counting from when it was first seen) and its title, for every touched story with members, in one pass
  // over their members:
  // a subquery per counter read each story's members six times (2.2 of ../shared/corpus's ingest seconds).
  // A touched story left without members is deleted after (deleteEmptyStories). Returns each recounted
  // story's first article, which the story index keeps as its seed.
  recountStories: `WITH m AS (
      SELECT m.story_id AS storyId, m.kind, a.id, a.outlet_id AS outletId, a.day,
        row_number() OVER (PARTITION BY m.story_id ORDER BY ${MEMBER_ORDER}) AS place
      FROM story_members m JOIN articles a ON a.id = m.article_id
      WHERE m.story_id IN (SELECT value FROM json_each(?))),
    counted AS (
      SELECT storyId, count(*) AS articles, sum(kind = 'original') AS uniques, count(DISTINCT outletId) AS outlets,
        min(day) AS firstDay, max(day) AS lastDay, max(CASE WHEN place = 1 THEN id END) AS firstArticleId
      FROM m GROUP BY storyId)
    UPDATE stories SET article_count = counted.articles, unique_count = counted.uniques,
      outlet_count = counted.outlets, first_day = counted.firstDay, last_day = counted.lastDay,
      first_article_id = counted.firstArticleId,
      title = (SELECT title FROM articles WHERE id = counted.firstArticleId), updated_at = ?
    FROM counted WHERE stories.id = counted.storyId
    RETURNING stories.id AS id, stories.first_article_id AS firstArticleId`,
  seedSignature: 'SELECT lead, terms FROM story_members WHERE article_id = ?',
  storySpans: `SELECT id, first_day AS firstDay, last_day AS lastDay, first_article_id AS firstArticleId
    FROM stories WHERE id IN (SELECT value FROM json_each(?))`,
  deleteEmptyStories: `DELETE FROM stories WHERE id IN (SELECT value FROM json_each(?))
    AND NOT EXISTS (SELECT 1 FROM story_members m WHERE m.story_id = stories.id)`,
  missing: `SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = a.id)
    ORDER BY a.day, a.id LIMIT ?`,
} as const;

const toBuffer = (hashes: readonly number[]): Buffer => {
  const bytes = encodeHashes(hashes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

// The days within STORY_WINDOW_DAYS of a day, and the last day a story starting on a day may reach:
// asked for every article and candidate, so computed once per day (a run covers a few thousand days).
const windows = new Map<string, readonly string[]>();
function windowDays(day: string): readonly string[] {
  const known = windows.get(day);
  if (known) return known;
  const days: string[] = [];
  for (let d = -STORY_WINDOW_DAYS; d <= STORY_WINDOW_DAYS; d++) days.push(addDays(day, d));
  windows.set(day, days);
  return days;
}
const spanEnds = new Map<string, string>();
function spanEnd(first: string): string {
  let last = spanEnds.get(first);
  if (last === undefined) {
    last = addDays(first, STORY_MAX_SPAN_DAYS);
    spanEnds.set(first, last);
  }
  return last;
}

/** The members of the days around the batch's days, indexed by lead term. */
class WindowIndex {
  // Per day, then per lead term, the slots of the members: a lookup reads only the window's days, however
  // many days a batch loaded. Slots are numbers so that counting shared terms is array arithmetic, not a
  // Map keyed by objects (that Map was a third of assigning a story). See TermPostings.
  private readonly byDay = new Map<string, TermPostings>();
  private readonly loaded = new Set<string>();
  // Article id → slot, and slot → member (undefined once removed); slots freed by removals, for reuse.
  private readonly byId = new Map<number, number>();
  private readonly slots: (Member | undefined)[] = [];
  private readonly free: number[] = [];
  // Per loaded day, the slots its members were given (a slot since freed and reused may linger: check the day).
  private readonly daySlots = new Map<string, number[]>();
  // Terms shared with the article being matched, per slot; zero again after every lookup.
  private shared = new Int32Array(1024);
  // Lead length per slot: most candidates are ruled out by it and the shared count alone, without reading
  // the member (an object elsewhere in memory: reading it was most of the time spent on candidates).
  private leadLength = new Int32Array(1024);
  // The slots with a shared term, hitCount of them; sized as `shared` (each slot is in it once at most).
  private hits = new Int32Array(1024);
  // The window's posting lists of the lead being matched (a day's postings and the list's first entry) and
  // which lead term each is for; per lead term, its postings in the window (negative: left unread).
  // These and `hits` are overwritten in place, never emptied: `array.length = 0` frees an array's store,
  // and growing it again at every lookup allocated more than the rest of storing an article.
  private readonly lists: TermPostings[] = [];
  private listHead = new Int32Array(64);
  private listTerm = new Int32Array(64);
  private postings = new Int32Array(64);
  /** First and last day of every story seen, kept current as members join. */
  readonly spans = new Map<number, { first: string; last: string }>();
  /** The first article (stories.first_article_id) of every story seen. */
  readonly seeds = new Map<number, number>();
  // Signatures of first articles outside the loaded days, read once each.
  private readonly seedSignatures = new Map<number, StorySignature | null>();

  constructor(private readonly db: Db) {}

  /** Loads (once) the members of every day within the window of `days`. */
  load(days: Iterable<string>): void {
    const need = new Set<string>();
    for (const day of days) for (const near of windowDays(day)) if (!this.loaded.has(near)) need.add(near);
    if (need.size === 0) return;
    for (const day of need) this.loaded.add(day);
    const rows = prepare(this.db, SQL.membersOfDays).all(JSON.stringify([...need])) as MemberRow[];
    for (const row of rows) {
      this.addStory({
        id: row.storyId,
        firstDay: row.storyFirstDay,
        lastDay: row.storyLastDay,
        firstArticleId: row.storyFirstArticleId,
      });
      this.add({
        articleId: row.articleId,
        storyId: row.storyId,
        day: row.day,
        kind: row.kind,
        duplicateOf: row.duplicateOf,
        lead: decodeHashes(row.lead),
        // Decoded only for the few candidates that pass the leads' Jaccard: most members never are.
        text: null,
        packedText: row.terms,
        contentHash: row.contentHash,
        simhash: row.simhash,
      });
    }
  }

  private addStory(story: StorySpanRow): void {
    this.seeds.set(story.id, story.firstArticleId);
    this.widen(story.id, story.firstDay);
    this.widen(story.id, story.lastDay);
  }

  /**
   * Drops the members of every loaded day outside the windows of `days` (no article of those days can
   * match them), leaving what a new index loaded for `days` would hold: the stories' spans and first
   * articles of the members kept are read again as that load reads them. Cheaper than that new index,
   * which reads again the days kept: on ../shared/corpus, 134,000 member rows read for 58,000 members.
   */
  keepOnly(days: Iterable<string>): void {
    const keep = new Set<string>();
    for (const day of days) for (const near of windowDays(day)) keep.add(near);
    for (const day of this.loaded) {
      if (keep.has(day)) continue;
      this.loaded.delete(day);
      this.byDay.delete(day);
      for (const slot of this.daySlots.get(day) ?? []) {
        const member = this.slots[slot];
        if (member?.day !== day) continue;
        this.byId.delete(member.articleId);
        this.slots[slot] = undefined;
        this.free.push(slot);
      }
      this.daySlots.delete(day);
    }
    const stories = new Set<number>();
    for (const slot of this.byId.values()) stories.add((this.slots[slot] as Member).storyId);
    this.spans.clear();
    this.seeds.clear();
    this.seedSignatures.clear();
    const rows = prepare(this.db, SQL.storySpans).all(JSON.stringify([...stories])) as StorySpanRow[];
    for (const row of rows) this.addStory(row);
    for (const slot of this.byId.values()) {
      const member = this.slots[slot] as Member;
      this.widen(member.storyId, member.day);
    }
  }

  /** Records that `storyId` has a member on `day`. */
  widen(storyId: number, day: string): void {
    const span = this.spans.get(storyId);
    if (!span) this.spans.set(storyId, { first: day, last: day });
    else if (day < span.first) span.first = day;
    else if (day > span.last) span.last = day;
  }

  /** Whether a member on `day` keeps the story within STORY_MAX_SPAN_DAYS. */
  fits(storyId: number, day: string): boolean {
    const span = this.spans.get(storyId);
    if (!span) return true;
    const first = day < span.first ? day : span.first;
    const last = day > span.last ? day : span.last;
    return last <= spanEnd(first);
  }

  /** The signature of a story's first article, or null when it has none (its first article was moved). */
  seedOf(storyId: number): { articleId: number; signature: StorySignature } | null {
    const articleId = this.seeds.get(storyId);
    if (articleId === undefined) return null;
    const slot = this.byId.get(articleId);
    if (slot !== undefined) return { articleId, signature: signatureOf(this.slots[slot] as Member) };
    let signature = this.seedSignatures.get(articleId);
    if (signature === undefined) {
      const row = prepare(this.db, SQL.seedSignature).get(articleId) as
        | { lead: Buffer; terms: Buffer }
        | undefined;
      signature = row ? { lead: decodeHashes(row.lead), text: decodeHashes(row.terms) } : null;
      this.seedSignatures.set(articleId, signature);
    }
    return signature ? { articleId, signature } : null;
  }

  /** How many members it holds: past MAX_KEPT_MEMBERS the next batch keeps only the days it needs. */
  get size(): number {
    return this.byId.size;
  }

  remove(articleId: number): void {
    const slot = this.byId.get(articleId);
    if (slot === undefined) return;
    const member = this.slots[slot] as Member;
    this.byId.delete(articleId);
    this.slots[slot] = undefined;
    this.free.push(slot);
    this.seedSignatures.delete(articleId);
    const postings = this.byDay.get(member.day);
    if (postings) for (const term of member.lead) postings.remove(term, slot);
  }

  add(member: Member): void {
    const slot = this.free.pop() ?? this.slots.length;
    this.slots[slot] = member;
    if (slot >= this.shared.length) {
      this.shared = doubled(this.shared);
      this.leadLength = doubled(this.leadLength);
      this.hits = doubled(this.hits);
    }
    this.leadLength[slot] = member.lead.length;
    this.byId.set(member.articleId, slot);
    this.widen(member.storyId, member.day);
    const slotsOfDay = this.daySlots.get(member.day);
    if (slotsOfDay) slotsOfDay.push(slot);
    else this.daySlots.set(member.day, [slot]);
    let postings = this.byDay.get(member.day);
    if (!postings) {
      postings = new TermPostings();
      this.byDay.set(member.day, postings);
    }
    const lead = member.lead;
    for (let t = 0; t < lead.length; t++) postings.add(lead[t] as number, slot);
  }

  /**
   * Calls `visit` with every member within the window of `day` whose lead's Jaccard similarity to `lead`
   * may reach `minJaccard`, and how many terms the two leads share (exact). `visit` must not add or remove
   * members; it may be called for members below `minJaccard` too, and must check.
   */
  forEachCandidate(
    lead: readonly number[],
    day: string,
    minJaccard: number,
    visit: (member: Member, shared: number) => void,
  ): void {
    const n = lead.length;
    if (n === 0) return;
    // Prefix filtering: a member at Jaccard ≥ minJaccard shares at least `need` of the lead's terms, since
    // their union is at least the lead. So it holds at least one of any n − need + 1 of them, and the
    // need − 1 terms with the longest posting lists in the window (a country, a leader: half the window's
    // members) can be left unread. The epsilon keeps a rounding of minJaccard × n from asking one too many.
    const need = Math.max(1, Math.ceil(minJaccard * n - 1e-9));
    const skipped = Math.min(need - 1, n - 1);
    const lists = this.lists;
    let listHead = this.listHead;
    let listTerm = this.listTerm;
    let listCount = 0;
    let postings = this.postings;
    if (postings.length < n) postings = this.postings = new Int32Array(Math.max(n, 2 * postings.length));
    postings.fill(0, 0, n);
    for (const near of windowDays(day)) {
      const dayPostings = this.byDay.get(near);
      if (!dayPostings) continue;
      for (let t = 0; t < n; t++) {
        const cell = dayPostings.find(lead[t] as number);
        if (cell < 0) continue;
        const count = dayPostings.countAt(cell);
        if (count === 0) continue;
        if (listCount === listTerm.length) {
          listTerm = this.listTerm = doubled(listTerm);
          listHead = this.listHead = doubled(listHead);
        }
        lists[listCount] = dayPostings;
        listHead[listCount] = dayPostings.headAt(cell);
        listTerm[listCount++] = t;
        postings[t] = (postings[t] as number) + count;
      }
    }
    if (listCount === 0) return;
    // The `skipped` most common terms (those with the most postings), marked by a negative count.
    let unread = 0;
    for (; unread < skipped; unread++) {
      let most = 0;
      for (let t = 1; t < n; t++) if ((postings[t] as number) > (postings[most] as number)) most = t;
      if ((postings[most] as number) <= 0) break;
      postings[most] = -1;
    }
    const shared = this.shared;
    const hits = this.hits;
    let hitCount = 0;
    for (let i = 0; i < listCount; i++) {
      if ((postings[listTerm[i] as number] as number) < 0) continue;
      const list = lists[i] as TermPostings;
      const slotOf = list.entrySlot;
      const next = list.entryNext;
      for (let entry = listHead[i] as number; entry >= 0; entry = next[entry] as number) {
        const slot = slotOf[entry] as number;
        if (shared[slot] === 0) hits[hitCount++] = slot;
        shared[slot] = (shared[slot] as number) + 1;
      }
    }
    try {
      const leadLength = this.leadLength;
      for (let h = 0; h < hitCount; h++) {
        const slot = hits[h] as number;
        let count = shared[slot] as number;
        if (unread > 0) {
          // At most `unread` more shared terms: when even that cannot reach minJaccard, no need to count.
          const length = leadLength[slot] as number;
          const most = Math.min(count + unread, length);
          if (most / (n + length - most) < minJaccard) continue;
        }
        const member = this.slots[slot] as Member;
        if (unread > 0) count = countShared(lead, member.lead);
        visit(member, count);
      }
    } finally {
      for (let h = 0; h < hitCount; h++) shared[hits[h] as number] = 0;
    }
  }
}

/** A copy of `array` twice as long, zeros after its values. */
function doubled(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

// One index per connection, kept between batches: consecutive batches mostly need the same days, and
// reloading them cost more than assigning. It is only a cache of story_members: dropped when another
// connection has written (PRAGMA data_version changes) and when a match it offers is not in the table (a
// rolled-back batch); storeArticles also drops it when a batch fails. Past MAX_KEPT_MEMBERS a batch keeps
// only the days it needs (keepOnly).
// Bounds its memory: it was most of what an ingest keeps (at 50,000 members ../shared/corpus needed a 384 MB
// heap; at 12,000 it runs in 192 MB, as fast). A live worker needs only the week around today; a backfill
// past the cap reloads its window, one indexed read a batch.
const MAX_KEPT_MEMBERS = 12_000;

function checkMaxKept(fn: string, value: number | undefined): number {
  const max = value ?? MAX_KEPT_MEMBERS;
  if (!(Number.isInteger(max) && max >= 0))
    throw new Error(`${fn}: maxKeptMembers must be a whole number ≥ 0, got ${max}`);
  return max;
}

export type AssignStoriesOptions = {
  /**
   * Members the story index kept between batches may hold before a batch drops the days it does not need.
   * Default 12,000. Results do not depend on it; memory and reads do.
   */
  maxKeptMembers?: number;
  /**
   * Articles the caller inserted in this transaction, with their row as stored: read from here instead of
   * the database, and known to have no story yet (an article id is never reused). The store inserts most of
   * what it assigns, and reading each back with its membership was two queries an article. Default none.
   */
  inserted?: ReadonlyMap<number, ArticleRow>;
};
const kept = new WeakMap<object, { index: WindowIndex; version: number }>();

function windowIndexOf(db: Db, fresh = false): WindowIndex {
  const version = db.$client.pragma('data_version', { simple: true }) as number;
  const entry = kept.get(db.$client);
  if (!fresh && entry && entry.version === version) return entry.index;
  const index = new WindowIndex(db);
  kept.set(db.$client, { index, version });
  return index;
}

/** Drops the story index kept for this connection (after a failed batch: it may hold rolled-back rows). */
export function forgetStoryIndex(db: Db): void {
  kept.delete(db.$client);
}

function signatureOf(member: Member): StorySignature {
  if (!member.text) member.text = member.packedText ? decodeHashes(member.packedText) : [];
  return { lead: member.lead, text: member.text };
}

type Match = { member: Member; similarity: number; duplicate: boolean };

/** Whether an article resembles the first article of `member`'s story (STORY_SEED_THRESHOLD), once per story. */
function resemblesSeed(
  index: WindowIndex,
  signature: StorySignature,
  member: Member,
  checked: Map<number, boolean>,
): boolean {
  let ok = checked.get(member.storyId);
  if (ok === undefined) {
    const seed = index.seedOf(member.storyId);
    ok =
      !seed ||
      seed.articleId === member.articleId ||
      storySimilarity(signature, seed.signature) >= STORY_SEED_THRESHOLD;
    checked.set(member.storyId, ok);
  }
  return ok;
}

/** The member an article should join: a copy of its text first, else the most similar over the threshold. */
function findMatch(
  index: WindowIndex,
  signature: StorySignature,
  article: Pick<ArticleRow, 'day' | 'contentHash' | 'simhash'>,
): Match | null {
  let best: Match | null = null;
  const seedChecks = new Map<number, boolean>();
  // The best is the greatest under (copy, similarity, lowest id) among the members that pass: the order
  // candidates come in does not change it.
  index.forEachCandidate(signature.lead, article.day, STORY_MIN_JACCARD, (member, shared) => {
    // The leads' Jaccard straight from the shared count: most candidates stop here, before any merge.
    const jaccard = shared / (signature.lead.length + member.lead.length - shared);
    if (jaccard < STORY_MIN_JACCARD || !index.fits(member.storyId, article.day)) return;
    const duplicate = isNearDuplicate(article, member);
    const similarity = duplicate ? 1 : storySimilarity(signature, signatureOf(member));
    if (!duplicate && similarity < STORY_THRESHOLD) return;
    const better =
      !best ||
      (duplicate && !best.duplicate) ||
      (duplicate === best.duplicate &&
        (similarity > best.similarity ||
          (similarity === best.similarity && member.articleId < best.member.articleId)));
    // Only for a member that would win: most candidates never need their story's first article.
    if (better && !duplicate && !resemblesSeed(index, signature, member, seedChecks)) return;
    if (better) best = { member, similarity, duplicate };
  });
  return best;
}

/**
 * Puts each article in a story: kept where it is when its text and day are what it was assigned with,
 * else (re)assigned against the members within ±STORY_WINDOW_DAYS of its day. `signatures` may hold the
 * signatures of some of the articles' current texts (the store has them); the others are computed from the
 * stored text. Articles are taken in the order given; each one is visible to the next. Story counters are
 * recounted for every story touched, and a story left without members is removed. Call inside the caller's transaction (storeArticles does).
 * Throws naming the article when an id is not a stored article.
 */
export function assignStories(
  db: Db,
  articleIds: readonly number[],
  signatures: ReadonlyMap<number, StorySignature> = new Map(),
  opts: AssignStoriesOptions = {},
): { assigned: number; stories: number } {
  const maxKept = checkMaxKept('assignStories', opts.maxKeptMembers);
  const now = nowIso();
  const q = {
    article: prepare(db, SQL.article),
    articleText: prepare(db, SQL.articleText),
    membership: prepare(db, SQL.membership),
    isMember: prepare(db, SQL.isMember).pluck(),
    deleteMembership: prepare(db, SQL.deleteMembership),
    insertStory: prepare(db, SQL.insertStory),
    insertMember: prepare(db, SQL.insertMember),
  };
  const touched = new Set<number>();
  const todo: ArticleRow[] = [];
  const reassigned: number[] = [];
  for (const id of new Set(articleIds)) {
    const inserted = opts.inserted?.get(id);
    if (inserted) {
      todo.push(inserted);
      continue;
    }
    const article = q.article.get(id) as ArticleRow | undefined;
    if (!article) throw new Error(`assignStories: article ${id} is not in the database`);
    const current = q.membership.get(id) as { storyId: number; day: string; contentHash: string } | undefined;
    if (current && current.day === article.day && current.contentHash === article.contentHash) continue;
    if (current) {
      q.deleteMembership.run(id);
      touched.add(current.storyId);
      reassigned.push(id);
    }
    todo.push(article);
  }
  if (todo.length === 0 && touched.size === 0) return { assigned: 0, stories: 0 };

  let index = windowIndexOf(db);
  if (index.size > maxKept) index.keepOnly(todo.map((a) => a.day));
  for (const id of reassigned) index.remove(id);
  index.load(todo.map((a) => a.day));

  for (const article of todo) {
    let signature = signatures.get(article.id);
    if (!signature) {
      const { title, body } = q.articleText.get(article.id) as { title: string; body: string };
      signature = storySignature(title, body);
    }
    let match = findMatch(index, signature, article);
    if (match && q.isMember.get(match.member.articleId, match.member.storyId) === undefined) {
      // The kept index saw a member that is not there (its batch was rolled back): start it afresh.
      index = windowIndexOf(db, true);
      index.load(todo.map((a) => a.day));
      match = findMatch(index, signature, article);
    }
    let storyId: number;
    if (match) storyId = match.member.storyId;
    else {
      storyId = Number(q.insertStory.run(article.id, article.day, article.day, now, now).lastInsertRowid);
      index.seeds.set(storyId, article.id);
    }
    const kind = match?.duplicate ? 'duplicate' : 'original';
    // A copy of a copy points at the text it was copied from, so that counting originals counts each once.
    const duplicateOf = match?.duplicate ? (match.member.duplicateOf ?? match.member.articleId) : null;
    const packedText = toBuffer(signature.text);
    q.insertMember.run(
      article.id,
      storyId,
      article.day,
      kind,
      duplicateOf,
      match ? match.similarity : 1,
      article.contentHash,
      toBuffer(signature.lead),
      packedText,
    );
    index.add({
      articleId: article.id,
      storyId,
      day: article.day,
      kind,
      duplicateOf,
      lead: signature.lead,
      // Kept packed like loaded members: the index lives across batches, and most texts are never read.
      text: null,
      packedText,
      contentHash: article.contentHash,
      simhash: article.simhash,
    });
    touched.add(storyId);
  }

  const ids = JSON.stringify([...touched]);
  const firsts = prepare(db, SQL.recountStories).all(ids, now) as { id: number; firstArticleId: number }[];
  prepare(db, SQL.deleteEmptyStories).run(ids);
  // The recount may have named another first article (an earlier-published member): the next match uses it.
  for (const id of touched) index.seeds.delete(id);
  for (const { id, firstArticleId } of firsts) index.seeds.set(id, firstArticleId);
  return { assigned: todo.length, stories: touched.size };
}

/**
 * Assigns a story to every stored article that has none (a database from before stories existed), oldest
 * day first, `batchSize` articles per transaction. Returns how many it assigned; running it again assigns 0.
 */
export function assignMissingStories(
  db: Db,
  opts: { batchSize?: number } & AssignStoriesOptions = {},
): number {
  const batchSize = opts.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`assignMissingStories: batchSize must be a positive whole number, got ${batchSize}`);
  checkMaxKept('assignMissingStories', opts.maxKeptMembers);
  let total = 0;
  for (;;) {
    const ids = prepare(db, SQL.missing).pluck().all(batchSize) as number[];
    if (ids.length === 0) return total;
    try {
      writeTransaction(db, () => assignStories(db, ids, new Map(), opts))();
    } catch (error) {
      forgetStoryIndex(db);
      throw error;
    }
    total += ids.length;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading stories.

export type StoryOutlet = { id: number; name: string; articles: number };

export type StorySummary = {
  id: number;
  title: string;
  /** Every member, copies included. */
  size: number;
  /** Members that are not near-duplicates of another member. */
  uniqueSize: number;
  outletCount: number;
  outlets: StoryOutlet[];
  firstDay: string;
  lastDay: string;
  /**
   * The member published first (MEMBER_ORDER: by the latest instant its date allows; undated members count
   * from when they were first seen). `at` is its publication date as stored, the start of what `precision`
   * says is known (a day-precision date is that day's midnight: no time of day is known), or when it was
   * first seen when `precision` is null (undated).
   */
  first: {
    articleId: number;
    title: string;
    outletId: number;
    outletName: string;
    at: string;
    precision: DatePrecision | null;
  };
};

export type StoryFilters = {
  from?: string; // YYYY-MM-DD: stories whose last day is on or after it
  to?: string; // YYYY-MM-DD: stories whose first day is on or before it
  outletId?: number; // stories with at least one member from this outlet
  minOutlets?: number; // e.g. 2: only stories told by several outlets
  minSize?: number; // counted in unique members
  sort?: 'size' | 'recent';
  limit?: number;
  offset?: number;
};

export type StoryPage = { items: StorySummary[]; total: number };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkFilters(filters: StoryFilters): void {
  for (const key of ['from', 'to'] as const) {
    const value = filters[key];
    if (value !== undefined && !DAY.test(value))
      throw new Error(`listStories: ${key} must be a day written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  for (const key of ['outletId', 'minOutlets', 'minSize', 'limit', 'offset'] as const) {
    const value = filters[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0))
      throw new Error(`listStories: ${key} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  }
  if (filters.sort !== undefined && filters.sort !== 'size' && filters.sort !== 'recent')
    throw new Error(`listStories: sort must be 'size' or 'recent', got ${JSON.stringify(filters.sort)}`);
}

type StoryRow = {
  id: number;
  title: string;
  size: number;
  uniqueSize: number;
  outletCount: number;
  firstDay: string;
  lastDay: string;
  firstArticleId: number;
  firstTitle: string;
  firstOutletId: number;
  firstOutletName: string;
  firstAt: string;
  firstPrecision: DatePrecision | null;
};

// How precisely a member's date is known: null when undated; a date without a recorded precision as known
// to the second, as MEMBER_ORDER places it.
const PRECISION_OF = (alias: string): string =>
  `CASE WHEN ${alias}.published_at IS NULL THEN NULL ELSE coalesce(${alias}.date_precision, 'second') END`;

const STORY_COLUMNS = `s.id, s.title, s.article_count AS size, s.unique_count AS uniqueSize, s.outlet_count AS outletCount,
  s.first_day AS firstDay, s.last_day AS lastDay, s.first_article_id AS firstArticleId, f.title AS firstTitle,
  f.outlet_id AS firstOutletId, fo.name AS firstOutletName, coalesce(f.published_at, f.first_seen_at) AS firstAt,
  ${PRECISION_OF('f')} AS firstPrecision`;
const STORY_FROM = `stories s JOIN articles f ON f.id = s.first_article_id JOIN outlets fo ON fo.id = f.outlet_id`;

function outletsOf(db: Db, storyIds: number[]): Map<number, StoryOutlet[]> {
  const rows = prepare(
    db,
    `SELECT m.story_id AS storyId, o.id, o.name, count(*) AS articles
     FROM story_members m JOIN articles a ON a.id = m.article_id JOIN outlets o ON o.id = a.outlet_id
     WHERE m.story_id IN (SELECT value FROM json_each(?)) GROUP BY m.story_id, o.id ORDER BY m.story_id, o.name`,
  ).all(JSON.stringify(storyIds)) as (StoryOutlet & { storyId: number })[];
  const byStory = new Map<number, StoryOutlet[]>();
  for (const { storyId, ...outlet } of rows) {
    const list = byStory.get(storyId) ?? [];
    list.push(outlet);
    byStory.set(storyId, list);
  }
  return byStory;
}

function toSummary(row: StoryRow, outlets: StoryOutlet[]): StorySummary {
  return {
    id: row.id,
    title: row.title,
    size: row.size,
    uniqueSize: row.uniqueSize,
    outletCount: row.outletCount,
    outlets,
    firstDay: row.firstDay,
    lastDay: row.lastDay,
    first: {
      articleId: row.firstArticleId,
      title: row.firstTitle,
      outletId: row.firstOutletId,
      outletName: row.firstOutletName,
      at: row.firstAt,
      precision: row.firstPrecision,
    },
  };
}

/** Stories overlapping the filters' days, largest (unique members) first or most recent first. */
export function listStories(db: Db, filters: StoryFilters = {}): StoryPage {
  checkFilters(filters);
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.from) {
    where.push('s.last_day >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    where.push('s.first_day <= ?');
    params.push(filters.to);
  }
  if (filters.minOutlets !== undefined) {
    where.push('s.outlet_count >= ?');
    params.push(filters.minOutlets);
  }
  if (filters.minSize !== undefined) {
    where.push('s.unique_count >= ?');
    params.push(filters.minSize);
  }
  if (filters.outletId !== undefined) {
    where.push(
      'EXISTS (SELECT 1 FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id AND a.outlet_id = ?)',
    );
    params.push(filters.outletId);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order =
    filters.sort === 'recent'
      ? 'ORDER BY s.last_day DESC, s.id DESC'
      : 'ORDER BY s.unique_count DESC, s.outlet_count DESC, s.last_day DESC, s.id DESC';
  const total = prepare(db, `SELECT count(*) FROM stories s ${whereSql}`)
    .pluck()
    .get(...params) as number;
  const rows = prepare(
    db,
    `SELECT ${STORY_COLUMNS} FROM ${STORY_FROM} ${whereSql} ${order} LIMIT ? OFFSET ?`,
  ).all(...params, filters.limit ?? 50, filters.offset ?? 0) as StoryRow[];
  const outlets = outletsOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toSummary(r, outlets.get(r.id) ?? [])), total };
}

export type StoryArticle = {
  id: number;
  title: string;
  url: string | null;
  outletId: number;
  outletName: string;
  day: string;
  publishedAt: string | null;
  /** How precisely `publishedAt` is known; null when undated. */
  datePrecision: DatePrecision | null;
  firstSeenAt: string;
  kind: 'original' | 'duplicate';
  duplicateOf: number | null;
  similarity: number;
};

export type StorySpread = {
  day: string;
  outletId: number;
  outletName: string;
  articles: number;
  unique: number;
};

export type StoryDetail = StorySummary & {
  /** Members in the order they were published, as the first to publish is picked (MEMBER_ORDER). */
  articles: StoryArticle[];
  /** Members per day and outlet: how the story spread over time. */
  spread: StorySpread[];
};

/** One story with its members by time and its spread per day per outlet; null when there is no such story. */
export function getStory(db: Db, id: number): StoryDetail | null {
  if (!Number.isInteger(id) || id < 1)
    throw new Error(`getStory: id must be a positive whole number, got ${id}`);
  const row = prepare(db, `SELECT ${STORY_COLUMNS} FROM ${STORY_FROM} WHERE s.id = ?`).get(id) as
    | StoryRow
    | undefined;
  if (!row) return null;
  const articles = prepare(
    db,
    `SELECT a.id, a.title, a.url, a.outlet_id AS outletId, o.name AS outletName, a.day, a.published_at AS publishedAt,
       ${PRECISION_OF('a')} AS datePrecision, a.first_seen_at AS firstSeenAt, m.kind, m.duplicate_of AS duplicateOf, m.similarity
     FROM story_members m JOIN articles a ON a.id = m.article_id JOIN outlets o ON o.id = a.outlet_id
     WHERE m.story_id = ? ORDER BY ${MEMBER_ORDER}`,
  ).all(id) as StoryArticle[];
  const spread = prepare(
    db,
    `SELECT a.day, a.outlet_id AS outletId, o.name AS outletName, count(*) AS articles,
       sum(m.kind = 'original') AS "unique"
     FROM story_members m JOIN articles a ON a.id = m.article_id JOIN outlets o ON o.id = a.outlet_id
     WHERE m.story_id = ? GROUP BY a.day, a.outlet_id ORDER BY a.day, o.name`,
  ).all(id) as StorySpread[];
  return { ...toSummary(row, outletsOf(db, [id]).get(id) ?? []), articles, spread };
}

/** The story an article belongs to, or null when it has none yet. */
export function getStoryIdOfArticle(db: Db, articleId: number): number | null {
  const id = prepare(db, 'SELECT story_id FROM story_members WHERE article_id = ?').pluck().get(articleId);
  return (id as number | undefined) ?? null;
}
