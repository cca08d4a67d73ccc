'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const links = [
  { href: '/', label: 'Overview' },
  { href: '/articles', label: 'Articles' },
  { href: '/sources', label: 'Sources' },
] as const;

export function SiteHeader() {
  const pathname = usePathname();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          ر
        </span>
        <span className="brand-name">Rasid</span>
        <span className="brand-name-ar" lang="ar" dir="rtl">
          راصد
        </span>
      </Link>
      <nav aria-label="Main">
        {links.map((link) => {
          const active = link.href === '/' ? pathname === '/' : pathname.startsWith(link.href);
          return (
            <Link key={link.href} href={link.href} aria-current={active ? 'page' : undefined}>
              {link.label}
            </Link>
          );
        })}
      </nav>
    </header>
  );
}
