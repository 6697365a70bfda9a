'use server';

import { revalidatePath } from 'next/cache';
import { sendInviteByEmail } from '@/lib/dal/invite-mail';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** Sends a single-use invite link to an address, from the workspace page's `Invite by e-mail` form (owners only). */
export async function sendInviteEmailAction(workspaceSlug: string, _previous: ActionResult<{ email: string }> | null, form: FormData): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => {
    const sent = await sendInviteByEmail(await getViewer(), workspaceSlug, { email: form.get('email'), role: form.get('role') });
    revalidatePath(`/workspaces/${workspaceSlug}`);
    return sent;
  });
}
