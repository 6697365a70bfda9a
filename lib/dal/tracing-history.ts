import 'server-only';
import type { DatabaseClient } from '@/lib/db';
import { withCurrentMentionText } from '@/lib/dal/mentions';

/** One recorded change, as the histories show it: what, before → after, why, who and when. */
export type TracingHistoryEntry = {
  id: string;
  subject: string;
  field: string | null;
  footnoteNumber: number | null;
  sourceTitle: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  changedBy: string;
  changedAt: string;
};

/** What one change records; the caller's transaction makes it part of the change itself. */
export type TracingChangeInput = {
  workspaceId: string;
  documentId?: string | null;
  footnoteNumber?: number | null;
  sourceId?: string | null;
  footnoteSourceId?: string | null;
  sourceTitle?: string | null;
  subject: 'source' | 'link' | 'verdict' | 'evidence' | 'status' | 'assignee';
  field?: string | null;
  before?: string | null;
  after?: string | null;
  reason?: string | null;
  changedById: string;
};

/** Appends changes to the tracing history inside the caller's transaction. */
export async function recordTracingChanges(tx: DatabaseClient, entries: TracingChangeInput[]): Promise<void> {
  if (entries.length === 0) return;
  // One edit can change several fields at once; a millisecond apart, they read back in the order they were given.
  const now = Date.now();
  await tx.tracingChange.createMany({
    data: entries.map((entry, index) => ({
      changedAt: new Date(now + index),
      workspaceId: entry.workspaceId,
      documentId: entry.documentId ?? null,
      footnoteNumber: entry.footnoteNumber ?? null,
      sourceId: entry.sourceId ?? null,
      footnoteSourceId: entry.footnoteSourceId ?? null,
      sourceTitle: entry.sourceTitle ?? null,
      subject: entry.subject,
      field: entry.field ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
      changedById: entry.changedById,
    })),
  });
}

const historySelect = {
  id: true,
  subject: true,
  field: true,
  footnoteNumber: true,
  sourceTitle: true,
  before: true,
  after: true,
  reason: true,
  changedAt: true,
  sourceId: true,
  changedBy: { select: { name: true } },
} as const;

type HistoryRow = { id: string; subject: string; field: string | null; footnoteNumber: number | null; sourceTitle: string | null; before: string | null; after: string | null; reason: string | null; changedAt: Date; changedBy: { name: string } };

const toEntry = (row: HistoryRow): TracingHistoryEntry => ({
  id: row.id,
  subject: row.subject,
  field: row.field,
  footnoteNumber: row.footnoteNumber,
  sourceTitle: row.sourceTitle,
  before: row.before,
  after: row.after,
  reason: row.reason,
  changedBy: row.changedBy.name,
  changedAt: row.changedAt.toISOString(),
});

// A reason may mention people: each is named as they are called now, as plain "@Name".
async function withCurrentMentionReasons<T extends { reason: string | null }>(rows: T[]): Promise<T[]> {
  const reasons = await withCurrentMentionText(rows.map((row) => row.reason));
  return rows.map((row, index) => ({ ...row, reason: reasons[index] ?? null }));
}

/** Returns each note's history of a document, oldest first. The caller has checked read access to the document. */
export async function findNoteHistories(db: DatabaseClient, documentId: string): Promise<Map<number, TracingHistoryEntry[]>> {
  const rows = await db.tracingChange.findMany({ where: { documentId, footnoteNumber: { not: null } }, orderBy: [{ changedAt: 'asc' }, { id: 'asc' }], select: historySelect });
  const byNote = new Map<number, TracingHistoryEntry[]>();
  for (const row of await withCurrentMentionReasons(rows)) byNote.set(row.footnoteNumber!, [...(byNote.get(row.footnoteNumber!) ?? []), toEntry(row)]);
  return byNote;
}

/** Returns each source's own history (edits, merges, creation), oldest first. The caller has checked that the sources are the viewer's to read. */
export async function findSourceHistories(db: DatabaseClient, workspaceId: string, sourceIds: string[]): Promise<Map<string, TracingHistoryEntry[]>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db.tracingChange.findMany({
    where: { workspaceId, sourceId: { in: sourceIds }, subject: 'source' },
    orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
    select: historySelect,
  });
  const bySource = new Map<string, TracingHistoryEntry[]>();
  for (const row of await withCurrentMentionReasons(rows)) bySource.set(row.sourceId!, [...(bySource.get(row.sourceId!) ?? []), toEntry(row)]);
  return bySource;
}
