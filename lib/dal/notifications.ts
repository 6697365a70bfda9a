import 'server-only';
import { getDb, type DatabaseClient } from '@/lib/db';
import type { NotificationKind } from '@/lib/generated/prisma/client';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { memberWorkspacesWhere } from '@/lib/dal/access/workspaces';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { findFollowed, threadKey } from '@/lib/dal/follows';
import { withCurrentMentionText } from '@/lib/dal/mentions';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/domain/ids';

/** One thing people should hear of, before it is addressed to anyone. */
export type NotificationItem = {
  kind: NotificationKind;
  /** Who did it; never notified of their own act. */
  actorId: string;
  workspaceId: string;
  /** The document it happened in: a recipient must be able to read it (readableDocumentsWhere). */
  documentId: string | null;
  /** The annotation it is about: a recipient must be able to see it (visibleAnnotationsWhere). */
  annotationId: string | null;
  /** One plain sentence; rendered as text, never as HTML or Markdown. */
  summary: string;
  /** A path inside the app. */
  href: string;
};

/** A notification as the inbox shows it. */
export type NotificationView = {
  id: string;
  kind: NotificationKind;
  summary: string;
  href: string;
  createdAt: Date;
  isRead: boolean;
  /** The thread it came from, to unfollow from the inbox; null when it is not about an annotation or the document is gone. */
  thread: { documentSlug: string; annotationId: string; isFollowing: boolean } | null;
};

const INBOX_PAGE = 100;

// Whether the person `userId` may learn of `item`, through the where-builders every read uses: the document must be
// readable to them (or, for a workspace-level item, they must belong to the workspace), and the annotation visible.
async function mayLearnOf(db: DatabaseClient, userId: string, item: NotificationItem): Promise<boolean> {
  const person = { id: userId };
  const [isMember, canRead, canSee] = await Promise.all([
    db.workspace.count({ where: { AND: [{ id: item.workspaceId }, memberWorkspacesWhere(person)] } }),
    item.documentId ? db.document.count({ where: { AND: [{ id: item.documentId }, readableDocumentsWhere(person)] } }) : Promise.resolve(1),
    item.annotationId ? db.annotation.count({ where: { AND: [{ id: item.annotationId }, visibleAnnotationsWhere(person), { document: readableDocumentsWhere(person) }] } }) : Promise.resolve(1),
  ]);
  return isMember > 0 && canRead > 0 && canSee > 0;
}

/**
 * Records `item` for each of `candidateIds` who may learn of it, never for its actor. The candidates come from
 * follows and mentions; each is held to the same where-builders as any read, so a private note notifies nobody but
 * its author (and them only of others' acts), and a member who left hears nothing more. Returns who was notified.
 */
export async function recordNotifications(db: DatabaseClient, candidateIds: Iterable<string>, item: NotificationItem): Promise<string[]> {
  const candidates = [...new Set(candidateIds)].filter((id) => id !== item.actorId && isUuid(id));
  const allowed: string[] = [];
  for (const id of candidates) if (await mayLearnOf(db, id, item)) allowed.push(id);
  if (allowed.length === 0) return [];
  await db.notification.createMany({
    data: allowed.map((recipientId) => ({
      recipientId,
      actorId: item.actorId,
      kind: item.kind,
      workspaceId: item.workspaceId,
      documentId: item.documentId,
      annotationId: item.annotationId,
      summary: item.summary,
      href: item.href,
    })),
  });
  return allowed;
}

// A person's items, from workspaces they still belong to.
const inboxWhere = (viewer: Viewer) => ({ recipientId: viewer.id, workspace: memberWorkspacesWhere(viewer) });

/** Returns how many of the person's notifications are unread; 0 for a visitor. */
export async function countUnreadNotifications(viewer: Viewer | null): Promise<number> {
  if (!viewer) return 0;
  return getDb().notification.count({ where: { ...inboxWhere(viewer), readAt: null } });
}

/** Returns the person's newest notifications (100), newest first. */
export async function findNotifications(viewer: Viewer | null): Promise<NotificationView[]> {
  const signedIn = requireViewer(viewer);
  const rows = await getDb().notification.findMany({
    where: inboxWhere(signedIn),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: INBOX_PAGE,
    select: { id: true, kind: true, summary: true, href: true, createdAt: true, readAt: true, annotationId: true, documentId: true },
  });
  const documentIds = [...new Set(rows.flatMap((row) => (row.documentId ? [row.documentId] : [])))];
  const slugs = new Map(
    (await getDb().document.findMany({ where: { AND: [{ id: { in: documentIds } }, readableDocumentsWhere(signedIn)] }, select: { id: true, slug: true } })).map((document) => [document.id, document.slug]),
  );
  const annotationIds = [...new Set(rows.flatMap((row) => (row.annotationId ? [row.annotationId] : [])))];
  const roots = new Map(
    (await getDb().annotation.findMany({ where: { AND: [{ id: { in: annotationIds } }, visibleAnnotationsWhere(signedIn)] }, select: { id: true, rootId: true } })).map((annotation) => [
      annotation.id,
      annotation.rootId ?? annotation.id,
    ]),
  );
  const followed = await findFollowed(signedIn, [...new Set(roots.values())].map(threadKey));
  const summaries = await withCurrentMentionText(rows.map((row) => row.summary));
  return rows.map(({ readAt, annotationId, documentId, ...row }, index) => {
    const documentSlug = documentId ? slugs.get(documentId) : undefined;
    const rootId = annotationId ? roots.get(annotationId) : undefined;
    return {
      ...row,
      summary: summaries[index] ?? row.summary,
      href: safeHref(row.href),
      isRead: readAt !== null,
      thread: annotationId && rootId && documentSlug ? { documentSlug, annotationId, isFollowing: followed.has(`THREAD:${rootId}`) } : null,
    };
  });
}

/** Marks one of the person's notifications read and returns where it opens; NOT_FOUND for anyone else's. */
export async function openNotification(viewer: Viewer | null, notificationId: string): Promise<string> {
  const signedIn = requireViewer(viewer);
  if (!isUuid(notificationId)) throw new AppError('NOT_FOUND', 'There is no such notification.');
  const db = getDb();
  const row = await db.notification.findFirst({ where: { id: notificationId, ...inboxWhere(signedIn) }, select: { href: true, readAt: true } });
  if (!row) throw new AppError('NOT_FOUND', 'There is no such notification.');
  if (!row.readAt) await db.notification.updateMany({ where: { id: notificationId, readAt: null }, data: { readAt: new Date() } });
  return safeHref(row.href);
}

/** Marks one of the person's notifications read (or unread again); NOT_FOUND for anyone else's. */
export async function markNotificationRead(viewer: Viewer | null, notificationId: string, isRead = true): Promise<void> {
  const signedIn = requireViewer(viewer);
  if (!isUuid(notificationId)) throw new AppError('NOT_FOUND', 'There is no such notification.');
  const { count } = await getDb().notification.updateMany({ where: { id: notificationId, ...inboxWhere(signedIn) }, data: { readAt: isRead ? new Date() : null } });
  if (count === 0) throw new AppError('NOT_FOUND', 'There is no such notification.');
}

/** Marks every notification of the person read; returns how many were unread. */
export async function markAllNotificationsRead(viewer: Viewer | null): Promise<number> {
  const signedIn = requireViewer(viewer);
  const { count } = await getDb().notification.updateMany({ where: { recipientId: signedIn.id, readAt: null }, data: { readAt: new Date() } });
  return count;
}

// Stored hrefs are written by the app, but a link out of the inbox must stay inside it whatever a row says.
function safeHref(href: string): string {
  return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\') ? href : '/notifications';
}
