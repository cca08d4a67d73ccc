import { Suspense } from 'react';
import { Overview } from '@/components/overview';
import { LoadingState } from '@/components/states';

export default function OverviewPage() {
  return (
    <>
      <h1 className="page-title">Coverage overview</h1>
      {/* The view reads its filters from the URL on the client; Suspense lets the shell prerender. */}
      <Suspense fallback={<LoadingState />}>
        <Overview />
      </Suspense>
    </>
  );
}
