'use client';

import { ErrorState } from '@/components/states';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <ErrorState
      title="Something went wrong on this page"
      error={error}
      hint={
        <button type="button" className="link-button" onClick={reset}>
          Try again
        </button>
      }
    />
  );
}
