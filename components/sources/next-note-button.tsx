'use client';

import { useRouter } from 'next/navigation';

/** `Next note to trace`: opens the reader at the first untraced note assigned to the viewer or to nobody. */
export function NextNoteButton({ documentSlug, footnoteNumber }: { documentSlug: string; footnoteNumber: number | null }) {
  const router = useRouter();
  if (footnoteNumber === null) {
    return (
      <button type="button" className="button" disabled>
        Next note to trace
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        aria-describedby="next-note-hint"
        // The reader opens the note from its address (#fn-N), as it does for a shared link.
        onClick={() => router.push(`/documents/${encodeURIComponent(documentSlug)}#fn-${footnoteNumber}`)}
      >
        Next note to trace
      </button>
      <span id="next-note-hint" className="desk-next-hint">
        Next up: note {footnoteNumber}
      </span>
    </>
  );
}
