'use client';

import type { ReactNode } from 'react';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n-context';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('Loading…')}
    </div>
  );
}

export function ErrorState({ title, error, hint }: { title: string; error: unknown; hint?: ReactNode }) {
  const { t } = useI18n();
  const message = error instanceof Error ? error.message : String(error);
  // A 400 is the link's or the search's fault, not the server's: say so, rather than blame the set-up.
  const refused = error instanceof ApiError && error.status === 400;
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <p>
        {/* The server's own words (English), as the logs have them: what to search for or report. */}
        <code dir="ltr">{message}</code>
      </p>
      <p className="state-hint">
        {hint ??
          (refused
            ? t('The server refused this request: correct the parameter named above, or clear the filters.')
            : t(
                'Check that the dashboard server is running and RASID_DB points at the database, then reload.',
              ))}
      </p>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children ? <div className="state-hint">{children}</div> : null}
    </div>
  );
}

/** What to say when the database itself holds nothing: the next step is to ingest something. */
export function EmptyDatabase() {
  const { t } = useI18n();
  return (
    <EmptyState title={t('No articles yet')}>
      <p>
        {t(
          'Ingest a folder of .txt, .html, .json or .jsonl files by running this from the repository root, then reload this page:',
        )}
      </p>
      <p>
        <code dir="ltr">npx rasid ingest ../shared/seeds</code>
      </p>
    </EmptyState>
  );
}
