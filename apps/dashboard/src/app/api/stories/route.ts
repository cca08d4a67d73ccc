import { listStories } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { BadParamError, parseFilters, parseStoryParams } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return respondJson(() => {
    const search = request.nextUrl.searchParams;
    const filters = parseFilters(search);
    // A story is found by outlet, not by topic or words: refuse what would otherwise be silently ignored.
    if (filters.outlet.length > 1)
      throw new BadParamError('outlet: stories are filtered by one outlet at a time');
    if (filters.topic.length > 0) throw new BadParamError('topic: stories cannot be filtered by topic');
    if (filters.lang.length > 0) throw new BadParamError('lang: stories cannot be filtered by language');
    if (filters.q) throw new BadParamError('q: stories cannot be searched');
    const { minOutlets, minSize, sort, limit, offset } = parseStoryParams(search);
    const outletId = filters.outlet[0];
    return listStories(getDb(), {
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      ...(outletId !== undefined ? { outletId } : {}),
      ...(minSize !== undefined ? { minSize } : {}),
      minOutlets,
      sort,
      limit,
      offset,
    });
  });
}
