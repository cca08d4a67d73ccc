import { compareCoverage, parseSearch, SearchSyntaxError } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { BadParamError, parseCompareParams, parseFilters, toCoverageFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/**
 * Several searches, topics or outlets on one time axis: each `compare=kind:value` is the page's filters
 * with that one dimension replaced. With `measure=share`, each series also gets the output of its outlets.
 */
export function GET(request: NextRequest) {
  return respondJson(() => {
    const search = request.nextUrl.searchParams;
    const filters = toCoverageFilters(parseFilters(search));
    const { compare, bucket, measure } = parseCompareParams(search);
    // A series' search is read here so its error names the series, not the page's own search box.
    for (const spec of compare) {
      if (spec.kind !== 'q') continue;
      try {
        parseSearch(spec.value);
      } catch (error) {
        if (error instanceof SearchSyntaxError)
          throw new BadParamError(`compare: q:${spec.value}: ${error.message}`);
        throw error;
      }
    }
    return {
      bucket,
      measure,
      series: compareCoverage(getDb(), filters, compare, bucket, { withBase: measure === 'share' }),
    };
  });
}
