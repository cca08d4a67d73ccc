import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  FetchError,
  type FetchOptions,
  fetchDocument,
  isPrivateAddress,
} from '../src/collect/http.ts';
import { REPO_ROOT } from '../src/env.ts';

const FEED = readFileSync(path.resolve(REPO_ROOT, '../shared/feeds/rss-parser/input/heise.atom'));
const LAST_MODIFIED = 'Tue, 03 Nov 2026 10:00:00 GMT';

// Every test reaches this server on 127.0.0.1, which the fetcher refuses unless told otherwise.
const LOCAL: FetchOptions = { allowPrivateNetwork: true, retryBaseMs: 5, retryMaxMs: 20, timeoutMs: 5_000 };

let server: Server;
let base = '';
const hits = new Map<string, number>();
const seenHeaders = new Map<string, IncomingMessage['headers']>();

type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

const routes: Record<string, Route> = {
  '/feed': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === LAST_MODIFIED) {
      res.writeHead(304).end();
      return;
    }
    res
      .writeHead(200, {
        'content-type': 'application/atom+xml; charset=utf-8',
        etag: '"v1"',
        'last-modified': LAST_MODIFIED,
      })
      .end(FEED);
  },
  '/gzip': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(FEED)),
  '/br': (_req, res) => res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(FEED)),
  '/deflate': (_req, res) => res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(FEED)),
  // 40 KB of gzip that inflates to 40 MB: the cap must hold on the inflated size.
  '/bomb': (_req, res) =>
    res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(40 * 1024 * 1024))),
  '/bad-gzip': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('plain text, not gzip'),
  '/huge': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html', 'content-length': '3000' })
      .end(Buffer.alloc(3000, 0x61)),
  '/huge-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    for (let i = 0; i < 30; i++) res.write(Buffer.alloc(100, 0x61));
    res.end();
  },
  '/slow': (_req, res) => {
    setTimeout(() => res.writeHead(200).end('late'), 2000).unref();
  },
  '/trickle': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => res.write('x'), 50);
    res.on('close', () => clearInterval(timer));
  },
  '/truncated': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(FEED.length) });
    res.write(FEED.subarray(0, 500));
    setTimeout(() => res.socket?.destroy(), 20);
  },
  '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_req, res) => res.writeHead(301, { location: `${base}/loop-a` }).end(),
  '/moved': (_req, res) => res.writeHead(308, { location: '/feed' }).end(),
  '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/no-location': (_req, res) => res.writeHead(302).end(),
  '/flaky': (_req, res, hit) => {
    if (hit <= 2) res.writeHead(503, 'Service Unavailable').end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('third time lucky');
  },
  '/down': (_req, res) => res.writeHead(500, 'Internal Server Error').end(),
  '/busy': (_req, res, hit) => {
    if (hit === 1) res.writeHead(429, { 'retry-after': '0' }).end();
    else res.writeHead(200).end('ok');
  },
  '/missing': (_req, res) => res.writeHead(404, 'Not Found').end(),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = (req.url ?? '/').replace(/\?.*$/, '');
    const hit = (hits.get(route) ?? 0) + 1;
    hits.set(route, hit);
    seenHeaders.set(route, req.headers);
    const handler = routes[route];
    if (handler) handler(req, res, hit);
    else if (route.startsWith('/chain/')) {
      res.writeHead(302, { location: `/chain/${Number(route.slice(7)) + 1}` }).end();
    } else res.writeHead(404, 'Not Found').end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('fetchDocument', () => {
  it('fetches a real feed with its validators, then gets not-modified for either one', async () => {
    const first = await fetchDocument(`${base}/feed`, LOCAL);
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(Buffer.from(first.bytes).equals(FEED)).toBe(true);
    expect(first.contentType).toBe('application/atom+xml; charset=utf-8');
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe(LAST_MODIFIED);
    expect(seenHeaders.get('/feed')?.['user-agent']).toMatch(/^Rasid\//);
    expect(await fetchDocument(`${base}/feed`, { ...LOCAL, etag: first.etag })).toEqual({
      status: 'not-modified',
      url: `${base}/feed`,
    });
    expect(seenHeaders.get('/feed')?.['if-none-match']).toBe('"v1"');
    const byDate = await fetchDocument(`${base}/feed`, { ...LOCAL, lastModified: LAST_MODIFIED });
    expect(byDate.status).toBe('not-modified');
  });

  it.each(['/gzip', '/br', '/deflate'])('decompresses %s to the exact bytes', async (route) => {
    const result = await fetchDocument(`${base}${route}`, LOCAL);
    expect(result.status === 'ok' && Buffer.from(result.bytes).equals(FEED)).toBe(true);
    expect(seenHeaders.get(route)?.['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('follows a redirect and reports the final URL', async () => {
    const result = await fetchDocument(`${base}/moved`, LOCAL);
    expect(result.status === 'ok' && result.url).toBe(`${base}/feed`);
  });

  it('asks beforeRequest about every hop, frees each before the next, and does not time its wait', async () => {
    const events: string[] = [];
    const result = await fetchDocument(`${base}/moved`, {
      ...LOCAL,
      // Two waits of 100 ms under a 150 ms deadline: only the requests themselves count.
      timeoutMs: 150,
      beforeRequest: async (url) => {
        events.push(`ask ${url.pathname}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return () => events.push(`free ${url.pathname}`);
      },
    });
    expect(result.status).toBe('ok');
    expect(events).toEqual(['ask /moved', 'free /moved', 'ask /feed', 'free /feed']);
  });

  it('does not retry a request beforeRequest refuses, even a refusal a later run may get past', async () => {
    let asked = 0;
    const refusal = new FetchError(`${base}/feed: not now`, true);
    const fetching = fetchDocument(`${base}/feed`, {
      ...LOCAL,
      retries: 3,
      beforeRequest: async () => {
        asked++;
        throw refusal;
      },
    });
    await expect(fetching).rejects.toBe(refusal);
    expect(refusal.retryable).toBe(true);
    expect(asked).toBe(1);
  });

  it.each<[string, FetchOptions, RegExp]>([
    ['/missing', {}, /\/missing: HTTP 404 Not Found$/],
    ['/huge', { maxBytes: 1000 }, /\/huge: response too large \(3000 bytes, the limit is 1000\)/],
    ['/huge-chunked', { maxBytes: 1000 }, /\/huge-chunked: response too large \(over 1000 bytes\)/],
    ['/bomb', { maxBytes: 1024 * 1024 }, /\/bomb: response too large \(over 1048576 bytes\)/],
    ['/slow', { timeoutMs: 200, retries: 0 }, /\/slow: request failed: timed out after 0.2 s/],
    ['/trickle', { timeoutMs: 300, retries: 0 }, /\/trickle: request failed: timed out after 0.3 s/],
    ['/truncated', { retries: 0 }, /\/truncated: response truncated/],
    ['/bad-gzip', { retries: 0 }, /\/bad-gzip: corrupt gzip body/],
    ['/loop-a', {}, /\/loop-a: redirect loop \(.*\/loop-b → .*\/loop-a\)/],
    ['/chain/0', { maxRedirects: 3 }, /\/chain\/0: too many redirects \(more than 3\)/],
    [
      '/to-file',
      {},
      /file:\/\/\/etc\/passwd: only http and https URLs are fetched \(redirected from .*\/to-file\)/,
    ],
    ['/no-location', {}, /\/no-location: HTTP 302 redirect without a Location/],
    ['/down', { retries: 2 }, /\/down: HTTP 500 Internal Server Error \(after 3 attempts\)/],
  ])('%s fails with a message naming the URL and the reason', async (route, options, message) => {
    await expect(fetchDocument(`${base}${route}`, { ...LOCAL, ...options })).rejects.toThrow(message);
  });

  it('retries transient failures with backoff, and never retries a 404', async () => {
    const retries: number[] = [];
    const result = await fetchDocument(`${base}/flaky`, {
      ...LOCAL,
      retries: 3,
      onRetry: ({ attempt }) => retries.push(attempt),
    });
    expect(result.status === 'ok' && Buffer.from(result.bytes).toString()).toBe('third time lucky');
    expect(retries).toEqual([1, 2]);
    expect(hits.get('/flaky')).toBe(3);

    const busy = await fetchDocument(`${base}/busy`, LOCAL);
    expect(busy.status).toBe('ok');
    expect(hits.get('/busy')).toBe(2);

    const before = hits.get('/missing') ?? 0;
    await expect(fetchDocument(`${base}/missing`, { ...LOCAL, retries: 3 })).rejects.toThrow('HTTP 404');
    expect(hits.get('/missing')).toBe(before + 1);
  });

  it('stops after the retry cap', async () => {
    const before = hits.get('/down') ?? 0;
    await expect(fetchDocument(`${base}/down`, { ...LOCAL, retries: 1 })).rejects.toThrow('after 2 attempts');
    expect(hits.get('/down')).toBe(before + 2);
  });

  it('refuses loopback and private addresses unless the source allows them, before any request', async () => {
    const port = (server.address() as AddressInfo).port;
    const before = hits.get('/feed') ?? 0;
    for (const url of [
      `http://127.0.0.1:${port}/feed`,
      `http://[::1]:${port}/feed`,
      'http://10.1.2.3/feed',
      'http://192.168.0.1/feed',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      await expect(fetchDocument(url, { retries: 0 })).rejects.toThrow(
        /refused: .* is a private or loopback/,
      );
    }
    // A name is checked on what it resolves to.
    await expect(fetchDocument(`http://localhost:${port}/feed`, { retries: 0 })).rejects.toThrow(
      /refused: localhost resolves to the private address/,
    );
    expect(hits.get('/feed') ?? 0).toBe(before);
  });

  it.each([
    ['IPv4-mapped, as the URL parser writes it', (port: number) => `http://[::ffff:127.0.0.1]:${port}/feed`],
    ['IPv4-compatible', (port: number) => `http://[::7f00:1]:${port}/feed`],
    ['IPv4-compatible, dotted', (port: number) => `http://[::10.0.0.1]:${port}/feed`],
    ['NAT64 (64:ff9b::/96)', (port: number) => `http://[64:ff9b::a9fe:a9fe]:${port}/latest/meta-data/`],
    ['6to4 (2002::/16)', (port: number) => `http://[2002:c0a8:101::1]:${port}/feed`],
  ])('refuses an IPv6 literal that embeds a private IPv4 address: %s', async (_form, urlOf) => {
    const url = urlOf((server.address() as AddressInfo).port);
    await expect(fetchDocument(url, { retries: 0, timeoutMs: 1_000 })).rejects.toThrow(
      /refused: \[[0-9a-f:]+\] is a private or loopback address/,
    );
  });

  it('refuses anything but http and https', async () => {
    await expect(fetchDocument('file:///etc/passwd')).rejects.toThrow('only http and https URLs are fetched');
    await expect(fetchDocument('ftp://example.com/feed')).rejects.toThrow('only http and https');
    await expect(fetchDocument('not a url')).rejects.toThrow('not a valid URL');
  });

  it('leaves no deadline timer behind when it refuses a URL (it kept `rasid run --once` alive 30 s)', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    await expect(fetchDocument('http://10.1.2.3/feed', { retries: 0 })).rejects.toThrow(/refused/);
    await expect(fetchDocument('ftp://example.com/feed', { retries: 0 })).rejects.toThrow(/only http/);
    expect(timers()).toBe(before);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.0.0.8', true],
    ['172.20.1.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['[::1]', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:8.8.8.8', false],
    // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address too.
    ['::7f00:1', true],
    ['[::7f00:1]', true],
    ['::127.0.0.1', true],
    ['::a9fe:a9fe', true],
    ['::808:808', false],
    ['64:ff9b::7f00:1', true],
    ['64:ff9b::10.1.2.3', true],
    ['64:ff9b::c0a8:1', true],
    ['64:ff9b::808:808', false],
    ['64:ff9b:1::808:808', true],
    ['2002:7f00:1::', true],
    ['2002:a00:1:1234::1', true],
    ['2002:c0a8:101::1', true],
    ['2002:a9fe:a9fe::', true],
    ['2002:808:808::1', false],
    ['2002::', true],
    ['fe80::1%eth0', true],
    ['8.8.8.8', false],
    ['2a00:1450:4001::200e', false],
    ['example.com', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 1, 2000],
    [3, 0.5, 3000],
    [10, 1, 30_000],
    [30, 0, 15_000],
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, 1000, 30_000, () => random)).toBe(expected);
  });
});
