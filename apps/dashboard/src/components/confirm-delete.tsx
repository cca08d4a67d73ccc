'use client';

import { useState } from 'react';
import { useI18n } from '@/lib/i18n-context';

/**
 * A Delete button that asks once more before `onConfirm`; the second button names what goes with the
 * item (`confirmLabel`, already translated), so nothing is deleted by one stray click.
 */
export function ConfirmDelete({
  confirmLabel,
  pending,
  onConfirm,
  error = null,
}: {
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  /** Why the last delete failed, shown under the buttons. */
  error?: Error | null;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      {confirming ? (
        <>
          <button type="button" className="link-button danger" disabled={pending} onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button type="button" className="link-button" onClick={() => setConfirming(false)}>
            {t('Keep')}
          </button>
        </>
      ) : (
        <button type="button" className="link-button" onClick={() => setConfirming(true)}>
          {t('Delete')}
        </button>
      )}
      {error ? (
        <p className="admin-error" role="alert">
          <code dir="ltr">{error.message}</code>
        </p>
      ) : null}
    </>
  );
}
