import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ArticleList } from '@/components/article-list';
import { LoadingState } from '@/components/states';
import { translate } from '@/lib/i18n';
import { getLocale } from '@/server/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translate(await getLocale(), 'Articles') };
}

export default async function ArticlesPage() {
  const locale = await getLocale();
  return (
    <>
      <h1 className="page-title">{translate(locale, 'Articles')}</h1>
      <Suspense fallback={<LoadingState />}>
        <ArticleList />
      </Suspense>
    </>
  );
}
