'use client';

import Link from 'next/link';

export default function ReaderError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page page--narrow">
      <h1>This document could not be opened</h1>
      <p>Something went wrong on our side while loading it. Your notes are safe. Try again in a moment.</p>
      <p className="button-row">
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Back to all documents</Link>
      </p>
    </div>
  );
}
