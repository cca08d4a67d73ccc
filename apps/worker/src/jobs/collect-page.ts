// Collecting one web page (a source of kind 'page'): fetch (conditionally) → the HTML parser via the pipeline.
import { trustedContentType } from '../collect/charset.ts';
import { type FetchOptions, fetchDocument } from '../collect/http.ts';
import type { IngestPipeline } from '../pipeline.ts';
import type { FeedState } from './collect-feed.ts';

export async function collectPage(
  pipeline: IngestPipeline,
  source: { url: string; outlet?: string; language?: string },
  state: FeedState,
  options: Omit<FetchOptions, 'etag' | 'lastModified'> = {},
): Promise<FeedState & { notModified: boolean; items: number }> {
  const result = await fetchDocument(source.url, {
    ...options,
    etag: state.etag,
    lastModified: state.lastModified,
  });
  if (result.status === 'not-modified') return { ...state, notModified: true, items: 0 };
  pipeline.add({
    content: result.bytes,
    format: 'html',
    location: source.url,
    url: result.url,
    contentType: trustedContentType(result.contentType, result.bytes) ?? undefined,
    languageHint: source.language,
    outletHint: source.outlet ? { name: source.outlet } : undefined,
  });
  return { etag: result.etag, lastModified: result.lastModified, notModified: false, items: 1 };
}
