import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Viewer } from '@/lib/dal/authorization';
import { annotationRights, type AnnotationRights, type Role } from '@/lib/domain/permissions';

// Who may see an annotation, in every form the data layer needs (the rule itself: canSeeAnnotation in
// lib/domain/permissions.ts, which explains how to add a rule). tests/integration/access-worlds.test.ts holds the
// forms to the same rows over random worlds.

/**
 * The annotations `viewer` may see anywhere: their own, and the shared ones of workspaces they belong to.
 * Used by every annotation read: the reader, search, feeds, the live stream and exports.
 */
export function visibleAnnotationsWhere(viewer: Pick<Viewer, 'id'> | null): Prisma.AnnotationWhereInput {
  if (!viewer) return { id: { in: [] } };
  return {
    OR: [{ authorId: viewer.id }, { visibility: 'WORKSPACE', document: { workspace: { memberships: { some: { userId: viewer.id } } } } }],
  };
}

/**
 * visibleAnnotationsWhere as a condition over `"Annotation" a` for Prisma's raw queries, where ranking needs SQL (the
 * search): `memberDocumentIds` are the documents of the viewer's workspaces among those searched, looked up with
 * memberWorkspacesWhere.
 */
export function visibleAnnotationsSql(viewer: Pick<Viewer, 'id'>, memberDocumentIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`(a."authorId" = ${viewer.id}::uuid OR (a."visibility" = 'WORKSPACE' AND a."documentId" = ANY(${[...memberDocumentIds]}::uuid[])))`;
}

/** A document whose annotations are read, with whether the viewer is a member of its workspace, looked up by the caller. */
export type DocumentMembership = { id: string; isMember: boolean };

/**
 * visibleAnnotationsWhere narrowed to one document whose workspace membership the caller has already looked up:
 * the same rule (their own, and shared ones when they belong to the document's workspace) without joining through
 * the workspace's memberships for every row. Used by the reader, which lists thousands.
 */
export function visibleDocumentAnnotationsWhere(viewer: Pick<Viewer, 'id'> | null, document: DocumentMembership): Prisma.AnnotationWhereInput {
  if (!viewer) return { id: { in: [] } };
  return document.isMember ? { documentId: document.id, OR: [{ authorId: viewer.id }, { visibility: 'WORKSPACE' }] } : { documentId: document.id, authorId: viewer.id };
}

/**
 * visibleDocumentAnnotationsWhere in SQL, over `"Annotation" <alias>` (`a` unless said), for the reader's reads of
 * thousands of rows through queryRows: the condition uses $1 to $3 and `params` fills them (further parameters start
 * at $4), the same for every alias. Null when the viewer may see none.
 */
export function visibleDocumentAnnotationsSql(viewer: Pick<Viewer, 'id'> | null, document: DocumentMembership, alias = 'a'): { condition: string; params: [string, string, boolean] } | null {
  if (!viewer) return null;
  return {
    condition: `${alias}."documentId" = $1::uuid AND (${alias}."authorId" = $2::uuid OR ($3::boolean AND ${alias}."visibility" = 'WORKSPACE'))`,
    params: [document.id, viewer.id, document.isMember],
  };
}

/** The columns of an annotation its rights turn on. */
export type AnnotationRightsRow = { authorId: string; visibility: 'PRIVATE' | 'WORKSPACE'; parentId: string | null; deletedAt: Date | null; hiddenAt: Date | null };

/**
 * Returns what `viewer` may do with an annotation (lib/domain/permissions): the buttons its card shows, and what each
 * mutation checks before it writes. `document` says whether it is public and the viewer's role in its workspace.
 */
export function annotationRightsOf(viewer: Pick<Viewer, 'id'> | null, document: { isPublic: boolean; role: Role | null }, row: AnnotationRightsRow): AnnotationRights {
  return annotationRights(
    { userId: viewer?.id ?? null, role: viewer ? document.role : null },
    { isPublic: document.isPublic },
    { authorId: row.authorId, visibility: row.visibility, isReply: row.parentId !== null, isDeleted: row.deletedAt !== null, isHidden: row.hiddenAt !== null },
  );
}
