// Collecting one web page (a source of kind 'page'): fetch (conditionally, politely) → the HTML parser via
// the pipeline.
import { trustedContentType } from '../collect/charset.ts';
import type { CollectContext, CollectResult, Validators } from './collect-context.ts';

export async function collectPage(
  ctx: CollectContext,
  source: { url: string; outlet?: string; language?: string },
  state: Validators,
): Promise<CollectResult> {
  const result = await ctx.fetcher.fetchPage(source.url, state);
  const none = { pagesFetched: 0, pagesLeft: 0, listed: null };
  if (result.status === 'not-modified') return { ...state, notModified: true, items: 0, ...none };
  ctx.pipeline.add({
    content: result.bytes,
    format: 'html',
    location: source.url,
    url: result.url,
    contentType: trustedContentType(result.contentType, result.bytes) ?? undefined,
    languageHint: source.language,
    outletHint: source.outlet ? { name: source.outlet } : undefined,
  });
  return {
    etag: result.etag,
    lastModified: result.lastModified,
    notModified: false,
    items: 1,
    ...none,
    pagesFetched: 1,
  };
}
