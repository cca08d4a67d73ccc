import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ArticleList } from '@/components/article-list';
import { LoadingState } from '@/components/states';

export const metadata: Metadata = { title: 'Articles' };

export default function ArticlesPage() {
  return (
    <>
      <h1 className="page-title">Articles</h1>
      <Suspense fallback={<LoadingState />}>
        <ArticleList />
      </Suspense>
    </>
  );
}
