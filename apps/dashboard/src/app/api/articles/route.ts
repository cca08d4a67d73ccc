import { listArticles } from '@rasid/db/queries';
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
    return listArticles(
      getDb(),
      {
        ...filters,
        ...(day ? { day, bucket: bucket ?? 'day' } : {}),
        ...(outletId ? { outletId } : {}),
        ...(inTopic ? { topic: inTopic } : {}),
      },
      { limit, cursor: cursor ?? null },
    );
  });
}
