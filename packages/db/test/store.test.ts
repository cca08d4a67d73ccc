import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  countArticles,
  dedupeKeyOf,
  getArticle,
  getTotals,
  listArticles,
  listFailures,
  listRawDocuments,
  listTopics,
  recordFailure,
  startRun,
  storeArticles,
} from '../src/queries/index.ts';
import { makeArticle, makeItem } from './helpers.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;

describe('storeArticles', () => {
  it('resolves the failures it settles in its own transaction: both happen, or neither', () => {
    const item = makeItem(makeArticle({ url: 'https://example.com/page', title: 'صفحة' }));
    const location = item.raw.location;
    recordFailure(db, { runId: null, sourceId: null, location, reason: 'HTTP 503' });
    const unresolved = () => listFailures(db, { unresolvedOnly: true }).map((f) => f.location);
    // Whatever fails after the articles are written (here the failure update itself) undoes the batch:
    // the article is not stored without its failure resolved, so a later run still retries it.
    db.$client.exec(
      `CREATE TRIGGER refuse AFTER UPDATE OF resolved_at ON ingest_failures BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    expect(() => storeArticles(db, [item], { resolves: [location] })).toThrow(/refused/);
    expect(getTotals(db).articles).toBe(0);
    expect(unresolved()).toEqual([location]);
    db.$client.exec('DROP TRIGGER refuse');
    expect(storeArticles(db, [item], { resolves: [location] })).toMatchObject({ new: 1 });
    expect(unresolved()).toEqual([]);
  });

  it('is idempotent: the same items again are all duplicates and change nothing', () => {
    const items = [
      makeItem(makeArticle({ url: 'https://example.com/a', title: 'أ', sections: ['سياسة'] })),
      makeItem(makeArticle({ url: 'https://example.com/b', title: 'ب' })),
      makeItem(makeArticle({ url: null, title: 'ج', body: 'بلا رابط' })),
    ];
    expect(storeArticles(db, items)).toMatchObject({ new: 3, updated: 0, duplicate: 0 });
    const snapshot = () => ({
      totals: getTotals(db),
      topics: listTopics(db),
      links: count('SELECT count(*) FROM article_topics'),
      fts: count('SELECT count(*) FROM articles_fts'),
      rollup: db.$client.prepare('SELECT * FROM rollup_daily ORDER BY 1, 2, 3').all(),
      updated: db.$client.prepare('SELECT id, updated_at FROM articles').all(),
    });
    const before = snapshot();
    const again = storeArticles(db, items);
    expect(again).toEqual({
      new: 0,
      updated: 0,
      duplicate: 3,
      outcomes: ['duplicate', 'duplicate', 'duplicate'],
    });
    expect(snapshot()).toEqual(before);
    expect(before.totals).toEqual({ articles: 3, outlets: 1, rawDocuments: 3 });
  });

  it('dedupes within one batch, by raw bytes and by article', () => {
    const a = makeArticle({ url: 'https://example.com/x', sections: ['economy'] });
    const b = makeArticle({ url: 'http://www.example.com/x/#top', sections: ['technology'] });
    const result = storeArticles(db, [makeItem(a), makeItem(a), makeItem(b)]);
    expect(result.outcomes).toEqual(['new', 'duplicate', 'updated']);
    expect(getTotals(db)).toMatchObject({ articles: 1, rawDocuments: 2 });
  });

  it('merges desks: one URL under two categories is one article carrying both sections', () => {
    const url = 'https://example.com/news/1';
    const economy = makeArticle({ url, section: 'economy', sections: ['economy'] });
    const tech = makeArticle({ url, section: 'technology', sections: ['technology'] });
    storeArticles(db, [makeItem(economy, '#economy')]);
    expect(storeArticles(db, [makeItem(tech, '#technology')]).outcomes).toEqual(['updated']);

    expect(getTotals(db)).toMatchObject({ articles: 1, rawDocuments: 2 });
    const [summary] = listArticles(db, {}, { limit: 10 }).items;
    const article = getArticle(db, summary?.id ?? 0);
    expect(article?.sections).toEqual(['economy', 'technology']);
    expect(article?.section).toBe('economy');
    expect(article?.rawDocuments).toHaveLength(2);
    expect(countArticles(db, { topics: [article?.topics[0]?.slug ?? ''] })).toBe(1);
    expect(countArticles(db, { topics: article?.topics.map((t) => t.slug) })).toBe(1);
  });

  it('keeps the latest text: a later version replaces the stored one, an older one does not', () => {
    const url = 'https://example.com/story';
    const v1 = makeArticle({ url, title: 'الأولى', body: 'نص قديم', publishedAt: '2024-03-10T10:00:00Z' });
    const v2 = makeArticle({ url, title: 'الثانية', body: 'نص جديد', publishedAt: '2024-03-12T10:00:00Z' });
    const v0 = makeArticle({
      url,
      title: 'الأقدم',
      body: 'نص أقدم',
      publishedAt: '2024-03-01T10:00:00Z',
      sections: ['رياضة'],
    });
    storeArticles(db, [makeItem(v1)]);
    storeArticles(db, [makeItem(v2)]);
    expect(storeArticles(db, [makeItem(v0)]).outcomes).toEqual(['updated']);
    const id = listArticles(db, {}, { limit: 1 }).items[0]?.id ?? 0;
    const article = getArticle(db, id);
    expect(article).toMatchObject({ title: 'الثانية', body: 'نص جديد', day: '2024-03-12' });
    // The older input still contributes its desk.
    expect(article?.sections).toEqual(['رياضة']);
    // The rollups moved with the article: one article, on its new day only.
    expect(db.$client.prepare('SELECT day, count FROM rollup_daily').all()).toEqual([
      { day: '2024-03-12', count: 1 },
    ]);
  });

  it('puts an article inserted and then replaced within one batch in its story as finally stored', () => {
    const url = 'https://example.com/story';
    const v1 = makeArticle({ url, title: 'الأولى', body: 'نص قديم', publishedAt: '2024-03-10T10:00:00Z' });
    const v2 = makeArticle({ url, title: 'الثانية', body: 'نص جديد', publishedAt: '2024-03-12T10:00:00Z' });
    expect(storeArticles(db, [makeItem(v1), makeItem(v2)]).outcomes).toEqual(['new', 'updated']);
    const member = () =>
      db.$client
        .prepare(
          `SELECT m.day AS memberDay, a.day, m.content_hash AS memberHash, a.content_hash AS hash, s.first_day AS storyDay
           FROM story_members m JOIN articles a ON a.id = m.article_id JOIN stories s ON s.id = m.story_id`,
        )
        .all();
    expect(member()).toEqual([
      {
        memberDay: '2024-03-12',
        day: '2024-03-12',
        memberHash: v2.fingerprints.contentHash,
        hash: v2.fingerprints.contentHash,
        storyDay: '2024-03-12',
      },
    ]);
  });

  it('dates an undated article by when it was first seen', () => {
    const article = makeArticle({
      url: 'https://example.com/undated',
      publishedAt: null,
      dateSource: 'none',
    });
    storeArticles(db, [makeItem(article, '', '2024-05-05T23:30:00+00:00')]);
    storeArticles(db, [makeItem(article, 'again', '2024-05-03T10:00:00Z')]);
    const [summary] = listArticles(db, {}, { limit: 1 }).items;
    expect(summary).toMatchObject({
      day: '2024-05-03',
      publishedAt: null,
      firstSeenAt: '2024-05-03T10:00:00Z',
    });
  });

  it('dedupes articles without URL by content hash', () => {
    const article = makeArticle({ url: null, title: 'بيان', body: 'نص البيان' });
    expect(dedupeKeyOf(article)).toBe(`sha256:${article.fingerprints.contentHash}`);
    const result = storeArticles(db, [makeItem(article, 'a'), makeItem(article, 'b')]);
    expect(result.outcomes).toEqual(['new', 'updated']);
    expect(getTotals(db).articles).toBe(1);
  });

  it('normalises URL keys (scheme, www, fragment, trailing slash) but keeps paths and queries apart', () => {
    const key = (url: string) => dedupeKeyOf(makeArticle({ url }));
    expect(key('http://www.Example.com/a/')).toBe(key('https://example.com/a#x'));
    expect(key('https://example.com/a')).not.toBe(key('https://example.com/b'));
    expect(key('https://example.com/a?id=1')).not.toBe(key('https://example.com/a?id=2'));
  });

  it('archives the raw input compressed, with its run, and returns it intact', () => {
    const runId = startRun(db, { kind: 'test' });
    const item = makeItem(makeArticle({ url: 'https://example.com/raw', body: 'كلمة '.repeat(500) }));
    storeArticles(db, [item], { runId });
    const [raw] = listRawDocuments(db);
    expect(raw?.content.toString('utf8')).toBe(item.raw.content);
    const stored = db.$client
      .prepare('SELECT run_id AS runId, size, length(content) AS packed FROM raw_documents')
      .get() as {
      runId: number;
      size: number;
      packed: number;
    };
    expect(stored.runId).toBe(runId);
    expect(stored.size).toBe(Buffer.byteLength(item.raw.content as string));
    expect(stored.packed).toBeLessThan(stored.size / 5);
  });

  it('rolls the whole batch back when one item fails', () => {
    const good = makeItem(makeArticle({ url: 'https://example.com/good' }));
    const bad = makeItem(makeArticle({ url: 'https://example.com/bad', title: null as unknown as string }));
    expect(() => storeArticles(db, [good, bad])).toThrow();
    expect(getTotals(db)).toEqual({ articles: 0, outlets: 0, rawDocuments: 0 });
    expect(storeArticles(db, [good]).outcomes).toEqual(['new']);
  });

  it('keeps subjects with their names and best score', () => {
    const url = 'https://example.com/s';
    storeArticles(db, [
      makeItem(makeArticle({ url, topics: [{ slug: 'economy', score: 0.4, source: 'rules' }] }), '1'),
      makeItem(makeArticle({ url, topics: [{ slug: 'economy', score: 0.9, source: 'classifier' }] }), '2'),
    ]);
    expect(db.$client.prepare('SELECT score, source FROM article_topics').all()).toEqual([
      { score: 0.9, source: 'classifier' },
    ]);
    expect(listTopics(db)).toMatchObject([{ slug: 'economy', kind: 'subject', articles: 1 }]);
  });
});
