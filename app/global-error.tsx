'use client';

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main style={{ maxWidth: '36rem', margin: '4rem auto', padding: '0 1rem', fontFamily: 'Georgia, serif' }}>
          <h1>Marginalia is temporarily unavailable</h1>
          <p>The page could not be shown just now (for example while the database restarts). Nothing you saved is lost; try again in a moment.</p>
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
