'use server';

import { revalidatePath } from 'next/cache';
import { deleteSource, editEvidence, editSource, mergeDuplicateSources } from '@/lib/dal/source-library';
import { setNoteTracing } from '@/lib/dal/verification-desk';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

const SOURCE_FIELDS = ['kind', 'title', 'authors', 'publisher', 'containerTitle', 'doi', 'issued', 'url', 'archiveUrl', 'accessedOn', 'reason'] as const;

function revalidateDocument(documentSlug: string) {
  revalidatePath(`/documents/${documentSlug}`);
  revalidatePath(`/documents/${documentSlug}/sources`);
  revalidatePath(`/documents/${documentSlug}/report`);
}

const field = (form: FormData, name: string) => form.get(name) ?? undefined;

/** Sets a note's tracing status and assignee from the desk. */
export async function setNoteTracingAction(documentSlug: string, footnoteNumber: number, _previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    await setNoteTracing(await getViewer(), documentSlug, footnoteNumber, { status: field(form, 'status'), assigneeId: field(form, 'assigneeId'), reason: field(form, 'reason') });
    revalidateDocument(documentSlug);
  });
}

/** Saves every field of a source, with the reason for the change. */
export async function editSourceAction(documentSlug: string, sourceId: string, _previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    await editSource(await getViewer(), sourceId, Object.fromEntries(SOURCE_FIELDS.map((name) => [name, field(form, name)])));
    revalidateDocument(documentSlug);
  });
}

/** Deletes a source after the confirmation named the notes that use it. */
export async function deleteSourceAction(documentSlug: string, sourceId: string, _previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    await deleteSource(await getViewer(), sourceId, { reason: field(form, 'reason') });
    revalidateDocument(documentSlug);
  });
}

/** Saves a new evidence quote for a source under a note, with the reason. */
export async function editEvidenceAction(documentSlug: string, footnoteSourceId: string, _previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    await editEvidence(await getViewer(), footnoteSourceId, { evidenceQuote: field(form, 'evidenceQuote'), reason: field(form, 'reason') });
    revalidateDocument(documentSlug);
  });
}

/** Merges the workspace's duplicate sources (same DOI, address, or title and year). */
export async function mergeDuplicateSourcesAction(documentSlug: string, workspaceSlug: string): Promise<ActionResult<{ merged: number }>> {
  return runAction(async () => {
    const result = await mergeDuplicateSources(await getViewer(), workspaceSlug);
    revalidateDocument(documentSlug);
    return result;
  });
}
