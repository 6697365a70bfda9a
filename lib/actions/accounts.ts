'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { changePassword, signOutEverywhere } from '@/lib/dal/accounts';
import { endSession, unsafeEndSession } from '@/lib/dal/sessions';
import { getCurrentSessionId, getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';
import { deleteSessionCookies } from '@/lib/session-cookies';

/** Changes the password; every session, this one included, ends. */
export async function changePasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () =>
    changePassword(await getViewer(), { currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') }),
  );
}

/** Ends every session of the viewer on every device. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  return runAction(async () => signOutEverywhere(await getViewer()));
}

/** Ends one of the viewer's sessions (another device, or this one) on the server; its cookie stops working at once. */
export async function endSessionAction(sessionId: string): Promise<ActionResult> {
  return runAction(async () => {
    const isThisOne = sessionId === (await getCurrentSessionId());
    await endSession(await getViewer(), sessionId);
    if (isThisOne) await deleteSessionCookies();
    revalidatePath('/settings');
  });
}

/** Ends this browser's session on the server and returns to the home page; a plain form post, so the header needs no script for it. */
export async function signOutAction(): Promise<void> {
  await unsafeEndSession(await getCurrentSessionId());
  await deleteSessionCookies();
  redirect('/');
}
