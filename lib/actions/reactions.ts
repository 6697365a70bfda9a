'use server';

import { revalidatePath } from 'next/cache';
import { toggleReaction } from '@/lib/dal/reactions';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** Gives or takes back the viewer's reaction of one kind on an annotation, reply or section discussion. */
export async function toggleReactionAction(documentSlug: string, annotationId: string, kind: unknown): Promise<ActionResult<{ isOn: boolean }>> {
  return runAction(async () => {
    const outcome = await toggleReaction(await getViewer(), annotationId, { kind });
    revalidatePath(`/documents/${documentSlug}`);
    return outcome;
  });
}
