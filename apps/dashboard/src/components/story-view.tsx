'use client';

import type { CoveragePoint } from '@rasid/db/queries';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { StackedBarChart } from '@/components/charts/stacked-bar-chart';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { ApiError, fetchJson, type StoryResponse } from '@/lib/api';
import { useI18n } from '@/lib/i18n-context';

export function StoryView({ id }: { id: string }) {
  const { t, tn, fmt } = useI18n();
  const url = `/api/stories/${encodeURIComponent(id)}`;
  const story = useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<StoryResponse>(url, signal),
  });

  if (story.isPending) return <LoadingState label={t('Loading the story…')} />;
  if (story.isError) {
    if (story.error instanceof ApiError && (story.error.status === 404 || story.error.status === 400)) {
      return (
        <EmptyState title={t('Story not found')}>
          <p>
            {t(
              'There is no story {id} in this database: stories are renumbered when articles are re-collected.',
              {
                id,
              },
            )}{' '}
            <Link href="/stories">{t('Go back to the stories.')}</Link>
          </p>
        </EmptyState>
      );
    }
    return (
      <ErrorState
        title={t('Could not load the story')}
        error={story.error}
        hint={
          <button type="button" className="link-button" onClick={() => story.refetch()}>
            {t('Try again')}
          </button>
        }
      />
    );
  }

  const data = story.data;
  // The spread as the time chart's points: a column per day, a segment per outlet.
  const points: CoveragePoint[] = data.spread.map((cell) => ({
    key: cell.day,
    label: cell.day,
    stack: String(cell.outletId),
    stackLabel: cell.outletName,
    count: cell.articles,
  }));

  return (
    <div className="stack-lg">
      <Link href="/stories" className="back-link">
        {t('All stories')}
      </Link>
      <h1 className="page-title" dir="auto" data-testid="story-title">
        {data.title || t('(untitled)')}
      </h1>
      <section className="stats" aria-label={t('About this story')}>
        <div className="stat">
          <span className="stat-label">{t('Told by')}</span>
          <span className="stat-value" data-testid="story-outlet-count">
            {tn('outlets', data.outletCount)}
          </span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('Size')}</span>
          <span className="stat-value">{tn('articles', data.size)}</span>
          <span className="stat-note">{t('{n} unique', { n: fmt.count(data.uniqueSize) })}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('First to publish')}</span>
          <span className="stat-value stat-value-small" dir="auto">
            {data.first.outletName}
          </span>
          <span className="stat-note">
            {data.first.precision === null
              ? t('First seen {day}', { day: fmt.dateTime(data.first.at) })
              : fmt.dateAsKnown(data.first.at, data.first.precision)}
          </span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('Days')}</span>
          <span className="stat-value stat-value-small">
            {data.firstDay === data.lastDay
              ? fmt.day(data.firstDay)
              : `${fmt.day(data.firstDay)} – ${fmt.day(data.lastDay)}`}
          </span>
        </div>
      </section>

      <section className="card" data-testid="story-spread">
        <header className="card-header">
          <h2>{t('Spread per day and outlet')}</h2>
        </header>
        <StackedBarChart
          points={points}
          bucket="day"
          stackName="outlet"
          height={200}
          hrefFor={(day, stack) =>
            `/articles?${new URLSearchParams({ day, bucket: 'day', ...(stack ? { outletId: stack } : {}) })}`
          }
        />
      </section>

      <section className="card">
        <header className="card-header">
          <h2>{t('Articles in the order they were published')}</h2>
        </header>
        <div className="table-scroll">
          <table className="story-articles">
            <thead>
              <tr>
                <th scope="col">{t('Published')}</th>
                <th scope="col">{t('Outlet')}</th>
                <th scope="col">{t('Title')}</th>
              </tr>
            </thead>
            <tbody>
              {data.articles.map((article) => (
                <tr key={article.id} data-testid="story-article" data-article-id={article.id}>
                  <td className="nowrap">
                    {article.publishedAt ? (
                      fmt.dateAsKnown(article.publishedAt, article.datePrecision)
                    ) : (
                      <span className="muted">
                        {t('First seen {day}', { day: fmt.dateTime(article.firstSeenAt) })}
                      </span>
                    )}
                  </td>
                  <td dir="auto">{article.outletName}</td>
                  <td>
                    <Link href={`/articles/${article.id}`} dir="auto">
                      {article.title || t('(untitled)')}
                    </Link>
                    {article.kind === 'duplicate' ? (
                      <span className="tag tag-copy">{t('copy of another member')}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
