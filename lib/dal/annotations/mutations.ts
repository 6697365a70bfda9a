import 'server-only';
import { getDb, type DatabaseClient } from '@/lib/db';
import { documentRightsOf } from '@/lib/dal/access/documents';
import { assertVocabularyRoom, unsafeShareTags } from '@/lib/dal/access/tags';
import { recordActivity } from '@/lib/dal/activity';
import { hasRole, type Viewer } from '@/lib/dal/authorization';
import { isRefusedForRemoval, requireVisibleAnnotation, rightsIn } from '@/lib/dal/annotations/context';
import { paletteColourFor } from '@/lib/domain/colours';
import { validateTags } from '@/lib/domain/tags';
import { AppError, parseInput } from '@/lib/errors';
import { resolveThreadSchema, updateAnnotationSchema } from '@/lib/validation/annotations';
import { notifyAnnotationWritten, notifyModeration, notifyThreadStatus } from '@/lib/dal/notification-events';
import { hideReasonSchema } from '@/lib/validation/follows';

// Replaces an annotation's tags. On a shared annotation they join the shared vocabulary (within its limit); on a
// private note a word new to the workspace stays private to its author.
async function attachTags(tx: DatabaseClient, annotation: { workspaceId: string; id: string; authorId: string; isShared: boolean }, typed: string[]): Promise<void> {
  const { workspaceId, id: annotationId } = annotation;
  const validation = validateTags(typed);
  if (!validation.ok) throw new AppError('INVALID_INPUT', validation.message, { fieldErrors: { tags: [validation.message] } });
  if (annotation.isShared) await assertVocabularyRoom(tx, workspaceId, validation.tags);
  await tx.annotationTag.deleteMany({ where: { annotationId } });
  if (validation.tags.length === 0) return;
  await tx.tag.createMany({
    data: validation.tags.map((name, index) => ({
      workspaceId,
      name,
      label: validation.labels[index] ?? name,
      colour: paletteColourFor(name),
      isShared: annotation.isShared,
      createdById: annotation.authorId,
    })),
    skipDuplicates: true,
  });
  if (annotation.isShared) await unsafeShareTags(tx, workspaceId, validation.tags);
  const tags = await tx.tag.findMany({ where: { workspaceId, name: { in: validation.tags } }, select: { id: true } });
  await tx.annotationTag.createMany({ data: tags.map((tag) => ({ annotationId, tagId: tag.id })) });
}

/** The newer annotation an edit collided with, to show instead of overwriting it. */
export type EditConflict = { body: string; revision: number; tags: string[] };

/**
 * Edits the viewer's own annotation. The input names the revision it started from; if someone saved since,
 * CONFLICT is thrown and nothing changes (the current text is returned by getAnnotationForEdit).
 */
export async function updateAnnotation(viewer: Viewer | null, annotationId: string, input: unknown): Promise<{ revision: number }> {
  const data = parseInput(updateAnnotationSchema, input);
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (!rightsIn(context).canEdit) {
    if (isRefusedForRemoval(context, 'canEdit')) throw new AppError('CONFLICT', 'This annotation was removed and can no longer be edited.');
    throw new AppError('FORBIDDEN', 'You can edit only your own annotations.');
  }
  if (data.tags && data.tags.length > 0 && context.row.parentId === null && !documentRightsOf(context.viewer, context).canTag) {
    throw new AppError('FORBIDDEN', 'Only members who can comment may tag.', { fieldErrors: { tags: ['Only commenters and above can tag.'] } });
  }
  const saved = await db.$transaction(async (tx) => {
    const { count } = await tx.annotation.updateMany({
      where: { id: annotationId, revision: data.revision, deletedAt: null },
      data: { body: data.body, revision: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.annotation.findUniqueOrThrow({ where: { id: annotationId }, select: { body: true, revision: true } });
      throw new AppError('CONFLICT', 'Someone saved a newer version of this annotation while you were editing. Their text is shown; copy what you need from yours.', {
        fieldErrors: { body: [current.body], revision: [String(current.revision)] },
      });
    }
    if (data.tags && context.row.parentId === null) {
      await attachTags(tx, { workspaceId: context.workspaceId, id: annotationId, authorId: context.row.authorId, isShared: context.row.visibility === 'WORKSPACE' }, data.tags);
    }
    await recordActivity(tx, {
      workspaceId: context.workspaceId,
      documentId: context.row.documentId,
      actorId: context.viewer.id,
      kind: 'annotation.updated',
      subjectId: annotationId,
      audienceUserId: context.row.visibility === 'PRIVATE' ? context.row.authorId : null,
    });
    return { revision: data.revision + 1 };
  });
  await notifyAnnotationWritten(context.viewer, annotationId, context.row.body);
  return saved;
}

/** Deletes the viewer's own annotation; replies stay reachable under a placeholder. */
export async function deleteAnnotation(viewer: Viewer | null, annotationId: string): Promise<void> {
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (!rightsIn(context).canDelete) {
    if (context.row.authorId !== context.viewer.id) throw new AppError('FORBIDDEN', 'You can delete only your own annotations. Editors can hide others’ annotations.');
    // Already deleted: deleting again changes nothing.
    return;
  }
  await db.$transaction(async (tx) => {
    await tx.annotation.update({ where: { id: annotationId }, data: { deletedAt: new Date(), revision: { increment: 1 } } });
    // The row stays as a placeholder in its thread; where it sat on earlier versions goes with its content.
    await tx.annotationPlacement.deleteMany({ where: { annotationId } });
    await recordActivity(tx, {
      workspaceId: context.workspaceId,
      documentId: context.row.documentId,
      actorId: context.viewer.id,
      kind: 'annotation.deleted',
      subjectId: annotationId,
      audienceUserId: context.row.visibility === 'PRIVATE' ? context.row.authorId : null,
    });
  });
}

/** Hides someone else's shared annotation (editors and owners); the hiding is logged with who did it and why, and its author is told. */
export async function hideAnnotation(viewer: Viewer | null, annotationId: string, input: unknown = {}): Promise<void> {
  const { reason } = parseInput(hideReasonSchema, input);
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (!rightsIn(context).canHide) {
    if (context.row.authorId === context.viewer.id && context.row.visibility === 'WORKSPACE' && hasRole(context.role, 'EDITOR')) {
      throw new AppError('FORBIDDEN', 'Hiding is for other people’s annotations; delete your own instead.');
    }
    if (!isRefusedForRemoval(context, 'canHide')) throw new AppError('FORBIDDEN', 'Only editors and owners can hide annotations shared with the workspace.');
    // Already hidden or deleted: it shows nothing more to hide.
    return;
  }
  await db.$transaction(async (tx) => {
    await tx.annotation.update({ where: { id: annotationId }, data: { hiddenAt: new Date(), hiddenById: context.viewer.id, hiddenReason: reason || null, revision: { increment: 1 } } });
    await recordActivity(tx, { workspaceId: context.workspaceId, documentId: context.row.documentId, actorId: context.viewer.id, kind: 'annotation.hidden', subjectId: annotationId });
  });
  await notifyModeration(context.viewer, annotationId, true, reason || null);
}

/** Resolves or reopens a thread (its root), with an optional note. */
export async function resolveThread(viewer: Viewer | null, annotationId: string, input: unknown): Promise<void> {
  const { isResolved, note } = parseInput(resolveThreadSchema, input);
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (context.row.parentId !== null) throw new AppError('INVALID_INPUT', 'Resolve the thread from its first annotation.');
  if (context.row.deletedAt || context.row.hiddenAt) throw new AppError('CONFLICT', 'This thread’s first annotation was removed; it can no longer be resolved.');
  if (!rightsIn(context).canResolve) throw new AppError('FORBIDDEN', 'Only workspace members who can comment may resolve threads.');
  await db.$transaction(async (tx) => {
    await tx.annotation.update({
      where: { id: annotationId },
      data: isResolved
        ? { status: 'RESOLVED', resolvedById: context.viewer.id, resolvedAt: new Date(), resolutionNote: note ?? null, revision: { increment: 1 } }
        : { status: 'OPEN', resolvedById: null, resolvedAt: null, resolutionNote: note ?? null, revision: { increment: 1 } },
    });
    await recordActivity(tx, {
      workspaceId: context.workspaceId,
      documentId: context.row.documentId,
      actorId: context.viewer.id,
      kind: isResolved ? 'annotation.resolved' : 'annotation.reopened',
      subjectId: annotationId,
      audienceUserId: context.row.visibility === 'PRIVATE' ? context.row.authorId : null,
    });
  });
  await notifyThreadStatus(context.viewer, annotationId, isResolved);
}

/** Confirms a low-score placement as right, or detaches the annotation to the orphans (its author, or an editor for shared ones). */
export async function settleAnchor(viewer: Viewer | null, annotationId: string, decision: 'confirm' | 'detach'): Promise<void> {
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (!rightsIn(context).canSettleAnchor) {
    if (isRefusedForRemoval(context, 'canSettleAnchor')) throw new AppError('CONFLICT', 'This annotation was removed; where it belonged no longer matters.');
    throw new AppError('FORBIDDEN', 'Only the author or an editor can confirm where an annotation belongs.');
  }
  await db.$transaction(async (tx) => {
    await tx.annotation.update({
      where: { id: annotationId },
      data: decision === 'confirm' ? { isAnchorConfirmed: true } : { isAnchorConfirmed: true, anchorStatus: 'ORPHAN', anchorStart: null, anchorEnd: null, anchorScore: 0 },
    });
    await recordActivity(tx, { workspaceId: context.workspaceId, documentId: context.row.documentId, actorId: context.viewer.id, kind: 'annotation.reanchored', subjectId: annotationId, audienceUserId: context.row.visibility === 'PRIVATE' ? context.row.authorId : null });
  });
}
