// `rasid run --once` end to end against a local HTTP server that serves real feeds and pages from
// ../shared, well and badly: every source ends in the right state with a clear error, the good items are
// all stored, a failed item is kept with its reason and retried, and an unchanged feed is not re-read.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { getArticleByUrl, getTotals, listFailures, listRuns, listSources } from '@rasid/db/queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runRasid } from '../support/cli.ts';
import { hasShared, sharedPath } from '../support/paths.ts';
import { runRasidAsync } from '../support/worker.ts';

type Db = ReturnType<typeof openDatabase>;
const withDb = <T>(file: string, fn: (db: Db) => T): T => {
  const db = openDatabase(file);
  try {
    return fn(db);
  } finally {
    closeDatabase(db);
  }
};

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

  // Local test server: every source must opt in to private addresses, and fails fast.
  const local = { allowPrivateNetwork: true, timeoutMs: 2_000, retries: 1, retryBaseMs: 10 };
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
      const titles = h.$client
        .prepare("SELECT title FROM articles WHERE url LIKE 'http://feeds.jn.pt/%'")
        .pluck()
        .all() as string[];
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
    expect(status.stdout).toMatch(/missing \[feed\] .* — error: .*HTTP 404 Not Found/);
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
