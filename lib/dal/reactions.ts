import 'server-only';
import { getDb } from '@/lib/db';
import { annotationRightsOf, visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { recordActivity } from '@/lib/dal/activity';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { isUuid } from '@/lib/domain/ids';
import { summariseReactions, type ReactionKindName, type ReactionSummary } from '@/lib/domain/reactions';
import { AppError, parseInput } from '@/lib/errors';
import { toggleReactionSchema } from '@/lib/validation/reactions';

/**
 * Gives the viewer's reaction of a kind to an annotation they can see and reply to, or takes it back when they had
 * given it. The change goes through the activity log, so every open reader shows it live. Returns whether it is on.
 */
export async function toggleReaction(viewer: Viewer | null, annotationId: string, input: unknown): Promise<{ isOn: boolean }> {
  const signedIn = requireViewer(viewer);
  const { kind } = parseInput(toggleReactionSchema, input);
  const notFound = new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
  if (!isUuid(annotationId)) throw notFound;
  const db = getDb();
  const row = await db.annotation.findFirst({
    where: { AND: [{ id: annotationId }, visibleAnnotationsWhere(signedIn), { document: readableDocumentsWhere(signedIn) }] },
    select: {
      authorId: true,
      visibility: true,
      parentId: true,
      deletedAt: true,
      hiddenAt: true,
      documentId: true,
      document: { select: { workspaceId: true, visibility: true, workspace: { select: { memberships: { where: { userId: signedIn.id }, select: { role: true } } } } } },
    },
  });
  if (!row) throw notFound;
  if (row.deletedAt || row.hiddenAt) throw new AppError('CONFLICT', 'This annotation was removed; it takes no more reactions.');
  const rights = annotationRightsOf(signedIn, { isPublic: row.document.visibility === 'PUBLIC', role: row.document.workspace.memberships[0]?.role ?? null }, row);
  if (!rights.canReply) throw new AppError('FORBIDDEN', 'Only workspace members who can comment may react.');
  return db.$transaction(async (tx) => {
    const key = { annotationId_userId_kind: { annotationId, userId: signedIn.id, kind } };
    const existing = await tx.reaction.findUnique({ where: key, select: { kind: true } });
    if (existing) await tx.reaction.delete({ where: key });
    else await tx.reaction.create({ data: { annotationId, userId: signedIn.id, kind } });
    await recordActivity(tx, {
      workspaceId: row.document.workspaceId,
      documentId: row.documentId,
      actorId: signedIn.id,
      kind: 'annotation.reacted',
      subjectId: annotationId,
      // A private note's reactions concern only its author.
      audienceUserId: row.visibility === 'PRIVATE' ? row.authorId : null,
    });
    return { isOn: !existing };
  });
}

/** Adds to each annotation view its reactions, with who gave each; the views are ones the viewer may already see. */
export async function withReactions<View extends { id: string }>(viewer: Pick<Viewer, 'id'> | null, views: View[]): Promise<Array<View & { reactions: ReactionSummary[] }>> {
  const rows = views.length === 0 ? [] : await getDb().reaction.findMany({
    where: { annotationId: { in: views.map((view) => view.id) } },
    orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
    select: { annotationId: true, kind: true, userId: true, user: { select: { name: true } } },
  });
  const byAnnotation = new Map<string, Array<{ kind: ReactionKindName; userId: string; name: string }>>();
  for (const row of rows) {
    const list = byAnnotation.get(row.annotationId) ?? [];
    list.push({ kind: row.kind, userId: row.userId, name: row.user.name });
    byAnnotation.set(row.annotationId, list);
  }
  return views.map((view) => ({ ...view, reactions: summariseReactions(byAnnotation.get(view.id) ?? [], viewer?.id ?? null) }));
}
