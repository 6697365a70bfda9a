'use server';

import { revalidatePath } from 'next/cache';
import { importDocument, previewDocumentImport, type ImportResult } from '@/lib/dal/document-import';
import { getViewer } from '@/lib/dal/viewer';
import type { ImportPreview } from '@/lib/domain/document-import';
import { runAction, type ActionResult } from '@/lib/errors';

function importInput(workspaceSlug: string, form: FormData) {
  return {
    workspaceSlug,
    content: form.get('content'),
    format: form.get('format') || undefined,
    fileName: form.get('fileName') || undefined,
    title: form.get('title'),
    slug: form.get('slug'),
  };
}

/** Parses the form's document without storing it and returns what the preview shows. */
export async function previewDocumentImportAction(
  workspaceSlug: string,
  _previous: ActionResult<ImportPreview & { slug: string }> | null,
  form: FormData,
): Promise<ActionResult<ImportPreview & { slug: string }>> {
  return runAction(async () => previewDocumentImport(await getViewer(), importInput(workspaceSlug, form)));
}

/** Imports the form's document as a new document or a new version, and returns what happened. */
export async function importDocumentAction(workspaceSlug: string, _previous: ActionResult<ImportResult> | null, form: FormData): Promise<ActionResult<ImportResult>> {
  return runAction(async () => {
    const result = await importDocument(await getViewer(), importInput(workspaceSlug, form));
    revalidatePath(`/workspaces/${workspaceSlug}`);
    revalidatePath(`/documents/${result.documentSlug}`);
    return result;
  });
}
