import { countOutletWeeks } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { parseFilters, toCoverageFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/** Matching articles per outlet and ISO week, for the overview's heat map. */
export function GET(request: NextRequest) {
  return respondJson(() =>
    countOutletWeeks(getDb(), toCoverageFilters(parseFilters(request.nextUrl.searchParams))),
  );
}
