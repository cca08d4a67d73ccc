import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  assignMissingStories,
  countArticles,
  countCoverage,
  dedupeKeyOf,
  getArticle,
  getTotals,
  type IngestItem,
  listArticles,
  listOutlets,
  storeArticles,
} from '../src/queries/index.ts';
import { ANT_DIR, antItem, hasAnt, loadAnt, usesRealParser } from './helpers.ts';

// Real records through the real parser: the store must hold what the worker will actually give it.
describe.skipIf(!hasAnt)('ANT corpus', () => {
  let db: Db;
  let sample: IngestItem[];
  let desks: IngestItem[];
  beforeAll(async () => {
    db = openDatabase(':memory:');
    sample = await loadAnt({ perFile: 150 });
    // Al Arabiya files some stories under two desks: the same URL, two records, two categories.
    const file = join(ANT_DIR, 'alarabia.jsonl.gz');
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const firstByUrl = new Map<string, number>();
    desks = [];
    for (const [i, line] of lines.entries()) {
      if (!line || desks.length >= 6) continue;
      const { url } = JSON.parse(line) as { url: string };
      const first = firstByUrl.get(url);
      if (first === undefined) firstByUrl.set(url, i);
      else desks.push(antItem(lines[first] ?? '', `${file}#${first}`), antItem(line, `${file}#${i}`));
    }
  });
  afterAll(() => closeDatabase(db));

  it('uses the real parser', () => {
    expect(usesRealParser).toBe(true);
  });

  it('stores a sample once; storing it again changes nothing', () => {
    const first = storeArticles(db, sample);
    expect(first.new + first.updated).toBe(sample.length);
    const totals = getTotals(db);
    const chart = countCoverage(db, {}, 'month', 'outlet');
    const again = storeArticles(db, sample);
    expect(again.duplicate).toBe(sample.length);
    expect(getTotals(db)).toEqual(totals);
    expect(countCoverage(db, {}, 'month', 'outlet')).toEqual(chart);
    expect(listOutlets(db).length).toBe(4);
    expect(chart.reduce((s, p) => s + p.count, 0)).toBe(totals.articles);
  });

  it('indexes the search text the parser carries exactly as folding the text in the store would', () => {
    expect(sample.every((item) => item.article.searchText !== undefined)).toBe(true);
    const snapshot = (items: IngestItem[]) => {
      const fresh = openDatabase(':memory:');
      try {
        storeArticles(fresh, items);
        const all = (sql: string) => fresh.$client.prepare(sql).raw().all();
        return {
          fts: all('SELECT rowid, title, body FROM articles_fts ORDER BY rowid'),
          stories: all(
            'SELECT article_id, story_id, kind, lead, terms FROM story_members ORDER BY article_id',
          ),
        };
      } finally {
        closeDatabase(fresh);
      }
    };
    const part = sample.slice(0, 200);
    const withoutCarried = part.map(({ raw, article }) => {
      const { searchText: _carried, ...rest } = article;
      return { raw, article: rest };
    });
    const carried = snapshot(part);
    expect(carried.fts.length).toBe(part.length);
    expect(carried).toEqual(snapshot(withoutCarried));
  });

  it('merges a story filed under two desks into one article carrying both', () => {
    expect(desks.length).toBe(6);
    const result = storeArticles(db, desks);
    expect(result.outcomes.filter((o) => o === 'updated').length).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < desks.length; i += 2) {
      const [a, b] = [desks[i], desks[i + 1]];
      if (!a || !b) continue;
      expect(dedupeKeyOf(a.article)).toBe(dedupeKeyOf(b.article));
      const id = db.$client
        .prepare('SELECT id FROM articles WHERE dedupe_key = ?')
        .pluck()
        .get(dedupeKeyOf(a.article)) as number;
      const article = getArticle(db, id);
      const labels = [...a.article.sections, ...b.article.sections];
      expect(new Set(article?.sections)).toEqual(new Set(labels));
      expect(article?.rawDocuments).toHaveLength(2);
      // Counted once, under each of its desks.
      for (const slug of article?.topics.filter((t) => t.kind === 'section').map((t) => t.slug) ?? []) {
        expect(listArticles(db, { topics: [slug] }, { limit: 500 }).items.some((x) => x.id === id)).toBe(
          true,
        );
      }
    }
    const sections = countCoverage(db, {}, 'topic').filter((p) => p.key.startsWith('section:'));
    expect(sections.length).toBeGreaterThanOrEqual(2);
    expect(countArticles(db, { topics: sections.map((p) => p.key) })).toBe(getTotals(db).articles);
  });

  it('gives the same stories whether the story index keeps every member or drops days past a cap', () => {
    storeArticles(db, sample);
    // Stories as assigned afresh, oldest day first, in batches: every member kept, then at most 100 (most
    // batches then drop the days they do not need and keep the rest).
    const assignAll = (maxKeptMembers: number): string[] => {
      db.$client.exec('DELETE FROM story_members; DELETE FROM stories;');
      expect(assignMissingStories(db, { batchSize: 40, maxKeptMembers })).toBe(getTotals(db).articles);
      // Each story as its members' ids, with how each member joined: story ids differ between runs.
      const members = db.$client
        .prepare(
          `SELECT group_concat(article_id || ':' || kind || ':' || coalesce(duplicate_of, '') || ':' ||
             round(similarity, 6), ' ') AS story
           FROM (SELECT * FROM story_members ORDER BY article_id) GROUP BY story_id ORDER BY min(article_id)`,
        )
        .pluck()
        .all() as string[];
      return members;
    };
    const kept = assignAll(1_000_000);
    const capped = assignAll(100);
    expect(capped).toEqual(kept);
    // Not a trivial partition: some stories hold several articles.
    expect(kept.filter((s) => s.includes(' ')).length).toBeGreaterThan(10);
    expect(() => assignMissingStories(db, { maxKeptMembers: -1 })).toThrow(/maxKeptMembers/);
  });
});
