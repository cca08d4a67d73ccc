import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import { countArticles, listTopTerms, storeArticles } from '../src/queries/index.ts';
import { hasAnt, loadAnt } from './helpers.ts';

describe.skipIf(!hasAnt)('listTopTerms on the ANT corpus', () => {
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    storeArticles(db, await loadAnt({ perFile: 300 }));
  });
  afterAll(() => closeDatabase(db));

  it('counts on the articles the filters select and says how many it read', () => {
    const all = listTopTerms(db, {});
    expect(all.total).toBe(countArticles(db, {}));
    expect(all.sampled).toBe(Math.min(all.total, 2000));
    expect(all.terms).toHaveLength(30);
    const few = listTopTerms(db, {}, { sample: 50, limit: 5 });
    expect(few.sampled).toBe(50);
    expect(few.terms).toHaveLength(5);
  });

  it('a desk has its own vocabulary: sport and economy share at most two of their top ten terms', () => {
    const sport = listTopTerms(db, { topics: ['sport'] }, { limit: 10 });
    const economy = listTopTerms(db, { topics: ['economy'] }, { limit: 10 });
    expect(sport.total).toBeGreaterThan(50);
    expect(economy.total).toBeGreaterThan(50);
    const sportTerms = new Set(sport.terms.map((t) => t.term));
    // العالم is one: the World Cup (كأس العالم) on one desk, the world economy on the other.
    expect(economy.terms.filter((t) => sportTerms.has(t.term)).length).toBeLessThanOrEqual(2);
    // كرة القدم (football) and its team (منتخب) are what a sport desk writes about.
    expect(
      sport.terms.some((t) => ['كره', 'منتخب', 'مباراه', 'فريق', 'لاعب'].some((w) => t.label.includes(w))),
    ).toBe(true);
  });

  it('follows a search, and an empty scope gives nothing', () => {
    const q = listTopTerms(db, { q: 'ترامب' });
    expect(q.total).toBe(countArticles(db, { q: 'ترامب' }));
    // The searched name leads (the index and the term counter fold it alike; a few clitic forms differ).
    expect(q.terms[0]?.label).toContain('ترامب');
    expect(q.terms[0]?.documents).toBeGreaterThan(0.9 * q.sampled);
    expect(listTopTerms(db, { topics: ['no-such-topic'] })).toEqual({ total: 0, sampled: 0, terms: [] });
  });

  it('keeps an answer until the data changes, then counts again', async () => {
    const before = listTopTerms(db, { topics: ['sport'] }, { limit: 5 });
    expect(listTopTerms(db, { topics: ['sport'] }, { limit: 5 })).toBe(before);
    storeArticles(db, await loadAnt({ perFile: 340 }));
    const after = listTopTerms(db, { topics: ['sport'] }, { limit: 5 });
    expect(after).not.toBe(before);
    expect(after.total).toBe(countArticles(db, { topics: ['sport'] }));
    expect(after.total).toBeGreaterThan(before.total);
  });

  it('refuses a sample below one', () => {
    expect(() => listTopTerms(db, {}, { sample: 0 })).toThrow('listTopTerms: sample must be ≥ 1, got 0');
  });
});
