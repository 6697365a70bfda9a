import 'server-only';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { memberWorkspacesWhere } from '@/lib/dal/access/workspaces';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { getReadableDocument } from '@/lib/dal/document-lookup';
import { getDb } from '@/lib/db';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { withCurrentMentionNames } from '@/lib/dal/mentions';
import { plainExcerpt } from '@/lib/domain/excerpts';
import { AppError } from '@/lib/errors';

/** One line of a workspace's feed; `isNew` when someone else did it since the viewer's previous visit to the feed. */
export type FeedEntry = { id: string; kind: string; actor: string; at: string; documentTitle: string | null; href: string | null; excerpt: string | null; isNew: boolean };

const VERBS: Record<string, string> = {
  'annotation.created': 'annotated',
  'annotation.updated': 'edited an annotation',
  'annotation.deleted': 'deleted an annotation',
  'annotation.hidden': 'hid an annotation',
  'annotation.unhidden': 'showed a hidden annotation again',
  'annotation.resolved': 'resolved a thread',
  'annotation.reopened': 'reopened a thread',
  'annotation.reacted': 'reacted to an annotation',
  'annotation.reanchored': 'placed an annotation again',
  'document.versioned': 'imported a new version of',
  'document.published': 'made public',
  'document.unpublished': 'made visible to the workspace only:',
  'source.added': 'added a source',
  'source.verdict': 'set a verdict',
  'source.edited': 'edited a source',
  'source.deleted': 'deleted a source',
  'source.merged': 'merged duplicate sources',
  'source.evidence': 'edited an evidence quote',
  'note.status': 'changed a note’s tracing status',
  'note.assigned': 'assigned a note',
  'report.signed': 'signed off the verification report of',
  'tag.changed': 'changed the tag vocabulary',
  'link.created': 'linked two annotations',
  'link.deleted': 'removed a link between annotations',
};

/** Describes an activity kind as a verb phrase. */
export function describeActivity(kind: string): string {
  return VERBS[kind] ?? 'made a change';
}

/**
 * Returns the workspace's recent changes the viewer may know of (members only), newest first. Changes by others after
 * `newSince` (from recordFeedVisit) are marked new.
 */
export async function findWorkspaceActivity(
  viewer: Viewer | null,
  workspaceSlug: string,
  { newSince = null }: { newSince?: Date | null } = {},
): Promise<{ workspaceName: string; entries: FeedEntry[] }> {
  const signedIn = requireViewer(viewer);
  const db = getDb();
  const workspace = await db.workspace.findFirst({ where: { AND: [{ slug: workspaceSlug }, memberWorkspacesWhere(signedIn)] }, select: { id: true, name: true } });
  if (!workspace) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member of it.');
  const rows = await db.activity.findMany({
    where: { workspaceId: workspace.id, OR: [{ audienceUserId: null }, { audienceUserId: signedIn.id }] },
    orderBy: { id: 'desc' },
    take: 100,
    select: { id: true, kind: true, subjectId: true, documentId: true, createdAt: true, actorId: true, actor: { select: { name: true } } },
  });
  const annotationIds = rows.filter((row) => row.kind.startsWith('annotation.')).map((row) => row.subjectId);
  const [annotations, documents] = await Promise.all([
    db.annotation.findMany({ where: { AND: [{ id: { in: annotationIds } }, visibleAnnotationsWhere(signedIn)] }, select: { id: true, body: true, deletedAt: true, hiddenAt: true } }).then(withCurrentMentionNames),
    db.document.findMany({ where: { AND: [{ id: { in: rows.flatMap((row) => (row.documentId ? [row.documentId] : [])) } }, readableDocumentsWhere(signedIn)] }, select: { id: true, slug: true, title: true } }),
  ]);
  const annotationById = new Map(annotations.map((annotation) => [annotation.id, annotation]));
  const documentById = new Map(documents.map((document) => [document.id, document]));
  const entries = rows.flatMap((row): FeedEntry[] => {
    const annotation = row.kind.startsWith('annotation.') ? annotationById.get(row.subjectId) : undefined;
    // A change to an annotation the viewer cannot see is not theirs to know about.
    if (row.kind.startsWith('annotation.') && !annotation) return [];
    const document = row.documentId ? documentById.get(row.documentId) : undefined;
    const isGone = Boolean(annotation?.deletedAt || annotation?.hiddenAt);
    return [
      {
        id: row.id.toString(),
        kind: row.kind,
        actor: row.actor?.name ?? 'Someone',
        at: row.createdAt.toISOString(),
        documentTitle: document?.title ?? null,
        href: document ? `/documents/${document.slug}${annotation && !isGone ? `#annotation-${annotation.id}` : ''}` : null,
        excerpt: annotation && !isGone && annotation.body ? plainExcerpt(annotation.body, 160) || null : null,
        isNew: newSince !== null && row.actorId !== signedIn.id && row.createdAt > newSince,
      },
    ];
  });
  return { workspaceName: workspace.name, entries };
}

/**
 * Records that the viewer opened a document and returns since when things count as new for them: their
 * previous visit, kept for a while so a reload does not wipe the markers. Null on a first visit or for a visitor.
 */
export async function recordDocumentVisit(viewer: Viewer | null, documentSlug: string): Promise<Date | null> {
  if (!viewer) return null;
  const db = getDb();
  const document = await getReadableDocument(viewer, documentSlug);
  if (!document) return null;
  // One statement, so two tabs opening the document at once cannot both take it for the first visit. Within half
  // an hour it is the same sitting: the markers of its start are kept.
  const rows = await db.$queryRaw<Array<{ previousAt: Date; isFirstVisit: boolean }>>`
    INSERT INTO "DocumentVisit" ("userId", "documentId", "previousAt", "lastAt")
    VALUES (${viewer.id}::uuid, ${document.id}::uuid, now(), now())
    ON CONFLICT ("userId", "documentId") DO UPDATE SET
      "previousAt" = CASE WHEN now() - "DocumentVisit"."lastAt" < interval '30 minutes' THEN "DocumentVisit"."previousAt" ELSE "DocumentVisit"."lastAt" END,
      "lastAt" = now()
    RETURNING "previousAt", (xmax = 0) AS "isFirstVisit"`;
  const visit = rows[0];
  return visit && !visit.isFirstVisit ? visit.previousAt : null;
}

/**
 * Records that the viewer opened a workspace's feed and returns since when changes count as new for them: their
 * previous visit, kept through a sitting of half an hour so a reload does not wipe the marks. Null on a first visit,
 * or for anyone who is not a member.
 */
export async function recordFeedVisit(viewer: Viewer | null, workspaceSlug: string): Promise<Date | null> {
  if (!viewer) return null;
  const db = getDb();
  const workspace = await db.workspace.findFirst({ where: { slug: workspaceSlug, memberships: { some: { userId: viewer.id } } }, select: { id: true } });
  if (!workspace) return null;
  // As for documents (recordDocumentVisit): one statement, so two tabs cannot both take it for the first visit.
  const rows = await db.$queryRaw<Array<{ previousAt: Date; isFirstVisit: boolean }>>`
    INSERT INTO "FeedVisit" ("userId", "workspaceId", "previousAt", "lastAt")
    VALUES (${viewer.id}::uuid, ${workspace.id}::uuid, now(), now())
    ON CONFLICT ("userId", "workspaceId") DO UPDATE SET
      "previousAt" = CASE WHEN now() - "FeedVisit"."lastAt" < interval '30 minutes' THEN "FeedVisit"."previousAt" ELSE "FeedVisit"."lastAt" END,
      "lastAt" = now()
    RETURNING "previousAt", (xmax = 0) AS "isFirstVisit"`;
  const visit = rows[0];
  return visit && !visit.isFirstVisit ? visit.previousAt : null;
}
