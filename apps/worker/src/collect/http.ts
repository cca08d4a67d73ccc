// HTTP fetching for sources: polite (conditional requests, bounded retries with backoff, a user agent) and
// defensive (only http(s), a deadline, a redirect cap, a size cap after decompression, and no requests to
// loopback or private addresses unless the source is configured to allow them).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * Called before each request of a fetch, the first and every redirect hop, with the URL about to be
 * requested. It may refuse it by throwing (robots.txt) or wait its turn (per-host pacing); the time it
 * takes is not counted against the deadline. It returns the function to call once that request is over
 * (its body read or discarded, or the request failed), which the fetch calls before it asks for the next.
 */
export type BeforeRequest = (url: URL) => Promise<() => void>;

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
  beforeRequest?: BeforeRequest;
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
  // NAT64 for local use (RFC 8215): a translator inside a network, with no fixed place for the IPv4 address.
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** The eight 16-bit groups of an address `isIP` has already called IPv6 (a zone index is dropped). */
function groupsOfIPv6(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 address an IPv6 one carries, for the forms that reach it: a host can be written as one of these
 * to dodge a check that only knows IPv4 (`[::7f00:1]` is 127.0.0.1 to a stack that still honours it).
 */
function embeddedIPv4(groups: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const zeroFrom2To4 = g2 === 0 && g3 === 0 && g4 === 0;
  // IPv4-mapped ::ffff:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d (RFC 4291).
  if (g0 === 0 && g1 === 0 && zeroFrom2To4 && (g5 === 0xffff || g5 === 0)) return ipv4Of(g6, g7);
  // NAT64's well-known prefix 64:ff9b::/96 (RFC 6052): a translator forwards to the address in the last 32 bits.
  if (g0 === 0x64 && g1 === 0xff9b && zeroFrom2To4 && g5 === 0) return ipv4Of(g6, g7);
  // 6to4, 2002::/16 (RFC 3056): the relay's IPv4 address is bits 16 to 48.
  if (g0 === 0x2002) return ipv4Of(g1, g2);
  return null;
}

/** Whether an IP address is loopback, private, link-local, multicast or otherwise not a public host. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 4) return PRIVATE.check(bare, 'ipv4');
  if (PRIVATE.check(bare, 'ipv6')) return true;
  const ipv4 = embeddedIPv4(groupsOfIPv6(bare));
  return ipv4 !== null && PRIVATE.check(ipv4, 'ipv4');
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

/** A deadline that can be stopped while the fetch waits on its caller, so that waiting is not counted. */
function startDeadline(timeoutMs: number, controller: AbortController) {
  let remaining = timeoutMs;
  let startedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    startedAt = Date.now();
    timer = setTimeout(
      () => controller.abort(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      remaining,
    );
  };
  const stop = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    remaining -= Date.now() - startedAt;
  };
  run();
  return { stop, run };
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
  const deadline = startDeadline(timeoutMs, controller);
  const visited = new Set<string>();
  try {
    for (;;) {
      visited.add(current.href);
      let release = () => {};
      if (options.beforeRequest) {
        deadline.stop();
        release = await options.beforeRequest(current).catch((error: unknown) => {
          // The caller's refusal (robots.txt, a host skipped for the run) would be the same on a retry now.
          const refusal = error instanceof FetchError ? error : new FetchError(`${url}: ${error}`, false);
          throw Object.assign(refusal, { final: true });
        });
        deadline.run();
      }
      // Released before the next hop asks for its turn: a redirect to the same host waits for the slot
      // this hop leaves, never for one it still holds.
      try {
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
      } finally {
        release();
      }
    }
  } catch (error) {
    throw describeNetworkError(url, controller.signal.aborted ? controller.signal.reason : error, timeoutMs);
  } finally {
    deadline.stop();
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
      const final = (failure as FetchError & { final?: boolean }).final === true;
      if (!failure.retryable || final || attempt >= retries) {
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
