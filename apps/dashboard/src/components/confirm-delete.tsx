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
}: {
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" className="link-button" onClick={() => setConfirming(true)}>
        {t('Delete')}
      </button>
    );
  return (
    <>
      <button type="button" className="link-button danger" disabled={pending} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" className="link-button" onClick={() => setConfirming(false)}>
        {t('Keep')}
      </button>
    </>
  );
}
