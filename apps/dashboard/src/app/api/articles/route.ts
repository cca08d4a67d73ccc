import { findHighlights, listArticles, parseSearch } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { parseArticleParams, parseFilters, toCoverageFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return respondJson(() => {
    const search = request.nextUrl.searchParams;
    const filters = toCoverageFilters(parseFilters(search));
    const { day, bucket, outletId, inTopic, cursor, limit } = parseArticleParams(search);
    const page = listArticles(
      getDb(),
      {
        ...filters,
        ...(day ? { day, bucket: bucket ?? 'day' } : {}),
        ...(outletId ? { outletId } : {}),
        ...(inTopic ? { topic: inTopic } : {}),
      },
      { limit, cursor: cursor ?? null },
    );
    // Where the search's words are in each title and snippet, as character ranges: the page wraps them in
    // <mark> elements itself, so no text from an article is ever handed to the browser as HTML.
    const tokens = filters.q ? parseSearch(filters.q).tokens : [];
    return {
      ...page,
      items: page.items.map((item) => ({
        ...item,
        highlights: {
          title: findHighlights(item.title, tokens),
          snippet: findHighlights(item.snippet, tokens),
        },
      })),
    };
  });
}
