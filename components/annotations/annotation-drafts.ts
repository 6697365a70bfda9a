/** What a person has typed for an annotation not yet saved, kept in the browser until the server has it. */
export type AnnotationDraft = { id: string; versionNumber: number; start: number; end: number; quote: string; body: string; tags: string; visibility: 'PRIVATE' | 'WORKSPACE' };

const keyFor = (documentSlug: string) => `marginalia:draft:${documentSlug}`;

/** Returns the unsaved draft for a document, if any. */
export function readDraft(documentSlug: string): AnnotationDraft | null {
  try {
    const stored = window.localStorage.getItem(keyFor(documentSlug));
    return stored ? (JSON.parse(stored) as AnnotationDraft) : null;
  } catch {
    return null;
  }
}

/** Keeps the draft so a reload or a failed request loses nothing. */
export function writeDraft(documentSlug: string, draft: AnnotationDraft): void {
  try {
    window.localStorage.setItem(keyFor(documentSlug), JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private browsing): the draft lives only as long as the page.
  }
}

/** Forgets the draft once the server has stored the annotation. */
export function clearDraft(documentSlug: string): void {
  try {
    window.localStorage.removeItem(keyFor(documentSlug));
  } catch {
    // Nothing to clear.
  }
}
