import 'server-only';
import { getDb } from '@/lib/db';
import { documentRightsOf, readableDocumentsWhere } from '@/lib/dal/access/documents';
import { recordActivity } from '@/lib/dal/activity';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { getViewerRole } from '@/lib/dal/workspaces';
import { AppError, parseInput } from '@/lib/errors';
import { documentVisibilitySchema } from '@/lib/validation/document-visibility';

/**
 * Makes document `slug` public or visible to its workspace only, for its workspace's owners and editors, and logs
 * the change in the workspace's feed. Choosing what it already is changes and logs nothing. NOT_FOUND for a
 * document the viewer may not read, FORBIDDEN below editor.
 */
export async function setDocumentVisibility(viewer: Viewer | null, slug: string, input: unknown): Promise<{ isPublic: boolean }> {
  const signedIn = requireViewer(viewer);
  const { visibility } = parseInput(documentVisibilitySchema, input);
  const db = getDb();
  const document = await db.document.findFirst({ where: { AND: [{ slug }, readableDocumentsWhere(signedIn)] }, select: { id: true, workspaceId: true, visibility: true } });
  if (!document) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  const role = await getViewerRole(signedIn, document.workspaceId);
  if (!documentRightsOf(signedIn, { isPublic: document.visibility === 'PUBLIC', role }).canSetVisibility) {
    throw new AppError('FORBIDDEN', 'Only the workspace’s owners and editors may make a document public or private.');
  }
  if (document.visibility === visibility) return { isPublic: visibility === 'PUBLIC' };
  await db.$transaction(async (tx) => {
    // Only a change from what was read is written, so two people choosing at once log one change each way at most.
    const { count } = await tx.document.updateMany({ where: { id: document.id, visibility: document.visibility }, data: { visibility } });
    if (count === 0) return;
    await recordActivity(tx, {
      workspaceId: document.workspaceId,
      documentId: document.id,
      actorId: signedIn.id,
      kind: visibility === 'PUBLIC' ? 'document.published' : 'document.unpublished',
      subjectId: document.id,
    });
  });
  return { isPublic: visibility === 'PUBLIC' };
}
