import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Viewer } from '@/lib/dal/authorization';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { canDeleteLink, canLinkAnnotations, canSeeLink, type LinkEndFacts, type Role } from '@/lib/domain/permissions';

// Who may see a link between annotations, in every form the data layer needs (the rule itself: canSeeLink in
// lib/domain/permissions.ts). A link is seen only by those who may see both its ends, so it never reveals another
// member's private note. tests/integration/annotation-links.test.ts holds the forms to the predicate.

/** The annotations a link may end at for `viewer`: visible to them, neither deleted nor hidden, on a document they may read. */
export function shownLinkEndWhere(viewer: Pick<Viewer, 'id'> | null): Prisma.AnnotationWhereInput {
  return { AND: [visibleAnnotationsWhere(viewer), { deletedAt: null, hiddenAt: null, document: readableDocumentsWhere(viewer) }] };
}

/** The links `viewer` may see: both ends shown to them. Used by every read of links: cards, the filter, exports, the report. */
export function visibleAnnotationLinksWhere(viewer: Pick<Viewer, 'id'> | null): Prisma.AnnotationLinkWhereInput {
  return { from: shownLinkEndWhere(viewer), to: shownLinkEndWhere(viewer) };
}

/**
 * shownLinkEndWhere in SQL over an `"Annotation"` aliased `a` and its `"Document"` aliased `d`, for the reads on the
 * driver: `viewerParam` and `isMemberParam` name the parameters holding the viewer's id and whether they belong to
 * the workspace concerned (every link, and every annotation the Link… form offers, stays within one workspace).
 */
export function shownLinkEndSql(a: string, d: string, viewerParam: string, isMemberParam: string): string {
  return `(${a}."deletedAt" IS NULL AND ${a}."hiddenAt" IS NULL AND (${a}."authorId" = ${viewerParam}::uuid OR (${isMemberParam}::boolean AND ${a}."visibility" = 'WORKSPACE')) AND (${isMemberParam}::boolean OR ${d}."visibility" = 'PUBLIC'))`;
}

/** visibleAnnotationLinksWhere in SQL, over `"AnnotationLink" l` joined to its ends `f`, `t` and their documents `fd`, `td`. */
export function visibleAnnotationLinksSql(viewerParam: string, isMemberParam: string): string {
  return `${shownLinkEndSql('f', 'fd', viewerParam, isMemberParam)} AND ${shownLinkEndSql('t', 'td', viewerParam, isMemberParam)}`;
}

/** The columns of a link's end its rights turn on. */
export type LinkEndRow = { authorId: string; visibility: 'PRIVATE' | 'WORKSPACE'; deletedAt: Date | null; hiddenAt: Date | null; document: { visibility: 'PRIVATE' | 'PUBLIC' } };

function endFacts(row: LinkEndRow): LinkEndFacts {
  return { authorId: row.authorId, visibility: row.visibility, isDeleted: row.deletedAt !== null, isHidden: row.hiddenAt !== null, document: { isPublic: row.document.visibility === 'PUBLIC' } };
}

const standingOf = (viewer: Pick<Viewer, 'id'> | null, role: Role | null) => ({ userId: viewer?.id ?? null, role: viewer ? role : null });

/** What `viewer` (whose role in the links' workspace is `role`) may do with a link between `from` and `to` (lib/domain/permissions). */
export function linkRightsOf(
  viewer: Pick<Viewer, 'id'> | null,
  role: Role | null,
  ends: { from: LinkEndRow; to: LinkEndRow },
  link?: { createdById: string },
): { canSee: boolean; canLink: boolean; canDelete: boolean } {
  const standing = standingOf(viewer, role);
  const from = endFacts(ends.from);
  const to = endFacts(ends.to);
  return { canSee: canSeeLink(standing, from, to), canLink: canLinkAnnotations(standing, from, to), canDelete: link ? canDeleteLink(standing, link, from, to) : false };
}
