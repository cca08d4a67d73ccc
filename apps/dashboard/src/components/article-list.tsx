'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type ReactNode, useEffect } from 'react';
import { ExportMenu } from '@/components/export-menu';
import { FilterBar } from '@/components/filter-bar';
import { EmptyDatabase, EmptyState, ErrorState, LoadingState } from '@/components/states';
import { useWindowedRows } from '@/components/virtual-rows';
import {
  ApiError,
  type ArticlesResponse,
  fetchJson,
  type HighlightRanges,
  type ListedArticle,
} from '@/lib/api';
import { BadParamError, emptyFilters, parseArticleParams, toSearchParams } from '@/lib/filters';
import { useI18n } from '@/lib/i18n-context';
import { useFacets, useTopicName } from '@/lib/queries';
import { useUrlFilters } from '@/lib/use-url-filters';

// The drill-down a chart click adds on top of the filters; kept when the filters change.
const drillKeys = ['day', 'bucket', 'outletId', 'inTopic'] as const;
const pageSize = 25;
// Rows drawn beyond the viewport, in pixels: enough that Tab and a quick scroll land on drawn rows.
const overscan = 900;
const rowGap = 12;

function readDrill(search: URLSearchParams) {
  try {
    return { drill: parseArticleParams(search), error: null };
  } catch (error) {
    if (error instanceof BadParamError) return { drill: null, error: error.message };
    throw error;
  }
}

export function ArticleList() {
  const { t, tn, fmt } = useI18n();
  const { filters, error: filterError, setFilters, searchParams } = useUrlFilters();
  const { drill, error: drillError } = readDrill(new URLSearchParams(searchParams.toString()));
  const urlError = filterError ?? drillError;
  const facets = useFacets();
  const localTopicName = useTopicName();

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

  const pages = articles.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items);
  const { listRef, range } = useWindowedRows<HTMLOListElement>({
    keys: items.map((item) => item.id),
    estimate: 170,
    overscan,
    gap: rowGap,
  });
  // Scrolling near the end of what is loaded fetches the next page, as the Load more button does.
  const nearEnd = items.length > 0 && range.end >= items.length - 3;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = articles;
  useEffect(() => {
    if (nearEnd && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [nearEnd, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (urlError) {
    return (
      <ErrorState
        title={t('This link has a parameter the dashboard cannot read')}
        error={urlError}
        hint={<Link href="/articles">{t('Show all articles instead')}</Link>}
      />
    );
  }

  const outletName = (id: number) =>
    facets.data?.outlets.find((outlet) => outlet.id === id)?.name ?? `#${id}`;
  const topicName = (slug: string) =>
    localTopicName(slug, facets.data?.topics.find((topic) => topic.slug === slug)?.name ?? slug);
  const withoutDrill = (key: (typeof drillKeys)[number]) => {
    const next = new URLSearchParams(searchParams.toString());
    next.delete(key);
    if (key === 'day') next.delete('bucket');
    return `/articles?${next}`;
  };
  const chips: { key: (typeof drillKeys)[number]; label: string }[] = [];
  if (drill?.day) chips.push({ key: 'day', label: fmt.bucket(drill.day, drill.bucket ?? 'day') });
  if (drill?.outletId)
    chips.push({ key: 'outletId', label: t('Outlet: {name}', { name: outletName(drill.outletId) }) });
  if (drill?.inTopic)
    chips.push({ key: 'inTopic', label: t('Topic: {name}', { name: topicName(drill.inTopic) }) });

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
          {total === undefined ? t('Counting…') : tn('articles', total)}
        </p>
        {chips.length > 0 ? (
          <ul className="chips" aria-label={t('Narrowed to')}>
            {chips.map((chip) => (
              <li key={chip.key} className="chip">
                <span dir="auto">{chip.label}</span>
                <Link href={withoutDrill(chip.key)} aria-label={t('Remove {name}', { name: chip.label })}>
                  ×
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <ExportMenu params={exportParams} total={total} />
        <Link href={overviewHref} className="back-link">
          {t('Charts for these filters')}
        </Link>
      </div>

      {articles.isError ? (
        <ErrorState
          title={t('Could not load articles')}
          error={articles.error}
          hint={
            articles.error instanceof ApiError && articles.error.status === 400 ? (
              // The request itself is wrong (a search the server cannot parse): retrying cannot help.
              <button
                type="button"
                className="link-button"
                onClick={() => setFilters(filters.q ? { ...filters, q: undefined } : emptyFilters, drillKeys)}
              >
                {filters.q ? t('Clear the search') : t('Clear filters')}
              </button>
            ) : (
              <button type="button" className="link-button" onClick={() => articles.refetch()}>
                {t('Try again')}
              </button>
            )
          }
        />
      ) : articles.isPending ? (
        <LoadingState label={t('Loading articles…')} />
      ) : items.length === 0 ? (
        facets.data?.totals.articles === 0 ? (
          <EmptyDatabase />
        ) : (
          <EmptyState title={t('No articles match')}>
            <p>{t('Widen the dates, remove a narrowing above, or clear the search.')}</p>
            <button type="button" className="link-button" onClick={() => setFilters(emptyFilters)}>
              {t('Clear filters')}
            </button>
          </EmptyState>
        )
      ) : (
        <>
          <ol
            ref={listRef}
            className="article-list article-list-virtual"
            data-testid="article-list"
            data-loaded={items.length}
            data-first-row={range.start}
            data-rows-drawn={range.end - range.start}
            start={range.start + 1}
            style={{ paddingTop: range.padTop, paddingBottom: range.padBottom }}
          >
            {items.slice(range.start, range.end).map((article, offset) => (
              <ArticleCard
                key={article.id}
                article={article}
                position={range.start + offset + 1}
                setSize={total ?? items.length}
              />
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
                ? t('Loading…')
                : t('Load more ({shown} of {total} shown)', {
                    shown: fmt.count(items.length),
                    total: fmt.count(total ?? items.length),
                  })}
            </button>
          ) : (
            <p className="muted list-end">{t('All {n} shown.', { n: fmt.count(items.length) })}</p>
          )}
        </>
      )}
    </div>
  );
}

/**
 * `text` with the search's words wrapped in <mark>: React builds the elements from character ranges, so
 * the article's text is only ever text, never markup.
 */
function Highlighted({ text, ranges }: { text: string; ranges: HighlightRanges }) {
  if (ranges.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    // Ranges come sorted and disjoint; anything else (a stale page) is skipped rather than garbled.
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="hit" data-testid="hit">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

function ArticleCard({
  article,
  position,
  setSize,
}: {
  article: ListedArticle;
  position: number;
  setSize: number;
}) {
  const { t, fmt } = useI18n();
  const topicName = useTopicName();
  const date = fmt.articleDate(article);
  return (
    <li
      className="article-card"
      data-testid="article-item"
      data-id={article.id}
      data-row-key={article.id}
      // Only some rows are in the DOM: these say where this one sits in the whole list.
      aria-posinset={position}
      aria-setsize={setSize}
    >
      <h2 className="article-card-title">
        <Link href={`/articles/${article.id}`} dir="auto" lang={article.language ?? undefined}>
          {article.title ? (
            <Highlighted text={article.title} ranges={article.highlights.title} />
          ) : (
            t('(untitled)')
          )}
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
        <span>{fmt.language(article.language)}</span>
      </p>
      {article.snippet ? (
        <p className="snippet" dir="auto" lang={article.language ?? undefined} data-testid="snippet">
          <Highlighted text={article.snippet} ranges={article.highlights.snippet} />
        </p>
      ) : null}
      {article.topics.length > 0 ? (
        <ul className="tags" aria-label={t('Topics')}>
          {article.topics.map((topic) => (
            <li key={topic.slug} className={`tag tag-${topic.kind}`} dir="auto">
              {topicName(topic.slug, topic.name)}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
