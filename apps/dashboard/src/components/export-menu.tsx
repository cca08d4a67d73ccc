'use client';

import { useEffect, useRef } from 'react';
import type { ExportFormat } from '@/lib/export-format';
import type { MessageKey } from '@/lib/i18n';
import { useI18n } from '@/lib/i18n-context';

const formats: { format: ExportFormat; label: string; note: MessageKey }[] = [
  { format: 'csv', label: 'CSV', note: 'Excel, Sheets, R, pandas' },
  { format: 'json', label: 'JSON', note: 'one array' },
  { format: 'jsonl', label: 'JSON Lines', note: 'one article per line' },
];

/**
 * Download every article the page's filters select (no row cap; the server streams the file). `params`
 * are the page's URL filters, plus the list's drill-down on the articles page.
 */
export function ExportMenu({ params, total }: { params: URLSearchParams; total: number | undefined }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const { t, tn } = useI18n();
  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      const element = menu.current;
      if (element?.open && event.target instanceof Node && !element.contains(event.target))
        element.open = false;
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, []);
  const hrefFor = (format: ExportFormat) => {
    const query = new URLSearchParams(params);
    query.set('format', format);
    return `/api/export?${query}`;
  };
  return (
    <details className="export-menu" ref={menu} data-testid="export-menu">
      <summary className="button-secondary">{t('Export')}</summary>
      <div className="export-menu-panel">
        <p className="muted">
          {total === undefined
            ? t('All matching articles, with their full text.')
            : t('All {articles} that match, with their full text.', { articles: tn('articles', total) })}
        </p>
        <ul>
          {formats.map(({ format, label, note }) => (
            <li key={format}>
              <a href={hrefFor(format)} download data-testid={`export-${format}`}>
                {label}
              </a>{' '}
              <span className="muted">{t(note)}</span>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
