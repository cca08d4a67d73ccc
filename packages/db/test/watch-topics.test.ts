import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  applyWatchTopics,
  countArticles,
  countCoverage,
  createWatchTopic,
  deleteWatchTopic,
  type FoldedDocument,
  foldDocument,
  getWatchTopic,
  listAlertRules,
  listTopics,
  listWatchTopics,
  matchesSearch,
  parseSearch,
  rebuildRollups,
  storeArticles,
  updateWatchTopic,
  upsertAlertRule,
  WatchTopicError,
} from '../src/queries/index.ts';
import { prepare } from '../src/queries/statements.ts';
import { hasAnt, loadAnt, makeArticle, makeItem } from './helpers.ts';

// Every rollup row, sorted: equal before and after rebuildRollups means the rollups were exact.
function rollupRows(db: Db): unknown[] {
  return prepare(
    db,
    'SELECT day, outlet_id, language, topic_id, count FROM rollup_daily_topic ORDER BY day, outlet_id, language, topic_id',
  ).all();
}

function expectRollupsExact(db: Db): void {
  const before = rollupRows(db);
  rebuildRollups(db);
  expect(before).toEqual(rollupRows(db));
}

function linkedIds(db: Db, topicId: number): number[] {
  return prepare(db, 'SELECT article_id FROM article_topics WHERE topic_id = ? ORDER BY article_id')
    .pluck()
    .all(topicId) as number[];
}

// Folded once per article and run: folding is the costly part, and the ANT test asks many queries.
const folded = new WeakMap<Db, Map<number, FoldedDocument>>();

function idsMatching(db: Db, query: string): number[] {
  const parsed = parseSearch(query);
  const cache = folded.get(db) ?? new Map<number, FoldedDocument>();
  folded.set(db, cache);
  const ids: number[] = [];
  for (const r of prepare(db, 'SELECT id, title, body FROM articles ORDER BY id').all() as {
    id: number;
    title: string;
    body: string;
  }[]) {
    let doc = cache.get(r.id);
    if (!doc) {
      doc = foldDocument(r);
      cache.set(r.id, doc);
    }
    if (matchesSearch(parsed, doc)) ids.push(r.id);
  }
  return ids;
}

function errorOf(fn: () => unknown): WatchTopicError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WatchTopicError) return error;
    throw error;
  }
  throw new Error('expected a WatchTopicError');
}

const ARTICLES = [
  { url: 'https://a.example.com/1', title: 'المغرب وإسرائيل يوقعان اتفاقا', body: 'وقع المغرب اتفاقا جديدا' },
  { url: 'https://a.example.com/2', title: 'زيارة إلى الرباط', body: 'وزير اسرائيلي في المغرب اليوم' },
  { url: 'https://b.example.com/3', title: 'Morocco and Israel', body: 'Rabat signs a deal with Israel' },
  { url: 'https://b.example.com/4', title: 'الدوري المغربي', body: 'فاز الفريق في المباراة' },
];

describe('watch topics', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    storeArticles(
      db,
      ARTICLES.map((a, i) =>
        makeItem(
          makeArticle({
            ...a,
            outlet: { name: a.url.includes('a.') ? 'A' : 'B', domain: new URL(a.url).hostname },
            publishedAt: `2024-03-1${i}T10:00:00Z`,
          }),
        ),
      ),
    );
    return () => closeDatabase(db);
  });

  it('is created with every stored match linked, named watch:<id>, and counted like a topic', () => {
    const { topic, linked } = createWatchTopic(db, {
      name: ' Morocco–Israel ',
      query: 'المغرب (اسرائيل OR إسرائيل)',
    });
    expect(topic.name).toBe('Morocco–Israel');
    expect(topic.slug).toBe(`watch:${topic.id}`);
    // Folded and lightly stemmed: وإسرائيل (title of one) and اسرائيلي (body of another) both count.
    expect(linked).toBe(2);
    expect(linkedIds(db, topic.id)).toEqual(idsMatching(db, topic.query));
    expect(countArticles(db, { topics: [topic.slug] })).toBe(2);
    expect(countCoverage(db, { topics: [topic.slug] }, 'day', null).reduce((s, p) => s + p.count, 0)).toBe(2);
    expect(listTopics(db).find((t) => t.slug === topic.slug)).toMatchObject({ kind: 'watch', articles: 2 });
    expectRollupsExact(db);
  });

  it('is re-applied to every article when its query changes, renamed without re-applying', () => {
    const { topic } = createWatchTopic(db, { name: 'Israel', query: 'israel' });
    expect(linkedIds(db, topic.id)).toEqual(idsMatching(db, 'israel'));
    const wider = updateWatchTopic(db, topic.id, { query: 'israel OR اسرائيل OR إسرائيل' });
    expect(wider?.linked).toBe(3);
    expect(linkedIds(db, topic.id)).toEqual(idsMatching(db, 'israel OR اسرائيل OR إسرائيل'));
    expectRollupsExact(db);
    const renamed = updateWatchTopic(db, topic.id, { name: 'Israel (all)' });
    expect(renamed?.topic).toMatchObject({ name: 'Israel (all)', articles: 3, slug: topic.slug });
    expect(updateWatchTopic(db, 999, { name: 'x' })).toBeNull();
  });

  it('refuses a duplicate name, an empty name and a name with a newline, naming the field', () => {
    createWatchTopic(db, { name: 'Rabat', query: 'الرباط' });
    expect(errorOf(() => createWatchTopic(db, { name: 'rabat', query: 'rabat' })).message).toBe(
      'watch topic name: "rabat" is already the name of a watch topic',
    );
    expect(errorOf(() => createWatchTopic(db, { name: '  ', query: 'rabat' })).field).toBe('name');
    expect(errorOf(() => createWatchTopic(db, { name: 'a\nb', query: 'rabat' })).field).toBe('name');
    expect(listWatchTopics(db).map((t) => t.name)).toEqual(['Rabat']);
  });

  it('answers a bad query with the problem and its position in what was typed', () => {
    const unbalanced = errorOf(() => createWatchTopic(db, { name: 'x', query: '  (المغرب OR الرباط' }));
    expect(unbalanced).toMatchObject({ field: 'query', position: 2 });
    expect(unbalanced.message).toBe('watch topic query: search: unbalanced parenthesis at 0');
    expect(errorOf(() => createWatchTopic(db, { name: 'x', query: 'gaza OR' }))).toMatchObject({
      field: 'query',
      position: 5,
    });
    expect(errorOf(() => createWatchTopic(db, { name: 'x', query: 'NOT gaza' })).message).toMatch(
      /NOT needs a term/,
    );
    expect(errorOf(() => createWatchTopic(db, { name: 'x', query: '!!! ...' })).message).toBe(
      'watch topic query: has no word to search for',
    );
    expect(listWatchTopics(db)).toEqual([]);
  });

  it('is deleted with its links, rollup rows and the spike rules scoped to it', () => {
    const { topic } = createWatchTopic(db, { name: 'Morocco', query: 'المغرب OR morocco' });
    upsertAlertRule(db, { name: 'morocco spike', scope: { kind: 'topic', slug: topic.slug } });
    upsertAlertRule(db, { name: 'all', scope: { kind: 'all' } });
    expect(deleteWatchTopic(db, topic.id)).toEqual({ deletedAlertRules: 1 });
    expect(getWatchTopic(db, topic.id)).toBeNull();
    expect(linkedIds(db, topic.id)).toEqual([]);
    expect(listAlertRules(db).map((r) => r.name)).toEqual(['all']);
    expectRollupsExact(db);
    expect(deleteWatchTopic(db, topic.id)).toBeNull();
    expect(() => deleteWatchTopic(db, 0)).toThrow(WatchTopicError);
  });

  it('links articles that arrive later, unlinks one re-written out of it, and a second pass changes nothing', () => {
    const { topic } = createWatchTopic(db, { name: 'Rafah', query: 'رفح OR rafah' });
    expect(topic.articles).toBe(0);
    const arriving = makeArticle({
      url: 'https://a.example.com/5',
      title: 'معبر رفح',
      body: 'فتح المعبر',
      publishedAt: '2024-03-20T10:00:00Z',
    });
    storeArticles(db, [makeItem(arriving)]);
    expect(applyWatchTopics(db)).toEqual({ topics: 1, checked: 1, linked: 1, unlinked: 0 });
    expect(countArticles(db, { topics: [topic.slug] })).toBe(1);
    expectRollupsExact(db);
    expect(applyWatchTopics(db)).toEqual({ topics: 1, checked: 0, linked: 0, unlinked: 0 });
    // The same URL with a later text that no longer names Rafah: a new raw document, re-tested.
    const rewritten = makeArticle({
      url: 'https://a.example.com/5',
      title: 'معبر مغلق',
      body: 'أغلق المعبر',
      publishedAt: '2024-03-21T10:00:00Z',
    });
    storeArticles(db, [makeItem(rewritten, 'v2')]);
    expect(applyWatchTopics(db)).toEqual({ topics: 1, checked: 1, linked: 0, unlinked: 1 });
    expect(countArticles(db, { topics: [topic.slug] })).toBe(0);
    expectRollupsExact(db);
  });

  it('costs one read when there is no watch topic, and works in small batches', () => {
    storeArticles(db, [makeItem(makeArticle({ url: 'https://b.example.com/9', title: 'rafah', body: 'x' }))]);
    expect(applyWatchTopics(db)).toEqual({ topics: 0, checked: 0, linked: 0, unlinked: 0 });
    const { topic } = createWatchTopic(db, { name: 'Rabat', query: 'rabat OR الرباط' });
    for (let i = 0; i < 5; i++)
      storeArticles(db, [
        makeItem(makeArticle({ url: `https://b.example.com/r${i}`, title: `rabat ${i}`, body: 'news' })),
      ]);
    expect(applyWatchTopics(db, { batch: 2 })).toEqual({ topics: 1, checked: 5, linked: 5, unlinked: 0 });
    expect(linkedIds(db, topic.id)).toEqual(idsMatching(db, topic.query));
    expect(() => applyWatchTopics(db, { batch: 0 })).toThrow(/batch must be a positive whole number/);
  });
});

// Real text: creation (FTS over every article) and arrival (FTS over the new id range) must both link
// exactly the articles matchesSearch, the evaluator over the folded text, finds.
describe.skipIf(!hasAnt)('watch topics on ANT', () => {
  let db: Db;
  const QUERIES = [
    'اسرائيل',
    '"الامم المتحدة"',
    '(غزة OR رفح) NOT title:مصر',
    'title:ترامب OR trump',
    'النفط الاسعار -السعودية',
    'ليبيا OR "الجيش الليبي"',
  ];
  beforeAll(async () => {
    db = openDatabase(':memory:');
    const items = await loadAnt({ perFile: 1200 });
    const half = Math.floor(items.length / 2);
    storeArticles(db, items.slice(0, half));
    for (const [i, query] of QUERIES.entries()) createWatchTopic(db, { name: `q${i}`, query });
    // The second half arrives after the topics exist, in the worker's batches.
    for (let i = half; i < items.length; i += 500) storeArticles(db, items.slice(i, i + 500));
  });
  afterAll(() => closeDatabase(db));

  it('links on arrival exactly what matchesSearch finds, and the FTS pass agrees on the whole corpus', () => {
    const applied = applyWatchTopics(db);
    expect(applied.checked).toBeGreaterThan(2000);
    expect(applied.unlinked).toBe(0);
    for (const w of listWatchTopics(db)) {
      const expected = idsMatching(db, w.query);
      expect(expected.length, w.query).toBeGreaterThan(10);
      expect(linkedIds(db, w.id), w.query).toEqual(expected);
      // Re-applying through FTS over every article (an edit) must leave the links as they are.
      const again = updateWatchTopic(db, w.id, { query: `${w.query} ` });
      expect(again?.linked, w.query).toBe(expected.length);
      updateWatchTopic(db, w.id, { query: `(${w.query})` });
      expect(linkedIds(db, w.id), w.query).toEqual(expected);
      expect(countArticles(db, { topics: [w.slug] }), w.query).toBe(expected.length);
    }
    expectRollupsExact(db);
  });

  it('folds Arabic the same way on both paths: a hamza spelling finds the same articles', () => {
    const [a] = listWatchTopics(db).filter((w) => w.name === 'q0');
    const b = createWatchTopic(db, { name: 'hamza', query: 'إسرائيل' });
    expect(a).toBeDefined();
    expect(linkedIds(db, b.topic.id)).toEqual(linkedIds(db, a?.id ?? 0));
    const doc = foldDocument({ title: 'إسرائيل', body: '' });
    expect(matchesSearch(parseSearch('اسرائيل'), doc)).toBe(true);
  });
});
