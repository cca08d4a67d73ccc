'use client';

import { useQuery } from '@tanstack/react-query';
import { type CoverageResponse, type FacetsResponse, fetchJson, type SpikesResponse } from './api';
import type { Filters, StackDimension } from './filters';
import { toSearchParams } from './filters';
import { useI18n } from './i18n-context';

// react-query hooks for the route handlers; the query key is the request URL, so equal filters share a cache entry.

export function useFacets() {
  return useQuery({
    queryKey: ['/api/facets'],
    queryFn: ({ signal }) => fetchJson<FacetsResponse>('/api/facets', signal),
  });
}

/** A topic's name in the interface language: subjects have an Arabic name; sections keep the outlet's. */
export function useTopicName(): (slug: string, name: string) => string {
  const { locale } = useI18n();
  const names = useFacets().data?.subjectNamesAr;
  return (slug, name) => (locale === 'ar' ? (names?.[slug] ?? name) : name);
}

export function useCoverage(
  filters: Filters,
  groupBy: 'day' | 'week' | 'month' | 'outlet' | 'topic' | 'language',
  stackBy: StackDimension | null,
  enabled = true,
) {
  const params = toSearchParams(filters);
  params.set('groupBy', groupBy);
  if (stackBy) params.set('stackBy', stackBy);
  const url = `/api/coverage?${params}`;
  return useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<CoverageResponse>(url, signal),
    enabled,
    // Keep the previous chart on screen while a new filter loads, instead of flashing a spinner.
    placeholderData: (previous) => previous,
  });
}

/** The days the spike rule flags under the filters (marked on the overview's time chart). */
export function useSpikes(filters: Filters, enabled = true) {
  const url = `/api/spikes?${toSearchParams(filters)}`;
  return useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<SpikesResponse>(url, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}
