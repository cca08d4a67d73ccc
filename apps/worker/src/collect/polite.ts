// Politeness for every request the worker makes to a site: one request at a time per host, a delay between
// them (the source's, or the site's Crawl-delay when longer), and robots.txt for pages. Each redirect hop
// is a request to its own host and is held to that host's rules. Host state is process-wide because
// `rasid run` runs several sources at once and they may share a host.
import {
  type BeforeRequest,
  FetchError,
  type FetchOptions,
  type FetchResult,
  fetchDocument,
} from './http.ts';
import { findDisallowingRule, parseRobots, type RobotsRules } from './robots.ts';

export type PoliteOptions = FetchOptions & {
  /** Pause after each request before the next one to the same host. */
  hostDelayMs?: number;
};

/** One second between two requests to one host unless the source or the site asks for more. */
export const DEFAULT_HOST_DELAY_MS = 1_000;
// A site's Crawl-delay is honoured up to this; beyond it a pass would never end.
const MAX_CRAWL_DELAY_MS = 30_000;
const ROBOTS_TTL_MS = 60 * 60 * 1000;
// An unreachable robots.txt is asked again after this, not on every page.
const ROBOTS_RETRY_MS = 5 * 60 * 1000;
const ROBOTS_MAX_BYTES = 512 * 1024;

type HostSlot = { tail: Promise<void>; readyAt: number };
const hosts = new Map<string, HostSlot>();

type RobotsEntry = { rules: RobotsRules | null; unreachable: string | null; expiresAt: number };
const robotsCache = new Map<string, Promise<RobotsEntry>>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves when the host is free and its delay has passed, with the function that frees it again; the
 * next caller then waits `delayMs` more. A caller holds one host's turn at a time (a fetch frees a hop's
 * before it asks for the next), so no two callers can wait on each other.
 */
async function takeTurn(host: string, delayMs: number): Promise<() => void> {
  const slot = hosts.get(host) ?? { tail: Promise.resolve(), readyAt: 0 };
  hosts.set(host, slot);
  const previous = slot.tail;
  let free = () => {};
  slot.tail = new Promise<void>((resolve) => {
    free = resolve;
  });
  await previous;
  const wait = slot.readyAt - Date.now();
  if (wait > 0) await sleep(wait);
  let freed = false;
  return () => {
    if (freed) return;
    freed = true;
    slot.readyAt = Date.now() + delayMs;
    free();
  };
}

const statusOf = (error: unknown) => (error as { status?: number }).status;

async function loadRobots(origin: string, options: PoliteOptions): Promise<RobotsEntry> {
  const url = `${origin}/robots.txt`;
  try {
    const delayMs = options.hostDelayMs ?? DEFAULT_HOST_DELAY_MS;
    const result = await fetchDocument(url, {
      allowPrivateNetwork: options.allowPrivateNetwork,
      timeoutMs: Math.min(options.timeoutMs ?? 10_000, 10_000),
      maxBytes: ROBOTS_MAX_BYTES,
      retries: 0,
      // Paced hop by hop like any request: robots.txt often redirects (to https, to www).
      beforeRequest: (hop) => takeTurn(hop.host, delayMs),
    });
    const text = result.status === 'ok' ? Buffer.from(result.bytes).toString('utf8') : '';
    return { rules: parseRobots(text), unreachable: null, expiresAt: Date.now() + ROBOTS_TTL_MS };
  } catch (error) {
    const status = statusOf(error);
    // RFC 9309: a 4xx means there are no rules, and so does a file that cannot be used (a redirect loop,
    // over 512 KiB); a 5xx or no answer at all means "assume everything is disallowed" for now.
    const unusable = error instanceof FetchError && !error.retryable;
    if ((status !== undefined && status >= 400 && status < 500) || unusable)
      return { rules: null, unreachable: null, expiresAt: Date.now() + ROBOTS_TTL_MS };
    return {
      rules: null,
      unreachable: (error as Error).message,
      expiresAt: Date.now() + ROBOTS_RETRY_MS,
    };
  }
}

function robotsOf(origin: string, options: PoliteOptions): Promise<RobotsEntry> {
  // A source refused private addresses must not spoil the answer for one allowed to reach them.
  const key = `${options.allowPrivateNetwork ? 'private' : 'public'} ${origin}`;
  const cached = robotsCache.get(key);
  if (cached) {
    return cached.then((entry) => {
      if (entry.expiresAt > Date.now()) return entry;
      if (robotsCache.get(key) === cached) robotsCache.delete(key);
      return robotsOf(origin, options);
    });
  }
  const loading = loadRobots(origin, options);
  robotsCache.set(key, loading);
  return loading;
}

/**
 * Fetches for one pass of one source. Besides the process-wide pacing, it remembers hosts that could not
 * be reached during the pass, so a feed of fifty links to a dead host costs one timeout, not fifty.
 */
export class PoliteFetcher {
  private readonly unreachable = new Map<string, string>();

  constructor(private readonly options: PoliteOptions = {}) {}

  /** A document the source itself names (its feed, its sitemap): paced, not subject to robots.txt. */
  fetchSourceDocument(url: string, validators: Pick<FetchOptions, 'etag' | 'lastModified'> = {}) {
    return this.fetch(url, validators, false);
  }

  /** A page (an article the source points to, or a page source): robots.txt first, then paced. */
  fetchPage(url: string, validators: Pick<FetchOptions, 'etag' | 'lastModified'> = {}) {
    return this.fetch(url, validators, true);
  }

  private async fetch(
    url: string,
    validators: Pick<FetchOptions, 'etag' | 'lastModified'>,
    obeyRobots: boolean,
  ): Promise<FetchResult> {
    // The host of the request in flight, to blame when it gets no answer (a redirect may have left `url`'s).
    let host: string | null = null;
    let first: string | null = null;
    const beforeRequest: BeforeRequest = async (hop) => {
      // A retry starts again from `url`: only a hop elsewhere is a redirect.
      first ??= hop.href;
      const via = hop.href === first ? '' : `redirected to ${hop.href}: `;
      const down = this.unreachable.get(hop.host);
      if (down)
        throw new FetchError(
          `${url}: ${via}skipped: ${hop.host} could not be reached earlier in this run (${down})`,
          true,
        );
      let delayMs = this.options.hostDelayMs ?? DEFAULT_HOST_DELAY_MS;
      if (obeyRobots) {
        const robots = await robotsOf(hop.origin, this.options);
        if (robots.unreachable) {
          this.unreachable.set(hop.host, robots.unreachable);
          throw new FetchError(
            `${url}: ${via}not fetched: ${hop.origin}/robots.txt could not be read, so the site is treated as closed (${robots.unreachable})`,
            true,
          );
        }
        const rule = robots.rules && findDisallowingRule(robots.rules, `${hop.pathname}${hop.search}`);
        if (rule)
          throw new FetchError(
            `${url}: ${via}disallowed by ${hop.origin}/robots.txt (Disallow: ${rule})`,
            false,
          );
        if (robots.rules?.crawlDelayMs)
          delayMs = Math.max(delayMs, Math.min(robots.rules.crawlDelayMs, MAX_CRAWL_DELAY_MS));
      }
      const free = await takeTurn(hop.host, delayMs);
      host = hop.host;
      return free;
    };
    try {
      return await fetchDocument(url, { ...this.options, ...validators, beforeRequest });
    } catch (error) {
      // No HTTP answer at all (DNS, refused, timeout): the host is skipped for the rest of the pass.
      if (host && error instanceof FetchError && error.message.startsWith(`${url}: request failed:`))
        this.unreachable.set(host, error.message.replace(`${url}: `, ''));
      throw error;
    }
  }
}
