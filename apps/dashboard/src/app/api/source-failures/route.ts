import { listSourceFailureDays } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { parseFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/**
 * The days a source was failing within the filters' dates and outlets (a search, topic or language
 * does not change which sources were down), for shading them on the time chart.
 */
export function GET(request: NextRequest) {
  return respondJson(() => {
    const filters = parseFilters(request.nextUrl.searchParams);
    return {
      days: listSourceFailureDays(getDb(), {
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to ? { to: filters.to } : {}),
        ...(filters.outlet.length > 0 ? { outlets: filters.outlet } : {}),
      }),
    };
  });
}
