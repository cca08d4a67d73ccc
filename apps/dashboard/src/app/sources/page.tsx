import type { Metadata } from 'next';
import { SourcesView } from '@/components/sources-view';
import { translate } from '@/lib/i18n';
import { getLocale } from '@/server/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translate(await getLocale(), 'Sources') };
}

export default async function SourcesPage() {
  const locale = await getLocale();
  return (
    <>
      <h1 className="page-title">{translate(locale, 'Sources and runs')}</h1>
      <SourcesView />
    </>
  );
}
