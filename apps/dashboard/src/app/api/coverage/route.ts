import { countArticles, countCoverage, getDateRange } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { parseCoverageParams, parseFilters, toCoverageFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return respondJson(() => {
    const search = request.nextUrl.searchParams;
    const filters = toCoverageFilters(parseFilters(search));
    const { groupBy, stackBy } = parseCoverageParams(search);
    const db = getDb();
    return {
      groupBy,
      stackBy: stackBy === 'none' ? null : stackBy,
      // The number of matching articles, which sums of a topic chart cannot give (an article has 0..n topics).
      total: countArticles(db, filters),
      dateRange: getDateRange(db, filters),
      points: countCoverage(db, filters, groupBy, stackBy === 'none' ? null : stackBy),
    };
  });
}
