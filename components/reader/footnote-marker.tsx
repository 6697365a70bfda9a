'use client';

import { useOpenNotes, useReader } from './reader-state';

/** A footnote's number in the text: a button that opens or closes the note's panel after the paragraph. */
export function FootnoteMarker({ number, start, end }: { number: number; start: number; end: number }) {
  const { toggleNote } = useReader();
  const { openNotes } = useOpenNotes();
  const isOpen = openNotes.has(number);
  return (
    // data-start/data-end let a selection that begins or ends on a marker map back to the text's offsets.
    <sup className="footnote-marker" data-start={start} data-end={end}>
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
