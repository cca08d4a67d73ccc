// What the worker asks between runs: which listed URLs are stored already, and giving up failures that
// can no longer be retried.
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  GIVEN_UP,
  giveUpFailures,
  listFailures,
  listGivenUpFailures,
  listPendingFailureLocations,
  listStoredUrls,
  recordFailure,
  storeArticles,
  upsertSource,
} from '../src/queries/index.ts';
import { makeArticle, makeItem } from './helpers.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

describe('listStoredUrls', () => {
  it('finds a URL stored as an article (any tracking variant) or as a raw document whose canonical differs', () => {
    const canonical = makeArticle({ url: 'https://www.example.com/2024/03/story', title: 'a' });
    const listed = makeItem(makeArticle({ url: 'https://www.example.com/amp/other', title: 'b' }));
    // A page fetched at one URL whose article carries another (its canonical link).
    listed.raw.location = 'http://127.0.0.1:8080/pages/b';
    listed.raw.url = 'http://127.0.0.1:8080/pages/b?from=sitemap';
    storeArticles(db, [makeItem(canonical), listed]);
    const asked = [
      'https://www.example.com/2024/03/story?utm_source=rss',
      'http://127.0.0.1:8080/pages/b',
      'http://127.0.0.1:8080/pages/b?from=sitemap',
      'https://www.example.com/2024/03/not-yet',
    ];
    expect([...listStoredUrls(db, asked)].sort()).toEqual(asked.slice(0, 3).sort());
    expect(listStoredUrls(db, [])).toEqual(new Set());
  });
});

describe('giveUpFailures', () => {
  it("resolves only the source's pending failures at those locations, saying why and keeping the last error", () => {
    const a = upsertSource(db, { name: 'a', kind: 'feed', location: 'https://a.example/rss' }).id;
    const b = upsertSource(db, { name: 'b', kind: 'feed', location: 'https://b.example/rss' }).id;
    recordFailure(db, { runId: null, sourceId: a, location: 'x', reason: 'HTTP 404 Not Found' });
    recordFailure(db, { runId: null, sourceId: a, location: 'y', reason: 'no body' });
    recordFailure(db, { runId: null, sourceId: b, location: 'x', reason: 'HTTP 500' });
    expect(giveUpFailures(db, a, ['x'], 'the item left the feed')).toBe(1);
    expect(giveUpFailures(db, a, ['x'], 'again')).toBe(0);
    expect(giveUpFailures(db, a, [], 'nothing')).toBe(0);
    expect(listPendingFailureLocations(db, a)).toEqual(['y']);
    expect(listPendingFailureLocations(db, b)).toEqual(['x']);
    const given = listGivenUpFailures(db);
    expect(given.map((f) => [f.sourceId, f.location, f.reason])).toEqual([
      [a, 'x', `${GIVEN_UP}the item left the feed; last error: HTTP 404 Not Found`],
    ]);
    expect(given[0]?.resolvedAt).not.toBeNull();
    // Resolved by a later success is not given up.
    expect(
      listFailures(db, { unresolvedOnly: true })
        .map((f) => f.location)
        .sort(),
    ).toEqual(['x', 'y']);
  });
});
