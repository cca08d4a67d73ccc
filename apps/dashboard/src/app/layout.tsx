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
import { Providers } from './providers';

export const metadata: Metadata = {
  title: { default: 'Rasid · راصد', template: '%s · Rasid' },
  description: 'Media monitoring: how much each outlet writes, on which topics, over time.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  // The interface is English and left-to-right; articles and names carry their own direction (dir="auto"
  // or the article's own), so Arabic content renders right-to-left inside it.
  return (
    <html lang="en" dir="ltr">
      <body>
        <Providers>
          <SiteHeader />
          <main className="page">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
