import { countShare } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { parseFilters, parseShareParams, toCoverageFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/** Matching articles as a share of each outlet's own output (`by=outlet`) or of the filtered outlets'. */
export function GET(request: NextRequest) {
  return respondJson(() => {
    const search = request.nextUrl.searchParams;
    const filters = toCoverageFilters(parseFilters(search));
    const { bucket, by } = parseShareParams(search);
    return { bucket, by, points: countShare(getDb(), filters, bucket, by === 'outlet') };
  });
}
