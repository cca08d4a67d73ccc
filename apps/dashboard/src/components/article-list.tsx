'use client';

import type { ArticleSummary } from '@rasid/db/queries';
import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ExportMenu } from '@/components/export-menu';
import { FilterBar } from '@/components/filter-bar';
import { EmptyDatabase, EmptyState, ErrorState, LoadingState } from '@/components/states';
import { type ArticlesResponse, fetchJson } from '@/lib/api';
import { BadParamError, emptyFilters, parseArticleParams, toSearchParams } from '@/lib/filters';
import { describeArticleDate, formatBucket, formatCount, formatLanguage } from '@/lib/format';
import { useFacets } from '@/lib/queries';
import { useUrlFilters } from '@/lib/use-url-filters';

// The drill-down a chart click adds on top of the filters; kept when the filters change.
const drillKeys = ['day', 'bucket', 'outletId', 'inTopic'] as const;
const pageSize = 25;

function readDrill(search: URLSearchParams) {
  try {
    return { drill: parseArticleParams(search), error: null };
  } catch (error) {
    if (error instanceof BadParamError) return { drill: null, error: error.message };
    throw error;
  }
}

export function ArticleList() {
  const { filters, error: filterError, setFilters, searchParams } = useUrlFilters();
  const { drill, error: drillError } = readDrill(new URLSearchParams(searchParams.toString()));
  const urlError = filterError ?? drillError;
  const facets = useFacets();

  const params = toSearchParams(filters);
  for (const key of drillKeys) {
    const value = searchParams.get(key);
    if (value) params.set(key, value);
  }
  params.set('limit', String(pageSize));
  const baseUrl = `/api/articles?${params}`;

  const articles = useInfiniteQuery({
    queryKey: [baseUrl],
    queryFn: ({ pageParam, signal }) =>
      fetchJson<ArticlesResponse>(
        pageParam ? `${baseUrl}&cursor=${encodeURIComponent(pageParam)}` : baseUrl,
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !urlError,
  });

  if (urlError) {
    return (
      <ErrorState
        title="This link has a parameter the dashboard cannot read"
        error={urlError}
        hint={<Link href="/articles">Show all articles instead</Link>}
      />
    );
  }

  const outletName = (id: number) =>
    facets.data?.outlets.find((outlet) => outlet.id === id)?.name ?? `#${id}`;
  const topicName = (slug: string) => facets.data?.topics.find((topic) => topic.slug === slug)?.name ?? slug;
  const withoutDrill = (key: (typeof drillKeys)[number]) => {
    const next = new URLSearchParams(searchParams.toString());
    next.delete(key);
    if (key === 'day') next.delete('bucket');
    return `/articles?${next}`;
  };
  const chips: { key: (typeof drillKeys)[number]; label: string }[] = [];
  if (drill?.day) chips.push({ key: 'day', label: formatBucket(drill.day, drill.bucket ?? 'day') });
  if (drill?.outletId) chips.push({ key: 'outletId', label: `Outlet: ${outletName(drill.outletId)}` });
  if (drill?.inTopic) chips.push({ key: 'inTopic', label: `Topic: ${topicName(drill.inTopic)}` });

  const pages = articles.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items);
  const total = pages[0]?.total;
  const overviewHref = `/?${toSearchParams(filters)}`;
  // The export takes the list's drill-down too, so the file holds exactly the articles listed.
  const exportParams = new URLSearchParams(params);
  exportParams.delete('limit');

  return (
    <div className="stack-lg">
      <FilterBar filters={filters} facets={facets.data} onChange={(next) => setFilters(next, drillKeys)} />

      <div className="list-header">
        <p className="result-count" aria-live="polite" data-testid="article-total">
          {total === undefined
            ? 'Counting…'
            : `${formatCount(total)} ${total === 1 ? 'article' : 'articles'}`}
        </p>
        {chips.length > 0 ? (
          <ul className="chips" aria-label="Narrowed to">
            {chips.map((chip) => (
              <li key={chip.key} className="chip">
                <span dir="auto">{chip.label}</span>
                <Link href={withoutDrill(chip.key)} aria-label={`Remove ${chip.label}`}>
                  ×
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <ExportMenu params={exportParams} total={total} />
        <Link href={overviewHref} className="back-link">
          ← Charts for these filters
        </Link>
      </div>

      {articles.isError ? (
        <ErrorState title="Could not load articles" error={articles.error} />
      ) : articles.isPending ? (
        <LoadingState label="Loading articles…" />
      ) : items.length === 0 ? (
        facets.data?.totals.articles === 0 ? (
          <EmptyDatabase />
        ) : (
          <EmptyState title="No articles match">
            <p>Widen the dates, remove a narrowing above, or clear the search.</p>
            <button type="button" className="link-button" onClick={() => setFilters(emptyFilters)}>
              Clear filters
            </button>
          </EmptyState>
        )
      ) : (
        <>
          <ol className="article-list" data-testid="article-list">
            {items.map((article) => (
              <ArticleCard key={article.id} article={article} />
            ))}
          </ol>
          {articles.hasNextPage ? (
            <button
              type="button"
              className="button-secondary load-more"
              onClick={() => articles.fetchNextPage()}
              disabled={articles.isFetchingNextPage}
            >
              {articles.isFetchingNextPage
                ? 'Loading…'
                : `Load more (${formatCount(items.length)} of ${formatCount(total ?? items.length)} shown)`}
            </button>
          ) : (
            <p className="muted list-end">All {formatCount(items.length)} shown.</p>
          )}
        </>
      )}
    </div>
  );
}

function ArticleCard({ article }: { article: ArticleSummary }) {
  const date = describeArticleDate(article);
  return (
    <li className="article-card" data-testid="article-item" data-id={article.id}>
      <h2 className="article-card-title">
        <Link href={`/articles/${article.id}`} dir="auto" lang={article.language ?? undefined}>
          {article.title || '(untitled)'}
        </Link>
      </h2>
      <p className="article-meta">
        <span className="outlet-name" dir="auto">
          {article.outlet.name}
        </span>
        <span aria-hidden="true"> · </span>
        <span className={date.undated ? 'date undated' : 'date'} title={date.detail}>
          {date.label}
        </span>
        <span className="muted"> ({date.detail})</span>
        <span aria-hidden="true"> · </span>
        <span>{formatLanguage(article.language)}</span>
      </p>
      {article.snippet ? (
        <p className="snippet" dir="auto" lang={article.language ?? undefined}>
          {article.snippet}
        </p>
      ) : null}
      {article.topics.length > 0 ? (
        <ul className="tags" aria-label="Topics">
          {article.topics.map((topic) => (
            <li key={topic.slug} className={`tag tag-${topic.kind}`} dir="auto">
              {topic.name}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
