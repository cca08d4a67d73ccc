import type { NextRequest } from 'next/server';
import { parseCoverageParams, parseFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { readCoverage } from '@/server/overview-data';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return respondJson(() => {
    const search = request.nextUrl.searchParams;
    const filters = parseFilters(search);
    const { groupBy, stackBy } = parseCoverageParams(search);
    return readCoverage(getDb(), filters, groupBy, stackBy === 'none' ? null : stackBy);
  });
}
