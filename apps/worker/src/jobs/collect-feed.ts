// Collecting one feed: fetch (conditionally) → each item becomes a record → the shared pipeline. An item
// that carries only a summary gets its article page fetched (politely, a bounded number per run) and the
// page's clean text stored as its body; when the page fails, the summary is stored and the reason kept as
// a pending failure of the page, retried on later runs.
import { listStoredUrls, recordFailure } from '@rasid/db/queries';
import { decodeBytes, type FeedItem, parseDocument, parseFeed } from '@rasid/parser';
import { trustedContentType } from '../collect/charset.ts';
import type { CollectContext, CollectResult, Validators } from './collect-context.ts';

/** Text under this many characters is a summary, whichever field holds it. */
export const SUMMARY_MAX_CHARS = 500;
/** A description (no separate full content) this long is taken as the article itself, as some feeds do. */
export const DESCRIPTION_FULL_CHARS = 1_500;

const plainText = (html: string | null) =>
  (html ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:#\d+|#x[\da-f]+|\w+);/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Whether an item's body is only a summary: short, or its description alone and not article-length. */
export function isSummaryOnly(item: Pick<FeedItem, 'content' | 'summary'>): boolean {
  const body = plainText(item.content ?? item.summary);
  if (body.length < SUMMARY_MAX_CHARS) return true;
  const descriptionOnly = item.content === null || body === plainText(item.summary);
  return descriptionOnly && body.length < DESCRIPTION_FULL_CHARS;
}

const httpLink = (link: string | null) => (link && /^https?:\/\//i.test(link) ? link : null);

/** Where an item's article lives: FeedBurner's original link rather than its redirecting proxy. */
const articleLink = (item: FeedItem) => item.originalLink ?? item.link;

/** A feed item as a news-export record, so the record parser does the rest and `reparse` can redo it. */
export function feedItemToRecord(
  item: FeedItem,
  feed: { title: string | null; language: string | null },
  outlet?: string,
) {
  return {
    title: item.title,
    url: articleLink(item) ?? item.guid,
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
  ctx: CollectContext,
  source: { url: string; outlet?: string; language?: string; fetchArticlePages: boolean },
  state: Validators,
): Promise<CollectResult> {
  const result = await ctx.fetcher.fetchSourceDocument(source.url, state);
  if (result.status === 'not-modified')
    return { ...state, notModified: true, items: 0, pagesFetched: 0, pagesLeft: 0, listed: null };
  const text = decodeBytes(result.bytes, {
    contentType: trustedContentType(result.contentType, result.bytes) ?? undefined,
    location: source.url,
  });
  // Not a feed (an HTML error page, a JSON API answer): the whole source fails with the parser's reason.
  const feed = parseFeed(text, { url: result.url });
  const entries = feed.items.map((item, i) => ({
    item,
    location: `${source.url}#${item.guid ?? item.link ?? i}`,
    page: source.fetchArticlePages && isSummaryOnly(item) ? httpLink(articleLink(item)) : null,
  }));
  const listed = new Set<string>();
  for (const e of entries) {
    listed.add(e.location);
    if (e.item.link) listed.add(e.item.link);
    if (e.item.originalLink) listed.add(e.item.originalLink);
  }
  // A page whose article is stored (from this feed or any other source, or this item under the page's
  // canonical URL) is not fetched again, unless its fetch failed before and is waiting for a retry.
  const stored = listStoredUrls(
    ctx.db,
    entries.flatMap((e) => (e.page ? [e.page, e.location] : [])),
  );
  const hints = {
    languageHint: source.language,
    outletHint: source.outlet ? { name: source.outlet } : undefined,
  };
  const failedPages = new Set<string>();
  let pagesFetched = 0;
  let pagesLeft = 0;
  let budget = ctx.maxPagesPerRun;

  for (const { item, location, page } of entries) {
    const record = feedItemToRecord(item, feed, source.outlet);
    const input = { format: 'record' as const, location, url: articleLink(item) ?? undefined, ...hints };
    if (!page) {
      ctx.pipeline.add({ ...input, content: JSON.stringify(record) });
      continue;
    }
    if ((stored.has(page) || stored.has(location)) && !ctx.pending.has(page)) {
      // Re-adding the summary would replace the page's text with it: counted as seen again, nothing stored.
      ctx.pipeline.stats.read++;
      ctx.pipeline.stats.duplicate++;
      continue;
    }
    const fallBack = (reason: string) => {
      ctx.pipeline.add({ ...input, content: JSON.stringify(record) });
      if (ctx.pending.has(page) || failedPages.has(page)) return;
      failedPages.add(page);
      recordFailure(ctx.db, {
        runId: ctx.runId,
        sourceId: ctx.sourceId,
        location: page,
        reason: `article page not used, the feed's summary was stored instead: ${reason}`,
      });
    };
    if (budget <= 0) {
      pagesLeft++;
      fallBack(
        `not fetched: the limit of ${ctx.maxPagesPerRun} pages per run was reached; a later run fetches it`,
      );
      continue;
    }
    budget--;
    try {
      const fetched = await ctx.fetcher.fetchPage(page);
      if (fetched.status !== 'ok') throw new Error(`${page}: unexpected 304 without validators`);
      pagesFetched++;
      const article = parseDocument({
        content: fetched.bytes,
        format: 'html',
        location: page,
        url: fetched.url,
        contentType: trustedContentType(fetched.contentType, fetched.bytes) ?? undefined,
        ...hints,
      });
      const summary = plainText(item.content ?? item.summary);
      if (article.body.length <= summary.length)
        throw new Error(
          `${page}: the page's text (${article.body.length} characters) is no longer than the summary (${summary.length})`,
        );
      // The feed's title, date and categories stay; the body is the page's, and so is the address: the
      // page's canonical URL (or where its redirects ended), so that the article a sitemap or another feed
      // finds under that address is this one, not a second row under a FeedBurner or tracking link.
      // A page fetched on retry is resolved by the transaction that stores the article holding its text.
      const url = article.url ?? fetched.url;
      ctx.pipeline.add(
        {
          ...input,
          url,
          content: JSON.stringify({ ...record, url, link: page, content: article.body, page: fetched.url }),
        },
        ctx.pending.has(page) ? [page] : [],
      );
    } catch (error) {
      fallBack((error as Error).message.replace(`${page}: `, ''));
    }
  }
  ctx.pipeline.flush();
  return {
    etag: result.etag,
    lastModified: result.lastModified,
    notModified: false,
    items: feed.items.length,
    pagesFetched,
    pagesLeft,
    listed,
  };
}
