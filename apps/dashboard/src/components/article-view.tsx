'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { ApiError, type ArticleResponse, fetchJson } from '@/lib/api';
import { useI18n } from '@/lib/i18n-context';
import { useTopicName } from '@/lib/queries';

/** Paragraphs as the parser separated them (a blank line), each kept as plain text. */
function splitParagraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

export function ArticleView({ id }: { id: string }) {
  const { t, tn, fmt } = useI18n();
  const topicName = useTopicName();
  const url = `/api/articles/${encodeURIComponent(id)}`;
  const article = useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<ArticleResponse>(url, signal),
  });

  if (article.isPending) return <LoadingState label={t('Loading the article…')} />;
  if (article.isError) {
    if (article.error instanceof ApiError && (article.error.status === 404 || article.error.status === 400)) {
      return (
        <EmptyState title={t('Article not found')}>
          <p>
            {t('There is no article {id} in this database (it may come from another database).', { id })}{' '}
            <Link href="/articles">{t('Go back to the article list.')}</Link>
          </p>
        </EmptyState>
      );
    }
    return (
      <ErrorState
        title={t('Could not load the article')}
        error={article.error}
        hint={
          <button type="button" className="link-button" onClick={() => article.refetch()}>
            {t('Try again')}
          </button>
        }
      />
    );
  }

  const data = article.data;
  const date = fmt.articleDate(data);
  const language = data.language ?? undefined;
  const paragraphs = splitParagraphs(data.body);

  return (
    <div className="article-layout">
      <article className="article-body" dir={data.direction} lang={language} data-testid="article-body">
        <h1 className="article-title">{data.title || t('(untitled)')}</h1>
        {data.byline ? <p className="byline">{data.byline}</p> : null}
        {/* Text nodes only: the body is untrusted input and must never be parsed as HTML. */}
        {paragraphs.length > 0 ? (
          paragraphs.map((paragraph, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are static text; equal paragraphs can repeat.
            <p key={index}>{paragraph}</p>
          ))
        ) : (
          <p className="muted">{t('The parser kept no body text for this article.')}</p>
        )}
      </article>

      <aside className="article-meta-panel" aria-label={t('About this article')}>
        <Link href="/articles" className="back-link">
          {t('All articles')}
        </Link>
        <dl>
          <dt>{t('Outlet')}</dt>
          <dd>
            <Link href={`/articles?outlet=${data.outlet.id}`} dir="auto">
              {data.outlet.name}
            </Link>
            {data.outlet.domain ? <span className="muted"> · {data.outlet.domain}</span> : null}
          </dd>

          <dt>{date.undated ? t('Date') : t('Published')}</dt>
          <dd data-testid="article-date">
            {date.undated ? (
              <>
                {t('Date unknown — first seen {day}', { day: fmt.day(data.day) })}
                <span className="muted"> ({t('no date in the article; charts count it on that day')})</span>
              </>
            ) : (
              <>
                {data.publishedAt ? fmt.dateAsKnown(data.publishedAt, data.datePrecision) : fmt.day(data.day)}
                {data.datePrecision && data.datePrecision !== 'second' && data.datePrecision !== 'minute' ? (
                  <span className="muted">
                    {' '}
                    ({t('known to the {precision}', { precision: data.datePrecision })})
                  </span>
                ) : null}
              </>
            )}
          </dd>

          <dt>{t('Date source')}</dt>
          <dd>{data.dateSource === 'none' ? t('none found') : fmt.dateSource(data.dateSource)}</dd>

          <dt>{t('First seen')}</dt>
          <dd>{fmt.dateTime(data.firstSeenAt)}</dd>

          <dt>{t('Language')}</dt>
          <dd>
            {fmt.language(data.language)} ·{' '}
            {data.direction === 'rtl' ? t('right to left') : t('left to right')}
          </dd>

          <dt>{data.sections.length === 1 ? t('Section') : t('Sections')}</dt>
          <dd dir="auto">
            {data.sections.length > 0 ? (
              data.sections.join(' · ')
            ) : (
              <span className="muted">{t('none written')}</span>
            )}
          </dd>

          <dt>{t('Topics')}</dt>
          <dd>
            {data.topics.length > 0 ? (
              <ul className="tags">
                {data.topics.map((topic) => (
                  <li key={topic.slug} className={`tag tag-${topic.kind}`} dir="auto">
                    <Link href={`/articles?topic=${encodeURIComponent(topic.slug)}`}>
                      {topicName(topic.slug, topic.name)}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">{t('none found')}</span>
            )}
          </dd>

          {data.story && data.story.size > 1 ? (
            <>
              <dt>{t('Story')}</dt>
              <dd>
                <Link href={`/stories/${data.story.id}`} data-testid="article-story">
                  {data.story.outletCount > 1
                    ? t('Told by {outlets}', { outlets: tn('outlets', data.story.outletCount) })
                    : t('{articles} by this outlet', { articles: tn('articles', data.story.size) })}
                </Link>
              </dd>
            </>
          ) : null}

          <dt>{t('Original')}</dt>
          <dd>
            {data.url ? (
              <a href={data.url} rel="noopener noreferrer nofollow" target="_blank" className="break">
                {data.url}
              </a>
            ) : (
              <span className="muted">{t('no URL (collected from a file)')}</span>
            )}
          </dd>

          {data.rawDocuments.length > 0 ? (
            <>
              <dt>{t('Collected from')}</dt>
              <dd>
                <ul className="plain-list">
                  {data.rawDocuments.map((raw) => (
                    <li key={raw.id} className="break">
                      <code>{raw.location}</code>
                      <span className="muted">
                        {' '}
                        · {raw.format} · {fmt.dateTime(raw.fetchedAt)}
                      </span>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </aside>
    </div>
  );
}
