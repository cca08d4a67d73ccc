'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useI18n } from '@/lib/i18n-context';

const links = [
  { href: '/', label: 'Overview' },
  { href: '/articles', label: 'Articles' },
  { href: '/stories', label: 'Stories' },
  { href: '/sources', label: 'Sources' },
  { href: '/watch-topics', label: 'Watch topics' },
  { href: '/alerts', label: 'Alerts' },
] as const;

export function SiteHeader() {
  const pathname = usePathname();
  const { t, locale, setLocale } = useI18n();
  const other = locale === 'ar' ? 'en' : 'ar';
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          ر
        </span>
        <span className="brand-name" lang="en" dir="ltr">
          Rasid
        </span>
        <span className="brand-name-ar" lang="ar" dir="rtl">
          راصد
        </span>
      </Link>
      <nav aria-label={t('Main')}>
        {links.map((link) => {
          const active = link.href === '/' ? pathname === '/' : pathname.startsWith(link.href);
          return (
            <Link key={link.href} href={link.href} aria-current={active ? 'page' : undefined}>
              {t(link.label)}
            </Link>
          );
        })}
      </nav>
      {/* Each language named in itself, so a reader who cannot read the current one still finds theirs. */}
      <button
        type="button"
        className="language-switch"
        lang={other}
        onClick={() => setLocale(other)}
        data-testid="language-switch"
        title={t('Interface language')}
      >
        {other === 'ar' ? 'العربية' : 'English'}
      </button>
    </header>
  );
}
