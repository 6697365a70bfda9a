'use server';

import { revalidatePath } from 'next/cache';
import { createApiToken, revokeApiToken } from '@/lib/dal/api-tokens';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** Creates a personal API token; the secret comes back once, for the person to copy. */
export async function createApiTokenAction(_previous: ActionResult<{ token: string }> | null, form: FormData): Promise<ActionResult<{ token: string }>> {
  return runAction(async () => {
    const { token } = await createApiToken(await getViewer(), {
      name: form.get('name'),
      workspaceSlug: form.get('workspaceSlug'),
      canWrite: form.get('access') === 'write',
    });
    revalidatePath('/settings');
    return { token };
  });
}

/** Revokes a token: scripts using it get 401 from the next request on. */
export async function revokeApiTokenAction(tokenId: string): Promise<ActionResult> {
  return runAction(async () => {
    await revokeApiToken(await getViewer(), tokenId);
    revalidatePath('/settings');
  });
}
