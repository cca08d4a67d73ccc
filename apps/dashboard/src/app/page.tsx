import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Overview } from '@/components/overview';
import { coverageUrl, parseFilters, readStackBy, readTimeBucket } from '@/lib/filters';
import { translate } from '@/lib/i18n';
import { getDb } from '@/server/db';
import { getLocale } from '@/server/locale';
import { readCoverage, readFacets } from '@/server/overview-data';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translate(await getLocale(), 'Coverage overview') };
}

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The overview's first answers (filter bar, time chart, outlets, topics), computed here so the charts come
 * with the HTML: waiting for the browser to load, hydrate and ask put the first chart 2–3 s after navigation
 * on a million articles. A link the filters cannot read, or a search that does not parse, is left to the
 * browser, whose requests say what is wrong.
 */
function prefetchOverview(search: URLSearchParams) {
  const client = new QueryClient();
  try {
    const filters = parseFilters(search);
    const db = getDb();
    client.setQueryData(['/api/facets'], asJson(readFacets(db)));
    const stackBy = readStackBy(search.get('stackBy'));
    const bucket = readTimeBucket(search.get('bucket'));
    for (const [groupBy, stack] of [
      [bucket, stackBy],
      ['outlet', null],
      ['topic', null],
    ] as const)
      client.setQueryData(
        [coverageUrl(filters, groupBy, stack)],
        asJson(readCoverage(db, filters, groupBy, stack)),
      );
  } catch {
    // Whatever could not be computed here is asked for by the browser, which shows the error.
  }
  return dehydrate(client);
}

// Exactly what the route handlers send: the cache must hold what a fetch of the same URL would give.
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export default async function OverviewPage({ searchParams }: PageProps) {
  const locale = await getLocale();
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams))
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      search.append(key, one);
  return (
    <>
      <h1 className="page-title">{translate(locale, 'Coverage overview')}</h1>
      <HydrationBoundary state={prefetchOverview(search)}>
        {/* No Suspense boundary: the page is rendered per request (it reads searchParams), so the view's
            useSearchParams does not suspend, and the charts go out in the shell itself. Behind a boundary
            React sent a spinner first and the charts later in a hidden block, revealed by an inline script
            that waits for the stylesheet: 200–500 ms more before the chart showed in the chart bench. */}
        <Overview />
      </HydrationBoundary>
    </>
  );
}
