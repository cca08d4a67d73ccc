'use client';

import { useQuery } from '@tanstack/react-query';
import {
  type CompareResponse,
  type CoverageResponse,
  type FacetsResponse,
  fetchJson,
  type HeatmapResponse,
  type ShareResponse,
  type SourceFailuresResponse,
  type SpikesResponse,
} from './api';
import type { CompareSpec, Filters, Measure, StackDimension, TimeBucket } from './filters';
import { compareParam, coverageUrl, toSearchParams } from './filters';
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
  const url = coverageUrl(filters, groupBy, stackBy);
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

/** Compared series (each the filters with its own search, topic or outlet) on one time axis. */
export function useCompare(filters: Filters, specs: CompareSpec[], bucket: TimeBucket, measure: Measure) {
  const params = toSearchParams(filters);
  for (const spec of specs) params.append('compare', compareParam(spec));
  params.set('bucket', bucket);
  params.set('measure', measure);
  const url = `/api/compare?${params}`;
  return useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<CompareResponse>(url, signal),
    enabled: specs.length > 0,
    placeholderData: (previous) => previous,
  });
}

/** Matching articles as a share of each outlet's own output per bucket. */
export function useShare(filters: Filters, bucket: TimeBucket, byOutlet: boolean, enabled: boolean) {
  const params = toSearchParams(filters);
  params.set('bucket', bucket);
  params.set('by', byOutlet ? 'outlet' : 'none');
  const url = `/api/share?${params}`;
  return useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<ShareResponse>(url, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useHeatmap(filters: Filters, enabled = true) {
  const url = `/api/heatmap?${toSearchParams(filters)}`;
  return useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<HeatmapResponse>(url, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** Days a source was failing between `from` and `to` (either open), for the filtered outlets. */
export function useSourceFailures(from: string | null, to: string | null, outlets: number[], enabled = true) {
  const params = new URLSearchParams();
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  for (const id of [...outlets].sort((a, b) => a - b)) params.append('outlet', String(id));
  const url = `/api/source-failures?${params}`;
  return useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<SourceFailuresResponse>(url, signal),
    enabled,
  });
}
