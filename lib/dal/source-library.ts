import 'server-only';
import { getDb, type DatabaseClient } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordActivity } from '@/lib/dal/activity';
import { memberWorkspacesWhere, workspaceRightsOf } from '@/lib/dal/access/workspaces';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { recordTracingChanges, type TracingChangeInput } from '@/lib/dal/tracing-history';
import { findDuplicateGroups } from '@/lib/domain/tracing';
import { isUuid } from '@/lib/domain/ids';
import { AppError, parseInput } from '@/lib/errors';
import { deleteSourceSchema, editEvidenceSchema, editSourceSchema } from '@/lib/validation/sources';

/** A note that uses a source, as the delete confirmation names it. */
export type SourceUse = { documentTitle: string; documentSlug: string; footnoteNumber: number };

const EDITABLE_FIELDS = ['kind', 'title', 'authors', 'publisher', 'containerTitle', 'doi', 'issued', 'url', 'archiveUrl', 'accessedOn'] as const;
type EditableField = (typeof EDITABLE_FIELDS)[number];

const sourceRecordSelect = {
  id: true,
  workspaceId: true,
  kind: true,
  title: true,
  authors: true,
  publisher: true,
  containerTitle: true,
  doi: true,
  issued: true,
  url: true,
  archiveUrl: true,
  accessedOn: true,
} as const;

type SourceRecord = {
  id: string;
  workspaceId: string;
  kind: string;
  title: string;
  authors: string[];
  publisher: string | null;
  containerTitle: string | null;
  doi: string | null;
  issued: string | null;
  url: string | null;
  archiveUrl: string | null;
  accessedOn: Date | null;
};

// How a field's value reads in the history: one line of text, or null for empty.
function fieldText(record: Pick<SourceRecord, EditableField>, field: EditableField): string | null {
  const value = record[field];
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.length ? value.join('; ') : null;
  return value || null;
}

type Transaction = Parameters<Parameters<ReturnType<typeof getDb>['$transaction']>[0]>[0];

/**
 * Returns a source of a workspace the viewer belongs to, with their role there. NOT_FOUND for anyone outside the
 * workspace (a source is the workspace's, whatever documents it serves), FORBIDDEN to those who may not manage sources.
 */
async function requireWorkspaceSource(viewer: Viewer | null, sourceId: string): Promise<{ source: SourceRecord; viewer: Viewer }> {
  const signedIn = requireViewer(viewer);
  const source = isUuid(sourceId)
    ? await getDb().source.findFirst({
        where: { id: sourceId, workspace: memberWorkspacesWhere(signedIn) },
        select: { ...sourceRecordSelect, workspace: { select: { memberships: { where: { userId: signedIn.id }, select: { role: true } } } } },
      })
    : null;
  if (!source) throw new AppError('NOT_FOUND', 'There is no such source, or it is not in your workspace.');
  const { workspace, ...record } = source;
  if (!workspaceRightsOf(signedIn, workspace.memberships[0]?.role).canManageSources) throw new AppError('FORBIDDEN', 'Only editors and owners change or delete sources.');
  return { source: record, viewer: signedIn };
}

// Every document note a source serves, for activity and for the history each note keeps.
async function usesOf(tx: DatabaseClient, sourceId: string) {
  return tx.footnoteSource.findMany({
    where: { sourceId },
    orderBy: [{ document: { title: 'asc' } }, { footnoteNumber: 'asc' }],
    select: { id: true, documentId: true, footnoteNumber: true, verdict: true, evidenceQuote: true, document: { select: { title: true, slug: true } } },
  });
}

/** Returns the notes that use a source the viewer may read, for the delete confirmation. */
export async function findSourceUses(viewer: Viewer | null, sourceId: string): Promise<SourceUse[]> {
  const signedIn = requireViewer(viewer);
  if (!isUuid(sourceId)) return [];
  const rows = await getDb().footnoteSource.findMany({
    where: { sourceId, document: readableDocumentsWhere(signedIn), source: { workspace: memberWorkspacesWhere(signedIn) } },
    orderBy: [{ document: { title: 'asc' } }, { footnoteNumber: 'asc' }],
    select: { footnoteNumber: true, document: { select: { title: true, slug: true } } },
  });
  return rows.map((row) => ({ documentTitle: row.document.title, documentSlug: row.document.slug, footnoteNumber: row.footnoteNumber }));
}

async function recordForDocuments(tx: DatabaseClient, workspaceId: string, documentIds: string[], actorId: string, kind: 'source.edited' | 'source.deleted' | 'source.merged', subjectId: string) {
  const distinct = [...new Set(documentIds)];
  for (const documentId of distinct.length ? distinct : [null]) await recordActivity(tx, { workspaceId, documentId, actorId, kind, subjectId });
}

/** Replaces every field of a source (editors and owners), recording each changed field with before, after and reason. */
export async function editSource(viewer: Viewer | null, sourceId: string, input: unknown): Promise<{ changed: string[] }> {
  const { reason, accessedOn, ...fields } = parseInput(editSourceSchema, input);
  const { source, viewer: signedIn } = await requireWorkspaceSource(viewer, sourceId);
  const next = {
    kind: fields.kind,
    title: fields.title,
    authors: fields.authors,
    publisher: fields.publisher ?? null,
    containerTitle: fields.containerTitle ?? null,
    doi: fields.doi ?? null,
    issued: fields.issued ?? null,
    url: fields.url ?? null,
    archiveUrl: fields.archiveUrl ?? null,
    accessedOn: accessedOn ? new Date(`${accessedOn}T00:00:00Z`) : null,
  };
  const changed = EDITABLE_FIELDS.filter((field) => fieldText(source, field) !== fieldText(next, field));
  if (changed.length === 0) return { changed };
  await getDb().$transaction(async (tx) => {
    await tx.source.update({ where: { id: source.id }, data: next });
    await recordTracingChanges(
      tx,
      changed.map((field) => ({
        workspaceId: source.workspaceId,
        sourceId: source.id,
        sourceTitle: next.title,
        subject: 'source' as const,
        field,
        before: fieldText(source, field),
        after: fieldText(next, field),
        reason: reason ?? null,
        changedById: signedIn.id,
      })),
    );
    const uses = await usesOf(tx, source.id);
    await recordForDocuments(tx, source.workspaceId, uses.map((use) => use.documentId), signedIn.id, 'source.edited', source.id);
  });
  return { changed };
}

/**
 * Deletes a source and its links to notes (editors and owners). Each note it served keeps a history entry naming
 * the source and its last verdict, so the verdict history stays readable after the source is gone.
 */
export async function deleteSource(viewer: Viewer | null, sourceId: string, input: unknown): Promise<{ notesAffected: number }> {
  const { reason } = parseInput(deleteSourceSchema, input ?? {});
  const { source, viewer: signedIn } = await requireWorkspaceSource(viewer, sourceId);
  return getDb().$transaction(async (tx) => {
    const uses = await usesOf(tx, source.id);
    const base = { workspaceId: source.workspaceId, sourceId: source.id, sourceTitle: source.title, reason: reason ?? null, changedById: signedIn.id };
    await recordTracingChanges(tx, [
      { ...base, subject: 'source', field: 'deleted', before: source.title },
      ...uses.map((use): TracingChangeInput => ({ ...base, documentId: use.documentId, footnoteNumber: use.footnoteNumber, footnoteSourceId: use.id, subject: 'link', field: 'deleted', before: use.verdict })),
    ]);
    await tx.source.delete({ where: { id: source.id } });
    await recordForDocuments(tx, source.workspaceId, uses.map((use) => use.documentId), signedIn.id, 'source.deleted', source.id);
    return { notesAffected: uses.length };
  });
}

/** Replaces the evidence quote of a source under a note (editors and owners), recording before, after and reason. */
export async function editEvidence(viewer: Viewer | null, footnoteSourceId: string, input: unknown): Promise<void> {
  const signedIn = requireViewer(viewer);
  const { evidenceQuote, reason } = parseInput(editEvidenceSchema, input);
  const db = getDb();
  const attached = isUuid(footnoteSourceId)
    ? await db.footnoteSource.findFirst({
        where: { id: footnoteSourceId, document: readableDocumentsWhere(signedIn) },
        select: {
          id: true,
          footnoteNumber: true,
          evidenceQuote: true,
          source: { select: { id: true, title: true } },
          document: { select: { id: true, workspaceId: true, workspace: { select: { memberships: { where: { userId: signedIn.id }, select: { role: true } } } } } },
        },
      })
    : null;
  if (!attached) throw new AppError('NOT_FOUND', 'That source is no longer attached to this note.');
  if (!workspaceRightsOf(signedIn, attached.document.workspace.memberships[0]?.role).canManageSources) throw new AppError('FORBIDDEN', 'Only editors and owners edit evidence quotes.');
  const next = evidenceQuote ?? null;
  if (next === attached.evidenceQuote) return;
  await db.$transaction(async (tx) => {
    await tx.footnoteSource.update({ where: { id: attached.id }, data: { evidenceQuote: next } });
    await recordTracingChanges(tx, [
      {
        workspaceId: attached.document.workspaceId,
        documentId: attached.document.id,
        footnoteNumber: attached.footnoteNumber,
        sourceId: attached.source.id,
        footnoteSourceId: attached.id,
        sourceTitle: attached.source.title,
        subject: 'evidence',
        before: attached.evidenceQuote,
        after: next,
        reason: reason ?? null,
        changedById: signedIn.id,
      },
    ]);
    await recordActivity(tx, { workspaceId: attached.document.workspaceId, documentId: attached.document.id, actorId: signedIn.id, kind: 'source.evidence', subjectId: attached.id });
  });
}

/**
 * Folds `duplicateIds` into `keptId` inside the caller's transaction: their notes move to the kept source (a note
 * that already has it keeps its own verdict), fields the kept source lacks are filled from the duplicates, and the
 * duplicates are deleted. Every step is in the history. The caller has checked the workspace and the rights.
 */
export async function unsafeMergeSourcesInto(tx: Transaction, workspaceId: string, keptId: string, duplicateIds: string[], actorId: string): Promise<void> {
  const kept = await tx.source.findUniqueOrThrow({ where: { id: keptId }, select: sourceRecordSelect });
  const fill: Partial<Record<EditableField, unknown>> = {};
  const documentIds: string[] = [];
  for (const duplicateId of duplicateIds) {
    const duplicate = await tx.source.findUniqueOrThrow({ where: { id: duplicateId }, select: sourceRecordSelect });
    for (const field of EDITABLE_FIELDS) {
      if (fieldText(kept, field) === null && fill[field] === undefined && fieldText(duplicate, field) !== null) fill[field] = duplicate[field];
    }
    const keptNotes = new Set((await tx.footnoteSource.findMany({ where: { sourceId: keptId }, select: { documentId: true, footnoteNumber: true } })).map((row) => `${row.documentId}:${row.footnoteNumber}`));
    const uses = await usesOf(tx, duplicateId);
    const base = { workspaceId, reason: `Merged “${duplicate.title}” into “${kept.title}”`, changedById: actorId };
    for (const use of uses) {
      documentIds.push(use.documentId);
      const note = { ...base, documentId: use.documentId, footnoteNumber: use.footnoteNumber, footnoteSourceId: use.id, subject: 'link' as const, field: 'merged', before: duplicate.title, after: kept.title };
      if (keptNotes.has(`${use.documentId}:${use.footnoteNumber}`)) {
        await recordTracingChanges(tx, [{ ...note, sourceId: duplicateId, sourceTitle: duplicate.title }]);
        await tx.footnoteSource.delete({ where: { id: use.id } });
      } else {
        await recordTracingChanges(tx, [{ ...note, sourceId: keptId, sourceTitle: kept.title }]);
        await tx.footnoteSource.update({ where: { id: use.id }, data: { sourceId: keptId } });
      }
    }
    await recordTracingChanges(tx, [
      { ...base, sourceId: keptId, sourceTitle: kept.title, subject: 'source', field: 'merged', before: duplicate.title, after: kept.title },
      { ...base, sourceId: duplicateId, sourceTitle: duplicate.title, subject: 'source', field: 'merged', before: duplicate.title, after: kept.title },
    ]);
    await tx.source.delete({ where: { id: duplicateId } });
  }
  if (Object.keys(fill).length) {
    await tx.source.update({ where: { id: keptId }, data: fill as Prisma.SourceUpdateInput });
    await recordTracingChanges(
      tx,
      Object.keys(fill).map((field) => ({
        workspaceId,
        sourceId: keptId,
        sourceTitle: kept.title,
        subject: 'source' as const,
        field,
        before: null,
        after: fieldText({ ...kept, ...fill } as SourceRecord, field as EditableField),
        reason: 'Filled in from a merged duplicate',
        changedById: actorId,
      })),
    );
  }
  await recordForDocuments(tx, workspaceId, documentIds, actorId, 'source.merged', keptId);
}

/** Merges every group of duplicate sources of a workspace (same DOI, address, or title and year) into its oldest source (editors and owners). */
export async function mergeDuplicateSources(viewer: Viewer | null, workspaceSlug: string): Promise<{ merged: number }> {
  const signedIn = requireViewer(viewer);
  const db = getDb();
  const workspace = await db.workspace.findFirst({
    where: { AND: [{ slug: workspaceSlug }, memberWorkspacesWhere(signedIn)] },
    select: { id: true, memberships: { where: { userId: signedIn.id }, select: { role: true } } },
  });
  if (!workspace) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member of it.');
  if (!workspaceRightsOf(signedIn, workspace.memberships[0]?.role).canManageSources) throw new AppError('FORBIDDEN', 'Only editors and owners merge sources.');
  return db.$transaction(async (tx) => {
    const sources = await tx.source.findMany({ where: { workspaceId: workspace.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, title: true, issued: true, url: true, doi: true } });
    const groups = findDuplicateGroups(sources);
    for (const [kept, ...duplicates] of groups) await unsafeMergeSourcesInto(tx, workspace.id, kept!.id, duplicates.map((duplicate) => duplicate.id), signedIn.id);
    return { merged: groups.reduce((sum, group) => sum + group.length - 1, 0) };
  });
}
