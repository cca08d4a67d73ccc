// Politeness against a local server: requests to one host are serialised and spaced, robots.txt keeps
// pages out (without requesting them), a robots.txt that errors closes the site, a host that does not
// answer is skipped for the rest of the run.
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
const log: { server: string; path: string; start: number; end: number }[] = [];
let inFlight = 0;
let maxInFlight = 0;

function serve(name: string, robots: (res: import('node:http').ServerResponse) => void): Server {
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
  openBase = await listen(open);
  closedBase = await listen(closedRobots);
  hugeBase = await listen(hugeRobots);
});

afterAll(() => {
  for (const s of [open, closedRobots, hugeRobots]) {
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
