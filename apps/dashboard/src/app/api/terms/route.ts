import { listTopTerms } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { BadParamError, parseFilters, toCoverageFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/** `limit` of terms: 1–200, default 30. */
function parseLimit(value: string | null): number {
  if (value === null) return 30;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 200)
    throw new BadParamError(`limit: expected a whole number from 1 to 200, got ${value}`);
  return n;
}

export function GET(request: NextRequest) {
  return respondJson(() => {
    const search = request.nextUrl.searchParams;
    const filters = toCoverageFilters(parseFilters(search));
    return listTopTerms(getDb(), filters, { limit: parseLimit(search.get('limit')) });
  });
}
