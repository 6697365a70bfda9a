/**
 * Who may see and do what, decided from plain data: no database, no framework. The one place a permission is
 * decided. The buttons a page shows come from these functions (through lib/dal/access), and every mutation in
 * lib/dal asks the same function before it writes, so a button is shown exactly when its action would be allowed.
 *
 * The rows a person may see are selected in the database by the where-builders and SQL fragments in
 * lib/dal/access/<entity>.ts; the predicates here (canReadDocument, canSeeAnnotation, isWorkspaceMember) are the
 * same rules over plain data, and tests/integration/access-worlds.test.ts holds every form to the same rows over
 * random worlds.
 *
 * Adding a rule or an entity:
 * 1. Write the predicate or the rights here, over plain facts (a Standing and the entity's own fields).
 * 2. Give it its database forms in lib/dal/access/<entity>.ts (a Prisma where-builder, and a SQL fragment only if a
 *    hot path reads through queryRows/queryObjects), with a function mapping a row to this file's input.
 * 3. Make every read use the where-builder and every mutation ask the rights before it writes.
 * 4. Add the entity to the random worlds of tests/integration/access-worlds.test.ts: its forms must select the same
 *    rows as the predicate, and its mutations must succeed exactly when the rights say so.
 */

/** A member's role in a workspace, from most to least trusted. */
export type Role = 'OWNER' | 'EDITOR' | 'COMMENTER' | 'VIEWER';

const RANK: Record<Role, number> = { VIEWER: 1, COMMENTER: 2, EDITOR: 3, OWNER: 4 };

/** Whether `role` carries at least the rights of `required`; no role (a non-member) carries none. */
export function hasRole(role: Role | null | undefined, required: Role): boolean {
  return role ? RANK[role] >= RANK[required] : false;
}

/** Who is acting and where: their user id (null when signed out) and their role in the workspace concerned (null when not a member). */
export type Standing = { userId: string | null; role: Role | null };

/** The facts about a document that its permissions turn on. */
export type DocumentFacts = { isPublic: boolean };

/** The facts about an annotation that its permissions turn on. */
export type AnnotationFacts = {
  authorId: string;
  visibility: 'PRIVATE' | 'WORKSPACE';
  isReply: boolean;
  isDeleted: boolean;
  isHidden: boolean;
};

/** Whether the workspace is one of the person's: members see it, nobody else learns it exists. */
export function isWorkspaceMember(standing: Standing): boolean {
  return standing.userId !== null && standing.role !== null;
}

/** Whether the person may read the document: anyone a public one, members of its workspace a private one. */
export function canReadDocument(standing: Standing, document: DocumentFacts): boolean {
  return document.isPublic || isWorkspaceMember(standing);
}

/**
 * Whether the person may see the annotation wherever it is: their own, and the shared ones of a workspace they belong
 * to. Reads also require the document to be readable (annotationRights does); an author who left a workspace still
 * owns their notes there.
 */
export function canSeeAnnotation(standing: Standing, annotation: Pick<AnnotationFacts, 'authorId' | 'visibility'>): boolean {
  if (standing.userId === null) return false;
  return annotation.authorId === standing.userId || (annotation.visibility === 'WORKSPACE' && isWorkspaceMember(standing));
}

/** What the person may do on a document: the composer's choices, sources, imports. */
export type DocumentRights = {
  canAnnotatePrivately: boolean;
  canShare: boolean;
  canTag: boolean;
  canImportAnnotations: boolean;
  canProposeSources: boolean;
  canSetVerdicts: boolean;
  /** Choose the document's visibility (workspace only, or public). */
  canSetVisibility: boolean;
};

/** Returns what the person may do on a document; nothing on one they may not read. */
export function documentRights(standing: Standing, document: DocumentFacts): DocumentRights {
  const isReadable = canReadDocument(standing, document);
  const isCommenter = isReadable && hasRole(standing.role, 'COMMENTER');
  return {
    canAnnotatePrivately: isReadable && standing.userId !== null,
    canShare: isCommenter,
    // Tags come from the workspace's shared vocabulary, so tagging is a shared act.
    canTag: isCommenter,
    canImportAnnotations: isCommenter,
    canProposeSources: isCommenter,
    canSetVerdicts: isReadable && hasRole(standing.role, 'EDITOR'),
    canSetVisibility: isReadable && hasRole(standing.role, 'EDITOR'),
  };
}

/** What the person may do with one annotation, as its buttons show and its mutations allow. */
export type AnnotationRights = {
  canReply: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canResolve: boolean;
  canHide: boolean;
  /** Confirm a doubtful placement, or detach it to the orphans. */
  canSettleAnchor: boolean;
};

const NO_ANNOTATION_RIGHTS: AnnotationRights = { canReply: false, canEdit: false, canDelete: false, canResolve: false, canHide: false, canSettleAnchor: false };

/**
 * Returns what the person may do with an annotation on a document: nothing unless they may see both. Authors edit and
 * delete their own; on shared threads commenters reply and resolve, and editors hide others' annotations; a private
 * thread is its author's alone. A deleted or hidden annotation only keeps its place: its author may still delete a
 * hidden one, nothing else.
 */
export function annotationRights(standing: Standing, document: DocumentFacts, annotation: AnnotationFacts): AnnotationRights {
  if (!canReadDocument(standing, document) || !canSeeAnnotation(standing, annotation)) return NO_ANNOTATION_RIGHTS;
  const isAuthor = annotation.authorId === standing.userId;
  const isGone = annotation.isDeleted || annotation.isHidden;
  const isShared = annotation.visibility === 'WORKSPACE';
  const mayDiscuss = isShared ? hasRole(standing.role, 'COMMENTER') : isAuthor;
  const mayModerate = !isAuthor && isShared && hasRole(standing.role, 'EDITOR');
  return {
    canReply: !isGone && mayDiscuss,
    canEdit: !isGone && isAuthor,
    canDelete: isAuthor && !annotation.isDeleted,
    canResolve: !isGone && !annotation.isReply && mayDiscuss,
    canHide: !isGone && mayModerate,
    canSettleAnchor: !isGone && (isAuthor || mayModerate),
  };
}

/** What a person may do in a workspace. */
export type WorkspaceRights = {
  canManageMembers: boolean;
  canImportDocuments: boolean;
  canEditVocabulary: boolean;
  canOrderVocabulary: boolean;
  /** Set a note's tracing status (short of verified) and assignee. */
  canTraceNotes: boolean;
  /** Mark a note verified, sign off a verification report. */
  canVerifyNotes: boolean;
  /** Edit, delete, merge and import the workspace's sources and edit evidence quotes. */
  canManageSources: boolean;
};

/** Returns what the person may do in a workspace: owners manage members and order the vocabulary; editors import documents, edit the vocabulary, manage sources and verify; commenters trace notes. */
export function workspaceRights(standing: Standing): WorkspaceRights {
  const isMember = isWorkspaceMember(standing);
  return {
    canManageMembers: isMember && hasRole(standing.role, 'OWNER'),
    canImportDocuments: isMember && hasRole(standing.role, 'EDITOR'),
    canEditVocabulary: isMember && hasRole(standing.role, 'EDITOR'),
    canOrderVocabulary: isMember && hasRole(standing.role, 'OWNER'),
    canTraceNotes: isMember && hasRole(standing.role, 'COMMENTER'),
    canVerifyNotes: isMember && hasRole(standing.role, 'EDITOR'),
    canManageSources: isMember && hasRole(standing.role, 'EDITOR'),
  };
}

/** The facts about one end of a link that its permissions turn on: the annotation, and whether its document is public. */
export type LinkEndFacts = Pick<AnnotationFacts, 'authorId' | 'visibility' | 'isDeleted' | 'isHidden'> & { document: DocumentFacts };

/**
 * Whether the person may see a link: only when they may see both its ends (neither deleted nor hidden), so a link
 * never shows another member's private quote, nor even that it exists. Both ends are in one workspace, where the
 * person's role is `standing.role`.
 */
export function canSeeLink(standing: Standing, from: LinkEndFacts, to: LinkEndFacts): boolean {
  const isShown = (end: LinkEndFacts) => !end.isDeleted && !end.isHidden && canReadDocument(standing, end.document) && canSeeAnnotation(standing, end);
  return isShown(from) && isShown(to);
}

/** Whether a link is seen by the whole workspace (both ends shared) rather than by the one author of its private end. */
export function isSharedLink(from: Pick<AnnotationFacts, 'visibility'>, to: Pick<AnnotationFacts, 'visibility'>): boolean {
  return from.visibility === 'WORKSPACE' && to.visibility === 'WORKSPACE';
}

/**
 * Whether the person may link two annotations, as they may annotate: a link between two shared annotations is a
 * shared act (commenters and above, like sharing an annotation); a link with one's own private note at one end stays
 * as private as that note, so whoever may keep private notes may make it.
 */
export function canLinkAnnotations(standing: Standing, from: LinkEndFacts, to: LinkEndFacts): boolean {
  if (!canSeeLink(standing, from, to)) return false;
  return isSharedLink(from, to) ? isWorkspaceMember(standing) && hasRole(standing.role, 'COMMENTER') : standing.userId !== null;
}

/** Whether the person may remove a link they can see: whoever made it, or an editor or owner on a shared link (as hiding). */
export function canDeleteLink(standing: Standing, link: { createdById: string }, from: LinkEndFacts, to: LinkEndFacts): boolean {
  if (!canSeeLink(standing, from, to)) return false;
  return link.createdById === standing.userId || (isSharedLink(from, to) && isWorkspaceMember(standing) && hasRole(standing.role, 'EDITOR'));
}
