import 'server-only';
import { LRUCache } from 'lru-cache';
import { queryObjects, type DatabaseClient } from '@/lib/db';
import { annotationRightsOf, visibleAnnotationsWhere, type AnnotationRightsRow } from '@/lib/dal/access/annotations';
import { readableDocumentsSql, readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { VocabularyCounts } from '@/lib/dal/access/tags';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { getVersionText, type VersionText } from '@/lib/dal/version-texts';
import type { AnnotationRights } from '@/lib/domain/permissions';
import { isUuid } from '@/lib/domain/ids';
import { describeRange, InvalidRangeError, type TextSelectors } from '@/lib/domain/selectors';
import { AppError } from '@/lib/errors';
import type { RoleName } from '@/lib/validation/workspaces';

/** The document an annotation is written on, as a write sees it: access, the newest version and whether the id is taken. */
export type DocumentContext = {
  id: string;
  workspaceId: string;
  isPublic: boolean;
  role: RoleName | null;
  version: { id: string; number: number } & VersionText;
  /** Who stored the annotation that already has the id this write names, and on which document; null while the id is free. */
  idTakenBy: { authorId: string; documentId: string } | null;
  /** The shared vocabulary's counts for the tag names the write asked about (see refuseVocabularyOverflow), and those names. */
  vocabulary: { names: readonly string[]; counts: VocabularyCounts } | null;
};

const notFound = () => new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');

type WritableDocumentRow = {
  id: string;
  workspaceId: string;
  isPublic: boolean;
  role: RoleName | null;
  versionId: string;
  versionNumber: number;
  takenByAuthorId: string | null;
  takenOnDocumentId: string | null;
  sharedTags: number;
  alreadySharedTags: number;
};

// The readable-document rule joins the viewer's membership as m, which also gives their role.
const writableDocumentReadable = readableDocumentsSql('$1', { document: 'd', membership: 'm' });
const WRITABLE_DOCUMENT_SQL = `SELECT d."id", d."workspaceId", d."visibility" = 'PUBLIC' AS "isPublic", m."role"::text AS "role", v."id" AS "versionId",
            v."number" AS "versionNumber", taken."authorId" AS "takenByAuthorId", taken."documentId" AS "takenOnDocumentId",
            vocabulary."shared" AS "sharedTags", vocabulary."alreadyShared" AS "alreadySharedTags"
     FROM "Document" d
     JOIN LATERAL (SELECT "id", "number" FROM "DocumentVersion" WHERE "documentId" = d."id" ORDER BY "number" DESC LIMIT 1) v ON true
     ${writableDocumentReadable.join}
     LEFT JOIN "Annotation" taken ON taken."id" = $2::uuid
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS "shared", count(*) FILTER (WHERE t."name" = ANY($4::text[]))::int AS "alreadyShared"
       FROM "Tag" t WHERE cardinality($4::text[]) > 0 AND t."workspaceId" = d."workspaceId" AND t."isShared"
     ) vocabulary
     WHERE d."slug" = $3 AND ${writableDocumentReadable.condition}`;

/**
 * What a write of annotation `annotationId` needs of document `slug`, in one round trip: whether the viewer may
 * read it (readableDocumentsWhere's rule: public, or in one of their workspaces), their role there, its newest
 * version, whether the id is taken, and, given the normalised `tagNames` it may share, how full the workspace's
 * shared vocabulary is. The version's text comes from getVersionText, as versions never change.
 */
export async function requireWritableDocument(viewer: Viewer, slug: string, annotationId: string, tagNames: readonly string[] = []): Promise<DocumentContext> {
  if (!isUuid(annotationId)) throw new AppError('INVALID_INPUT', 'An annotation id must be a UUID.');
  const [found] = await queryObjects<WritableDocumentRow>(WRITABLE_DOCUMENT_SQL, [viewer.id, annotationId, slug, tagNames], 'annotation-writable-document');
  const text = found && (await getVersionText(found.versionId));
  if (!found || !text) throw notFound();
  latestVersions.set(slug, { id: found.id, workspaceId: found.workspaceId, versionId: found.versionId, versionNumber: found.versionNumber });
  return {
    id: found.id,
    workspaceId: found.workspaceId,
    isPublic: found.isPublic,
    role: found.role,
    version: { id: found.versionId, number: found.versionNumber, ...text },
    idTakenBy: found.takenByAuthorId && found.takenOnDocumentId ? { authorId: found.takenByAuthorId, documentId: found.takenOnDocumentId } : null,
    vocabulary: tagNames.length > 0 ? { names: tagNames, counts: { shared: found.sharedTags, alreadyShared: found.alreadySharedTags } } : null,
  };
}

// The newest version each document slug had when a write last looked it up: a guess only, which lets a write place
// its quote before asking the database; the guarded insert checks it (and everything else) again.
const latestVersions = new LRUCache<string, { id: string; workspaceId: string; versionId: string; versionNumber: number }>({ max: 1000 });

/**
 * The document a write of `slug` probably goes to, as the last lookup of it found it, with access left unknown (no
 * role, not public, nothing taken): for a write whose insert is held to guardedWriteOf. Null when never looked up.
 */
export async function guessWritableDocument(slug: string): Promise<DocumentContext | null> {
  const guess = latestVersions.get(slug);
  const text = guess && (await getVersionText(guess.versionId));
  if (!guess || !text) return null;
  return { id: guess.id, workspaceId: guess.workspaceId, isPublic: false, role: null, version: { id: guess.versionId, number: guess.versionNumber, ...text }, idTakenBy: null, vocabulary: null };
}

// requireWritableDocument's lookup as a condition on the insert: the document is still readable by the writer, still
// the guessed one at the guessed newest version, the id is free, the writer's standing grants what the write needs,
// and every shared tag is already in the vocabulary (so it cannot overflow). The insert's own parameters are $1–$7.
const GUARDED_WRITE_SQL = `SELECT 1 FROM (${WRITABLE_DOCUMENT_SQL.replace(/\$(\d+)/gu, (_, n: string) => `$${Number(n) + 7}`)}) a
  WHERE a."id" = $4::uuid AND a."workspaceId" = $3::uuid AND a."versionId" = $5::uuid AND a."takenByAuthorId" IS NULL
    AND (a."role" = ANY($12::text[]) OR (a."role" IS NULL AND a."isPublic" AND $13::boolean))
    AND a."alreadySharedTags" = cardinality($11::text[])`;

/**
 * The guard (see InsertGuard) that makes an insert on a guessed document (guessWritableDocument) as safe as one after
 * requireWritableDocument: nothing is stored unless the lookup would have allowed it to the writer, whose standing
 * must be one that `granted` names (standingsGranting), with `sharedTagNames` all in the vocabulary already. When
 * nothing is stored, the write starts over the usual way, which gives the precise answer.
 */
export function guardedWriteOf(viewer: Viewer, slug: string, annotationId: string, sharedTagNames: readonly string[], granted: { roles: readonly string[]; publicToNonMembers: boolean }) {
  return { sql: GUARDED_WRITE_SQL, values: [viewer.id, annotationId, slug, sharedTagNames, granted.roles, granted.publicToNonMembers], name: 'annotation-guarded-insert' };
}

/** Describes the selection [start, end) of `document`'s current version; INVALID_INPUT, naming the selection, when it is no range of it. */
export function selectorsOfSelection(document: DocumentContext, start: number, end: number): TextSelectors {
  try {
    return describeRange(document.version.text, start, end, document.version.index);
  } catch (error) {
    if (error instanceof InvalidRangeError) throw new AppError('INVALID_INPUT', error.message, { fieldErrors: { selection: [error.message] } });
    throw error;
  }
}

/** Returns the slug of the section holding code point `offset`, or null in the lead. */
export function sectionAt(offset: number, sections: Array<{ slug: string; startOffset: number; endOffset: number }>): string | null {
  return sections.find((section) => offset >= section.startOffset && offset < section.endOffset)?.slug ?? null;
}


/** An annotation a write is about, with its document's access facts and the acting viewer. */
export type AnnotationContext = {
  row: { id: string; authorId: string; visibility: 'PRIVATE' | 'WORKSPACE'; parentId: string | null; rootId: string | null; revision: number; deletedAt: Date | null; hiddenAt: Date | null; body: string; documentId: string; versionId: string };
  workspaceId: string;
  documentSlug: string;
  isPublic: boolean;
  role: RoleName | null;
  viewer: Viewer;
};

/** What the acting viewer may do with the annotation (lib/domain/permissions), as its buttons showed them. */
export function rightsIn(context: AnnotationContext, row: AnnotationRightsRow = context.row): AnnotationRights {
  return annotationRightsOf(context.viewer, context, row);
}

/** Whether a right is missing only because the annotation was removed (CONFLICT: nobody may any more) rather than because of who asks (FORBIDDEN). */
export function isRefusedForRemoval(context: AnnotationContext, right: keyof AnnotationRights): boolean {
  return rightsIn(context, { ...context.row, deletedAt: null, hiddenAt: null })[right];
}

/** Returns the annotation `annotationId` when the signed-in viewer may see it; NOT_FOUND otherwise. */
export async function requireVisibleAnnotation(db: DatabaseClient, viewer: Viewer | null, annotationId: string): Promise<AnnotationContext> {
  const signedIn = requireViewer(viewer);
  const row = await db.annotation.findFirst({
    where: { AND: [{ id: annotationId }, visibleAnnotationsWhere(signedIn), { document: readableDocumentsWhere(signedIn) }] },
    select: {
      id: true,
      authorId: true,
      visibility: true,
      parentId: true,
      rootId: true,
      revision: true,
      deletedAt: true,
      hiddenAt: true,
      body: true,
      documentId: true,
      versionId: true,
      document: { select: { workspaceId: true, slug: true, visibility: true, workspace: { select: { memberships: { where: { userId: signedIn.id }, select: { role: true } } } } } },
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
  const { document, ...rest } = row;
  return { row: rest, workspaceId: document.workspaceId, documentSlug: document.slug, isPublic: document.visibility === 'PUBLIC', role: document.workspace.memberships[0]?.role ?? null, viewer: signedIn };
}
