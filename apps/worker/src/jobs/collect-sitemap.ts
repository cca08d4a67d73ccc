// Collecting a (news) sitemap: read it (an index is followed to its child sitemaps, newest first, a bounded
// number per run), then fetch the pages it lists that are not stored yet, a bounded number per run, each
// politely, through the HTML parser. What the cap leaves is fetched on later runs.
import { gunzipSync } from 'node:zlib';
import { listStoredUrls, resolveFailures } from '@rasid/db/queries';
import { decodeBytes, parseSitemap, type Sitemap, type SitemapUrl } from '@rasid/parser';
import { trustedContentType } from '../collect/charset.ts';
import type { FetchResult } from '../collect/http.ts';
import type { CollectContext, CollectResult, Validators } from './collect-context.ts';

export type SitemapSource = {
  url: string;
  outlet?: string;
  language?: string;
  /** Child sitemaps of an index read per run at most. */
  maxSitemaps: number;
  maxBytes?: number;
};

// The protocol's cap on one sitemap file, uncompressed.
const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;
// An index of indexes is outside the protocol, but seen in the wild; one level of it is followed.
const MAX_DEPTH = 2;

/** A fetched sitemap's text: gzip (a `.xml.gz` served as a file, not as Content-Encoding) is inflated. */
function sitemapText(result: Extract<FetchResult, { status: 'ok' }>, maxBytes: number): string {
  let bytes: Uint8Array = result.bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw new Error(
        e.code === 'ERR_BUFFER_TOO_LARGE'
          ? `${result.url}: gzipped sitemap inflates to more than ${maxBytes} bytes`
          : `${result.url}: corrupt gzipped sitemap: ${e.message}`,
      );
    }
    return decodeBytes(bytes, { location: result.url });
  }
  return decodeBytes(bytes, {
    contentType: trustedContentType(result.contentType, bytes) ?? undefined,
    location: result.url,
  });
}

/** The time a listed page is about: its news publication date, else its lastmod. */
const timeOf = (u: SitemapUrl) => u.news?.publishedAt ?? u.lastmod ?? '';

export async function collectSitemap(
  ctx: CollectContext,
  source: SitemapSource,
  state: Validators,
): Promise<CollectResult> {
  const top = await ctx.fetcher.fetchSourceDocument(source.url, state);
  if (top.status === 'not-modified')
    return { ...state, notModified: true, items: 0, pagesFetched: 0, pagesLeft: 0, listed: null };
  const maxBytes = Math.min(source.maxBytes ?? MAX_SITEMAP_BYTES, MAX_SITEMAP_BYTES);
  // The sitemap the source names must read: any problem with it fails the source with the parser's reason.
  const root = parseSitemap(sitemapText(top, maxBytes), { url: source.url });

  const urls = new Map<string, SitemapUrl>();
  const listed = new Set<string>();
  let complete = true;
  const visited = new Set<string>([source.url, top.url]);
  let sitemapsRead = 0;
  // Entries skipped for a bad <loc>: logged, not failures (there is nothing to fetch or retry).
  const warnings: string[] = [];

  const take = (sitemap: Extract<Sitemap, { kind: 'urlset' }>, where: string) => {
    for (const u of sitemap.urls) {
      listed.add(u.loc);
      if (!urls.has(u.loc)) urls.set(u.loc, u);
    }
    warnings.push(...sitemap.problems.map((p) => `${where}: ${p}`));
  };
  // Newest children first: a news site's index grows by appending months or days.
  const follow = async (index: Extract<Sitemap, { kind: 'index' }>, depth: number) => {
    const children = [...index.sitemaps].sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? ''));
    for (const child of children) {
      listed.add(child.loc);
      if (visited.has(child.loc)) continue;
      visited.add(child.loc);
      if (sitemapsRead >= source.maxSitemaps || depth >= MAX_DEPTH) {
        complete = false;
        continue;
      }
      sitemapsRead++;
      let sitemap: Sitemap;
      try {
        const result = await ctx.fetcher.fetchSourceDocument(child.loc);
        if (result.status !== 'ok') continue;
        sitemap = parseSitemap(sitemapText(result, maxBytes), { url: child.loc });
      } catch (error) {
        // One bad child does not lose the others: it is kept as a failed item and read again next run.
        ctx.pipeline.fail(child.loc, error);
        complete = false;
        continue;
      }
      if (ctx.pending.has(child.loc)) resolveFailures(ctx.db, { location: child.loc });
      if (sitemap.kind === 'urlset') take(sitemap, child.loc);
      else await follow(sitemap, depth + 1);
    }
  };
  if (root.kind === 'urlset') take(root, source.url);
  else {
    warnings.push(...root.problems.map((p) => `${source.url}: ${p}`));
    await follow(root, 1);
  }

  // Already stored (under this URL or as a page whose canonical URL differs): never fetched again.
  const stored = listStoredUrls(ctx.db, [...urls.keys()]);
  const waiting = [...urls.values()].filter((u) => !stored.has(u.loc));
  // New pages first, newest first; pages that failed before come after them, so they cannot starve them.
  const fresh = waiting
    .filter((u) => !ctx.pending.has(u.loc))
    .sort((a, b) => timeOf(b).localeCompare(timeOf(a)));
  const retries = waiting.filter((u) => ctx.pending.has(u.loc));
  const batch = [...fresh, ...retries].slice(0, ctx.maxPagesPerRun);

  let pagesFetched = 0;
  for (const u of batch) {
    let result: FetchResult;
    try {
      result = await ctx.fetcher.fetchPage(u.loc);
    } catch (error) {
      ctx.pipeline.fail(u.loc, error);
      continue;
    }
    if (result.status !== 'ok') continue;
    pagesFetched++;
    const publication = u.news?.publicationName;
    const language = u.news?.language?.slice(0, 2);
    ctx.pipeline.add({
      content: result.bytes,
      format: 'html',
      location: u.loc,
      url: result.url,
      contentType: trustedContentType(result.contentType, result.bytes) ?? undefined,
      languageHint: source.language ?? (language && /^[a-z]{2}$/.test(language) ? language : undefined),
      outletHint: source.outlet ? { name: source.outlet } : publication ? { name: publication } : undefined,
    });
  }
  const pagesLeft = waiting.length - batch.length;
  // The validators are kept only once everything listed was handled: a 304 must not hide a backlog.
  const done = complete && pagesLeft === 0;
  return {
    etag: done ? top.etag : null,
    lastModified: done ? top.lastModified : null,
    notModified: false,
    items: urls.size,
    pagesFetched,
    pagesLeft,
    listed: complete ? listed : null,
    warnings,
  };
}
