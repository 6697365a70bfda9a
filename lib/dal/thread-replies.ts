import 'server-only';
import { getDb } from '@/lib/db';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { findAnnotationViews, type AnnotationView } from '@/lib/dal/annotations';
import { findAnnotationLinks } from '@/lib/dal/annotation-links';
import { hasRole, type Viewer } from '@/lib/dal/authorization';
import { getViewerRole } from '@/lib/dal/workspaces';
import { isShownReply, reachableOutline, readOutline } from '@/lib/dal/reader-annotations';
import { replyPage } from '@/lib/domain/thread-pages';
import { buildThreads, type ThreadNode } from '@/lib/domain/threads';
import { withThreadItems } from '@/lib/domain/annotation-list';
import { AppError, parseInput } from '@/lib/errors';
import { threadReplyPageSchema } from '@/lib/validation/annotations';

/** A page of a thread's replies, flat in reading order, and how many the viewer may see after it. */
export type ThreadReplyPage = { replies: ThreadNode<AnnotationView>[]; remaining: number };

/**
 * Returns the next page of replies of a thread on document `documentSlug` (input: `threadId`, its first annotation,
 * and `offset`, how many replies the reader already shows), as the reader would show them: only replies the viewer may
 * see, deleted ones as placeholders while a shown reply hangs below them. 404 when the viewer may not read the
 * document or the thread.
 */
export async function findThreadReplyPage(viewer: Viewer | null, documentSlug: string, input: unknown): Promise<ThreadReplyPage> {
  const { threadId, offset } = parseInput(threadReplyPageSchema, input);
  const document = await getDb().document.findFirst({ where: { AND: [{ slug: documentSlug }, readableDocumentsWhere(viewer)] }, select: { id: true, workspaceId: true, visibility: true } });
  if (!document) throw new AppError('NOT_FOUND', 'That document does not exist or you cannot read it.');
  const role = await getViewerRole(viewer, document.workspaceId);
  const context = { id: document.id, isPublic: document.visibility === 'PUBLIC', role };
  const outline = reachableOutline(await readOutline(viewer, { id: document.id, isMember: hasRole(role, 'VIEWER') }, [threadId]));
  const root = buildThreads(outline).find((node) => node.id === threadId && !node.isPlaceholder);
  if (!root || root.isPlaceholder) throw new AppError('NOT_FOUND', 'That thread does not exist or you cannot see it.');
  const page = replyPage(root, offset, { isCounted: isShownReply });
  const ids = page.replies.map((node) => node.id);
  const [views, links] = await Promise.all([findAnnotationViews(viewer, context, ids), findAnnotationLinks(viewer, role, ids)]);
  const byId = new Map(views.map((view) => [view.id, view]));
  const replies = withThreadItems(page.replies, (annotation) => {
    const view = byId.get(annotation.id);
    return view ? { ...view, target: root.item.target, sectionSlug: root.item.sectionSlug, isNew: false, links: links.get(annotation.id) ?? [], pages: null } : null;
  });
  return { replies, remaining: page.remaining };
}
