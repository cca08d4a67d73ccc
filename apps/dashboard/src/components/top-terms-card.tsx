'use client';

import type { TopTerms } from '@rasid/db/queries';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Card } from '@/components/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { fetchJson } from '@/lib/api';
import { type Filters, toSearchParams } from '@/lib/filters';
import { useI18n } from '@/lib/i18n-context';
import { useNearViewport } from '@/lib/use-near-viewport';

const LIMIT = 24;

/**
 * The words most of the selected articles use, as the articles write them (`إسرائيل`, not the folded
 * `اسراييل` that is counted); each opens the article list of these filters searched for it.
 */
export function TopTermsCard({ filters, enabled = true }: { filters: Filters; enabled?: boolean }) {
  const { t, fmt } = useI18n();
  // Asked for once the card is near the viewport: it is below the fold and its answer is the costliest.
  const [cardRef, near] = useNearViewport<HTMLDivElement>();
  const params = toSearchParams(filters);
  params.set('limit', String(LIMIT));
  const url = `/api/terms?${params}`;
  const terms = useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<TopTerms>(url, signal),
    enabled: enabled && near,
    placeholderData: (previous) => previous,
  });
  const hrefFor = (spelling: string): string => {
    const next = toSearchParams(filters);
    next.set('q', filters.q ? `${filters.q} "${spelling}"` : `"${spelling}"`);
    return `/articles?${next}`;
  };
  const most = terms.data?.terms[0]?.documents ?? 1;
  return (
    <div ref={cardRef}>
      <Card title={t('Top terms')} busy={terms.isFetching} testId="terms-card">
        {terms.isError ? (
          <ErrorState title={t('Could not load the top terms')} error={terms.error} />
        ) : !terms.data ? (
          <LoadingState />
        ) : terms.data.terms.length === 0 ? (
          <EmptyState title={t('No term is used by two of these articles')} />
        ) : (
          <>
            <ol className="term-list">
              {terms.data.terms.map((term) => (
                <li
                  key={term.term}
                  data-testid="term"
                  data-label={term.label}
                  data-documents={term.documents}
                >
                  <Link href={hrefFor(term.spelling)} prefetch={false} dir="auto">
                    <span className="term-word">{term.spelling}</span>
                    <span className="term-count">{fmt.count(term.documents)}</span>
                    <span
                      className="term-bar"
                      aria-hidden="true"
                      style={{ inlineSize: `${Math.max(4, (100 * term.documents) / most)}%` }}
                    />
                  </Link>
                </li>
              ))}
            </ol>
            <p className="card-note">
              {t('Articles using each word, among the newest {sampled} of {total} selected.', {
                sampled: fmt.count(terms.data.sampled),
                total: fmt.count(terms.data.total),
              })}
            </p>
          </>
        )}
      </Card>
    </div>
  );
}
