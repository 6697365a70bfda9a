'use server';

import { revalidatePath } from 'next/cache';
import { mergeTags, moveTag, updateTag } from '@/lib/dal/tags';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** Saves a tag's name, colour and description; a name already taken comes back as a merge offer. */
export async function updateTagAction(workspaceSlug: string, tagId: string, input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    await updateTag(await getViewer(), workspaceSlug, tagId, input);
    revalidatePath(`/workspaces/${workspaceSlug}/tags`);
  });
}

/** Merges one tag into another. */
export async function mergeTagsAction(workspaceSlug: string, fromTagId: string, intoTagId: string): Promise<ActionResult> {
  return runAction(async () => {
    await mergeTags(await getViewer(), workspaceSlug, fromTagId, intoTagId);
    revalidatePath(`/workspaces/${workspaceSlug}/tags`);
  });
}

/** Moves a tag to a place in the workspace's order of precedence (owners). */
export async function moveTagAction(workspaceSlug: string, tagId: string, position: number): Promise<ActionResult> {
  return runAction(async () => {
    await moveTag(await getViewer(), workspaceSlug, tagId, position);
    revalidatePath(`/workspaces/${workspaceSlug}/tags`);
  });
}
