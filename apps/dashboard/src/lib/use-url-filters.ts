'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { BadParamError, emptyFilters, type Filters, parseFilters, toSearchParams } from './filters';

/**
 * The page's filters, read from (and written to) the URL so every view can be shared or bookmarked.
 * An invalid URL gives empty filters plus the problem, which the page shows instead of guessing.
 */
export function useUrlFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();

  const { filters, error } = useMemo(() => {
    try {
      return { filters: parseFilters(searchParams), error: null };
    } catch (caught) {
      if (caught instanceof BadParamError) return { filters: emptyFilters, error: caught.message };
      throw caught;
    }
  }, [searchParams]);

  /** Replaces the filters, keeping the view's own params (listed in `keep`), dropping drill-downs. */
  const setFilters = useCallback(
    (next: Filters, keep: readonly string[] = []) => {
      const params = toSearchParams(next);
      // Every value: a view setting may repeat (the overview's `compare=` series).
      for (const key of keep)
        for (const value of searchParams.getAll(key)) if (value) params.append(key, value);
      const query = params.toString();
      // The native history API: Next syncs useSearchParams with it, and since every view fetches its data
      // on the client there is nothing for a server round trip (router.push) to bring.
      window.history.pushState(null, '', query ? `${pathname}?${query}` : pathname);
    },
    [pathname, searchParams],
  );

  return { filters, error, setFilters, searchParams };
}
