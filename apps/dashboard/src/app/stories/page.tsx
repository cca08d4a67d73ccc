import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoadingState } from '@/components/states';
import { StoriesView } from '@/components/stories-view';
import { translate } from '@/lib/i18n';
import { getLocale } from '@/server/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translate(await getLocale(), 'Stories') };
}

export default async function StoriesPage() {
  const locale = await getLocale();
  return (
    <>
      <h1 className="page-title">{translate(locale, 'Stories')}</h1>
      <p className="page-lead">
        {translate(
          locale,
          'Articles from different outlets about the same event, grouped as they are collected.',
        )}
      </p>
      <Suspense fallback={<LoadingState />}>
        <StoriesView />
      </Suspense>
    </>
  );
}
