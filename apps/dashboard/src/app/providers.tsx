'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import type { Locale } from '@/lib/i18n';
import { I18nProvider } from '@/lib/i18n-context';

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  // One client per browser tab (created in state, not at module level, so server renders never share it).
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 30_000,
            refetchOnWindowFocus: false,
            // A 4xx is a bad link or a missing article: asking again will not help.
            retry: (failures, error) =>
              failures < 2 &&
              !(error && 'status' in error && Number(error.status) >= 400 && Number(error.status) < 500),
          },
        },
      }),
  );
  // Pages render their first data on the server, so what is on screen can come before its handlers: this
  // marks when the page answers clicks (end-to-end tests wait for it).
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider initialLocale={locale}>{children}</I18nProvider>
    </QueryClientProvider>
  );
}
