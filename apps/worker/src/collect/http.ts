// HTTP fetching for sources: polite (conditional requests, bounded retries with backoff, a user agent) and
// defensive (only http(s), a deadline, a redirect cap, a size cap after decompression, and no requests to
// loopback or private addresses unless the source is configured to allow them).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

export type FetchOptions = {
  etag?: string | null;
  lastModified?: string | null;
  /** Deadline for one attempt, redirects and body included. */
  timeoutMs?: number;
  /** Cap on the body after decompression (a small gzip can inflate to gigabytes). */
  maxBytes?: number;
  maxRedirects?: number;
  /** Attempts after the first for transient failures (network errors, timeouts, 429, 5xx, truncation). */
  retries?: number;
  /** First backoff delay; doubled each retry, with jitter, never above retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Loopback, private, link-local and similar addresses are refused unless this is true. */
  allowPrivateNetwork?: boolean;
  /** Called before each retry (logging). */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
};

export type FetchResult =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      url: string;
      bytes: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    };

/** A fetch that failed; `retryable` says whether trying again later could help. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export const USER_AGENT = 'Rasid/0.1 (self-hosted media monitoring; +https://github.com/rasid-media/rasid)';

const DEFAULTS = {
  timeoutMs: 30_000,
  maxBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
  retries: 2,
  retryBaseMs: 1_000,
  retryMaxMs: 30_000,
};

// Addresses a public news site never has: reaching them from a server is how SSRF reads internal services.
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is loopback, private, link-local, multicast or otherwise not a public host. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(bare);
  if (family === 0) return false;
  return PRIVATE.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

// Checked on the resolved address, at connect time, so a public name that resolves to a private address
// (or changes its answer between a check and the connection) is refused too.
function makeGuardedLookup(url: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const blocked = addresses.find((a) => isPrivateAddress(a.address));
      if (blocked) {
        const refusal = new FetchError(
          `${url}: refused: ${hostname} resolves to the private address ${blocked.address} ` +
            '(set allowPrivateNetwork on the source to allow it)',
          false,
        );
        return callback(refusal as NodeJS.ErrnoException, '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname}: no address`), '', 4);
      callback(null, first.address, first.family);
    });
  };
}

function parseUrl(url: string, options: FetchOptions, context = ''): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(`${url}: not a valid URL${context}`, false);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError(`${url}: only http and https URLs are fetched${context}`, false);
  }
  if (!options.allowPrivateNetwork && isPrivateAddress(parsed.hostname)) {
    throw new FetchError(
      `${url}: refused: ${parsed.hostname} is a private or loopback address${context} ` +
        '(set allowPrivateNetwork on the source to allow it)',
      false,
    );
  }
  return parsed;
}

type Hop = { response: IncomingMessage; url: string };

function request(url: URL, headers: Record<string, string>, options: FetchOptions, signal: AbortSignal) {
  return new Promise<Hop>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      headers,
      signal,
      lookup: options.allowPrivateNetwork ? undefined : makeGuardedLookup(url.href),
    });
    req.on('response', (response) => resolve({ response, url: url.href }));
    req.on('error', reject);
    req.end();
  });
}

function decoderFor(encoding: string | undefined, url: string): zlib.Gunzip | zlib.BrotliDecompress | null {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
    case '':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new FetchError(`${url}: unsupported content-encoding ${encoding}`, false);
  }
}

async function readBody(hop: Hop, maxBytes: number): Promise<Buffer> {
  const { response, url } = hop;
  const declared = Number(response.headers['content-length'] ?? Number.NaN);
  const encoding = response.headers['content-encoding'];
  if (!encoding && declared > maxBytes) {
    response.destroy();
    throw new FetchError(`${url}: response too large (${declared} bytes, the limit is ${maxBytes})`, false);
  }
  const decoder = decoderFor(encoding, url);
  const stream: Readable = decoder ? response.pipe(decoder) : response;
  if (decoder) response.on('error', (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).byteLength;
      if (size > maxBytes) {
        throw new FetchError(`${url}: response too large (over ${maxBytes} bytes)`, false);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    response.destroy();
    decoder?.destroy();
    if (error instanceof FetchError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ECONNRESET' || e.message === 'aborted') {
      throw new FetchError(`${url}: response truncated: the connection closed after ${size} bytes`, true);
    }
    if (e.code?.startsWith('Z_') || e.errno !== undefined) {
      throw new FetchError(`${url}: corrupt ${encoding} body: ${e.message}`, true);
    }
    throw error;
  }
  // A server that closes early without an error still has to have sent what it announced.
  if (!encoding && Number.isFinite(declared) && size < declared) {
    throw new FetchError(`${url}: response truncated: ${size} of ${declared} bytes`, true);
  }
  return Buffer.concat(chunks);
}

function describeNetworkError(url: string, error: unknown, timeoutMs: number): FetchError {
  if (error instanceof FetchError) return error;
  const e = error as NodeJS.ErrnoException & { cause?: unknown };
  if (e.name === 'TimeoutError' || (e.name === 'AbortError' && e.cause === 'timeout')) {
    return new FetchError(`${url}: request failed: timed out after ${timeoutMs / 1000} s`, true);
  }
  if (e.cause instanceof FetchError) return e.cause;
  return new FetchError(`${url}: request failed: ${e.code ?? e.message}`, true);
}

/** One attempt: follows redirects (each hop checked like the first), reads and decompresses the body. */
async function fetchOnce(url: string, options: FetchOptions): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/xml, text/xml, text/html;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  // Checked before the deadline's timer starts: a refused URL must not leave a timer keeping the process
  // alive (a `rasid run --once` with a refused source used to linger 30 s after its last line).
  let current = parseUrl(url, options);
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
    timeoutMs,
  );
  const visited = new Set<string>();
  try {
    for (;;) {
      visited.add(current.href);
      const hop = await request(current, headers, options, controller.signal);
      const { response } = hop;
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304) {
        response.resume();
        const location = response.headers.location;
        if (!location) throw new FetchError(`${url}: HTTP ${status} redirect without a Location`, false);
        const next = parseUrl(new URL(location, current).href, options, ` (redirected from ${url})`);
        if (visited.has(next.href)) {
          throw new FetchError(`${url}: redirect loop (${current.href} → ${next.href})`, false);
        }
        if (visited.size > maxRedirects) {
          throw new FetchError(`${url}: too many redirects (more than ${maxRedirects})`, false);
        }
        current = next;
        continue;
      }
      if (status === 304) {
        response.resume();
        return { status: 'not-modified', url: current.href };
      }
      if (status < 200 || status >= 300) {
        response.resume();
        const retryable = status === 408 || status === 429 || status >= 500;
        const error = new FetchError(
          `${url}: HTTP ${status} ${response.statusMessage ?? ''}`.trim(),
          retryable,
        );
        // The status lets callers tell "absent" from "unreachable" (robots.txt: a 404 allows everything).
        Object.assign(error, { status });
        const retryAfter = Number(response.headers['retry-after']);
        if (Number.isFinite(retryAfter)) Object.assign(error, { retryAfterMs: retryAfter * 1000 });
        throw error;
      }
      const bytes = await readBody(hop, options.maxBytes ?? DEFAULTS.maxBytes);
      const header = (name: string) => {
        const value = response.headers[name];
        return typeof value === 'string' ? value : null;
      };
      return {
        status: 'ok',
        url: current.href,
        bytes,
        contentType: header('content-type'),
        etag: header('etag'),
        lastModified: header('last-modified'),
      };
    }
  } catch (error) {
    throw describeNetworkError(url, controller.signal.aborted ? controller.signal.reason : error, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** The delay before retry `attempt` (1-based): exponential, with full jitter, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Fetches a URL, retrying transient failures a bounded number of times. Every error names the URL and
 * the problem; a FetchError's `retryable` tells the scheduler whether the next run may fare better.
 */
export async function fetchDocument(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const retries = options.retries ?? DEFAULTS.retries;
  const baseMs = options.retryBaseMs ?? DEFAULTS.retryBaseMs;
  const maxMs = options.retryMaxMs ?? DEFAULTS.retryMaxMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(url, options);
    } catch (error) {
      const failure = error instanceof FetchError ? error : new FetchError(String(error), false);
      if (!failure.retryable || attempt >= retries) {
        if (attempt > 0) failure.message += ` (after ${attempt + 1} attempts)`;
        throw failure;
      }
      const asked = (failure as FetchError & { retryAfterMs?: number }).retryAfterMs;
      const delayMs = Math.min(maxMs, asked ?? backoffDelay(attempt + 1, baseMs, maxMs));
      options.onRetry?.({ url, attempt: attempt + 1, delayMs, reason: failure.message });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
