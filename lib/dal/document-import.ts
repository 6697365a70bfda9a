import { randomBytes } from 'node:crypto';
import 'server-only';
import { getDb } from '@/lib/db';
import { recordActivity } from '@/lib/dal/activity';
import { unsafeReanchorDocument, type ReanchorReport } from '@/lib/dal/annotations';
import { memberWorkspacesWhere, workspaceRightsOf } from '@/lib/dal/access/workspaces';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import {
  formatFromContent,
  formatFromFileName,
  formatFromMediaType,
  parseImportedDocument,
  previewOf,
  type ImportedDocument,
  type ImportFormat,
  type ImportPreview,
} from '@/lib/domain/document-import';
import { DocumentFormatError } from '@/lib/domain/plain-text-import';
import { slugify } from '@/lib/domain/slugs';
import { AppError, parseInput } from '@/lib/errors';
import type { z } from '@/lib/zod';
import type { documentImportResultSchema } from '@/lib/validation/api-responses';
import { importDocumentSchema, MAX_IMPORT_BYTES, type ImportDocumentInput } from '@/lib/validation/document-import';

/** What an import did: the document's address, its version, and for a new version of an existing document the re-anchoring report. */
export type ImportResult = z.output<typeof documentImportResultSchema>;

/** Parses an import without storing it, for the preview. Editors and owners of the workspace only. */
export async function previewDocumentImport(viewer: Viewer | null, input: unknown): Promise<ImportPreview & { slug: string }> {
  const request = readRequest(input);
  await requireImportRights(viewer, request.workspaceSlug);
  const imported = parse(request);
  return { ...previewOf(imported), slug: request.slug ?? slugFor(imported.document.title) };
}

/**
 * Stores an import as a new document of the workspace, or as a new version of the workspace's document with
 * that slug, whose annotations are then re-anchored. Editors and owners only; all or nothing. A slug held by another
 * workspace's document is replaced by a generated free one (the result names it), never refused.
 */
export async function importDocument(viewer: Viewer | null, input: unknown): Promise<ImportResult> {
  const request = readRequest(input);
  const workspace = await requireImportRights(viewer, request.workspaceSlug);
  return storeImport(workspace, request.slug, parse(request), null);
}

/** A PDF stored with the version it was imported from. */
export type ImportedPdf = { bytes: Uint8Array; fingerprint: string; pageCount: number; fileName: string | null };

/**
 * Stores an import as a new document of the workspace, or as a new version of the workspace's document with
 * that slug, whose annotations are then re-anchored; a PDF is kept with the new version. All or nothing.
 * Not authorized: callers have checked the importer's rights with requireImportRights.
 */
export async function unsafeStoreImport(
  workspace: { id: string; importerId: string },
  requestedSlug: string | undefined,
  imported: ImportedDocument,
  pdf: ImportedPdf | null,
): Promise<ImportResult> {
  return storeImport(workspace, requestedSlug, imported, pdf);
}

async function storeImport(workspace: { id: string; importerId: string }, requestedSlug: string | undefined, imported: ImportedDocument, pdf: ImportedPdf | null): Promise<ImportResult> {
  const { document } = imported;
  const db = getDb();
  let slug = requestedSlug ?? slugFor(document.title);
  // The store refuses another workspace's slug itself, under its lock; this read only tells a new document apart.
  let existing = await db.document.findUnique({ where: { slug }, select: { workspaceId: true, title: true } });
  if (existing && existing.workspaceId !== workspace.id) {
    // An address another workspace holds is answered like any free one, with a generated address of its own, so
    // an import never confirms that someone else's (perhaps private) document exists, nor says whose it is.
    slug = await freeSlugLike(slug);
    existing = null;
  }
  const stored = await unsafeStoreDocumentVersion(db, {
    workspaceId: workspace.id,
    metadata: { slug, title: document.title },
    parsed: document,
    isPublic: false,
    pdf,
    importerId: workspace.importerId,
  });
  const isNewVersionOfExisting = stored.isNewVersion && stored.versionNumber > 1;
  const reanchor = await reanchorOntoNewestVersion(stored.documentId, { isNewVersion: isNewVersionOfExisting });
  // Told once the annotations sit on the new text, so readers who have the document open reload onto both.
  if (isNewVersionOfExisting) {
    await recordActivity(db, { workspaceId: workspace.id, documentId: stored.documentId, actorId: workspace.importerId, kind: 'document.versioned', subjectId: String(stored.versionNumber) });
  }
  return {
    documentSlug: slug,
    title: existing?.title ?? document.title,
    versionNumber: stored.versionNumber,
    isNewDocument: !existing && stored.isNewVersion,
    isNewVersion: stored.isNewVersion,
    reanchor,
    preview: previewOf(imported),
  };
}

/**
 * Re-anchors the document's annotations onto its newest version when any still sit on an older one. Storing a
 * version and re-anchoring are two steps, so this keys on what is stored rather than on what this import did: a
 * retry after a failed re-anchor heals it, and when two imports race, both place the annotations on the newest text.
 */
async function reanchorOntoNewestVersion(documentId: string, { isNewVersion }: { isNewVersion: boolean }): Promise<ReanchorReport | null> {
  const db = getDb();
  const newest = await db.documentVersion.findFirstOrThrow({ where: { documentId }, orderBy: { number: 'desc' }, select: { id: true } });
  // Annotations a person detached stay where they were on purpose (the re-anchoring leaves them too).
  const behind = await db.annotation.count({ where: { documentId, versionId: { not: newest.id }, NOT: { anchorStatus: 'ORPHAN', isAnchorConfirmed: true } } });
  // A new version always gets its report, even an empty one, so the importer sees that nothing needed moving.
  return behind > 0 || isNewVersion ? unsafeReanchorDocument(db, documentId, newest.id) : null;
}

function readRequest(input: unknown): ImportDocumentInput {
  const content = (input as { content?: unknown } | null)?.content;
  // Measured before validation so an oversized text is refused as too large, not parsed.
  if (typeof content === 'string' && Buffer.byteLength(content, 'utf8') > MAX_IMPORT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The document is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it, or import the article without its appendices.`, {
      fieldErrors: { content: [`The limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB of text.`] },
    });
  }
  return parseInput(importDocumentSchema, input);
}

/** The workspace an import goes to, once the viewer is known to be its editor or owner; NOT_FOUND or FORBIDDEN otherwise. */
export async function requireImportRights(viewer: Viewer | null, workspaceSlug: string): Promise<{ id: string; importerId: string }> {
  const { id: userId } = requireViewer(viewer);
  const workspace = await getDb().workspace.findFirst({
    where: { AND: [{ slug: workspaceSlug }, memberWorkspacesWhere({ id: userId })] },
    select: { id: true, memberships: { where: { userId }, select: { role: true } } },
  });
  // Someone outside the workspace learns nothing about it, not even that it exists.
  if (!workspace) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member of it.');
  if (!workspaceRightsOf(viewer, workspace.memberships[0]?.role).canImportDocuments) throw new AppError('FORBIDDEN', 'Only editors and owners of this workspace can import documents.');
  return { id: workspace.id, importerId: userId };
}

function formatOf(request: ImportDocumentInput): ImportFormat {
  return (
    request.format ??
    (request.fileName ? formatFromFileName(request.fileName) : null) ??
    (request.mediaType ? formatFromMediaType(request.mediaType) : null) ??
    formatFromContent(request.content)
  );
}

function parse(request: ImportDocumentInput): ImportedDocument {
  try {
    return parseImportedDocument(formatOf(request), request.content, { title: request.title });
  } catch (error) {
    if (error instanceof DocumentFormatError) throw new AppError('INVALID_INPUT', error.message, { fieldErrors: { content: [error.message] } });
    throw error;
  }
}

// `<slug>-<6 random letters and digits>` that no document has yet; collisions are rare, so a few tries suffice.
async function freeSlugLike(slug: string): Promise<string> {
  for (;;) {
    const candidate = `${slug.slice(0, 73)}-${randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/gu, '').slice(0, 6).padEnd(6, '0')}`;
    if (!(await getDb().document.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
}

/** The address a document gets from its title when none is given. */
export function slugFor(title: string): string {
  return slugify(title) || 'document';
}
