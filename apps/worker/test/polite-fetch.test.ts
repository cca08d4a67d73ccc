// Politeness against a local server: requests to one host are serialised and spaced, robots.txt keeps
// pages out (without requesting them), a robots.txt that errors closes the site, a host that does not
// answer is skipped for the rest of the run, and every redirect hop is held to the rules of its own host.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoliteFetcher } from '../src/collect/polite.ts';
import { REPO_ROOT } from '../src/env.ts';

const PAGE = readFileSync(path.resolve(REPO_ROOT, '../shared/html/readability/ars-1/source.html'));

let open: Server;
let closedRobots: Server;
let hugeRobots: Server;
let hub: Server;
let far: Server;
const log: { server: string; path: string; start: number; end: number }[] = [];
let inFlight = 0;
let maxInFlight = 0;

// Paths that redirect, to a URL known once the servers listen.
type Redirects = Record<string, () => string>;

function serve(
  name: string,
  robots: (res: import('node:http').ServerResponse) => void,
  redirects: Redirects = {},
): Server {
  return createServer((req, res) => {
    const entry = { server: name, path: req.url ?? '/', start: performance.now(), end: 0 };
    log.push(entry);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('finish', () => {
      inFlight--;
      entry.end = performance.now();
    });
    if (req.url === '/robots.txt') return robots(res);
    const target = redirects[req.url ?? '/'];
    if (target) return res.writeHead(302, { location: target() }).end();
    // Slow enough that overlapping requests would show.
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE), 20);
  });
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

let openBase = '';
let closedBase = '';
let hugeBase = '';
let hubBase = '';
let farBase = '';
beforeAll(async () => {
  open = serve('open', (res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'),
  );
  closedRobots = serve('closed', (res) => res.writeHead(503).end());
  // Over the 512 KiB a robots.txt is read to: unusable, so no rules (it does not close the site).
  hugeRobots = serve('huge', (res) =>
    res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end(`User-agent: *\n${'# padding\n'.repeat(60_000)}`),
  );
  // Redirects like a feed's item links (a tracker on the same site, or feedburner and Google News style
  // hops to another host); `far` asks for a Crawl-delay.
  hub = serve(
    'hub',
    (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'),
    {
      '/go/private': () => '/private/x',
      '/go/news': () => '/news/r',
      '/go/far-private': () => `${farBase}/private/y`,
      '/go/far-news': () => `${farBase}/news/y`,
      '/go/closed': () => `${closedBase}/news/z`,
    },
  );
  far = serve('far', (res) =>
    res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end('User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\n'),
  );
  openBase = await listen(open);
  hubBase = await listen(hub);
  farBase = await listen(far);
  closedBase = await listen(closedRobots);
  hugeBase = await listen(hugeRobots);
});

afterAll(() => {
  for (const s of [open, closedRobots, hugeRobots, hub, far]) {
    s.closeAllConnections();
    s.close();
  }
});

const LOCAL = { allowPrivateNetwork: true, retries: 0, timeoutMs: 3_000 };

describe('PoliteFetcher', () => {
  it('sends one request at a time per host, hostDelayMs apart, even from two fetchers at once', async () => {
    const a = new PoliteFetcher({ ...LOCAL, hostDelayMs: 80 });
    const b = new PoliteFetcher({ ...LOCAL, hostDelayMs: 80 });
    const before = log.length;
    const results = await Promise.all([
      ...[1, 2, 3].map((i) => a.fetchPage(`${openBase}/news/${i}`)),
      ...[4, 5, 6].map((i) => b.fetchPage(`${openBase}/news/${i}`)),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('ok'));
    const mine = log.slice(before).filter((e) => e.server === 'open');
    expect(mine.map((e) => e.path).filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(maxInFlight).toBe(1);
    for (const [i, e] of mine.slice(1).entries()) {
      const previous = mine[i];
      if (!previous) throw new Error('no previous request');
      expect(e.start - previous.end).toBeGreaterThanOrEqual(75);
    }
  });

  it('refuses a page robots.txt disallows, without requesting it; a feed or sitemap is not subject to it', async () => {
    const fetcher = new PoliteFetcher({ ...LOCAL, hostDelayMs: 0 });
    await expect(fetcher.fetchPage(`${openBase}/private/a`)).rejects.toThrow(
      `${openBase}/private/a: disallowed by ${openBase}/robots.txt`,
    );
    expect(log.some((e) => e.path === '/private/a')).toBe(false);
    expect((await fetcher.fetchSourceDocument(`${openBase}/private/feed.xml`)).status).toBe('ok');
  });

  it('treats a site whose robots.txt answers 5xx as closed', async () => {
    const fetcher = new PoliteFetcher({ ...LOCAL, hostDelayMs: 0 });
    await expect(fetcher.fetchPage(`${closedBase}/news/1`)).rejects.toThrow(
      /news\/1: not fetched: .*\/robots\.txt could not be read, so the site is treated as closed \(.*HTTP 503/,
    );
    expect(log.some((e) => e.server === 'closed' && e.path === '/news/1')).toBe(false);
  });

  it('reads a site whose robots.txt is too large to use as having no rules', async () => {
    const fetcher = new PoliteFetcher({ ...LOCAL, hostDelayMs: 0 });
    expect((await fetcher.fetchPage(`${hugeBase}/news/1`)).status).toBe('ok');
  });

  it('skips, for the rest of the run, a host that did not answer', async () => {
    // A port nothing listens on: the first request is refused, the next ones are not even tried.
    const dead = createServer();
    const deadBase = await listen(dead);
    await new Promise((resolve) => dead.close(resolve));
    const fetcher = new PoliteFetcher({ ...LOCAL, hostDelayMs: 0 });
    await expect(fetcher.fetchSourceDocument(`${deadBase}/feed.xml`)).rejects.toThrow(
      /feed\.xml: request failed: ECONNREFUSED/,
    );
    await expect(fetcher.fetchSourceDocument(`${deadBase}/other.xml`)).rejects.toThrow(
      /other\.xml: skipped: 127\.0\.0\.1:\d+ could not be reached earlier in this run \(request failed: ECONNREFUSED\)/,
    );
    // Another run (a new fetcher) tries again.
    await expect(
      new PoliteFetcher({ ...LOCAL, hostDelayMs: 0 }).fetchSourceDocument(`${deadBase}/x`),
    ).rejects.toThrow(/request failed/);
  });
});

const requested = (server: string, path: string, since = 0) =>
  log.slice(since).some((e) => e.server === server && e.path === path);

/** The requests one server got since `since`, in order, robots.txt left out. */
const pagesOf = (server: string, since: number) =>
  log
    .slice(since)
    .filter((e) => e.server === server && e.path !== '/robots.txt')
    .sort((a, b) => a.start - b.start);

describe('PoliteFetcher and redirects', () => {
  type Case = {
    name: string;
    url: () => string;
    kind?: 'page' | 'source';
    /** The final URL, or the error the fetch ends with. */
    outcome: { url: () => string } | { error: () => string | RegExp };
    /** [server, path] of the hop that must (or must not) have been requested. */
    hop: [string, string];
    hopRequested: boolean;
  };
  const cases: Case[] = [
    {
      name: 'a same-host hop into a path robots.txt disallows',
      url: () => `${hubBase}/go/private`,
      outcome: {
        error: () =>
          `${hubBase}/go/private: redirected to ${hubBase}/private/x: disallowed by ${hubBase}/robots.txt (Disallow: /private/)`,
      },
      hop: ['hub', '/private/x'],
      hopRequested: false,
    },
    {
      name: "a hop to another host, into a path that host's robots.txt disallows",
      url: () => `${hubBase}/go/far-private`,
      outcome: {
        error: () =>
          `${hubBase}/go/far-private: redirected to ${farBase}/private/y: disallowed by ${farBase}/robots.txt (Disallow: /private/)`,
      },
      hop: ['far', '/private/y'],
      hopRequested: false,
    },
    {
      name: 'a hop to another host whose robots.txt answers 5xx',
      url: () => `${hubBase}/go/closed`,
      outcome: {
        error: () =>
          new RegExp(
            `/go/closed: redirected to ${closedBase}/news/z: not fetched: ${closedBase}/robots\\.txt could not be read, so the site is treated as closed`,
          ),
      },
      hop: ['closed', '/news/z'],
      hopRequested: false,
    },
    {
      name: 'a same-host hop robots.txt allows',
      url: () => `${hubBase}/go/news`,
      outcome: { url: () => `${hubBase}/news/r` },
      hop: ['hub', '/news/r'],
      hopRequested: true,
    },
    {
      name: 'a hop to another host that allows it',
      url: () => `${hubBase}/go/far-news`,
      outcome: { url: () => `${farBase}/news/y` },
      hop: ['far', '/news/y'],
      hopRequested: true,
    },
    {
      name: "a source's own document, which robots.txt does not govern wherever it leads",
      url: () => `${hubBase}/go/far-private`,
      kind: 'source',
      outcome: { url: () => `${farBase}/private/y` },
      hop: ['far', '/private/y'],
      hopRequested: true,
    },
  ];

  it.each(cases)('$name', async ({ url, kind, outcome, hop, hopRequested }) => {
    const fetcher = new PoliteFetcher({ ...LOCAL, hostDelayMs: 0 });
    const before = log.length;
    const fetching = kind === 'source' ? fetcher.fetchSourceDocument(url()) : fetcher.fetchPage(url());
    if ('error' in outcome) await expect(fetching).rejects.toThrow(outcome.error());
    else expect((await fetching).url).toBe(outcome.url());
    expect(requested(hop[0], hop[1], before)).toBe(hopRequested);
  });

  it('makes a hop to the same host wait its turn there, without waiting on itself', async () => {
    const fetcher = new PoliteFetcher({ ...LOCAL, hostDelayMs: 100 });
    // robots.txt first, so that only the two hops are measured.
    await fetcher.fetchPage(`${hubBase}/news/warm-up`);
    const before = log.length;
    expect((await fetcher.fetchPage(`${hubBase}/go/news`)).url).toBe(`${hubBase}/news/r`);
    const [first, second] = pagesOf('hub', before);
    if (!first || !second) throw new Error('expected two requests to hub');
    expect([first.path, second.path]).toEqual(['/go/news', '/news/r']);
    expect(second.start - first.end).toBeGreaterThanOrEqual(95);
  });

  it("paces a hop to another host with that host's requests, its Crawl-delay included", async () => {
    const fetcher = new PoliteFetcher({ ...LOCAL, hostDelayMs: 0 });
    await fetcher.fetchPage(`${farBase}/news/warm-up`);
    const before = log.length;
    const results = await Promise.all([
      fetcher.fetchPage(`${hubBase}/go/far-news`),
      fetcher.fetchPage(`${farBase}/news/1`),
      new PoliteFetcher({ ...LOCAL, hostDelayMs: 0 }).fetchPage(`${farBase}/news/2`),
    ]);
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    const pages = pagesOf('far', before);
    expect(pages.map((e) => e.path).sort()).toEqual(['/news/1', '/news/2', '/news/y']);
    // far's Crawl-delay is 0.2 s; the first one waits for the warm-up request.
    for (const [i, e] of pages.entries()) {
      const previous = i === 0 ? log[before - 1] : pages[i - 1];
      if (!previous) throw new Error('no previous request');
      expect(e.start - previous.end).toBeGreaterThanOrEqual(195);
    }
  });
});
