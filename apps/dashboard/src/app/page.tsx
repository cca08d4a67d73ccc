import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Overview } from '@/components/overview';
import { LoadingState } from '@/components/states';
import { translate } from '@/lib/i18n';
import { getLocale } from '@/server/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translate(await getLocale(), 'Coverage overview') };
}

export default async function OverviewPage() {
  const locale = await getLocale();
  return (
    <>
      <h1 className="page-title">{translate(locale, 'Coverage overview')}</h1>
      {/* The view reads its filters from the URL on the client; Suspense lets the shell render first. */}
      <Suspense fallback={<LoadingState />}>
        <Overview />
      </Suspense>
    </>
  );
}
