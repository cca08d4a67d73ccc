'use client';

import type { StorySummary } from '@rasid/db/queries';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useId } from 'react';
import { EmptyDatabase, EmptyState, ErrorState, LoadingState } from '@/components/states';
import { fetchJson, type StoriesResponse } from '@/lib/api';
import { BadParamError, emptyFilters, type Filters, parseStoryParams, toSearchParams } from '@/lib/filters';
import { useI18n } from '@/lib/i18n-context';
import { useFacets } from '@/lib/queries';
import { useUrlFilters } from '@/lib/use-url-filters';

// The page's own settings: kept in the URL with the filters, and dropped (like `offset`) when they change.
const viewKeys = ['minOutlets', 'sort'] as const;
const pageSize = 50;

function readStoryParams(search: URLSearchParams) {
  try {
    return { params: parseStoryParams(search), error: null };
  } catch (caught) {
    if (caught instanceof BadParamError) return { params: null, error: caught.message };
    throw caught;
  }
}

export function StoriesView() {
  const id = useId();
  const pathname = usePathname();
  const { t, tn, fmt } = useI18n();
  const { filters, error: urlError, setFilters, searchParams } = useUrlFilters();
  const facets = useFacets();
  const { params: view, error: viewError } = readStoryParams(new URLSearchParams(searchParams.toString()));

  const request = toSearchParams(filters);
  if (view) {
    request.set('minOutlets', String(view.minOutlets));
    request.set('sort', view.sort);
    request.set('limit', String(pageSize));
    if (view.offset > 0) request.set('offset', String(view.offset));
  }
  const url = `/api/stories?${request}`;
  const stories = useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<StoriesResponse>(url, signal),
    enabled: !urlError && !viewError,
    placeholderData: (previous) => previous,
  });

  const setView = (key: (typeof viewKeys)[number] | 'offset', value: string | null) => {
    const params = new URLSearchParams(searchParams.toString());
    if (value === null) params.delete(key);
    else params.set(key, value);
    if (key !== 'offset') params.delete('offset');
    window.history.pushState(null, '', `${pathname}?${params}`);
  };
  const changeFilters = (next: Filters) => setFilters(next, viewKeys);

  const problem = urlError ?? viewError;
  if (problem || !view) {
    return (
      <ErrorState
        title={t('This link has a filter the dashboard cannot read')}
        error={problem}
        hint={
          <button type="button" className="link-button" onClick={() => setFilters(emptyFilters)}>
            {t('Start again without filters')}
          </button>
        }
      />
    );
  }
  if (facets.data && facets.data.totals.articles === 0) return <EmptyDatabase />;

  const outlets = facets.data?.outlets ?? [];
  const multi = view.minOutlets >= 2;
  const total = stories.data?.total;
  const shownTo = view.offset + (stories.data?.items.length ?? 0);

  return (
    <div className="stack-lg">
      <section className="filter-bar" aria-label={t('Filters')}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('From')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={filters.from ?? ''}
            max={filters.to ?? facets.data?.dateRange.to ?? undefined}
            onChange={(event) => changeFilters({ ...filters, from: event.target.value || undefined })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('To')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={filters.to ?? ''}
            min={filters.from ?? undefined}
            onChange={(event) => changeFilters({ ...filters, to: event.target.value || undefined })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-outlet`}>{t('Outlet')}</label>
          <select
            id={`${id}-outlet`}
            value={filters.outlet.length === 1 ? String(filters.outlet[0]) : ''}
            onChange={(event) =>
              changeFilters({ ...filters, outlet: event.target.value ? [Number(event.target.value)] : [] })
            }
          >
            <option value="">{t('All outlets')}</option>
            {outlets.map((outlet) => (
              <option key={outlet.id} value={outlet.id}>
                {outlet.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-told`}>{t('Told by')}</label>
          <select
            id={`${id}-told`}
            data-testid="story-min-outlets"
            value={multi ? '2' : '1'}
            onChange={(event) => setView('minOutlets', event.target.value)}
          >
            <option value="2">{t('Two outlets or more')}</option>
            <option value="1">{t('Any number of outlets')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t('Order')}</label>
          <select
            id={`${id}-sort`}
            value={view.sort}
            onChange={(event) => setView('sort', event.target.value)}
          >
            <option value="size">{t('Largest first')}</option>
            <option value="recent">{t('Most recent first')}</option>
          </select>
        </div>
      </section>

      {stories.isError ? (
        <ErrorState
          title={t('Could not load stories')}
          error={stories.error}
          hint={
            <button type="button" className="link-button" onClick={() => setFilters(emptyFilters)}>
              {t('Clear filters')}
            </button>
          }
        />
      ) : !stories.data ? (
        <LoadingState label={t('Loading stories…')} />
      ) : total === 0 ? (
        <EmptyState
          title={
            multi
              ? t('No story is told by two outlets in these dates or outlets')
              : t('No stories in these dates or outlets')
          }
        >
          <p>
            {multi
              ? t('Widen the dates or pick another outlet, or show the stories told by one outlet too.')
              : t('Widen the dates or pick another outlet.')}
          </p>
          <p>
            {multi ? (
              <button type="button" className="link-button" onClick={() => setView('minOutlets', '1')}>
                {t('Show stories told by one outlet too')}
              </button>
            ) : null}{' '}
            <button type="button" className="link-button" onClick={() => setFilters(emptyFilters, viewKeys)}>
              {t('Clear filters')}
            </button>
          </p>
        </EmptyState>
      ) : (
        <section className="card" aria-busy={stories.isFetching} data-testid="stories-card">
          <header className="card-header">
            <h2 data-testid="story-total" data-count={total}>
              {tn('stories', total ?? 0)}
            </h2>
            <span className="muted">
              {multi ? t('told by two outlets or more') : t('told by any number of outlets')}
            </span>
          </header>
          <ol className="story-list">
            {stories.data.items.map((story) => (
              <StoryItem key={story.id} story={story} />
            ))}
          </ol>
          {total !== undefined && total > pageSize ? (
            <nav className="pager" aria-label={t('Pages')}>
              <button
                type="button"
                className="link-button"
                disabled={view.offset === 0}
                onClick={() => setView('offset', String(Math.max(0, view.offset - pageSize)))}
              >
                {t('Previous')}
              </button>
              <span>
                {t('{from}–{to} of {total}', {
                  from: fmt.count(view.offset + 1),
                  to: fmt.count(shownTo),
                  total: fmt.count(total),
                })}
              </span>
              <button
                type="button"
                className="link-button"
                disabled={shownTo >= total}
                onClick={() => setView('offset', String(view.offset + pageSize))}
              >
                {t('Next')}
              </button>
            </nav>
          ) : null}
        </section>
      )}
    </div>
  );
}

function StoryItem({ story }: { story: StorySummary }) {
  const { t, tn, fmt } = useI18n();
  return (
    <li className="story-item" data-testid="story-item" data-story-id={story.id}>
      <Link href={`/stories/${story.id}`} className="story-title" dir="auto">
        {story.title || t('(untitled)')}
      </Link>
      <dl className="story-facts">
        <div>
          <dt>{t('Size')}</dt>
          <dd data-testid="story-size">
            {tn('articles', story.size)}
            {story.uniqueSize !== story.size ? (
              <span className="muted"> · {t('{n} unique', { n: fmt.count(story.uniqueSize) })}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{tn('outlets', story.outletCount)}</dt>
          <dd data-testid="story-outlets">
            {story.outlets.map((outlet, index) => (
              <span key={outlet.id}>
                {index > 0 ? ' · ' : ''}
                <span dir="auto">{outlet.name}</span>
                {outlet.articles > 1 ? <span className="muted"> ({fmt.count(outlet.articles)})</span> : null}
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>{t('First to publish')}</dt>
          <dd data-testid="story-first">
            <span dir="auto">{story.first.outletName}</span>
            <span className="muted">
              {' · '}
              {story.first.precision === null
                ? t('First seen {day}', { day: fmt.dateTime(story.first.at) })
                : fmt.dateAsKnown(story.first.at, story.first.precision)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('Days')}</dt>
          <dd>
            {story.firstDay === story.lastDay
              ? fmt.day(story.firstDay)
              : `${fmt.day(story.firstDay)} – ${fmt.day(story.lastDay)}`}
          </dd>
        </div>
      </dl>
    </li>
  );
}
