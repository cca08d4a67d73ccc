// Collecting one feed: fetch (conditionally) → each item becomes a record → the shared pipeline.
import { decodeBytes, type FeedItem, parseFeed } from '@rasid/parser';
import { trustedContentType } from '../collect/charset.ts';
import { type FetchOptions, fetchDocument } from '../collect/http.ts';
import type { IngestPipeline } from '../pipeline.ts';

export type FeedState = { etag: string | null; lastModified: string | null };

/** A feed item as a news-export record, so the record parser does the rest and `reparse` can redo it. */
export function feedItemToRecord(
  item: FeedItem,
  feed: { title: string | null; language: string | null },
  outlet?: string,
) {
  return {
    title: item.title,
    url: item.link ?? item.guid,
    published: item.published ?? item.updated,
    content: item.content ?? item.summary,
    summary: item.summary,
    categories: item.categories,
    author: item.author,
    source: outlet ?? feed.title,
    language: feed.language,
  };
}

export async function collectFeed(
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
  const text = decodeBytes(result.bytes, {
    contentType: trustedContentType(result.contentType, result.bytes) ?? undefined,
    location: source.url,
  });
  // Not a feed (an HTML error page, a JSON API answer): the whole source fails with the parser's reason.
  const feed = parseFeed(text, { url: result.url });
  for (const [i, item] of feed.items.entries()) {
    const record = feedItemToRecord(item, feed, source.outlet);
    pipeline.add({
      content: JSON.stringify(record),
      format: 'record',
      location: `${source.url}#${item.guid ?? item.link ?? i}`,
      url: item.link ?? undefined,
      languageHint: source.language,
      outletHint: source.outlet ? { name: source.outlet } : undefined,
    });
  }
  return {
    etag: result.etag,
    lastModified: result.lastModified,
    notModified: false,
    items: feed.items.length,
  };
}
