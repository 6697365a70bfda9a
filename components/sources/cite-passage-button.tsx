'use client';

import { useRouter } from 'next/navigation';

/** `Cite a passage`: opens the source's document in the reader, where the person selects the passage to cite for the note. */
export function CitePassageButton({ sourceDocumentSlug, footnoteSourceId }: { sourceDocumentSlug: string; footnoteSourceId: string }) {
  const router = useRouter();
  const href = `/documents/${sourceDocumentSlug}?cite=${footnoteSourceId}`;
  return (
    <button type="button" className="button button--small" onClick={() => router.push(href)}>
      Cite a passage
    </button>
  );
}
