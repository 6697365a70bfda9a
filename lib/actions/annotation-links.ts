'use server';

import { revalidatePath } from 'next/cache';
import { createAnnotationLink, deleteAnnotationLink } from '@/lib/dal/annotation-links';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** Links one annotation to another (supports, contradicts, same claim as, answers), with an optional reason. */
export async function createAnnotationLinkAction(documentSlug: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const link = await createAnnotationLink(await getViewer(), input);
    revalidatePath(`/documents/${documentSlug}`);
    return link;
  });
}

/** Removes a link between two annotations (its maker, or an editor or owner). */
export async function deleteAnnotationLinkAction(documentSlug: string, linkId: string): Promise<ActionResult> {
  return runAction(async () => {
    await deleteAnnotationLink(await getViewer(), linkId);
    revalidatePath(`/documents/${documentSlug}`);
  });
}
