'use client';

import { ErrorState } from '@/components/states';
import { useI18n } from '@/lib/i18n-context';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const { t } = useI18n();
  return (
    <ErrorState
      title={t('Something went wrong on this page')}
      error={error}
      hint={
        <button type="button" className="link-button" onClick={reset}>
          {t('Try again')}
        </button>
      }
    />
  );
}
