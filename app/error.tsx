'use client';

import Link from 'next/link';

export default function AppError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page page--narrow">
      <h1>Something went wrong</h1>
      <p>The page could not be shown because of a problem on our side. Try again in a moment.</p>
      <p className="button-row">
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Back to all documents</Link>
      </p>
    </div>
  );
}
