// `rasid run --once` end to end against a local HTTP server that serves real feeds and pages from
// ../shared, well and badly: every source ends in the right state with a clear error, the good items are
// all stored, a failed item is kept with its reason and retried, and an unchanged feed is not re-read.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { getArticleByUrl, getTotals, listFailures, listRuns, listSources } from '@rasid/db/queries';
import { parseDocument } from '@rasid/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runRasid } from '../support/cli.ts';
import { type Db, withDb } from '../support/db.ts';
import { hasShared, sharedPath } from '../support/paths.ts';
import { readabilityMeta, readabilityPage, xmlText } from '../support/readability.ts';
import { runRasidAsync } from '../support/worker.ts';

const feedFile = (name: string) => readFileSync(sharedPath('feeds', 'rss-parser', 'input', name));
// Counted from the XML itself, not through the parser under test.
const countItems = (xml: Buffer) => (xml.toString('latin1').match(/<(item|entry)[\s>]/g) ?? []).length;
const itemLinks = (xml: Buffer) =>
  [...xml.toString('utf8').matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => m[1] ?? '');

describe.skipIf(!hasShared())('rasid run --once against a local server', () => {
  const GUARDIAN = feedFile('guardian.rss');
  const FEEDBURNER = feedFile('feedburner.atom');
  const UOL = feedFile('uolNoticias.rss');
  const LATIN1 = feedFile('encoding.rss');
  const HEISE = feedFile('heise.atom');
  // The same Heise feed with its first entry stripped of title and text: that one item cannot be stored.
  const HEISE_BROKEN = Buffer.from(
    HEISE.toString('utf8').replace(/<entry>[\s\S]*?<\/entry>/, (entry) =>
      entry
        .replace(/<title type="text">[^<]*<\/title>/, '<title type="text"></title>')
        .replace(/<summary[\s\S]*?<\/summary>/, '')
        .replace(/<content[\s\S]*?<\/content>/, ''),
    ),
  );
  const PAGE = readFileSync(sharedPath('html', 'readability', '001', 'source.html'));
  const NOT_A_FEED = readFileSync(sharedPath('html', 'readability', '002', 'source.html'));
  const GUARDIAN_DATE = 'Wed, 31 Jan 2018 06:00:00 GMT';

  let server: Server;
  let base = '';
  const requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
  const hits = (p: string) => requests.filter((r) => r.path === p);

  const send = (res: ServerResponse, body: Buffer, headers: Record<string, string>) =>
    res.writeHead(200, { 'content-length': String(body.length), ...headers }).end(body);

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/feeds/guardian': (req, res) => {
      if (req.headers['if-none-match'] === '"g1"') return void res.writeHead(304).end();
      send(res, GUARDIAN, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"g1"',
        'last-modified': GUARDIAN_DATE,
      });
    },
    '/feeds/feedburner-gzip': (_req, res) =>
      send(res, gzipSync(FEEDBURNER), { 'content-type': 'application/atom+xml', 'content-encoding': 'gzip' }),
    '/feeds/uol-br': (_req, res) =>
      send(res, brotliCompressSync(UOL), {
        'content-type': 'application/rss+xml; charset=ISO-8859-1',
        'content-encoding': 'br',
      }),
    // Latin-1 bytes under a UTF-8 label: the document's own declaration has to win.
    '/feeds/mislabelled': (_req, res) =>
      send(res, LATIN1, { 'content-type': 'application/rss+xml; charset=utf-8' }),
    // First served with a broken item, then fixed; its ETag changes with its content.
    '/feeds/changing': (req, res) => {
      const fixed = hits('/feeds/changing').length > 1;
      const etag = fixed ? '"h2"' : '"h1"';
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      send(res, fixed ? HEISE : HEISE_BROKEN, { 'content-type': 'application/atom+xml', etag });
    },
    '/pages/article': (_req, res) => send(res, PAGE, { 'content-type': 'text/html; charset=utf-8' }),
    '/feeds/missing': (_req, res) => void res.writeHead(404, 'Not Found').end(),
    '/feeds/down': (_req, res) => void res.writeHead(500, 'Internal Server Error').end(),
    '/feeds/slow': (_req, res) => {
      setTimeout(() => send(res, GUARDIAN, {}), 5_000).unref();
    },
    '/feeds/loop': (_req, res) => void res.writeHead(302, { location: '/feeds/loop-2' }).end(),
    '/feeds/loop-2': (_req, res) => void res.writeHead(302, { location: '/feeds/loop' }).end(),
    '/feeds/huge': (_req, res) =>
      send(res, Buffer.alloc(2 * 1024 * 1024, 0x20), { 'content-type': 'text/xml' }),
    '/feeds/truncated': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(GUARDIAN.length) });
      res.write(GUARDIAN.subarray(0, 4096));
      setTimeout(() => res.socket?.destroy(), 20);
    },
    '/feeds/html': (_req, res) => send(res, NOT_A_FEED, { 'content-type': 'application/rss+xml' }),
  };

  const dir = makeTempDir('rasid-run-');
  const db = path.join(dir, 'run.db');
  const sourcesFile = path.join(dir, 'sources.json');
  const env = () => ({ RASID_DB: db, RASID_SOURCES: sourcesFile });
  let first: Awaited<ReturnType<typeof runRasidAsync>>;

  // Local test server: every source must opt in to private addresses, and fails fast. These feeds' item
  // links point at the real sites, so their article pages are not fetched.
  const local = {
    allowPrivateNetwork: true,
    timeoutMs: 2_000,
    retries: 1,
    retryBaseMs: 10,
    hostDelayMs: 0,
    fetchArticlePages: false,
  };
  const good = [
    { name: 'guardian', path: '/feeds/guardian', items: countItems(GUARDIAN) },
    { name: 'feedburner gzip', path: '/feeds/feedburner-gzip', items: countItems(FEEDBURNER) },
    { name: 'uol brotli', path: '/feeds/uol-br', items: countItems(UOL) },
    { name: 'mislabelled charset', path: '/feeds/mislabelled', items: countItems(LATIN1) },
  ];
  const bad: { name: string; path: string; error: RegExp; extra?: object }[] = [
    { name: 'missing', path: '/feeds/missing', error: /\/feeds\/missing: HTTP 404 Not Found$/ },
    {
      name: 'down',
      path: '/feeds/down',
      error: /\/feeds\/down: HTTP 500 Internal Server Error \(after 2 attempts\)$/,
    },
    {
      name: 'slow',
      path: '/feeds/slow',
      error: /\/feeds\/slow: request failed: timed out after 0.3 s$/,
      extra: { timeoutMs: 300, retries: 0 },
    },
    { name: 'loop', path: '/feeds/loop', error: /\/feeds\/loop: redirect loop/ },
    {
      name: 'huge',
      path: '/feeds/huge',
      error: /\/feeds\/huge: response too large \(2097152 bytes, the limit is 1048576\)$/,
      extra: { maxBytes: 1024 * 1024 },
    },
    {
      name: 'truncated',
      path: '/feeds/truncated',
      error: /\/feeds\/truncated: response truncated/,
      extra: { retries: 0 },
    },
    { name: 'not a feed', path: '/feeds/html', error: /\/feeds\/html: not a feed: root element <html>/ },
  ];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const p = req.url ?? '/';
      requests.push({ path: p, headers: req.headers });
      const route = routes[p];
      if (route) route(req, res);
      else res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sources = [
      ...good.map((s) => ({ name: s.name, kind: 'feed', url: `${base}${s.path}`, ...local })),
      { name: 'changing', kind: 'feed', url: `${base}/feeds/changing`, ...local },
      { name: 'page', kind: 'page', url: `${base}/pages/article`, ...local },
      ...bad.map((s) => ({ name: s.name, kind: 'feed', url: `${base}${s.path}`, ...local, ...s.extra })),
      // Same server, but the source does not allow private addresses.
      { name: 'not allowed', kind: 'feed', url: `${base}/feeds/guardian` },
    ];
    writeFileSync(sourcesFile, JSON.stringify({ sources }, null, 2));
    first = await runRasidAsync(['run', '--once'], env(), 120_000);
  });

  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });

  const source = (h: Db, name: string) => {
    const row = listSources(h).find((s) => s.name === name);
    if (!row) throw new Error(`source ${name} is not in the database`);
    return row;
  };

  it('exits 1 because some sources failed, logging one JSON line per failure', () => {
    expect(first.status).toBe(1);
    const lines = first.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; source?: string; msg: string; err?: string });
    const failed = lines.filter((l) => l.msg === 'source failed').map((l) => l.source);
    expect(failed.sort()).toEqual([...bad.map((b) => b.name), 'not allowed'].sort());
  });

  it('stores every item of every good feed, decoded right whatever the transport or label', () => {
    withDb(db, (h) => {
      for (const { name, items } of good) {
        const s = source(h, name);
        expect([name, s.lastError, s.itemsSeen, s.itemsNew, s.itemsFailed]).toEqual([
          name,
          null,
          items,
          items,
          0,
        ]);
        expect(s.lastSuccessAt).not.toBeNull();
      }
      for (const link of itemLinks(GUARDIAN)) expect(getArticleByUrl(h, link)?.url).toBe(link);
      // Mislabelled Latin-1: the accents survive, and no replacement character crept in.
      const latin1 = listSources(h).find((s) => s.name === 'mislabelled charset');
      expect(latin1?.itemsNew).toBe(40);
      // Stored under the articles' own addresses (feedburner:origLink), not FeedBurner's redirecting links.
      const titles = h.$client
        .prepare("SELECT title FROM articles WHERE url LIKE 'https://www.jn.pt/%'")
        .pluck()
        .all() as string[];
      expect(
        h.$client
          .prepare("SELECT count(*) FROM articles WHERE url LIKE 'http://feeds.jn.pt/%'")
          .pluck()
          .get(),
      ).toBe(0);
      expect(titles).toHaveLength(40);
      expect(titles).toContain('Mãe de utente é a nova presidente da Raríssimas');
      expect(titles.join('')).not.toContain('\uFFFD');
    });
  });

  it('stores a page source through the HTML parser', () => {
    withDb(db, (h) => {
      const s = source(h, 'page');
      expect([s.lastError, s.itemsNew]).toEqual([null, 1]);
      expect(getArticleByUrl(h, `${base}/pages/article`)?.title).toMatch(
        /Get your Frontend JavaScript Code Covered/,
      );
    });
  });

  it('leaves each bad source with its own clear error, no success, and a failed run', () => {
    withDb(db, (h) => {
      for (const { name, error } of bad) {
        const s = source(h, name);
        expect(s.lastError, name).toMatch(error);
        expect(s.lastErrorAt, name).not.toBeNull();
        expect(s.lastSuccessAt, name).toBeNull();
        expect(s.itemsNew, name).toBe(0);
      }
      expect(source(h, 'not allowed').lastError).toMatch(
        /refused: 127\.0\.0\.1 is a private or loopback address/,
      );
      const runs = listRuns(h, 100);
      expect(runs.filter((r) => r.status === 'failed')).toHaveLength(bad.length + 1);
    });
    // The retry cap holds end to end: one retry, then the source gives up until its next run.
    expect(hits('/feeds/down')).toHaveLength(2);
    expect(hits('/feeds/missing')).toHaveLength(1);
  });

  it('keeps the one broken item with its reason and stores the rest of its feed', () => {
    withDb(db, (h) => {
      const s = source(h, 'changing');
      expect([s.itemsSeen, s.itemsNew, s.itemsFailed]).toEqual([15, 14, 1]);
      expect(s.lastError).toBe('1 item(s) failed; see rasid status');
      const failures = listFailures(h, { unresolvedOnly: true });
      expect(failures.map((f) => [f.location, f.sourceId])).toEqual([
        [`${base}/feeds/changing#http://heise.de/-3088438`, s.id],
      ]);
      expect(failures[0]?.reason).toMatch(/^missing text: no title/);
    });
  });

  it('shows each source, its counts and its error in `rasid status`', () => {
    const status = runRasid(['status'], env());
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/guardian \[feed\] http:\/\/127\.0\.0\.1:\d+\/feeds\/guardian — ok /);
    expect(status.stdout).toMatch(/seen 55 new 55 duplicate 0 failed 0/);
    // The error with when it happened.
    expect(status.stdout).toMatch(
      /missing \[feed\] .* — error \d{4}-\d\d-\d\dT[\d:.]+Z: .*HTTP 404 Not Found/,
    );
    expect(status.stdout).toMatch(
      /unresolved failures \(latest 1\)\n .*feeds\/changing#http:\/\/heise\.de\/-3088438: missing text/,
    );
  });

  it('on the next run, asks conditionally, retries the failed item, and resolves it', async () => {
    const before = withDb(db, (h) => ({ totals: getTotals(h), guardian: source(h, 'guardian') }));
    const second = await runRasidAsync(['run', '--once'], env(), 120_000);
    expect(second.status).toBe(1);
    // Unchanged feed: asked with its ETag, answered 304, nothing re-read.
    const guardian = hits('/feeds/guardian');
    expect(guardian.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"g1"']);
    // A feed with a pending failure is fetched in full, whatever its validators.
    expect(hits('/feeds/changing').map((r) => r.headers['if-none-match'])).toEqual([undefined, undefined]);
    withDb(db, (h) => {
      const g = source(h, 'guardian');
      expect([g.itemsSeen, g.itemsNew, g.lastError, g.etag]).toEqual([55, 55, null, '"g1"']);
      expect(
        g.lastSuccessAt && before.guardian.lastSuccessAt && g.lastSuccessAt > before.guardian.lastSuccessAt,
      ).toBe(true);
      const c = source(h, 'changing');
      expect([c.itemsSeen, c.itemsNew, c.itemsDuplicate, c.itemsFailed, c.lastError]).toEqual([
        30,
        15,
        14,
        1,
        null,
      ]);
      expect(listFailures(h, { unresolvedOnly: true })).toEqual([]);
      expect(
        getArticleByUrl(
          h,
          'http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html?wt_mc=rss.developer.beitrag.atom',
        )?.title,
      ).toBe('Java-Anwendungsserver: Red Hat gibt WildFly 10 frei');
      // Only that one article is new; a second fetch of the page and the feeds adds nothing twice.
      expect(getTotals(h).articles).toBe(before.totals.articles + 1);
      // Each failing source is still failing, with the same reason, and is counted once per run.
      for (const { name, error } of bad) expect(source(h, name).lastError, name).toMatch(error);
    });
    expect(hits('/feeds/down')).toHaveLength(4);

    // Nothing pending any more: the third run asks with the new ETag and gets 304.
    await runRasidAsync(['run', '--once'], env(), 120_000);
    expect(hits('/feeds/changing').at(-1)?.headers['if-none-match']).toBe('"h2"');
    withDb(db, (h) => expect(source(h, 'changing').itemsSeen).toBe(30));
  });
});

// Sitemaps and summary-only feeds, against a local server that serves real pages from
// ../shared/html/readability. The sitemap XML and the feed XML are written here (the shared data holds
// neither), listing those real pages; the feed's titles and summaries are the pages' own, from
// expected-metadata.json.
describe.skipIf(!hasShared())('rasid run --once: sitemaps and summary-only feeds', () => {
  const page = readabilityPage;
  const meta = readabilityMeta;
  const NEWS = ['ars-1', 'bbc-1', 'lemonde-1'];
  const PART_1 = ['nytimes-1', 'wapo-1'];
  const PART_2 = ['cnet', 'engadget'];
  const CAPPED = ['medium-1', 'salon-1', 'seattletimes-1', 'theverge', 'quanta-1'];
  const SUMMARIES = ['aclu', 'nytimes-2', 'citylab-1'];
  const FEED_CAPPED = ['wapo-2', 'buzzfeed-1'];
  const ALL = [...NEWS, ...PART_1, ...PART_2, ...CAPPED, ...SUMMARIES, ...FEED_CAPPED];

  let server: Server;
  let base = '';
  const requests: { path: string; at: number }[] = [];
  const hits = (p: string) => requests.filter((r) => r.path === p).length;
  const pageUrl = (name: string) => `${base}/pages/${name}`;

  const urlset = (entries: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ` +
    `xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${entries}</urlset>\n`;
  const newsEntry = (loc: string, day: number, title: string) =>
    `<url><loc>${loc}</loc><news:news><news:publication><news:name>Local Test Wire</news:name>` +
    `<news:language>en</news:language></news:publication>` +
    `<news:publication_date>2024-05-${String(day).padStart(2, '0')}T08:00:00+02:00</news:publication_date>` +
    `<news:title><![CDATA[${title}]]></news:title></news:news></url>\n`;
  const plainEntry = (loc: string, lastmod?: string) =>
    `<url><loc>${loc}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>\n`;
  const rssItem = (o: { title: string; link: string; summary: string; content?: string; guid: string }) =>
    `<item><title>${xmlText(o.title)}</title><link>${o.link}</link><guid isPermaLink="false">${o.guid}</guid>` +
    `<pubDate>Mon, 06 May 2024 09:00:00 GMT</pubDate><description>${xmlText(o.summary)}</description>` +
    `${o.content ? `<content:encoded><![CDATA[${o.content}]]></content:encoded>` : ''}</item>\n`;
  const rss = (items: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">` +
    `<channel><title>Local summaries</title><link>${base}/</link><language>en</language>\n${items}</channel></rss>\n`;
  // A full article in content:encoded: no page is fetched for it.
  const FULL_TEXT = Array.from(
    { length: 8 },
    (_, i) =>
      `<p>Paragraph ${i + 1} of a feed item that carries its whole article, long enough to be read as the article itself and not as a teaser for it.</p>`,
  ).join('');
  const summaryItems = () =>
    SUMMARIES.map((n) => rssItem({ ...metaItem(n), link: pageUrl(n), guid: `s-${n}` })).join('');
  const metaItem = (n: string) => ({ title: meta(n).title, summary: meta(n).excerpt });
  const feedV1 = () =>
    rss(
      summaryItems() +
        rssItem({
          title: 'A story whose page is gone',
          summary: 'Only this summary can be stored.',
          link: `${base}/pages/gone-story`,
          guid: 'gone',
        }) +
        rssItem({ title: '', summary: '', link: `${base}/pages/empty-story`, guid: 'empty' }) +
        rssItem({
          title: 'A full-text item',
          summary: 'Teaser.',
          content: FULL_TEXT,
          link: `${base}/pages/never-fetched`,
          guid: 'full',
        }),
    );
  // The next version: the two items that could not be stored have left the feed.
  const feedV2 = () =>
    rss(
      summaryItems() +
        rssItem({
          title: 'A full-text item',
          summary: 'Teaser.',
          content: FULL_TEXT,
          link: `${base}/pages/never-fetched`,
          guid: 'full',
        }),
    );

  const sitemaps: Record<string, () => Buffer> = {
    '/news-sitemap.xml': () =>
      Buffer.from(
        urlset(
          NEWS.map((n, i) => newsEntry(pageUrl(n), i + 1, meta(n).title)).join('') +
            // Listed for two runs, then dropped: its failure can no longer be retried.
            (hits('/news-sitemap.xml') < 3 ? newsEntry(`${base}/pages/missing`, 9, 'A page that 404s') : '') +
            newsEntry(`${base}/private/closed`, 9, 'A page robots.txt disallows'),
        ),
      ),
    '/index.xml': () =>
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n` +
          `<sitemap><loc>${base}/sitemaps/part-1.xml</loc><lastmod>2024-05-01</lastmod></sitemap>\n` +
          `<sitemap><loc>${base}/sitemaps/part-2.xml.gz</loc><lastmod>2024-05-02</lastmod></sitemap>\n` +
          `<sitemap><loc>${base}/sitemaps/broken.xml</loc><lastmod>2024-04-01</lastmod></sitemap>\n` +
          `</sitemapindex>\n`,
      ),
    '/sitemaps/part-1.xml': () =>
      Buffer.from(urlset(PART_1.map((n) => plainEntry(pageUrl(n), '2024-05-01')).join(''))),
    '/sitemaps/part-2.xml.gz': () => gzipSync(urlset(PART_2.map((n) => plainEntry(pageUrl(n))).join(''))),
    // Cut off mid-entry, as a server that dies while sending does.
    '/sitemaps/broken.xml': () => Buffer.from(urlset(plainEntry(`${base}/pages/x`)).slice(0, -40)),
    '/broken-sitemap.xml': () => Buffer.from(`${urlset(plainEntry(pageUrl('ars-1')))}`.replace('</url>', '')),
    '/capped.xml': () =>
      Buffer.from(urlset(CAPPED.map((n, i) => plainEntry(pageUrl(n), `2024-05-0${i + 1}`)).join(''))),
  };

  const dir = makeTempDir('rasid-sitemap-');
  const db = path.join(dir, 'sitemap.db');
  const sourcesFile = path.join(dir, 'sources.json');
  const env = () => ({ RASID_DB: db, RASID_SOURCES: sourcesFile });
  const DELAY = 100;
  const local = { allowPrivateNetwork: true, timeoutMs: 5_000, retries: 0, hostDelayMs: DELAY };
  const runs: Awaited<ReturnType<typeof runRasidAsync>>[] = [];
  let firstRunRequests: { path: string; at: number }[] = [];
  let firstStatus = '';
  const waiting: string[][] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const p = req.url ?? '/';
      requests.push({ path: p, at: performance.now() });
      const name = /^\/pages\/([\w-]+)$/.exec(p)?.[1];
      if (p === '/robots.txt')
        return void res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end('User-agent: *\nDisallow: /private/\n');
      if (p === '/feed-capped.xml') {
        const items = FEED_CAPPED.map((n) => rssItem({ ...metaItem(n), link: pageUrl(n), guid: `c-${n}` }));
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(items.join('')));
      }
      if (p === '/feed.xml') {
        const body = Buffer.from(hits('/feed.xml') > 1 ? feedV2() : feedV1());
        return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
      }
      const sitemap = sitemaps[p];
      if (sitemap) {
        const type = p.endsWith('.gz') ? 'application/gzip' : 'application/xml';
        return void res.writeHead(200, { 'content-type': type }).end(sitemap());
      }
      if (name && ALL.includes(name))
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(name));
      res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sources = [
      { name: 'news sitemap', kind: 'sitemap', url: `${base}/news-sitemap.xml`, ...local },
      { name: 'sitemap index', kind: 'sitemap', url: `${base}/index.xml`, ...local },
      { name: 'broken sitemap', kind: 'sitemap', url: `${base}/broken-sitemap.xml`, ...local },
      { name: 'capped sitemap', kind: 'sitemap', url: `${base}/capped.xml`, ...local, maxPagesPerRun: 2 },
      { name: 'summaries', kind: 'feed', url: `${base}/feed.xml`, ...local },
      { name: 'one page a run', kind: 'feed', url: `${base}/feed-capped.xml`, ...local, maxPagesPerRun: 1 },
    ];
    writeFileSync(sourcesFile, JSON.stringify({ sources }, null, 2));
    for (let i = 0; i < 3; i++) {
      runs.push(await runRasidAsync(['run', '--once'], env(), 120_000));
      if (i === 0) {
        firstRunRequests = [...requests];
        firstStatus = runRasid(['status'], env()).stdout;
      }
      waiting.push(
        withDb(db, (h) =>
          listSources(h).filter((s) => s.name.includes('capped') || s.name.includes('a run')),
        ).map((s) => `${s.name}: ${s.pagesWaiting}`),
      );
    }
  });

  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });

  const source = (h: Db, name: string) => {
    const row = listSources(h).find((s) => s.name === name);
    if (!row) throw new Error(`source ${name} is not in the database`);
    return row;
  };
  // The article a fetched page became, found through its raw document (its canonical URL is the real site's).
  const articleAt = (h: Db, location: string) =>
    h.$client
      .prepare(
        `SELECT a.title, a.body, a.url, a.language, o.name AS outlet FROM raw_documents r
         JOIN articles a ON a.id = r.article_id JOIN outlets o ON o.id = a.outlet_id WHERE r.location = ?`,
      )
      .get(location) as
      | { title: string; body: string; url: string; language: string; outlet: string }
      | undefined;

  it('stores every page a news sitemap lists, once, and keeps the robots.txt refusal as a failure', () => {
    withDb(db, (h) => {
      for (const n of NEWS) {
        const a = articleAt(h, pageUrl(n));
        expect(a?.title, n).toContain(meta(n).title.slice(0, 30));
        expect(a?.body.length, n).toBeGreaterThan(1_000);
      }
      const s = source(h, 'news sitemap');
      // After the third run only the robots.txt refusal is pending (the 404 page left the sitemap, below).
      expect([s.itemsNew, s.lastError]).toEqual([3, '1 item(s) failed; see rasid status']);
      const reasons = Object.fromEntries(
        listFailures(h, { unresolvedOnly: true, limit: 1_000 })
          .filter((f) => f.sourceId === s.id)
          .map((f) => [f.location.replace(base, ''), f.reason]),
      );
      expect(reasons).toEqual({
        '/private/closed': `disallowed by ${base}/robots.txt (Disallow: /private/)`,
      });
    });
    expect(hits('/private/closed')).toBe(0);
  });

  it('follows a sitemap index into a plain and a gzipped child; a truncated child is a failed item, not a lost index', () => {
    withDb(db, (h) => {
      for (const n of [...PART_1, ...PART_2])
        expect(articleAt(h, pageUrl(n))?.body.length, n).toBeGreaterThan(1_000);
      const s = source(h, 'sitemap index');
      expect(s.itemsNew).toBe(4);
      const broken = listFailures(h, { unresolvedOnly: true, limit: 1_000 }).find(
        (f) => f.location === `${base}/sitemaps/broken.xml`,
      );
      expect(broken?.reason).toBe('malformed sitemap: the document ends before its closing </urlset>');
    });
  });

  it('fails a malformed sitemap source with a clear error', () => {
    withDb(db, (h) => {
      const s = source(h, 'broken sitemap');
      expect(s.lastError).toBe(
        `${base}/broken-sitemap.xml: malformed sitemap: 1 <url> but 0 </url> (an entry is not closed)`,
      );
      expect([s.itemsNew, s.lastSuccessAt]).toEqual([0, null]);
    });
  });

  it('fetches at most maxPagesPerRun pages a run, newest first, and the rest on later runs, each page once', () => {
    withDb(db, (h) => {
      expect(source(h, 'capped sitemap').itemsNew).toBe(5);
      for (const n of CAPPED) expect(articleAt(h, pageUrl(n)), n).toBeDefined();
    });
    const firstRun = firstRunRequests.filter((r) => CAPPED.some((n) => r.path === `/pages/${n}`));
    // lastmod 2024-05-05 (quanta-1) and 2024-05-04 (theverge) come first.
    expect(firstRun.map((r) => r.path)).toEqual(['/pages/quanta-1', '/pages/theverge']);
    for (const n of CAPPED) expect(hits(`/pages/${n}`), n).toBe(1);
  });

  it('records the pages a capped source left for later runs, and `rasid status` shows the backlog', () => {
    // 5 sitemap pages at 2 a run, 2 feed pages at 1 a run.
    expect(waiting).toEqual([
      ['capped sitemap: 3', 'one page a run: 1'],
      ['capped sitemap: 1', 'one page a run: 0'],
      ['capped sitemap: 0', 'one page a run: 0'],
    ]);
    expect(firstStatus).toMatch(
      /capped sitemap \[sitemap\][^\n]*\n\s+seen \d+ new 2 [^\n]*, 3 page\(s\) waiting for the next runs/,
    );
  });

  it('never fetches a stored page again; retries only what failed', () => {
    for (const n of [...NEWS, ...PART_1, ...PART_2, ...SUMMARIES]) expect(hits(`/pages/${n}`), n).toBe(1);
    expect(hits('/pages/missing')).toBe(2);
    expect(runs.map((r) => r.status)).toEqual([1, 1, 1]);
  });

  it('waits hostDelayMs between two requests to one host', () => {
    const gaps = firstRunRequests.slice(1).map((r, i) => r.at - (firstRunRequests[i]?.at ?? 0));
    expect(firstRunRequests.length).toBeGreaterThan(15);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(DELAY - 5);
  });

  it('gives up a failed page once the sitemap no longer lists it; one still listed stays pending', () => {
    withDb(db, (h) => {
      const all = listFailures(h, { limit: 1_000 });
      const missing = all.filter((f) => f.location === `${base}/pages/missing`);
      expect(missing.map((f) => [f.reason, f.resolvedAt !== null])).toEqual([
        [
          'given up: no longer listed in the sitemap, so it cannot be retried; last error: HTTP 404 Not Found',
          true,
        ],
      ]);
      const closed = all.filter((f) => f.location === `${base}/private/closed`);
      expect(closed.map((f) => f.resolvedAt)).toEqual([null]);
    });
  });

  it("stores a summary-only item with its page's text and the feed's title", () => {
    withDb(db, (h) => {
      for (const n of SUMMARIES) {
        const a = getArticleByUrl(h, pageUrl(n));
        expect(a?.title, n).toBe(meta(n).title);
        expect(a?.body.length, n).toBeGreaterThan(10 * meta(n).excerpt.length);
        // The text is the page's: a paragraph from the middle of the page, as the parser reads it alone.
        const own = parseDocument({ content: page(n), format: 'html', url: pageUrl(n) }).body.split('\n\n');
        expect(a?.body, n).toContain(own[Math.floor(own.length / 2)]);
      }
      // The full-text item keeps the feed's text; its link is never fetched.
      expect(getArticleByUrl(h, `${base}/pages/never-fetched`)?.body).toMatch(/^Paragraph 1 of a feed item/);
    });
    expect(hits('/pages/never-fetched')).toBe(0);
  });

  it("fetches a feed's pages a bounded number a run: the summary stands in until a later run stores the page", () => {
    withDb(db, (h) => {
      const [first, second] = FEED_CAPPED;
      if (!first || !second) throw new Error('two pages expected');
      for (const n of FEED_CAPPED) {
        const a = getArticleByUrl(h, pageUrl(n));
        expect(a?.body.length, n).toBeGreaterThan(10 * meta(n).excerpt.length);
      }
      const waited = listFailures(h, { limit: 1_000 }).filter((f) => f.location === pageUrl(second));
      expect(waited.map((f) => [f.reason, f.resolvedAt !== null])).toEqual([
        [
          "article page not used, the feed's summary was stored instead: not fetched: the limit of 1 pages per run was reached; a later run fetches it",
          true,
        ],
      ]);
      const s = source(h, 'one page a run');
      // Run 1: both new (one from its summary); run 2: the page replaces the summary; run 3: both seen again.
      expect([s.itemsNew, s.itemsFailed, s.lastError]).toEqual([2, 0, null]);
      expect(
        h.$client
          .prepare('SELECT updated FROM ingest_runs WHERE source_id = ? ORDER BY id')
          .pluck()
          .all(s.id),
      ).toEqual([0, 1, 0]);
    });
    for (const n of FEED_CAPPED) expect(hits(`/pages/${n}`), n).toBe(1);
  });

  it('falls back to the summary when the page fails, with the reason kept', () => {
    withDb(db, (h) => {
      expect(getArticleByUrl(h, `${base}/pages/gone-story`)?.body).toBe('Only this summary can be stored.');
      const s = source(h, 'summaries');
      // Seen: 6 items on the first run, then 4 twice; only the empty item failed to store.
      expect([s.itemsSeen, s.itemsNew, s.itemsFailed]).toEqual([14, 5, 1]);
    });
  });

  it('gives up, with the reason, the pending failures whose items left the feed, and `rasid status` shows them', () => {
    withDb(db, (h) => {
      const open = listFailures(h, { unresolvedOnly: true, limit: 1_000 }).map((f) => f.location);
      expect(open.filter((l) => l.includes('gone-story') || l.includes('empty'))).toEqual([]);
      const all = listFailures(h, { limit: 1_000 });
      const gone = all.find((f) => f.location === `${base}/pages/gone-story`);
      expect(gone?.resolvedAt).not.toBeNull();
      expect(gone?.reason).toBe(
        "given up: the item left the feed, so it cannot be retried; last error: article page not used, the feed's summary was stored instead: HTTP 404 Not Found",
      );
      const empty = all.find((f) => f.location === `${base}/feed.xml#empty`);
      expect(empty?.reason).toMatch(
        /^given up: the item left the feed, so it cannot be retried; last error: /,
      );
    });
    const status = runRasid(['status'], env());
    expect(status.stdout).toMatch(/given up \(latest \d+\)\n/);
    expect(status.stdout).toContain(`${base}/pages/gone-story (`);
  });
});
