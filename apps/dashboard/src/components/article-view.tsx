'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { ApiError, type ArticleResponse, fetchJson } from '@/lib/api';
import {
  describeArticleDate,
  describeDateSource,
  formatDateTime,
  formatDay,
  formatLanguage,
} from '@/lib/format';

/** Paragraphs as the parser separated them (a blank line), each kept as plain text. */
function splitParagraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

export function ArticleView({ id }: { id: string }) {
  const url = `/api/articles/${encodeURIComponent(id)}`;
  const article = useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<ArticleResponse>(url, signal),
  });

  if (article.isPending) return <LoadingState label="Loading the article…" />;
  if (article.isError) {
    if (article.error instanceof ApiError && (article.error.status === 404 || article.error.status === 400)) {
      return (
        <EmptyState title="Article not found">
          <p>
            There is no article {id} in this database (it may come from another database). Go back to the{' '}
            <Link href="/articles">article list</Link>.
          </p>
        </EmptyState>
      );
    }
    return <ErrorState title="Could not load the article" error={article.error} />;
  }

  const data = article.data;
  const date = describeArticleDate(data);
  const language = data.language ?? undefined;
  const paragraphs = splitParagraphs(data.body);

  return (
    <div className="article-layout">
      <article className="article-body" dir={data.direction} lang={language} data-testid="article-body">
        <h1 className="article-title">{data.title || '(untitled)'}</h1>
        {data.byline ? <p className="byline">{data.byline}</p> : null}
        {/* Text nodes only: the body is untrusted input and must never be parsed as HTML. */}
        {paragraphs.length > 0 ? (
          paragraphs.map((paragraph, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are static text; equal paragraphs can repeat.
            <p key={index}>{paragraph}</p>
          ))
        ) : (
          <p className="muted">The parser kept no body text for this article.</p>
        )}
      </article>

      <aside className="article-meta-panel" aria-label="About this article">
        <Link href="/articles" className="back-link">
          ← All articles
        </Link>
        <dl>
          <dt>Outlet</dt>
          <dd>
            <Link href={`/articles?outlet=${data.outlet.id}`} dir="auto">
              {data.outlet.name}
            </Link>
            {data.outlet.domain ? <span className="muted"> · {data.outlet.domain}</span> : null}
          </dd>

          <dt>{date.undated ? 'Date' : 'Published'}</dt>
          <dd data-testid="article-date">
            {date.undated ? (
              <>
                Date unknown — first seen {formatDay(data.day)}
                <span className="muted"> (no date in the article; charts count it on that day)</span>
              </>
            ) : (
              <>
                {data.publishedAt ? formatDateTime(data.publishedAt) : formatDay(data.day)}
                {data.datePrecision && data.datePrecision !== 'second' && data.datePrecision !== 'minute' ? (
                  <span className="muted"> (known to the {data.datePrecision})</span>
                ) : null}
              </>
            )}
          </dd>

          <dt>Date source</dt>
          <dd>{data.dateSource === 'none' ? 'none found' : describeDateSource(data.dateSource)}</dd>

          <dt>First seen</dt>
          <dd>{formatDateTime(data.firstSeenAt)}</dd>

          <dt>Language</dt>
          <dd>
            {formatLanguage(data.language)} · {data.direction === 'rtl' ? 'right to left' : 'left to right'}
          </dd>

          <dt>Section{data.sections.length === 1 ? '' : 's'}</dt>
          <dd dir="auto">
            {data.sections.length > 0 ? (
              data.sections.join(' · ')
            ) : (
              <span className="muted">none written</span>
            )}
          </dd>

          <dt>Topics</dt>
          <dd>
            {data.topics.length > 0 ? (
              <ul className="tags">
                {data.topics.map((topic) => (
                  <li key={topic.slug} className={`tag tag-${topic.kind}`} dir="auto">
                    <Link href={`/articles?topic=${encodeURIComponent(topic.slug)}`}>{topic.name}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">none found</span>
            )}
          </dd>

          <dt>Original</dt>
          <dd>
            {data.url ? (
              <a href={data.url} rel="noopener noreferrer nofollow" target="_blank" className="break">
                {data.url}
              </a>
            ) : (
              <span className="muted">no URL (collected from a file)</span>
            )}
          </dd>

          {data.rawDocuments.length > 0 ? (
            <>
              <dt>Collected from</dt>
              <dd>
                <ul className="plain-list">
                  {data.rawDocuments.map((raw) => (
                    <li key={raw.id} className="break">
                      <code>{raw.location}</code>
                      <span className="muted">
                        {' '}
                        · {raw.format} · {formatDateTime(raw.fetchedAt)}
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
