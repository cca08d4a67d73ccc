import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchDocument } from '../src/collect/http.ts';
import { REPO_ROOT } from '../src/env.ts';

const FEED = readFileSync(path.resolve(REPO_ROOT, '../shared/feeds/rss-parser/input/heise.atom'));

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/feed') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8', etag: '"v1"' }).end(FEED);
    } else if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.alloc(3000, 0x61));
    } else if (req.url === '/slow') {
      setTimeout(() => res.writeHead(200).end('late'), 2000);
    } else {
      res.writeHead(404, 'Not Found').end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('fetchDocument', () => {
  it('fetches a real feed with its headers, then answers not-modified to a conditional request', async () => {
    const first = await fetchDocument(`${base}/feed`);
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(Buffer.from(first.bytes).equals(FEED)).toBe(true);
    expect(first.contentType).toBe('application/atom+xml; charset=utf-8');
    expect(first.etag).toBe('"v1"');
    expect(await fetchDocument(`${base}/feed`, { etag: first.etag })).toEqual({ status: 'not-modified' });
  });

  it.each([
    ['/missing', {}, /\/missing: HTTP 404 Not Found/],
    ['/huge', { maxBytes: 1000 }, /\/huge: response too large/],
    ['/slow', { timeoutMs: 200 }, /\/slow: request failed: timed out after 0.2 s/],
  ])('%s fails with a message naming the URL and the reason', async (route, options, message) => {
    await expect(fetchDocument(`${base}${route}`, options)).rejects.toThrow(message);
  });

  it('refuses anything but http and https', async () => {
    await expect(fetchDocument('file:///etc/passwd')).rejects.toThrow('only http and https URLs are fetched');
    await expect(fetchDocument('not a url')).rejects.toThrow('not a valid URL');
  });
});
