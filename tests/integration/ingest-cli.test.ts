// `rasid ingest` end to end on the real data: the seeds, the whole ANT corpus, and broken inputs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  digestArticles,
  getArticle,
  getArticleByUrl,
  getTotals,
  listArticles,
  listOutlets,
  listTopics,
} from '@rasid/db/queries';
import { sectionSlug, urlKey } from '@rasid/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnt } from '../support/ant.ts';
import { makeTempDir, runRasid } from '../support/cli.ts';
import { withDb } from '../support/db.ts';
import { hasShared, sharedPath } from '../support/paths.ts';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
// One article per URL as storing sees it: http/https and www. variants of one URL are one article (ANT
// has one such pair at Al Arabiya).
const keyOf = (url: string) => urlKey(url) ?? url;

describe.skipIf(!hasShared())('rasid ingest', () => {
  describe('the seeds', () => {
    const dir = makeTempDir();
    const db = path.join(dir, 'seeds.db');
    let first: ReturnType<typeof runRasid>;

    beforeAll(() => {
      first = runRasid(['ingest', sharedPath('seeds')], { RASID_DB: db });
    });

    it('stores two articles from two outlets and says so in one line', () => {
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^read 2, new 2, updated 0, duplicate 0, failed 0 in [\d.]+ s/m);
      withDb(db, (h) => {
        expect(getTotals(h).articles).toBe(2);
        const outlets = listOutlets(h).map((o) => [o.name, o.domain, o.articles]);
        expect(outlets.sort()).toEqual([
          ['Erem News', 'eremnews.com', 1],
          ['Madar21', 'madar21.com', 1],
        ]);
      });
    });

    it('keeps the exact titles, bodies, sections and an honest unknown date', () => {
      withDb(db, (h) => {
        const { items } = listArticles(h, {}, { limit: 10 });
        const byOutlet = new Map(items.map((a) => [a.outlet.name, getArticle(h, a.id)]));
        const erem = byOutlet.get('Erem News');
        const madar = byOutlet.get('Madar21');
        expect(erem?.title).toBe('غانتس: المغرب وإسرائيل بحاجة لتعميق التحالفات');
        expect(madar?.title).toBe('الأولى عربيا.. الرباط وتل أبيب توقّعان اتفاقية تعاون استخباراتي وعسكري');
        // EXPECTED.md counts the title among the paragraphs (13 and 10): the bodies hold 12 and 9.
        const eremParas = erem?.body.split(/\n\s*\n/) ?? [];
        expect(eremParas).toHaveLength(12);
        expect(eremParas[0]).toBe(
          'قال وزير الدفاع الإسرائيلي بيني غانتس، إن الرباط وتل أبيب، بحاجة لتعميق التحالفات.',
        );
        expect(eremParas.at(-1)).toMatch(/مع جبهة ”البوليساريو“\.$/);
        const madarParas = madar?.body.split(/\n\s*\n/) ?? [];
        expect(madarParas).toHaveLength(9);
        expect(madarParas[0]).toMatch(/^وسط تكتم مغربي واحتفاء إسرائيلي، /);
        expect(madarParas.at(-1)).toMatch(/في إطار ما يسمى باتفاقات أبراهام\.$/);
        for (const boilerplate of ['الأكثر قراءة', 'No stories found.', 'www.eremnews.com', 'logo']) {
          expect(erem?.body).not.toContain(boilerplate);
        }
        for (const boilerplate of [
          'اترك تعليقاً',
          'لن يتم نشر عنوان بريدك الإلكتروني',
          'WhatsApp',
          'Google News',
        ]) {
          expect(madar?.body).not.toContain(boilerplate);
        }
        expect(madar?.section).toBe('سياسة');
        expect(erem?.section).toBeNull();
        for (const a of [erem, madar]) {
          expect(a?.language).toBe('ar');
          expect(a?.direction).toBe('rtl');
          expect(a?.publishedAt).toBeNull();
          expect(a?.dateSource).toBe('none');
          expect(a?.day).toBe(a?.firstSeenAt.slice(0, 10));
        }
      });
    });

    it('stores nothing twice when the same input comes again', () => {
      const again = runRasid(['ingest', sharedPath('seeds')], { RASID_DB: db });
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/^read 2, new 0, updated 0, duplicate 2, failed 0/m);
      withDb(db, (h) => expect(getTotals(h).articles).toBe(2));
    });
  });

  describe('the ANT corpus', () => {
    const dir = makeTempDir();
    const db = path.join(dir, 'ant.db');
    const records = readAnt();
    let first: ReturnType<typeof runRasid>;

    beforeAll(() => {
      first = runRasid(['ingest', sharedPath('corpus', 'ant')], { RASID_DB: db });
    }, 600_000);

    it('reads every record and stores one article per URL', () => {
      expect(first.status, first.stderr).toBe(0);
      const urls = new Set(records.map((r) => keyOf(r.url)));
      expect(records).toHaveLength(28_018);
      expect(first.stdout).toMatch(
        new RegExp(`^read 28,018, new ${urls.size.toLocaleString('en-US')}, `, 'm'),
      );
      withDb(db, (h) => expect(getTotals(h).articles).toBe(urls.size));
    });

    it('counts each outlet and each desk as the data says', () => {
      const perOutlet = new Map<string, Set<string>>();
      const perDesk = new Map<string, Set<string>>();
      for (const r of records) {
        perOutlet.set(r.source, (perOutlet.get(r.source) ?? new Set()).add(keyOf(r.url)));
        perDesk.set(r.category, (perDesk.get(r.category) ?? new Set()).add(keyOf(r.url)));
      }
      const names: Record<string, string> = {
        alarabia: 'Al Arabiya',
        BBC: 'BBC Arabic',
        france24: 'France 24',
        skynews: 'Sky News Arabia',
      };
      withDb(db, (h) => {
        const outlets = Object.fromEntries(listOutlets(h).map((o) => [o.name, o.articles]));
        expect(outlets).toEqual(
          Object.fromEntries([...perOutlet].map(([source, urls]) => [names[source] ?? source, urls.size])),
        );
        const topics = new Map(listTopics(h).map((t) => [t.slug, t]));
        for (const [desk, urls] of perDesk) {
          const topic = topics.get(sectionSlug(desk));
          expect(topic?.kind, desk).toBe('section');
          expect(topic?.articles, desk).toBe(urls.size);
        }
      });
    });

    it('gives an article filed under several desks every desk and its latest text', () => {
      const byUrl = new Map<string, typeof records>();
      for (const r of records) byUrl.set(keyOf(r.url), [...(byUrl.get(keyOf(r.url)) ?? []), r]);
      const edited = [...byUrl.values()].filter((rs) => new Set(rs.map((r) => r.title)).size > 1);
      expect(edited.length).toBeGreaterThan(10);
      withDb(db, (h) => {
        for (const versions of edited) {
          const url = versions[0]?.url ?? '';
          const latest = versions.reduce((a, b) =>
            Date.parse(b.published) >= Date.parse(a.published) ? b : a,
          );
          const stored = getArticleByUrl(h, url);
          expect(stored, url).not.toBeNull();
          expect(collapse(stored?.title ?? '')).toBe(collapse(latest.title));
          const deskSlugs = new Set(versions.map((v) => sectionSlug(v.category)));
          expect(new Set(stored?.topics.filter((t) => t.kind === 'section').map((t) => t.slug))).toEqual(
            deskSlugs,
          );
        }
      });
    });

    it('adds nothing on a second run', () => {
      const again = runRasid(['ingest', sharedPath('corpus', 'ant')], { RASID_DB: db });
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/^read 28,018, new 0, updated 0, duplicate 28,018, failed 0/m);
    }, 600_000);
  });

  describe('broken inputs', () => {
    const dir = makeTempDir();
    const db = path.join(dir, 'broken.db');
    const bad = makeTempDir('rasid-bad-');
    const seed = readFileSync(sharedPath('seeds', '000_06f69c84c9046252.txt'));
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['corrupt.jsonl.gz', gzipSync(seed).subarray(0, 40), /corrupt\.jsonl\.gz: corrupt gzip/],
      ['invalid.json', '[{"title": "a", "text": "b"', /invalid\.json: .*(JSON|json)/],
      ['empty.txt', '', /empty\.txt: .*empty/],
      ['binary.txt', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), /binary\.txt: .*binary/],
    ];

    beforeAll(() => {
      expect(runRasid(['ingest', sharedPath('seeds')], { RASID_DB: db }).status).toBe(0);
      for (const [name, content] of cases) writeFileSync(path.join(bad, name), content);
    });

    it.each(cases)('%s gets a clear message and changes nothing stored', (name, _content, message) => {
      const before = withDb(db, (h) => ({ totals: getTotals(h), digest: digestArticles(h) }));
      const result = runRasid(['ingest', path.join(bad, name)], { RASID_DB: db });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toMatch(/failed 1 /);
      const after = withDb(db, (h) => ({ totals: getTotals(h), digest: digestArticles(h) }));
      expect(after.totals.articles).toBe(before.totals.articles);
      expect(after.digest).toBe(before.digest);
    });

    it('goes on with the rest of a folder when one file is bad', () => {
      const result = runRasid(['ingest', bad, sharedPath('seeds')], { RASID_DB: db });
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/^read \d+, new 0, updated 0, duplicate 2, failed 4 /m);
      for (const [name] of cases) expect(result.stderr).toContain(name);
    });
  });
});
