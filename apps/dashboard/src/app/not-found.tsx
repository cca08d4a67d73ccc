import Link from 'next/link';
import { translate } from '@/lib/i18n';
import { getLocale } from '@/server/locale';

export default async function NotFound() {
  const locale = await getLocale();
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <div className="state state-empty">
      <strong>{t('Page not found')}</strong>
      <p className="state-hint">
        {t('The link may be old. Go to the')} <Link href="/">{t('overview')}</Link> {t('or the')}{' '}
        <Link href="/articles">{t('article list')}</Link>.
      </p>
    </div>
  );
}
