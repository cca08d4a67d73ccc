import type { Metadata } from 'next';
import { ArticleView } from '@/components/article-view';
import { translate } from '@/lib/i18n';
import { getLocale } from '@/server/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translate(await getLocale(), 'Article') };
}

export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ArticleView id={id} />;
}
