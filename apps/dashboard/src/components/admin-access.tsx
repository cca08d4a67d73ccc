'use client';

import { useState } from 'react';
import { readAdminToken, saveAdminToken, useAdmin } from '@/lib/admin-client';
import { useI18n } from '@/lib/i18n-context';

/**
 * Above a page's forms: nothing when changes are open (loopback, no token), the token field when the
 * dashboard needs one, and why changes are off when it listens beyond loopback without a token.
 */
export function AdminAccess() {
  const { t } = useI18n();
  const admin = useAdmin();
  const [token, setToken] = useState(readAdminToken);
  const [saved, setSaved] = useState(false);
  if (!admin.data || admin.data.mode === 'open') return null;
  if (admin.data.mode === 'locked')
    return (
      <div className="admin-note" role="note" data-testid="admin-locked">
        <strong>{t('Changes are turned off')}</strong>
        <p>
          <code dir="ltr">{admin.data.message}</code>
        </p>
      </div>
    );
  return (
    <form
      className="admin-note admin-token"
      data-testid="admin-token"
      onSubmit={(event) => {
        event.preventDefault();
        saveAdminToken(token.trim());
        setSaved(true);
      }}
    >
      <label htmlFor="admin-token-input">{t('Admin token (RASID_ADMIN_TOKEN), kept in this tab only')}</label>
      <div className="search-row">
        <input
          id="admin-token-input"
          type="password"
          autoComplete="off"
          dir="ltr"
          value={token}
          onChange={(event) => {
            setToken(event.target.value);
            setSaved(false);
          }}
        />
        <button type="submit">{t('Use this token')}</button>
      </div>
      {saved ? <p className="muted">{t('Saved for this tab.')}</p> : null}
    </form>
  );
}
