import 'server-only';
import { getDb } from '@/lib/db';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { readableFootnoteSourcesWhere, sourceRightsOf } from '@/lib/dal/access/sources';
import { recordActivity } from '@/lib/dal/activity';
import { createCitedPassage } from '@/lib/dal/annotations';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { attach, requireNote, requireRights } from '@/lib/dal/sources';
import { recordTracingChanges, type TracingChangeInput } from '@/lib/dal/tracing-history';
import { isUuid } from '@/lib/domain/ids';
import { AppError, parseInput } from '@/lib/errors';
import { citePassageSchema, documentSourceSchema } from '@/lib/validation/evidence';
import type { VerdictName } from '@/lib/validation/source-choices';

/** A document of the workspace that may be attached to a note as its source. */
export type SourceDocumentOption = { id: string; title: string };

/** What the reader of a source document shows while a passage is being cited for a note of another document. */
export type CitingRequest = {
  footnoteSourceId: string;
  citingDocumentSlug: string;
  citingDocumentTitle: string;
  footnoteNumber: number;
  sourceTitle: string;
  verdict: VerdictName;
  canSetVerdicts: boolean;
};

/**
 * Returns the documents of a workspace the viewer may read that are no source yet, other than `exceptDocumentId`,
 * newest first: the choices of a source document (a document that is a source already is offered as that source).
 */
export async function findSourceDocumentOptions(viewer: Viewer | null, workspaceId: string, exceptDocumentId: string): Promise<SourceDocumentOption[]> {
  if (!viewer) return [];
  return getDb().document.findMany({
    where: { AND: [{ workspaceId, id: { not: exceptDocumentId }, citedAs: { none: {} } }, readableDocumentsWhere(viewer)] },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: { id: true, title: true },
  });
}

/**
 * Attaches a document of the workspace to a note as its source: the workspace's source for that document if it has
 * one, else a new source made from the document's title and publication data. Its passages can then be cited.
 */
export async function addDocumentSourceToNote(viewer: Viewer | null, documentSlug: string, footnoteNumber: number, input: unknown): Promise<{ id: string }> {
  const context = await requireNote(viewer, documentSlug, footnoteNumber);
  const { sourceDocumentId, verdict } = parseInput(documentSourceSchema, input);
  requireRights(context, verdict);
  const db = getDb();
  const sourceDocument = await db.document.findFirst({
    where: { AND: [{ id: sourceDocumentId, workspaceId: context.workspaceId }, readableDocumentsWhere(context.viewer)] },
    select: { id: true, title: true, publisher: true, publishedOn: true, originalUrl: true },
  });
  if (!sourceDocument || sourceDocument.id === context.documentId) {
    throw new AppError('NOT_FOUND', 'That document is not another document of this workspace.', { fieldErrors: { sourceDocumentId: ['Choose another document of this workspace.'] } });
  }
  return db.$transaction(async (tx) => {
    let source = await tx.source.findFirst({ where: { workspaceId: context.workspaceId, documentId: sourceDocument.id }, orderBy: { createdAt: 'asc' }, select: { id: true, title: true } });
    if (source) {
      const existing = await tx.footnoteSource.findUnique({
        where: { documentId_footnoteNumber_sourceId: { documentId: context.documentId, footnoteNumber, sourceId: source.id } },
        select: { id: true },
      });
      if (existing) throw new AppError('CONFLICT', 'This document is already a source of this note.', { fieldErrors: { sourceDocumentId: ['Already a source of this note.'] } });
    } else {
      source = await tx.source.create({
        data: {
          workspaceId: context.workspaceId,
          kind: 'REPORT',
          title: sourceDocument.title,
          authors: [],
          publisher: sourceDocument.publisher,
          issued: sourceDocument.publishedOn?.toISOString().slice(0, 10) ?? null,
          url: sourceDocument.originalUrl,
          documentId: sourceDocument.id,
          createdById: context.viewer.id,
        },
        select: { id: true, title: true },
      });
      await recordTracingChanges(tx, [
        { workspaceId: context.workspaceId, sourceId: source.id, sourceTitle: source.title, subject: 'source', field: 'created', after: source.title, changedById: context.viewer.id },
      ]);
    }
    return attach(tx, context, { sourceId: source.id, sourceTitle: source.title, verdict });
  });
}

const citingSelect = (viewerId: string) =>
  ({
    id: true,
    verdict: true,
    evidenceQuote: true,
    evidenceAnnotationId: true,
    footnoteNumber: true,
    source: { select: { id: true, title: true, document: { select: { id: true, slug: true } } } },
    document: { select: { id: true, slug: true, title: true, workspaceId: true, visibility: true, workspace: { select: { memberships: { where: { userId: viewerId }, select: { role: true } } } } } },
  }) as const;

async function findCitingLink(viewer: Viewer, footnoteSourceId: string) {
  if (!isUuid(footnoteSourceId)) return null;
  const link = await getDb().footnoteSource.findFirst({ where: { AND: [{ id: footnoteSourceId }, readableFootnoteSourcesWhere(viewer)] }, select: citingSelect(viewer.id) });
  if (!link) return null;
  const rights = sourceRightsOf(viewer, { isPublic: link.document.visibility === 'PUBLIC', role: link.document.workspace.memberships[0]?.role ?? null });
  return { link, rights };
}

/**
 * Returns what citing a passage of document `sourceDocumentSlug` for link `footnoteSourceId` needs, or null when
 * that link is not the viewer's to cite for (unreadable, below commenter) or its source is another document.
 */
export async function getCitingRequest(viewer: Viewer | null, footnoteSourceId: string, sourceDocumentSlug: string): Promise<CitingRequest | null> {
  if (!viewer) return null;
  const found = await findCitingLink(viewer, footnoteSourceId);
  if (!found || !found.rights.canProposeSources || found.link.source.document?.slug !== sourceDocumentSlug) return null;
  const { link, rights } = found;
  return {
    footnoteSourceId: link.id,
    citingDocumentSlug: link.document.slug,
    citingDocumentTitle: link.document.title,
    footnoteNumber: link.footnoteNumber,
    sourceTitle: link.source.title,
    verdict: link.verdict,
    canSetVerdicts: rights.canSetVerdicts,
  };
}

// Markdown would read a title's brackets, stars and underscores as markup; the body shows them as typed.
const markdownText = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/gu, '\\$&');

/**
 * Cites the passage [start, end) of the source's document for a note: the passage becomes a shared annotation there
 * (motivation ASSESSING, re-anchored with the document's versions), linked to the note–source link as its evidence,
 * with a verdict (editors and owners) and a reason. A passage cited before is replaced and its annotation deleted.
 * Every change goes into the note's history.
 */
export async function citePassage(viewer: Viewer | null, footnoteSourceId: string, input: unknown): Promise<{ documentSlug: string; footnoteNumber: number; annotationId: string }> {
  const signedIn = requireViewer(viewer);
  const data = parseInput(citePassageSchema, input);
  const found = await findCitingLink(signedIn, footnoteSourceId);
  if (!found) throw new AppError('NOT_FOUND', 'That source is no longer attached to this note.');
  const { link, rights } = found;
  if (!rights.canProposeSources) throw new AppError('FORBIDDEN', 'Only members who can comment cite passages. Ask an owner for the commenter role.');
  const verdict = data.verdict ?? link.verdict;
  if (verdict !== link.verdict && !rights.canSetVerdicts) {
    throw new AppError('FORBIDDEN', 'Only editors and owners set verdicts.', { fieldErrors: { verdict: ['Only editors and owners set verdicts; keep the current one.'] } });
  }
  const sourceDocument = link.source.document;
  if (!sourceDocument) throw new AppError('INVALID_INPUT', 'This source has no document in the workspace to cite a passage from.');
  const compare = `/documents/${link.document.slug}/notes/${link.footnoteNumber}/compare`;
  const body = `Evidence for note ${link.footnoteNumber} of “${markdownText(link.document.title)}” ([compare](${compare}))${data.reason ? `\n\n${data.reason}` : ''}`;
  const passage = await createCitedPassage(signedIn, sourceDocument.slug, { versionNumber: data.versionNumber, start: data.start, end: data.end, body });
  const db = getDb();
  try {
    await db.$transaction(async (tx) => {
      const now = new Date();
      await tx.footnoteSource.update({
        where: { id: link.id },
        data: { evidenceAnnotationId: passage.id, evidenceQuote: passage.quote, ...(verdict !== link.verdict ? { verdict, verdictSetById: signedIn.id, verdictSetAt: now } : {}) },
      });
      if (link.evidenceAnnotationId) await tx.annotation.updateMany({ where: { id: link.evidenceAnnotationId, deletedAt: null }, data: { deletedAt: now } });
      const note = {
        workspaceId: link.document.workspaceId,
        documentId: link.document.id,
        footnoteNumber: link.footnoteNumber,
        sourceId: link.source.id,
        footnoteSourceId: link.id,
        sourceTitle: link.source.title,
        reason: data.reason ?? null,
        changedById: signedIn.id,
      };
      const changes: TracingChangeInput[] = [{ ...note, subject: 'evidence', field: 'cited', before: link.evidenceQuote, after: passage.quote }];
      if (verdict !== link.verdict) {
        changes.push({ ...note, subject: 'verdict', before: link.verdict, after: verdict });
        await tx.verdictChange.create({ data: { footnoteSourceId: link.id, verdict, evidenceQuote: passage.quote, comment: data.reason ?? null, changedById: signedIn.id } });
      }
      await recordTracingChanges(tx, changes);
      await recordActivity(tx, { workspaceId: link.document.workspaceId, documentId: link.document.id, actorId: signedIn.id, kind: 'source.evidence', subjectId: link.id });
    });
  } catch (error) {
    // The passage was stored for this link alone; without the link it would be evidence for nothing.
    await db.annotation.deleteMany({ where: { id: passage.id } });
    throw error;
  }
  return { documentSlug: link.document.slug, footnoteNumber: link.footnoteNumber, annotationId: passage.id };
}
