import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatePrecision, parseDocument } from '@rasid/parser';
import { isSameStory, STORY_SEED_THRESHOLD, storySignature, storySimilarity } from '@rasid/parser/stories';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  assignMissingStories,
  getArticleByUrl,
  getStory,
  getStoryIdOfArticle,
  listStories,
  storeArticles,
} from '../src/queries/index.ts';
import type { IngestItem } from '../src/queries/types.ts';
import { makeArticle, makeItem } from './helpers.ts';

const SEEDS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/seeds');
const hasSeeds = existsSync(SEEDS);
if (!hasSeeds && process.env.CI) throw new Error(`seeds missing at ${SEEDS} (required in CI)`);

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

const all = (sql: string) => db.$client.prepare(sql).all();

// Two reports of one event in different words, and an unrelated one: enough text for real signatures.
const GANTZ_A = {
  title: 'غانتس يوقع في الرباط مذكرة تفاهم دفاعية مع المغرب',
  body: 'وقع وزير الدفاع الإسرائيلي بيني غانتس في الرباط مذكرة تفاهم دفاعية مع الوزير المغربي عبد اللطيف لوديي، تتيح تبادل المعلومات الاستخباراتية والتعاون العسكري وصفقات الأسلحة بين البلدين.',
};
const GANTZ_B = {
  title: 'الرباط وتل أبيب توقعان اتفاقية تعاون عسكري',
  body: 'وقع المغرب وإسرائيل في الرباط مذكرة تفاهم للتعاون الدفاعي خلال زيارة وزير الدفاع بيني غانتس، ووقعها عن الجانب المغربي عبداللطيف لوديي، وتشمل تبادل المعلومات الاستخباراتية وصفقات الأسلحة.',
};
const FLOODS = {
  title: 'فيضانات تغمر قرى في جنوب السودان',
  body: 'غمرت مياه الفيضانات عشرات القرى في ولاية جونقلي بجنوب السودان بعد أمطار غزيرة، وقالت الأمم المتحدة إن آلاف الأسر نزحت من منازلها وتحتاج إلى الغذاء والمأوى.',
};

const item = (
  text: { title: string; body: string },
  opts: { url: string; domain: string; publishedAt?: string | null; simhash?: string },
): IngestItem =>
  makeItem(
    makeArticle({
      ...text,
      url: opts.url,
      outlet: { name: opts.domain, domain: opts.domain },
      publishedAt: opts.publishedAt === undefined ? '2021-11-24T10:00:00Z' : opts.publishedAt,
      ...(opts.simhash ? { fingerprints: { contentHash: opts.url, simhash: opts.simhash } } : {}),
    }),
  );

const storyOf = (url: string): number | null => {
  const article = getArticleByUrl(db, url);
  if (!article) throw new Error(`no article stored for ${url}`);
  return getStoryIdOfArticle(db, article.id);
};

describe.runIf(hasSeeds)('the seeds', () => {
  it('form one story told by two outlets, first to publish being the first seen', () => {
    const items = ['000_06f69c84c9046252.txt', '004_0de736a0633809fe.txt'].map((file, i): IngestItem => {
      const content = readFileSync(`${SEEDS}/${file}`);
      const location = `seeds/${file}`;
      return {
        raw: {
          location,
          url: null,
          format: 'text',
          contentType: null,
          content,
          // First seen a minute apart: undated, so the first seen is the first to publish.
          fetchedAt: `2021-11-24T0${i}:00:00Z`,
        },
        article: parseDocument({ content, location }),
      };
    });
    expect(storeArticles(db, items).outcomes).toEqual(['new', 'new']);
    const page = listStories(db);
    expect(page.total).toBe(1);
    const [story] = page.items;
    expect(story).toMatchObject({ size: 2, uniqueSize: 2, outletCount: 2, firstDay: '2021-11-24' });
    expect(story?.outlets.map((o) => o.name).sort()).toEqual(['Erem News', 'Madar21']);
    expect(story?.first.outletName).toBe('Erem News');
    const detail = getStory(db, story?.id ?? 0);
    expect(detail?.articles.map((a) => a.kind)).toEqual(['original', 'original']);
    expect(detail?.spread).toEqual([
      { day: '2021-11-24', outletId: expect.any(Number), outletName: 'Erem News', articles: 1, unique: 1 },
      { day: '2021-11-24', outletId: expect.any(Number), outletName: 'Madar21', articles: 1, unique: 1 },
    ]);
  });
});

describe('story assignment at store time', () => {
  it('joins rewritten reports of one event and keeps an unrelated one apart', () => {
    storeArticles(db, [
      item(GANTZ_A, { url: 'https://a.example/1', domain: 'a.example' }),
      item(FLOODS, { url: 'https://a.example/2', domain: 'a.example' }),
    ]);
    storeArticles(db, [
      item(GANTZ_B, { url: 'https://b.example/1', domain: 'b.example', publishedAt: '2021-11-25T08:00:00Z' }),
    ]);
    expect(storyOf('https://b.example/1')).toBe(storyOf('https://a.example/1'));
    expect(storyOf('https://a.example/2')).not.toBe(storyOf('https://a.example/1'));
    const gantz = getStory(db, storyOf('https://a.example/1') ?? 0);
    expect(gantz).toMatchObject({ size: 2, outletCount: 2, firstDay: '2021-11-24', lastDay: '2021-11-25' });
    expect(gantz?.first.outletName).toBe('a.example');
    expect(gantz?.spread.map((s) => [s.day, s.outletName])).toEqual([
      ['2021-11-24', 'a.example'],
      ['2021-11-25', 'b.example'],
    ]);
  });

  it('keeps reports more than three days apart in separate stories', () => {
    storeArticles(db, [
      item(GANTZ_A, { url: 'https://a.example/1', domain: 'a.example', publishedAt: '2021-11-20T10:00:00Z' }),
      item(GANTZ_B, { url: 'https://b.example/1', domain: 'b.example', publishedAt: '2021-11-24T10:00:00Z' }),
    ]);
    expect(storyOf('https://a.example/1')).not.toBe(storyOf('https://b.example/1'));
    expect(listStories(db).total).toBe(2);
  });

  it('does not chain daily reports into a story longer than a week', () => {
    // Each report is within three days of the one before; the fourth would stretch the story to 9 days.
    const days = ['2021-11-01', '2021-11-04', '2021-11-07', '2021-11-10'];
    storeArticles(
      db,
      days.map((day, i) =>
        item(i % 2 ? GANTZ_B : GANTZ_A, {
          url: `https://o${i}.example/1`,
          domain: `o${i}.example`,
          publishedAt: `${day}T10:00:00Z`,
        }),
      ),
    );
    const stories = days.map((_, i) => storyOf(`https://o${i}.example/1`));
    expect(stories[1]).toBe(stories[0]);
    expect(stories[2]).toBe(stories[0]);
    expect(stories[3]).not.toBe(stories[0]);
    expect(getStory(db, stories[0] ?? 0)).toMatchObject({ firstDay: '2021-11-01', lastDay: '2021-11-07' });
  });

  it("does not chain: a report like the latest member but unlike the story's first one starts its own", () => {
    // An eruption, then lava and the airport closing, then the airport reopening: each report matches the
    // one before, but the third shares almost nothing with the first.
    const eruption = {
      title: 'Volcano erupts near Catania',
      body: 'Etna volcano erupted near Catania overnight, sending lava flows toward villages on its slopes.',
    };
    const lava = {
      title: 'Etna lava reaches villages, Catania airport closed',
      body: 'Lava flows from the Etna volcano reached villages near Catania, and the airport closed its runway as ash fell on the city.',
    };
    const reopening = {
      title: 'Catania airport reopens after ash cloud',
      body: 'The airport, closed since ash fell on the city, reopened its runway after the ash cloud cleared, and airlines resumed flights to Catania.',
    };
    const [first, second, third] = [eruption, lava, reopening].map((t) => storySignature(t.title, t.body));
    if (!first || !second || !third) throw new Error('no signatures');
    expect(isSameStory(first, second)).toBe(true);
    expect(isSameStory(second, third)).toBe(true);
    expect(storySimilarity(first, third)).toBeLessThan(STORY_SEED_THRESHOLD);
    storeArticles(db, [
      item(eruption, {
        url: 'https://a.example/1',
        domain: 'a.example',
        publishedAt: '2021-11-01T10:00:00Z',
        simhash: 'ffff000000000000',
      }),
      item(lava, {
        url: 'https://b.example/1',
        domain: 'b.example',
        publishedAt: '2021-11-02T10:00:00Z',
        simhash: '0000ffff00000000',
      }),
    ]);
    // Simhashes far apart: no text is a copy of another. A later batch, so the story's first article is read back from the database, not from the batch.
    storeArticles(db, [
      item(reopening, {
        url: 'https://c.example/1',
        domain: 'c.example',
        publishedAt: '2021-11-03T10:00:00Z',
        simhash: '00000000ffff0000',
      }),
    ]);
    expect(storyOf('https://b.example/1')).toBe(storyOf('https://a.example/1'));
    expect(storyOf('https://c.example/1')).not.toBe(storyOf('https://a.example/1'));
    expect(listStories(db).items.map((s) => s.size)).toEqual([2, 1]);
  });

  it('marks a syndicated copy as a duplicate of the original, counted once in unique sizes', () => {
    storeArticles(db, [
      item(GANTZ_A, { url: 'https://a.example/1', domain: 'a.example', simhash: '00000000000000ff' }),
      // The same wire text on another site, its simhash two bits away.
      item(GANTZ_A, { url: 'https://c.example/9', domain: 'c.example', simhash: '00000000000000fc' }),
      item(GANTZ_B, { url: 'https://b.example/1', domain: 'b.example', simhash: 'ffff000000000000' }),
    ]);
    const [story] = listStories(db).items;
    expect(story).toMatchObject({ size: 3, uniqueSize: 2, outletCount: 3 });
    const detail = getStory(db, story?.id ?? 0);
    const original = getArticleByUrl(db, 'https://a.example/1');
    const copy = detail?.articles.find((a) => a.url === 'https://c.example/9');
    expect(copy).toMatchObject({ kind: 'duplicate', duplicateOf: original?.id });
    expect(listStories(db, { minSize: 3 }).total).toBe(0);
  });

  it('is idempotent: storing the same inputs again changes no story', () => {
    const items = [
      item(GANTZ_A, { url: 'https://a.example/1', domain: 'a.example' }),
      item(GANTZ_B, { url: 'https://b.example/1', domain: 'b.example' }),
      item(FLOODS, { url: 'https://a.example/2', domain: 'a.example' }),
    ];
    storeArticles(db, items);
    const snapshot = () => ({
      stories: all('SELECT * FROM stories ORDER BY id'),
      members: all('SELECT * FROM story_members ORDER BY article_id'),
    });
    const before = snapshot();
    storeArticles(db, items);
    // Another desk's copy of a stored article: the article is updated, its story is not.
    storeArticles(db, [makeItem({ ...(items[0] as IngestItem).article, sections: ['سياسة'] }, '#desk')]);
    expect(snapshot()).toEqual(before);
  });

  it('moves an article whose text changed to the story of its new text', () => {
    const url = 'https://a.example/live';
    storeArticles(db, [
      item(GANTZ_B, { url: 'https://b.example/1', domain: 'b.example' }),
      item(FLOODS, { url, domain: 'a.example', publishedAt: '2021-11-24T09:00:00Z' }),
    ]);
    const floodsStory = storyOf(url);
    storeArticles(db, [item(GANTZ_A, { url, domain: 'a.example', publishedAt: '2021-11-24T12:00:00Z' })]);
    expect(storyOf(url)).toBe(storyOf('https://b.example/1'));
    // The story it left had no other member: it is gone, not left empty.
    expect(getStory(db, floodsStory ?? 0)).toBeNull();
    expect(listStories(db).items.map((s) => s.size)).toEqual([2]);
  });

  it('is not misled by a batch rolled back after it assigned stories', () => {
    storeArticles(db, [item(FLOODS, { url: 'https://a.example/2', domain: 'a.example' })]);
    const rolledBack = db.$client.transaction(() => {
      storeArticles(db, [item(GANTZ_A, { url: 'https://a.example/1', domain: 'a.example' })]);
      throw new Error('outer transaction failed');
    });
    expect(rolledBack).toThrow('outer transaction failed');
    // Its report of the same event must not join the story of the article that was never stored.
    storeArticles(db, [item(GANTZ_B, { url: 'https://b.example/1', domain: 'b.example' })]);
    expect(getArticleByUrl(db, 'https://a.example/1')).toBeNull();
    expect(listStories(db).items.map((s) => [s.size, s.title])).toEqual([
      [1, GANTZ_B.title],
      [1, FLOODS.title],
    ]);
  });

  it('gives articles stored before stories existed the same stories as storing them anew', () => {
    storeArticles(db, [
      item(GANTZ_A, { url: 'https://a.example/1', domain: 'a.example' }),
      item(FLOODS, { url: 'https://a.example/2', domain: 'a.example' }),
      item(GANTZ_B, { url: 'https://b.example/1', domain: 'b.example' }),
    ]);
    const groups = () =>
      all(
        'SELECT group_concat(article_id) AS ids, kind FROM story_members GROUP BY story_id, kind ORDER BY ids',
      );
    const before = groups();
    db.$client.exec('DELETE FROM story_members; DELETE FROM stories;');
    expect(assignMissingStories(db, { batchSize: 2 })).toBe(3);
    expect(groups()).toEqual(before);
    expect(assignMissingStories(db)).toBe(0);
  });
});

// What a date says about when an article came out: the interval it is known to (a day-precision date is
// stored as that day's midnight). A member is placed by the latest instant its date allows.
type Dated = {
  text: { title: string; body: string };
  /** ISO as the parser stores it, or null for an undated member (placed by when it was first seen). */
  publishedAt: string | null;
  precision: DatePrecision | null;
  fetchedAt?: string;
};

const FIRST_TO_PUBLISH: {
  name: string;
  /** Stored in this order, one outlet each (o0.example, o1.example, ...): a lower id never explains a win. */
  members: Dated[];
  /** Index in `members` of the first to publish. */
  first: number;
}[] = [
  {
    name: 'a date known to the minute beats one known only to the same day',
    members: [
      { text: GANTZ_A, publishedAt: '2021-11-24T00:00:00.000Z', precision: 'day' },
      { text: GANTZ_B, publishedAt: '2021-11-24T09:00:00.000Z', precision: 'minute' },
    ],
    first: 1,
  },
  {
    // As before the precision counted: the rule must not overshoot.
    name: 'a day-precision date still beats a minute of the next day',
    members: [
      { text: GANTZ_B, publishedAt: '2021-11-25T01:00:00.000Z', precision: 'minute' },
      { text: GANTZ_A, publishedAt: '2021-11-24T00:00:00.000Z', precision: 'day' },
    ],
    first: 1,
  },
  {
    name: 'a day inside a month beats a date known only to that month',
    members: [
      { text: GANTZ_A, publishedAt: '2021-11-01T00:00:00.000Z', precision: 'month' },
      { text: GANTZ_B, publishedAt: '2021-11-03T00:00:00.000Z', precision: 'day' },
    ],
    first: 1,
  },
  {
    name: 'an undated member first seen during the day beats a date known only to that day',
    members: [
      { text: GANTZ_A, publishedAt: '2021-11-24T00:00:00.000Z', precision: 'day' },
      { text: GANTZ_B, publishedAt: null, precision: null, fetchedAt: '2021-11-24T10:00:00Z' },
    ],
    first: 1,
  },
  {
    // As before the precision counted: the rule must not overshoot.
    name: 'a day-precision date beats an undated member first seen the next day',
    members: [
      { text: GANTZ_B, publishedAt: null, precision: null, fetchedAt: '2021-11-25T00:30:00Z' },
      { text: GANTZ_A, publishedAt: '2021-11-24T00:00:00.000Z', precision: 'day' },
    ],
    first: 1,
  },
  {
    // A crawl time kept at day precision (SaudiNewsNet's date_extracted) says the day, not its 02:51.
    name: 'a day-precision crawl time still ends at midnight, before a member first seen at 01:00 the next day',
    members: [
      { text: GANTZ_B, publishedAt: null, precision: null, fetchedAt: '2021-11-25T01:00:00Z' },
      { text: GANTZ_A, publishedAt: '2021-11-24T02:51:32.000Z', precision: 'day' },
    ],
    first: 1,
  },
  {
    name: 'the end of a day ties the last minute of it: the more precise date wins',
    members: [
      { text: GANTZ_A, publishedAt: '2021-11-24T00:00:00.000Z', precision: 'day' },
      { text: GANTZ_B, publishedAt: '2021-11-24T23:59:00.000Z', precision: 'minute' },
    ],
    first: 1,
  },
  {
    name: 'a month beats the year it is in',
    members: [
      { text: GANTZ_A, publishedAt: '2021-01-01T00:00:00.000Z', precision: 'year' },
      { text: GANTZ_B, publishedAt: '2021-01-01T00:00:00.000Z', precision: 'month' },
    ],
    first: 1,
  },
  {
    name: 'undated, day and month: three outlets, the one first seen during the day wins',
    members: [
      { text: GANTZ_A, publishedAt: '2021-11-01T00:00:00.000Z', precision: 'month' },
      { text: GANTZ_A, publishedAt: '2021-11-02T00:00:00.000Z', precision: 'day' },
      { text: GANTZ_B, publishedAt: null, precision: null, fetchedAt: '2021-11-02T10:00:00Z' },
    ],
    first: 2,
  },
  {
    name: 'an undated member first seen at the very second another is dated to (written without milliseconds)',
    members: [
      { text: GANTZ_A, publishedAt: '2021-11-24T09:00:00.000Z', precision: 'second' },
      { text: GANTZ_B, publishedAt: null, precision: null, fetchedAt: '2021-11-24T09:00:00Z' },
    ],
    first: 1,
  },
  {
    // As before the precision counted: the rule must not overshoot.
    name: 'two dates known to the same day: the one stored first',
    members: [
      { text: GANTZ_A, publishedAt: '2021-11-24T00:00:00.000Z', precision: 'day' },
      { text: GANTZ_B, publishedAt: '2021-11-24T00:00:00.000Z', precision: 'day' },
    ],
    first: 0,
  },
];

describe('first to publish, by how precisely each date is known', () => {
  it.each(FIRST_TO_PUBLISH)('$name', ({ members, first }) => {
    // Simhashes far apart, so no member is a copy of another: each joins by its text.
    const simhashes = ['ffff000000000000', '0000ffff00000000', '00000000ffff0000'];
    storeArticles(
      db,
      members.map((m, i) =>
        makeItem(
          makeArticle({
            ...m.text,
            url: `https://o${i}.example/1`,
            outlet: { name: `o${i}.example`, domain: `o${i}.example` },
            publishedAt: m.publishedAt,
            datePrecision: m.precision,
            dateSource: m.publishedAt === null ? 'none' : 'meta',
            fingerprints: { contentHash: `o${i}`, simhash: simhashes[i] ?? '' },
          }),
          '',
          m.fetchedAt,
        ),
      ),
    );
    const ids = members.map((_, i) => getArticleByUrl(db, `https://o${i}.example/1`)?.id);
    const winner = members[first];
    if (!winner) throw new Error(`no member ${first}`);
    expect(all('SELECT first_article_id AS firstArticleId, title FROM stories')).toEqual([
      { firstArticleId: ids[first], title: winner.text.title },
    ]);
    const [story] = listStories(db).items;
    expect(story?.size).toBe(members.length);
    expect(story?.first).toMatchObject({ articleId: ids[first], precision: winner.precision });
    const detail = getStory(db, story?.id ?? 0);
    expect(detail?.first).toMatchObject({
      articleId: ids[first],
      outletName: `o${first}.example`,
      precision: winner.precision,
      at: winner.publishedAt ?? winner.fetchedAt,
    });
    // The member list is in the same order: the first to publish heads it.
    expect(detail?.articles[0]?.id).toBe(ids[first]);
    expect(detail?.articles[0]?.datePrecision).toBe(winner.precision);
  });
});

describe('listStories and getStory', () => {
  beforeEach(() => {
    storeArticles(db, [
      item(GANTZ_A, { url: 'https://a.example/1', domain: 'a.example' }),
      item(GANTZ_B, { url: 'https://b.example/1', domain: 'b.example', publishedAt: '2021-11-26T10:00:00Z' }),
      item(FLOODS, { url: 'https://a.example/2', domain: 'a.example', publishedAt: '2021-12-01T10:00:00Z' }),
    ]);
  });

  it.each([
    { filters: {}, sizes: [2, 1] },
    { filters: { minOutlets: 2 }, sizes: [2] },
    { filters: { sort: 'recent' as const }, sizes: [1, 2] },
    { filters: { from: '2021-11-27' }, sizes: [1] },
    { filters: { to: '2021-11-24' }, sizes: [2] },
    { filters: { from: '2021-11-25', to: '2021-11-25' }, sizes: [2] },
    { filters: { limit: 1, offset: 1 }, sizes: [1] },
  ])('filters $filters', ({ filters, sizes }) => {
    const page = listStories(db, filters);
    expect(page.items.map((s) => s.size)).toEqual(sizes);
  });

  it('filters by outlet', () => {
    const outletId = getArticleByUrl(db, 'https://b.example/1')?.outlet.id;
    expect(listStories(db, { outletId }).items.map((s) => s.outletCount)).toEqual([2]);
  });

  it.each([
    [{ from: '24/11/2021' }, /from must be a day written YYYY-MM-DD/],
    [{ minOutlets: -1 }, /minOutlets must be a whole number/],
    [{ limit: 2.5 }, /limit must be a whole number/],
    [{ sort: 'best' as 'size' }, /sort must be 'size' or 'recent'/],
  ])('rejects %o', (filters, message) => {
    expect(() => listStories(db, filters)).toThrow(message);
  });

  it('returns null for an unknown story and rejects an id that is not one', () => {
    expect(getStory(db, 999)).toBeNull();
    expect(() => getStory(db, 0)).toThrow(/getStory: id must be a positive whole number, got 0/);
  });
});
