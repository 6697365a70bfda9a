'use client';

import Link from 'next/link';

export default function ReaderError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page page--narrow">
      <h1>This document is temporarily unavailable</h1>
      <p>Marginalia could not load it just now (for example while its database restarts). Your notes are safe; try again in a moment.</p>
      <p className="button-row">
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Back to all documents</Link>
      </p>
    </div>
  );
}
