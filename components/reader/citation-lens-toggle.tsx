'use client';

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

/** Explains the lens's two marks while it is on. */
export function CitationLensLegend() {
  const { isLensOn } = useReader();
  if (!isLensOn) return null;
  return (
    <p className="lens-legend" role="status">
      <span className="lens-legend__item lens-legend__item--needed">Figures, dates or quantities with no citation</span>
      <span className="lens-legend__item lens-legend__item--unverified">Cited, but no source yet supports it</span>
    </p>
  );
}
