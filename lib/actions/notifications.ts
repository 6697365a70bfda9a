'use server';

import { revalidatePath } from 'next/cache';
import { setFollow } from '@/lib/dal/follows';
import { unhideAnnotation } from '@/lib/dal/moderation';
import { markAllNotificationsRead, markNotificationRead } from '@/lib/dal/notifications';
import { getViewer } from '@/lib/dal/viewer';
import { parseInput, runAction, type ActionResult } from '@/lib/errors';
import { notificationReadSchema } from '@/lib/validation/follows';

/** Marks one of the person's notifications read, or unread again. */
export async function markNotificationReadAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const { notificationId, isRead } = parseInput(notificationReadSchema, input);
    await markNotificationRead(await getViewer(), notificationId, isRead);
    revalidatePath('/notifications');
  });
}

/** Marks all of the person's notifications read. */
export async function markAllNotificationsReadAction(): Promise<ActionResult<{ count: number }>> {
  return runAction(async () => {
    const count = await markAllNotificationsRead(await getViewer());
    revalidatePath('/notifications');
    return { count };
  });
}

/** Follows or unfollows a document, a thread or a note. */
export async function setFollowAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    await setFollow(await getViewer(), input);
    revalidatePath('/notifications');
  });
}

/** Shows a hidden annotation again (editors and owners). */
export async function unhideAnnotationAction(workspaceSlug: string, annotationId: string): Promise<ActionResult> {
  return runAction(async () => {
    await unhideAnnotation(await getViewer(), workspaceSlug, annotationId);
    revalidatePath(`/workspaces/${workspaceSlug}/moderation`);
  });
}
