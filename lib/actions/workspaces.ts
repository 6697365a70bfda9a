'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { acceptInvite, createInvite, revokeInvite } from '@/lib/dal/invites';
import { getViewer } from '@/lib/dal/viewer';
import { changeMemberRole, createWorkspace, removeMember } from '@/lib/dal/workspaces';
import { runAction, type ActionResult } from '@/lib/errors';

/** Creates a workspace from the form and opens it. */
export async function createWorkspaceAction(_previous: ActionResult<{ slug: string }> | null, form: FormData): Promise<ActionResult<{ slug: string }>> {
  const result = await runAction(async () => createWorkspace(await getViewer(), { name: form.get('name') }));
  if (result.ok) redirect(`/workspaces/${result.value.slug}`);
  return result;
}

/** Creates an invite link; returns its address to show once. */
export async function createInviteAction(workspaceSlug: string, _previous: ActionResult<{ path: string }> | null, form: FormData): Promise<ActionResult<{ path: string }>> {
  return runAction(async () => {
    const { token } = await createInvite(await getViewer(), workspaceSlug, {
      role: form.get('role'),
      expiresInDays: form.get('expiresInDays'),
      isSingleUse: form.get('isSingleUse') ?? false,
    });
    revalidatePath(`/workspaces/${workspaceSlug}`);
    return { path: `/invites/${token}` };
  });
}

/** Withdraws an invite link. */
export async function revokeInviteAction(workspaceSlug: string, inviteId: string): Promise<ActionResult> {
  return runAction(async () => {
    await revokeInvite(await getViewer(), workspaceSlug, inviteId);
    revalidatePath(`/workspaces/${workspaceSlug}`);
  });
}

/** Changes a member's role. */
export async function changeMemberRoleAction(workspaceSlug: string, _previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    await changeMemberRole(await getViewer(), workspaceSlug, { memberId: form.get('memberId'), role: form.get('role') });
    revalidatePath(`/workspaces/${workspaceSlug}`);
  });
}

/** Removes a member, or lets the viewer leave. */
export async function removeMemberAction(workspaceSlug: string, membershipId: string): Promise<ActionResult> {
  return runAction(async () => {
    await removeMember(await getViewer(), workspaceSlug, membershipId);
    revalidatePath(`/workspaces/${workspaceSlug}`);
  });
}

/** Joins the workspace an invite link offers, then opens it. */
export async function acceptInviteAction(token: string): Promise<ActionResult<{ workspaceSlug: string }>> {
  const result = await runAction(async () => acceptInvite(await getViewer(), token));
  if (result.ok) redirect(`/workspaces/${result.value.workspaceSlug}`);
  return result;
}
