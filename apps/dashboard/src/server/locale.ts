import { cookies, headers } from 'next/headers';
import { type Locale, localeCookie, readLocale } from '@/lib/i18n';

/**
 * The interface language: the reader's choice (a cookie), else what their browser asks for first
 * among the languages we have, else English.
 */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(localeCookie)?.value;
  if (chosen) return readLocale(chosen);
  const accepted = (await headers()).get('accept-language') ?? '';
  const first = accepted.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return readLocale(first);
}
