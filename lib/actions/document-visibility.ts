'use server';

import { revalidatePath } from 'next/cache';
import { setDocumentVisibility } from '@/lib/dal/document-visibility';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** Makes the document public or visible to its workspace only (owners and editors). */
export async function setDocumentVisibilityAction(documentSlug: string, visibility: string): Promise<ActionResult<{ isPublic: boolean }>> {
  return runAction(async () => {
    const result = await setDocumentVisibility(await getViewer(), documentSlug, { visibility });
    revalidatePath(`/documents/${documentSlug}`);
    return result;
  });
}
