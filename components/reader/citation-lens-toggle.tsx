'use client';

import type { ReactNode } from 'react';
import { useReader } from './reader-state';

/** Turns on marks for sentences that state figures without a citation, and for claims whose notes no source supports yet. */
export function CitationLensToggle() {
  const { isLensOn, setLensOn } = useReader();
  return (
    <button type="button" className="button button--small lens-toggle" aria-pressed={isLensOn} onClick={() => setLensOn(!isLensOn)}>
      Citation lens
    </button>
  );
}

/** Shows the lens's legend (rendered on the server, so its words cost the reader's scripts nothing) while the lens is on. */
export function CitationLensLegend({ children }: { children: ReactNode }) {
  const { isLensOn } = useReader();
  if (!isLensOn) return null;
  return (
    <p className="lens-legend" role="status">
      {children}
    </p>
  );
}
