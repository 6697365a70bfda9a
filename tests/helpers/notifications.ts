import type { PrismaClient } from '@/lib/db';

/** Stores one notification for `recipientId` (as the notification triggers do), with its sentence and link. */
export async function insertNotification(
  db: PrismaClient,
  values: { recipientId: string; workspaceId: string; summary: string; documentId?: string; annotationId?: string; createdAt?: Date },
): Promise<string> {
  const { id } = await db.notification.create({
    data: { kind: 'REPLY', href: '/workspaces', ...values },
    select: { id: true },
  });
  return id;
}
