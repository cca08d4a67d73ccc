import type { Metadata } from 'next';
import { ArticleView } from '@/components/article-view';

export const metadata: Metadata = { title: 'Article' };

export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ArticleView id={id} />;
}
