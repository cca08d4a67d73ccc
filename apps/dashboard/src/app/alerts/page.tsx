import type { Metadata } from 'next';
import { AlertsView } from '@/components/alerts-view';
import { translate } from '@/lib/i18n';
import { getLocale } from '@/server/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translate(await getLocale(), 'Alerts') };
}

export default async function AlertsPage() {
  const locale = await getLocale();
  return (
    <>
      <h1 className="page-title">{translate(locale, 'Alerts')}</h1>
      <AlertsView />
    </>
  );
}
