// One article however it is reached: a summary-only feed item whose link redirects (a FeedBurner-style
// proxy with tracking) to the article page, a full-text item that names its article through
// `feedburner:origLink`, and a news sitemap that lists the same pages under their canonical addresses.
// Real pages from ../shared/html/readability, served by a local server; each declares the canonical
// address the server gives it, as a site does. Two pages that declare the site's front page as canonical
// (a misconfigured template) stay two articles.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getArticleByUrl, getTotals, listRuns, listSources } from '@rasid/db/queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/cli.ts';
import { withDb } from '../support/db.ts';
import { hasShared } from '../support/paths.ts';
import { readabilityMeta, readabilityPage, xmlText } from '../support/readability.ts';
import { runRasidAsync } from '../support/worker.ts';

describe.skipIf(!hasShared())('one article from a redirecting feed link, an origLink and a sitemap', () => {
  const meta = readabilityMeta;
  // Fetched through the summary feed's redirecting links, and listed by the sitemap.
  const REDIRECTED = ['guardian-1', 'herald-sun-1', 'yahoo-1'];
  // Full text in the feed, its article named by feedburner:origLink, and listed by the sitemap.
  const ORIG_LINKED = ['mozilla-1', 'wikipedia'];
  // Declare the front page as their canonical address.
  const FRONT = ['telegraph', 'tmz-1'];

  let server: Server;
  let base = '';
  const requests: string[] = [];
  const hits = (p: string) => requests.filter((r) => r === p).length;
  const articleUrl = (name: string) => `${base}/articles/${name}`;

  // The real page with the canonical link a site would print first in its <head>.
  const page = (name: string, canonical: string) =>
    readabilityPage(name)
      .toString('utf8')
      .replace(/<head[^>]*>/i, (head) => `${head}<link rel="canonical" href="${canonical}">`);
  const item = (o: { name: string; link: string; origLink?: string; content?: string }) =>
    `<item><title>${xmlText(meta(o.name).title)}</title><link>${o.link}</link>` +
    `<guid isPermaLink="false">item-${o.name}</guid><pubDate>Mon, 06 May 2024 09:00:00 GMT</pubDate>` +
    `<description>${xmlText(meta(o.name).excerpt)}</description>` +
    (o.content ? `<content:encoded><![CDATA[${o.content}]]></content:encoded>` : '') +
    (o.origLink ? `<feedburner:origLink>${o.origLink}</feedburner:origLink>` : '') +
    '</item>\n';
  const rss = (items: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ` +
    `xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>Local wire</title>` +
    `<link>${base}/</link><language>en</language>\n${items}</channel></rss>\n`;
  const fullText = (name: string) =>
    Array.from(
      { length: 8 },
      (_, i) =>
        `<p>Paragraph ${i + 1} of the full text of ${name}, as the feed carries it whole, long enough.</p>`,
    ).join('');

  const dir = makeTempDir('rasid-identity-');
  const db = path.join(dir, 'identity.db');
  const sourcesFile = path.join(dir, 'sources.json');
  const env = () => ({ RASID_DB: db, RASID_SOURCES: sourcesFile });
  const local = { allowPrivateNetwork: true, timeoutMs: 5_000, retries: 0, hostDelayMs: 0 };
  const runs: Awaited<ReturnType<typeof runRasidAsync>>[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const p = req.url ?? '/';
      requests.push(p);
      const redirected = /^\/r\/([\w-]+)$/.exec(p)?.[1];
      if (redirected)
        return void res
          .writeHead(301, { location: `${articleUrl(redirected)}?utm_source=feedburner&utm_medium=rss` })
          .end();
      const name = /^\/articles\/([\w-]+)(?:\?.*)?$/.exec(p)?.[1];
      if (name && [...REDIRECTED, ...ORIG_LINKED].includes(name))
        return void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(page(name, articleUrl(name)));
      if (name && FRONT.includes(name))
        return void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(page(name, `${base}/`));
      if (p === '/summaries.xml')
        return void res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(rss(REDIRECTED.map((n) => item({ name: n, link: `${base}/r/${n}` })).join('')));
      if (p === '/full.xml')
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rss(
            ORIG_LINKED.map((n) =>
              item({
                name: n,
                link: `${base}/proxy/~r/wire/${n}`,
                origLink: articleUrl(n),
                content: fullText(n),
              }),
            ).join(''),
          ),
        );
      if (p === '/sitemap.xml')
        return void res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n` +
              [...REDIRECTED, ...ORIG_LINKED, ...FRONT]
                .map((n) => `<url><loc>${articleUrl(n)}</loc></url>\n`)
                .join('') +
              '</urlset>\n',
          );
      res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sources = [
      { name: 'summaries', kind: 'feed', url: `${base}/summaries.xml`, ...local },
      { name: 'full text', kind: 'feed', url: `${base}/full.xml`, ...local },
      { name: 'sitemap', kind: 'sitemap', url: `${base}/sitemap.xml`, ...local },
    ];
    writeFileSync(sourcesFile, JSON.stringify({ sources }, null, 2));
    for (let i = 0; i < 2; i++) runs.push(await runRasidAsync(['run', '--once'], env(), 120_000));
  });

  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('runs cleanly twice', () => {
    expect(runs.map((r) => [r.status, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
  });

  it('stores each page once, under its canonical address, with the text of its page', () => {
    withDb(db, (h) => {
      expect(getTotals(h).articles).toBe(REDIRECTED.length + ORIG_LINKED.length + FRONT.length);
      for (const n of [...REDIRECTED, ...ORIG_LINKED])
        expect(getArticleByUrl(h, articleUrl(n))?.url, n).toBe(articleUrl(n));
      // A summary-only item holds its page's text, not the feed's excerpt.
      for (const n of REDIRECTED)
        expect(getArticleByUrl(h, articleUrl(n))?.body.length, n).toBeGreaterThan(5 * meta(n).excerpt.length);
      // Neither the proxy link nor the redirecting one is an article of its own.
      for (const n of REDIRECTED) expect(getArticleByUrl(h, `${base}/r/${n}`), n).toBeNull();
      for (const n of ORIG_LINKED) expect(getArticleByUrl(h, `${base}/proxy/~r/wire/${n}`), n).toBeNull();
    });
  });

  it('keeps two pages that both declare the front page as canonical apart, each under its own address', () => {
    withDb(db, (h) => {
      const [first, second] = FRONT.map((n) => getArticleByUrl(h, articleUrl(n)));
      expect(first?.url).toBe(articleUrl(FRONT[0] ?? ''));
      expect(second?.url).toBe(articleUrl(FRONT[1] ?? ''));
      expect(first?.id).not.toBe(second?.id);
      expect(getArticleByUrl(h, `${base}/`)).toBeNull();
    });
  });

  it('fetches a redirecting link once: the next run knows its item, and never follows a proxy link', () => {
    for (const n of REDIRECTED) expect(hits(`/r/${n}`), n).toBe(1);
    for (const n of ORIG_LINKED) expect(hits(`/proxy/~r/wire/${n}`), n).toBe(0);
    withDb(db, (h) => {
      const id = listSources(h).find((s) => s.name === 'summaries')?.id;
      const latest = listRuns(h, 10).find((r) => r.sourceId === id);
      expect([latest?.read, latest?.new, latest?.updated, latest?.duplicate]).toEqual([3, 0, 0, 3]);
    });
  });
});
