// Crash safety of the collecting worker: `rasid run --once` killed with SIGKILL at seeded-random points
// while it fetches a sitemap's pages and a summary-only feed's article pages from a local server, then
// run to the end, leaves the database a clean run leaves: the same articles and texts, the same raw
// documents, the same failures kept once, and no run left "running".
import { readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { listRuns } from '@rasid/db/queries';
import { seededRandom } from '@rasid/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/cli.ts';
import { progressOf, type Snapshot, sleep, snapshot } from '../support/crash.ts';
import { hasShared, sharedPath } from '../support/paths.ts';
import { readabilityPage } from '../support/readability.ts';
import { killGroup, runRasidAsync, spawnRasid } from '../support/worker.ts';

// Each page is served this long after it is asked for.
const PAGE_MS = 30;

describe.skipIf(!hasShared())('rasid run --once killed at random points', () => {
  // Real article pages from ../shared/html/readability: most behind a sitemap, the rest behind a feed
  // whose items carry only a summary (their pages are fetched); two listed pages do not exist.
  const names = hasShared() ? readdirSync(sharedPath('html', 'readability')).sort() : [];
  const SITEMAP_PAGES = names.slice(0, 60);
  const FEED_PAGES = names.slice(60, 80);
  const page = readabilityPage;
  let server: Server;
  let base = '';
  const dir = makeTempDir('rasid-run-crash-');
  const sourcesFile = path.join(dir, 'sources.json');
  const env = (db: string) => ({ RASID_DB: db, RASID_SOURCES: sourcesFile });
  const cleanDb = path.join(dir, 'clean.db');
  const crashDb = path.join(dir, 'crash.db');
  let clean: Snapshot;

  const urlset = () =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[
      ...SITEMAP_PAGES,
      'missing-1',
    ]
      .map(
        (n, i) =>
          `<url><loc>${base}/pages/${n}</loc><lastmod>2024-05-${String(1 + (i % 28)).padStart(2, '0')}</lastmod></url>`,
      )
      .join('\n')}\n</urlset>\n`;
  const feed = () =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Summaries</title><link>${base}/</link>` +
    `<language>en</language>\n${[...FEED_PAGES, 'missing-2']
      .map(
        (n) =>
          `<item><title>Story ${n}</title><link>${base}/pages/${n}</link><guid isPermaLink="false">${n}</guid>` +
          `<pubDate>Mon, 06 May 2024 09:00:00 GMT</pubDate><description>A short summary of ${n}.</description></item>`,
      )
      .join('\n')}</channel></rss>\n`;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const p = req.url ?? '/';
      if (p === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('');
      if (p === '/sitemap.xml')
        return void res.writeHead(200, { 'content-type': 'application/xml' }).end(urlset());
      if (p === '/feed.xml')
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed());
      const name = /^\/pages\/([\w.-]+)$/.exec(p)?.[1];
      if (name && names.includes(name))
        // Latency, so that fetching the sitemap's pages alone takes 1.8 s whatever the machine's speed.
        return void setTimeout(
          () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(name)),
          PAGE_MS,
        );
      res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const local = { allowPrivateNetwork: true, retries: 0, hostDelayMs: 0, maxPagesPerRun: 1_000 };
    writeFileSync(
      sourcesFile,
      JSON.stringify({
        sources: [
          { name: 'sitemap', kind: 'sitemap', url: `${base}/sitemap.xml`, ...local },
          { name: 'summaries', kind: 'feed', url: `${base}/feed.xml`, ...local },
        ],
      }),
    );
    const result = await runRasidAsync(['run', '--once'], env(cleanDb));
    expect(result.status, result.stderr).toBe(0);
    clean = snapshot(cleanDb, base);
  }, 300_000);

  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('the clean run stores every page and keeps the missing and empty ones as failures', () => {
    // Two of the pages hold no article text (a link list, an image gallery): failures, like the 404s.
    expect(clean.failures).toEqual([
      '/pages/js-link-replacement: no article text found (no body)',
      '/pages/lazy-image-3: no article text found (no body)',
      '/pages/missing-1: HTTP 404 Not Found',
      "/pages/missing-2: article page not used, the feed's summary was stored instead: HTTP 404 Not Found",
    ]);
    // Every other page, and the missing feed page's item from its summary.
    expect(clean.totals.rawDocuments).toBe(SITEMAP_PAGES.length + FEED_PAGES.length + 1 - 2);
  });

  it('ends equal to the clean run after three SIGKILLs mid-run, with every killed run closed as interrupted', async () => {
    const random = seededRandom(20261203);
    const total = clean.totals.rawDocuments;
    // Each kill falls a random moment after the process started a run: the first within the 1.8 s its
    // sitemap's pages take (so it always lands mid-run), the others anywhere in what is left to do,
    // a batch's transaction included.
    const delays = [200 + random() * 1_300, random() * 3_000, random() * 3_000];
    const storedAtKill: number[] = [];
    for (const delay of delays) {
      const child = spawnRasid(['run', '--once'], env(crashDb), true);
      const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
      let done = false;
      void exited.then(() => {
        done = true;
      });
      const deadline = Date.now() + 120_000;
      while (!done && !progressOf(crashDb).running && Date.now() < deadline) await sleep(20);
      await sleep(delay);
      killGroup(child);
      await exited;
      storedAtKill.push(progressOf(crashDb).stored);
    }
    expect(storedAtKill[0]).toBeLessThan(total);
    const final = await runRasidAsync(['run', '--once'], env(crashDb));
    expect(final.status, final.stderr).toBe(0);
    const crashed = snapshot(crashDb, base);
    expect(crashed.totals).toEqual(clean.totals);
    expect(crashed.digest).toBe(clean.digest);
    expect(crashed.failures).toEqual(clean.failures);
    const db = openDatabase(crashDb);
    try {
      const statuses = listRuns(db, 100).map((r) => r.status);
      expect(statuses).not.toContain('running');
      expect(statuses.filter((s) => s === 'interrupted').length).toBeGreaterThanOrEqual(1);
    } finally {
      closeDatabase(db);
    }
  }, 600_000);
});
