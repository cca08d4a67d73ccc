import type { ReactNode } from 'react';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorState({ title, error, hint }: { title: string; error: unknown; hint?: ReactNode }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <p>
        <code>{message}</code>
      </p>
      <p className="state-hint">
        {hint ??
          'Check that the dashboard server is running and RASID_DB points at the database, then reload.'}
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
  return (
    <EmptyState title="No articles yet">
      <p>
        Run <code>npx rasid ingest ../shared/seeds</code> from the repository root (any folder of .txt, .html,
        .json or .jsonl files works), then reload this page.
      </p>
    </EmptyState>
  );
}
