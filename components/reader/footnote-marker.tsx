'use client';

import { useReader } from './reader-state';

/** A footnote's number in the text: a button that opens or closes the note's panel after the paragraph. */
export function FootnoteMarker({ number }: { number: number }) {
  const { openNotes, toggleNote } = useReader();
  const isOpen = openNotes.has(number);
  return (
    <sup className="footnote-marker">
      <button
        type="button"
        id={`fn-ref-${number}`}
        className="footnote-marker__button"
        aria-label={`Footnote ${number}`}
        aria-expanded={isOpen}
        aria-controls={isOpen ? `fn-${number}` : undefined}
        onClick={() => toggleNote(number)}
      >
        {number}
      </button>
    </sup>
  );
}
