import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/500.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/500.css';
import '@fontsource/noto-sans-arabic/700.css';
import './globals.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { directionOf, translate } from '@/lib/i18n';
import { getLocale } from '@/server/locale';
import { Providers } from './providers';

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getLocale();
  return {
    title: { default: 'Rasid · راصد', template: `%s · ${translate(locale, 'Rasid')}` },
    description: translate(
      locale,
      'Media monitoring: how much each outlet writes, on which topics, over time.',
    ),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The interface follows the reader's language (a cookie; see lib/i18n.ts), set here on the server so the
  // first paint already has the right direction. Articles and names carry their own direction (dir="auto"
  // or the article's own), so Arabic content reads right-to-left inside an English page and vice versa.
  const locale = await getLocale();
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body>
        <Providers locale={locale}>
          <SiteHeader />
          <main className="page">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
