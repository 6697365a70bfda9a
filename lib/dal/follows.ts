import 'server-only';
import { getDb, type DatabaseClient } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { AppError, parseInput } from '@/lib/errors';
import { followSchema } from '@/lib/validation/follows';

/** What can be followed: a thread (by its first annotation), a note of a document, or a whole document. */
export type FollowTargetName = 'THREAD' | 'NOTE' | 'DOCUMENT';

/** One followed thing, as its key is stored. */
export type FollowKey = { target: FollowTargetName; targetKey: string };

/** The key of note `footnoteNumber` of document `documentId`. */
export const noteKey = (documentId: string, footnoteNumber: number): FollowKey => ({ target: 'NOTE', targetKey: `${documentId}:${footnoteNumber}` });

/** The key of the thread whose first annotation is `rootId`. */
export const threadKey = (rootId: string): FollowKey => ({ target: 'THREAD', targetKey: rootId });

/** The key of document `documentId`. */
export const documentKey = (documentId: string): FollowKey => ({ target: 'DOCUMENT', targetKey: documentId });

/**
 * Follows `key` for `userId` because they took part (wrote, replied, traced, were assigned); an earlier unfollow
 * stands, so taking part again does not quietly follow it again.
 */
export async function followForTakingPart(db: DatabaseClient, userId: string, documentId: string, key: FollowKey): Promise<void> {
  await db.follow.upsert({
    where: { userId_target_targetKey: { userId, ...key } },
    create: { userId, documentId, ...key },
    update: {},
  });
}

/** Returns who follows any of `keys` (and has not unfollowed it). Unsafe: no authorization; recordNotifications filters them. */
export async function unsafeFollowersOf(db: DatabaseClient, keys: FollowKey[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db.follow.findMany({ where: { isFollowing: true, OR: keys }, select: { userId: true } });
  return [...new Set(rows.map((row) => row.userId))];
}

// Finds what the viewer asks to follow, through the same reads as everything else; null when they may not read it.
async function resolveTarget(viewer: Viewer, input: { target: FollowTargetName; documentSlug: string; annotationId?: string; footnoteNumber?: number }) {
  const db = getDb();
  const document = await db.document.findFirst({ where: { AND: [{ slug: input.documentSlug }, readableDocumentsWhere(viewer)] }, select: { id: true } });
  if (!document) return null;
  if (input.target === 'DOCUMENT') return { documentId: document.id, key: documentKey(document.id) };
  if (input.target === 'NOTE') {
    const footnote = await db.footnote.findFirst({ where: { number: input.footnoteNumber, version: { documentId: document.id } }, select: { id: true } });
    return footnote && input.footnoteNumber !== undefined ? { documentId: document.id, key: noteKey(document.id, input.footnoteNumber) } : null;
  }
  const annotation = await db.annotation.findFirst({
    where: { AND: [{ id: input.annotationId, documentId: document.id }, visibleAnnotationsWhere(viewer)] },
    select: { id: true, rootId: true },
  });
  return annotation ? { documentId: document.id, key: threadKey(annotation.rootId ?? annotation.id) } : null;
}

/** Follows or unfollows a thread, note or document the viewer can read; NOT_FOUND for anything they cannot. */
export async function setFollow(viewer: Viewer | null, input: unknown): Promise<void> {
  const signedIn = requireViewer(viewer);
  const data = parseInput(followSchema, input);
  const found = await resolveTarget(signedIn, data);
  if (!found) throw new AppError('NOT_FOUND', 'There is no such thing to follow, or you cannot read it.');
  await getDb().follow.upsert({
    where: { userId_target_targetKey: { userId: signedIn.id, ...found.key } },
    create: { userId: signedIn.id, documentId: found.documentId, ...found.key, isFollowing: data.isFollowing },
    update: { isFollowing: data.isFollowing, updatedAt: new Date() },
  });
}

/** Returns which of `keys` the viewer follows now (as targetKey strings); empty for a visitor. */
export async function findFollowed(viewer: Viewer | null, keys: FollowKey[]): Promise<Set<string>> {
  if (!viewer || keys.length === 0) return new Set();
  const rows = await getDb().follow.findMany({ where: { userId: viewer.id, isFollowing: true, OR: keys }, select: { target: true, targetKey: true } });
  return new Set(rows.map((row) => `${row.target}:${row.targetKey}`));
}

/** What the viewer follows on document `slug`: the document itself and which of `threadIds` (first annotations); null for a visitor or an unreadable document. */
export async function findReaderFollows(viewer: Viewer | null, slug: string, threadIds: string[]): Promise<{ isDocumentFollowed: boolean; followedThreadIds: string[] } | null> {
  if (!viewer) return null;
  const document = await getDb().document.findFirst({ where: { AND: [{ slug }, readableDocumentsWhere(viewer)] }, select: { id: true } });
  if (!document) return null;
  const followed = await findFollowed(viewer, [documentKey(document.id), ...threadIds.map(threadKey)]);
  return { isDocumentFollowed: followed.has(`DOCUMENT:${document.id}`), followedThreadIds: threadIds.filter((id) => followed.has(`THREAD:${id}`)) };
}
