import type { Metadata } from 'next';
import { WatchTopicsView } from '@/components/watch-topics-view';
import { translate } from '@/lib/i18n';
import { getLocale } from '@/server/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translate(await getLocale(), 'Watch topics') };
}

export default async function WatchTopicsPage() {
  const locale = await getLocale();
  return (
    <>
      <h1 className="page-title">{translate(locale, 'Watch topics')}</h1>
      <WatchTopicsView />
    </>
  );
}
