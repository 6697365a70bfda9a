import 'server-only';
import { randomUUID } from 'node:crypto';
import { documentRightsOf } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';
import { requireWritableDocument, sectionAt, selectorsOfSelection } from '@/lib/dal/annotations/context';
import { insertAnnotations, onPool } from '@/lib/dal/annotations/insert';
import { AppError } from '@/lib/errors';

/**
 * Stores the passage [start, end) of the current version of document `documentSlug` as a shared annotation with
 * motivation ASSESSING: a passage cited as evidence for a note elsewhere, which the caller links to that note. It
 * needs the commenter role in the document's workspace, as any shared annotation does, and is re-anchored with it.
 */
export async function createCitedPassage(viewer: Viewer, documentSlug: string, input: { versionNumber: number; start: number; end: number; body: string }): Promise<{ id: string; documentId: string; quote: string }> {
  const id = randomUUID();
  const document = await requireWritableDocument(viewer, documentSlug, id);
  if (!documentRightsOf(viewer, document).canShare) throw new AppError('FORBIDDEN', 'Only members who can comment on the source document may cite a passage of it.');
  if (input.versionNumber !== document.version.number) throw new AppError('CONFLICT', 'The source document has changed since you opened it. Reload it and select the passage again.');
  const selectors = selectorsOfSelection(document, input.start, input.end);
  if (selectors.quote.exact.trim() === '') throw new AppError('INVALID_INPUT', 'Select at least one word of the source document.', { fieldErrors: { selection: ['Select at least one word.'] } });
  await insertAnnotations(onPool, { documentId: document.id, versionId: document.version.id, workspaceId: document.workspaceId, authorId: viewer.id }, [
    {
      id,
      selectors,
      sectionSlug: sectionAt(input.start, document.version.sections),
      anchorStart: input.start,
      anchorEnd: input.end,
      body: input.body,
      motivation: 'ASSESSING',
      visibility: 'WORKSPACE',
    },
  ]);
  return { id, documentId: document.id, quote: selectors.quote.exact };
}
