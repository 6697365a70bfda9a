import 'server-only';
import { getDb } from '@/lib/db';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { readableFootnoteSourcesWhere, sourceRightsOf } from '@/lib/dal/access/sources';
import { recordActivity } from '@/lib/dal/activity';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { findCitedPassages, type CitedPassage } from '@/lib/dal/cited-passages';
import { currentMentionNames } from '@/lib/dal/mentions';
import { recordTracingChanges } from '@/lib/dal/tracing-history';
import { AppError, parseInput } from '@/lib/errors';
import type { RoleName } from '@/lib/validation/workspaces';
import { mentionsAsText, renameMentions } from '@/lib/domain/mentions';
import { attachSourceSchema, newSourceSchema, setVerdictSchema, type SourceKindName, type VerdictName } from '@/lib/validation/sources';
import { notifyNoteChanged } from '@/lib/dal/notification-events';

/** A verdict as it stood at one time, for a source's history under a note. */
export type VerdictHistoryEntry = { verdict: VerdictName; comment: string | null; evidenceQuote: string | null; changedBy: string; changedAt: string };

/** A source attached to a note, as the footnote panel shows it. */
export type AttachedSource = {
  id: string;
  sourceId: string;
  kind: SourceKindName;
  title: string;
  authors: string[];
  publisher: string | null;
  containerTitle: string | null;
  doi: string | null;
  issued: string | null;
  url: string | null;
  archiveUrl: string | null;
  accessedOn: string | null;
  verdict: VerdictName;
  evidenceQuote: string | null;
  attachedBy: string;
  verdictSetBy: string;
  verdictSetAt: string;
  history: VerdictHistoryEntry[];
  /** The workspace document holding the source's text, when the viewer may read it: where `Cite a passage` opens. */
  sourceDocument: { slug: string; title: string } | null;
  /** The passage cited in that document, as it now stands there; its quote is the evidence shown. */
  passage: CitedPassage | null;
};

/** What the viewer may do with sources on a document (decided in lib/domain/permissions). */
export type { SourceRights } from '@/lib/dal/access/sources';

/** A workspace source offered for attaching to another note; a document of the workspace is offered as `document:<id>`. */
export type SourceOption = { id: string; label: string; isDocument?: boolean };

/** Verdicts that count a note as backed by its source. */
export const SUPPORTING_VERDICTS: readonly VerdictName[] = ['SUPPORTS', 'PARTIALLY_SUPPORTS'];

/**
 * Returns the sources attached to each note of a document, with their verdict histories and, for `viewer`, the
 * source documents they may read and the passages cited there. The caller has checked read access to the document.
 */
export async function findAttachedSources(documentId: string, viewer: Pick<Viewer, 'id'> | null = null): Promise<Map<number, AttachedSource[]>> {
  const db = getDb();
  const rows = await db.footnoteSource.findMany({
    where: { documentId },
    orderBy: [{ footnoteNumber: 'asc' }, { attachedAt: 'asc' }],
    select: {
      id: true,
      footnoteNumber: true,
      verdict: true,
      evidenceQuote: true,
      verdictSetAt: true,
      attachedBy: { select: { name: true } },
      verdictSetBy: { select: { name: true } },
      source: {
        select: { id: true, kind: true, title: true, authors: true, publisher: true, containerTitle: true, doi: true, issued: true, url: true, archiveUrl: true, accessedOn: true, documentId: true },
      },
      history: {
        orderBy: { changedAt: 'asc' },
        select: { verdict: true, comment: true, evidenceQuote: true, changedAt: true, changedBy: { select: { name: true } } },
      },
    },
  });
  const sourceDocumentIds = [...new Set(rows.flatMap((row) => (row.source.documentId ? [row.source.documentId] : [])))];
  const [readableSourceDocuments, passages] = await Promise.all([
    sourceDocumentIds.length
      ? db.document.findMany({ where: { AND: [{ id: { in: sourceDocumentIds } }, readableDocumentsWhere(viewer)] }, select: { id: true, slug: true, title: true } })
      : Promise.resolve([]),
    findCitedPassages(viewer, rows.map((row) => row.id)),
  ]);
  const sourceDocuments = new Map(readableSourceDocuments.map((document) => [document.id, { slug: document.slug, title: document.title }]));
  // A verdict's reason may mention people: each is named as they are called now.
  const names = await currentMentionNames(rows.flatMap((row) => row.history.map((entry) => entry.comment)));
  const byNote = new Map<number, AttachedSource[]>();
  for (const row of rows) {
    const attached: AttachedSource = {
      id: row.id,
      sourceId: row.source.id,
      kind: row.source.kind,
      title: row.source.title,
      authors: row.source.authors,
      publisher: row.source.publisher,
      containerTitle: row.source.containerTitle,
      doi: row.source.doi,
      issued: row.source.issued,
      url: row.source.url,
      archiveUrl: row.source.archiveUrl,
      accessedOn: row.source.accessedOn?.toISOString().slice(0, 10) ?? null,
      verdict: row.verdict,
      evidenceQuote: row.evidenceQuote,
      attachedBy: row.attachedBy.name,
      verdictSetBy: row.verdictSetBy.name,
      verdictSetAt: row.verdictSetAt.toISOString(),
      history: row.history.map((entry) => ({
        verdict: entry.verdict,
        comment: entry.comment === null ? null : mentionsAsText(renameMentions(entry.comment, names)),
        evidenceQuote: entry.evidenceQuote,
        changedBy: entry.changedBy.name,
        changedAt: entry.changedAt.toISOString(),
      })),
      sourceDocument: row.source.documentId ? (sourceDocuments.get(row.source.documentId) ?? null) : null,
      passage: passages.get(row.id) ?? null,
    };
    byNote.set(row.footnoteNumber, [...(byNote.get(row.footnoteNumber) ?? []), attached]);
  }
  return byNote;
}

/** Returns the workspace's sources for the "use a source we already have" choice. */
export async function findSourceOptions(workspaceId: string): Promise<SourceOption[]> {
  const sources = await getDb().source.findMany({
    where: { workspaceId },
    orderBy: { title: 'asc' },
    select: { id: true, title: true, authors: true, issued: true },
  });
  return sources.map((source) => ({
    id: source.id,
    label: [source.authors[0]?.split(',')[0], source.issued?.slice(0, 4), source.title].filter(Boolean).join(' · '),
  }));
}

/** The note a write is about, with the document's workspace and the viewer's standing there. */
export type NoteContext = { documentId: string; workspaceId: string; footnoteNumber: number; isPublic: boolean; role: RoleName | null; viewer: Viewer };

/** Resolves the note a write is about, checking that the document is readable and the note exists. */
export async function requireNote(viewer: Viewer | null, documentSlug: string, footnoteNumber: number): Promise<NoteContext> {
  const signedIn = requireViewer(viewer);
  const document = await getDb().document.findFirst({
    where: { AND: [{ slug: documentSlug }, readableDocumentsWhere(signedIn)] },
    select: {
      id: true,
      workspaceId: true,
      visibility: true,
      workspace: { select: { memberships: { where: { userId: signedIn.id }, select: { role: true } } } },
      versions: { orderBy: { number: 'desc' }, take: 1, select: { footnotes: { where: { number: footnoteNumber }, select: { id: true } } } },
    },
  });
  if (!document) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  if (!document.versions[0]?.footnotes.length) throw new AppError('NOT_FOUND', `This document has no note ${footnoteNumber}.`);
  return { documentId: document.id, workspaceId: document.workspaceId, footnoteNumber, isPublic: document.visibility === 'PUBLIC', role: document.workspace.memberships[0]?.role ?? null, viewer: signedIn };
}

/** Throws unless the viewer may add sources to the note, and set `verdict` on one. */
export function requireRights(context: NoteContext, verdict: VerdictName): void {
  const rights = sourceRightsOf(context.viewer, context);
  if (!rights.canProposeSources) throw new AppError('FORBIDDEN', 'Only members who can comment may add sources. Ask an owner for the commenter role.');
  if (verdict !== 'UNVERIFIED' && !rights.canSetVerdicts) {
    throw new AppError('FORBIDDEN', 'Only editors and owners set verdicts; your source is proposed as unverified.', {
      fieldErrors: { verdict: ['Only editors and owners set verdicts. Leave it as “Not yet checked”.'] },
    });
  }
}

/** Creates a source in the document's workspace and attaches it to a note, with its first verdict; all or nothing. */
export async function addSourceToNote(viewer: Viewer | null, documentSlug: string, footnoteNumber: number, input: unknown): Promise<{ id: string }> {
  const context = await requireNote(viewer, documentSlug, footnoteNumber);
  const { verdict, evidenceQuote, accessedOn, ...source } = parseInput(newSourceSchema, input);
  requireRights(context, verdict);
  return getDb().$transaction(async (tx) => {
    const created = await tx.source.create({
      data: { ...source, accessedOn: accessedOn ? new Date(`${accessedOn}T00:00:00Z`) : null, workspaceId: context.workspaceId, createdById: context.viewer.id },
      select: { id: true, title: true },
    });
    await recordTracingChanges(tx, [
      { workspaceId: context.workspaceId, sourceId: created.id, sourceTitle: created.title, subject: 'source', field: 'created', after: created.title, changedById: context.viewer.id },
    ]);
    return attach(tx, context, { sourceId: created.id, sourceTitle: created.title, verdict, evidenceQuote });
  });
}

/** Attaches a source the workspace already has to another note. */
export async function attachExistingSource(viewer: Viewer | null, documentSlug: string, footnoteNumber: number, input: unknown): Promise<{ id: string }> {
  const context = await requireNote(viewer, documentSlug, footnoteNumber);
  const { sourceId, verdict, evidenceQuote } = parseInput(attachSourceSchema, input);
  requireRights(context, verdict);
  return getDb().$transaction(async (tx) => {
    const source = await tx.source.findFirst({ where: { id: sourceId, workspaceId: context.workspaceId }, select: { id: true, title: true } });
    if (!source) throw new AppError('NOT_FOUND', 'That source is not in this workspace.', { fieldErrors: { sourceId: ['Choose one of the workspace’s sources.'] } });
    const existing = await tx.footnoteSource.findUnique({
      where: { documentId_footnoteNumber_sourceId: { documentId: context.documentId, footnoteNumber: context.footnoteNumber, sourceId } },
      select: { id: true },
    });
    if (existing) throw new AppError('CONFLICT', 'This source is already attached to this note.', { fieldErrors: { sourceId: ['Already attached to this note.'] } });
    return attach(tx, context, { sourceId, sourceTitle: source.title, verdict, evidenceQuote });
  });
}

/** A transaction of the Prisma client. */
export type Transaction = Parameters<Parameters<ReturnType<typeof getDb>['$transaction']>[0]>[0];

/** Attaches source `sourceId` to the note inside the caller's transaction, with its first verdict, history and activity. */
export async function attach(tx: Transaction, context: NoteContext, input: { sourceId: string; sourceTitle: string; verdict: VerdictName; evidenceQuote?: string }): Promise<{ id: string }> {
  const attached = await tx.footnoteSource.create({
    data: {
      documentId: context.documentId,
      footnoteNumber: context.footnoteNumber,
      sourceId: input.sourceId,
      verdict: input.verdict,
      evidenceQuote: input.evidenceQuote ?? null,
      attachedById: context.viewer.id,
      verdictSetById: context.viewer.id,
    },
    select: { id: true },
  });
  await tx.verdictChange.create({
    data: { footnoteSourceId: attached.id, verdict: input.verdict, evidenceQuote: input.evidenceQuote ?? null, changedById: context.viewer.id, comment: 'Source added' },
  });
  const note = { workspaceId: context.workspaceId, documentId: context.documentId, footnoteNumber: context.footnoteNumber, sourceId: input.sourceId, footnoteSourceId: attached.id, sourceTitle: input.sourceTitle, changedById: context.viewer.id };
  await recordTracingChanges(tx, [
    { ...note, subject: 'link', field: 'created', after: input.verdict },
    ...(input.evidenceQuote ? [{ ...note, subject: 'evidence' as const, after: input.evidenceQuote }] : []),
  ]);
  await recordActivity(tx, { workspaceId: context.workspaceId, documentId: context.documentId, actorId: context.viewer.id, kind: 'source.added', subjectId: attached.id });
  return attached;
}

/** Records a new verdict on a source attached to a note (editors and owners); the old one stays in the history. */
export async function setVerdict(viewer: Viewer | null, footnoteSourceId: string, input: unknown): Promise<void> {
  const signedIn = requireViewer(viewer);
  const { verdict, evidenceQuote, comment } = parseInput(setVerdictSchema, input);
  const db = getDb();
  const attached = await db.footnoteSource.findFirst({
    where: { AND: [{ id: footnoteSourceId }, readableFootnoteSourcesWhere(signedIn)] },
    select: {
      id: true,
      verdict: true,
      evidenceQuote: true,
      footnoteNumber: true,
      source: { select: { id: true, title: true } },
      document: { select: { id: true, workspaceId: true, visibility: true, workspace: { select: { memberships: { where: { userId: signedIn.id }, select: { role: true } } } } } },
    },
  });
  if (!attached) throw new AppError('NOT_FOUND', 'That source is no longer attached to this note.');
  const role = attached.document.workspace.memberships[0]?.role ?? null;
  if (!sourceRightsOf(signedIn, { isPublic: attached.document.visibility === 'PUBLIC', role }).canSetVerdicts) {
    throw new AppError('FORBIDDEN', 'Only editors and owners set verdicts.');
  }
  const quote = evidenceQuote ?? attached.evidenceQuote;
  await db.$transaction(async (tx) => {
    await tx.footnoteSource.update({ where: { id: attached.id }, data: { verdict, evidenceQuote: quote, verdictSetById: signedIn.id, verdictSetAt: new Date() } });
    await tx.verdictChange.create({ data: { footnoteSourceId: attached.id, verdict, evidenceQuote: quote, comment: comment ?? null, changedById: signedIn.id } });
    const note = {
      workspaceId: attached.document.workspaceId,
      documentId: attached.document.id,
      footnoteNumber: attached.footnoteNumber,
      sourceId: attached.source.id,
      footnoteSourceId: attached.id,
      sourceTitle: attached.source.title,
      reason: comment ?? null,
      changedById: signedIn.id,
    };
    await recordTracingChanges(tx, [
      { ...note, subject: 'verdict', before: attached.verdict, after: verdict },
      ...(quote !== attached.evidenceQuote ? [{ ...note, subject: 'evidence' as const, before: attached.evidenceQuote, after: quote }] : []),
    ]);
    await recordActivity(tx, { workspaceId: attached.document.workspaceId, documentId: attached.document.id, actorId: signedIn.id, kind: 'source.verdict', subjectId: attached.id });
  });
  if (verdict !== attached.verdict || comment) {
    await notifyNoteChanged(signedIn, attached.document.id, attached.footnoteNumber, { kind: 'verdict', verdict, sourceTitle: attached.source.title, reason: comment ?? null });
  }
}
