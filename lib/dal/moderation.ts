import 'server-only';
import { getDb } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { memberWorkspacesWhere } from '@/lib/dal/access/workspaces';
import { recordActivity } from '@/lib/dal/activity';
import { hasRole, requireViewer, type Viewer } from '@/lib/dal/authorization';
import { notifyModeration } from '@/lib/dal/notification-events';
import { withCurrentMentionNames } from '@/lib/dal/mentions';
import { plainExcerpt } from '@/lib/domain/excerpts';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/domain/ids';

/** A hidden annotation as the moderation review lists it. */
export type HiddenAnnotation = {
  id: string;
  excerpt: string;
  author: string;
  hiddenBy: string | null;
  hiddenAt: Date;
  reason: string | null;
  documentTitle: string;
  href: string;
};

const LIMIT = 200;

async function requireModerator(viewer: Viewer, workspaceSlug: string) {
  const workspace = await getDb().workspace.findFirst({
    where: { AND: [{ slug: workspaceSlug }, memberWorkspacesWhere(viewer)] },
    select: { id: true, name: true, memberships: { where: { userId: viewer.id }, select: { role: true } } },
  });
  if (!workspace) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member.');
  const role = workspace.memberships[0]?.role ?? null;
  // Hiding is an editor's right; the same people review and undo it.
  if (!hasRole(role, 'EDITOR')) throw new AppError('FORBIDDEN', 'Only editors and owners review hidden annotations.');
  return { id: workspace.id, name: workspace.name };
}

/** Returns the workspace's hidden annotations, newest hidden first, with who hid each and why (editors and owners). */
export async function findHiddenAnnotations(viewer: Viewer | null, workspaceSlug: string): Promise<{ workspaceName: string; annotations: HiddenAnnotation[] }> {
  const signedIn = requireViewer(viewer);
  const workspace = await requireModerator(signedIn, workspaceSlug);
  const rows = await withCurrentMentionNames(
    await getDb().annotation.findMany({
      where: { AND: [{ hiddenAt: { not: null }, deletedAt: null, document: { workspaceId: workspace.id } }, visibleAnnotationsWhere(signedIn), { document: readableDocumentsWhere(signedIn) }] },
      orderBy: { hiddenAt: 'desc' },
      take: LIMIT,
      select: { id: true, body: true, hiddenAt: true, hiddenById: true, hiddenReason: true, author: { select: { name: true } }, document: { select: { slug: true, title: true } } },
    }),
  );
  const hiders = new Map(
    (await getDb().user.findMany({ where: { id: { in: rows.flatMap((row) => (row.hiddenById ? [row.hiddenById] : [])) } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]),
  );
  return {
    workspaceName: workspace.name,
    annotations: rows.map((row) => ({
      id: row.id,
      excerpt: plainExcerpt(row.body, 200),
      author: row.author.name,
      hiddenBy: row.hiddenById ? (hiders.get(row.hiddenById) ?? null) : null,
      hiddenAt: row.hiddenAt ?? new Date(0),
      reason: row.hiddenReason,
      documentTitle: row.document.title,
      href: `/documents/${encodeURIComponent(row.document.slug)}?thread=${row.id}#annotation-${row.id}`,
    })),
  };
}

/** Shows a hidden annotation again (editors and owners of its workspace); logged in the feed, and its author is told. */
export async function unhideAnnotation(viewer: Viewer | null, workspaceSlug: string, annotationId: string): Promise<void> {
  const signedIn = requireViewer(viewer);
  const workspace = await requireModerator(signedIn, workspaceSlug);
  if (!isUuid(annotationId)) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
  const db = getDb();
  const row = await db.annotation.findFirst({
    where: { AND: [{ id: annotationId, document: { workspaceId: workspace.id } }, visibleAnnotationsWhere(signedIn), { document: readableDocumentsWhere(signedIn) }] },
    select: { id: true, hiddenAt: true, documentId: true },
  });
  if (!row) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
  if (!row.hiddenAt) return;
  await db.$transaction(async (tx) => {
    await tx.annotation.update({ where: { id: annotationId }, data: { hiddenAt: null, hiddenById: null, hiddenReason: null, revision: { increment: 1 } } });
    await recordActivity(tx, { workspaceId: workspace.id, documentId: row.documentId, actorId: signedIn.id, kind: 'annotation.unhidden', subjectId: annotationId });
  });
  await notifyModeration(signedIn, annotationId, false, null);
}
