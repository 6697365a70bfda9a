'use server';

import { revalidatePath } from 'next/cache';
import { createAnnotation, createPageNote, createSectionComment, deleteAnnotation, hideAnnotation, replyToAnnotation, resolveThread, settleAnchor, updateAnnotation } from '@/lib/dal/annotations';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

const refresh = (documentSlug: string) => revalidatePath(`/documents/${documentSlug}`);

/** Creates an annotation on the selected passage; safe to retry with the same id. */
export async function createAnnotationAction(documentSlug: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const { id } = await createAnnotation(await getViewer(), documentSlug, input);
    refresh(documentSlug);
    return { id };
  });
}

/** Replies in a thread; safe to retry with the same id. */
export async function replyAction(documentSlug: string, input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    await replyToAnnotation(await getViewer(), input);
    refresh(documentSlug);
  });
}

/** Saves an edit made from `revision`; a newer save by someone else comes back as a conflict. */
export async function updateAnnotationAction(documentSlug: string, annotationId: string, input: unknown): Promise<ActionResult<{ revision: number }>> {
  return runAction(async () => {
    const result = await updateAnnotation(await getViewer(), annotationId, input);
    refresh(documentSlug);
    return result;
  });
}

/** Deletes one's own annotation. */
export async function deleteAnnotationAction(documentSlug: string, annotationId: string): Promise<ActionResult> {
  return runAction(async () => {
    await deleteAnnotation(await getViewer(), annotationId);
    refresh(documentSlug);
  });
}

/** Hides another member's shared annotation (editors and owners). */
export async function hideAnnotationAction(documentSlug: string, annotationId: string, input: unknown = {}): Promise<ActionResult> {
  return runAction(async () => {
    await hideAnnotation(await getViewer(), annotationId, input);
    refresh(documentSlug);
  });
}

/** Resolves or reopens a thread. */
export async function resolveThreadAction(documentSlug: string, annotationId: string, input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    await resolveThread(await getViewer(), annotationId, input);
    refresh(documentSlug);
  });
}

/** Confirms a doubtful placement or detaches the annotation. */
export async function settleAnchorAction(documentSlug: string, annotationId: string, decision: 'confirm' | 'detach'): Promise<ActionResult> {
  return runAction(async () => {
    await settleAnchor(await getViewer(), annotationId, decision === 'detach' ? 'detach' : 'confirm');
    refresh(documentSlug);
  });
}

/** Writes a note on the whole document, listed under "About the whole document"; safe to retry with the same id. */
export async function createPageNoteAction(documentSlug: string, input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    await createPageNote(await getViewer(), documentSlug, input);
    refresh(documentSlug);
  });
}

/** Posts a comment to a section's discussion; safe to retry with the same id. */
export async function createSectionCommentAction(documentSlug: string, sectionSlug: string, input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    await createSectionComment(await getViewer(), documentSlug, sectionSlug, input);
    refresh(documentSlug);
  });
}
