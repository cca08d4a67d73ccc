'use client';

import { useRouter } from 'next/navigation';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { createFormat, type Format } from './format';
import {
  directionOf,
  type Locale,
  localeCookie,
  type MessageKey,
  type PluralKey,
  translate,
  translatePlural,
} from './i18n';

type I18n = {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A counted phrase ("3 articles", "٣ مقالات") with the locale's plural form and digits. */
  tn: (key: PluralKey, count: number) => string;
  fmt: Format;
  setLocale: (next: Locale) => void;
};

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const router = useRouter();
  const [locale, setLocaleState] = useState(initialLocale);
  const setLocale = useCallback(
    (next: Locale) => {
      // A year-long cookie: the choice is the reader's, not the view's (see lib/i18n.ts).
      // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and Safari.
      document.cookie = `${localeCookie}=${next}; path=/; max-age=31536000; samesite=lax`;
      document.documentElement.lang = next;
      document.documentElement.dir = directionOf(next);
      setLocaleState(next);
      // Server-rendered parts (page titles, <html lang dir>) follow from the cookie.
      router.refresh();
    },
    [router],
  );
  const value = useMemo<I18n>(() => {
    const fmt = createFormat(locale);
    return {
      locale,
      dir: directionOf(locale),
      t: (key, vars) => translate(locale, key, vars),
      tn: (key, count) => translatePlural(locale, key, count, fmt.count(count)),
      fmt,
      setLocale,
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an <I18nProvider> above it');
  return value;
}
