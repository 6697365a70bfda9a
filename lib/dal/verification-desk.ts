import 'server-only';
import { getDb } from '@/lib/db';
import { recordActivity } from '@/lib/dal/activity';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { workspaceRightsOf } from '@/lib/dal/access/workspaces';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { claimsOf } from '@/lib/dal/documents';
import { getReadableDocument } from '@/lib/dal/document-lookup';
import { pagedParagraphs, pagesAt, type PageRange } from '@/lib/domain/pdf-pages';
import { findAttachedSources, SUPPORTING_VERDICTS, type AttachedSource } from '@/lib/dal/sources';
import { findNoteHistories, findSourceHistories, recordTracingChanges, type TracingHistoryEntry, type TracingChangeInput } from '@/lib/dal/tracing-history';
import { claimsByFootnote } from '@/lib/domain/claims';
import { CodePointIndex } from '@/lib/domain/text';
import {
  countByStatus,
  countTraced,
  findDuplicateGroups,
  matchesDeskFilter,
  nextNoteToTrace,
  type DeskFilter,
  type DeskNote,
  type TracingStatusName,
} from '@/lib/domain/tracing';
import { AppError, parseInput } from '@/lib/errors';
import { noteTracingSchema } from '@/lib/validation/tracing';
import { notifyNoteChanged } from '@/lib/dal/notification-events';

/** A source under a note on the desk: the attached source, the other notes it serves and its own history. */
export type DeskSource = AttachedSource & { uses: Array<{ documentTitle: string; footnoteNumber: number; isThisDocument: boolean }>; sourceHistory: TracingHistoryEntry[] };

/** One note as the desk lists it. */
export type DeskNoteRow = {
  number: number;
  status: TracingStatusName;
  assigneeId: string | null;
  assigneeName: string | null;
  citingSentences: string[];
  /** The pages of the original PDF each citing sentence sits on, in the same order; null when not from a PDF. */
  citingSentencePages: Array<PageRange | null>;
  hasNoteText: boolean;
  sources: DeskSource[];
  history: TracingHistoryEntry[];
};

/** The verification desk of a document: progress, counts, the filtered notes and what the viewer may do. */
export type VerificationDesk = {
  slug: string;
  title: string;
  workspaceSlug: string;
  versionNumber: number;
  viewerId: string | null;
  canTrace: boolean;
  canManageSources: boolean;
  members: Array<{ id: string; name: string }>;
  total: number;
  traced: number;
  counts: Record<TracingStatusName, number>;
  coverage: { withSource: number; supported: number; contradicted: number };
  filter: DeskFilter;
  nextNote: number | null;
  duplicateCount: number;
  notes: DeskNoteRow[];
};

/** Whether a source's verdict counts as verified for the desk's "no verified source" filter. */
const isVerifiedVerdict = (source: AttachedSource) => SUPPORTING_VERDICTS.includes(source.verdict);

/**
 * Returns the desk of document `slug` with the notes `filter` keeps, or null when the viewer may not read it.
 * Everyone who may read the document sees the desk; members see who is assigned, commenters and above may trace.
 */
export async function getVerificationDesk(viewer: Viewer | null, slug: string, filter: DeskFilter): Promise<VerificationDesk | null> {
  const document = await getReadableDocument(viewer, slug);
  if (!document) return null;
  const rights = workspaceRightsOf(viewer, document.role);
  const db = getDb();
  const { version } = document;
  const isMember = document.role !== null;
  const [attached, tracing, histories, members, workspace, sources] = await Promise.all([
    findAttachedSources(document.id, viewer),
    db.noteTracing.findMany({ where: { documentId: document.id }, select: { footnoteNumber: true, status: true, assigneeId: true, assignee: { select: { name: true } } } }),
    findNoteHistories(db, document.id),
    isMember
      ? db.membership.findMany({ where: { workspaceId: document.workspaceId, role: { in: ['OWNER', 'EDITOR', 'COMMENTER'] } }, orderBy: { user: { name: 'asc' } }, select: { user: { select: { id: true, name: true } } } })
      : Promise.resolve([]),
    db.workspace.findUniqueOrThrow({ where: { id: document.workspaceId }, select: { slug: true } }),
    rights.canManageSources ? db.source.findMany({ where: { workspaceId: document.workspaceId }, select: { id: true, title: true, issued: true, url: true, doi: true } }) : Promise.resolve([]),
  ]);
  const sourceIds = [...new Set([...attached.values()].flat().map((source) => source.sourceId))];
  const [sourceHistories, uses] = await Promise.all([
    isMember ? findSourceHistories(db, document.workspaceId, sourceIds) : Promise.resolve(new Map<string, TracingHistoryEntry[]>()),
    db.footnoteSource.findMany({
      where: { sourceId: { in: sourceIds }, document: readableDocumentsWhere(viewer) },
      orderBy: [{ document: { title: 'asc' } }, { footnoteNumber: 'asc' }],
      select: { sourceId: true, documentId: true, footnoteNumber: true, document: { select: { title: true } } },
    }),
  ]);
  const stateOf = new Map(tracing.map((row) => [row.footnoteNumber, row]));
  const index = new CodePointIndex(version.text);
  const citing = claimsByFootnote(claimsOf(version));
  const paragraphs = pagedParagraphs(version.paragraphs);
  const allNotes: DeskNoteRow[] = [...version.footnotes]
    .sort((a, b) => a.number - b.number)
    .map((footnote) => {
      const state = stateOf.get(footnote.number);
      return {
        number: footnote.number,
        status: state?.status ?? 'UNTRACED',
        // Who is on a note is the team's business: a visitor to a public document does not learn members' names.
        assigneeId: isMember ? (state?.assigneeId ?? null) : null,
        assigneeName: isMember ? (state?.assignee?.name ?? null) : null,
        citingSentences: (citing.get(footnote.number) ?? []).map((claim) => index.slice(claim.start, claim.end).trim()),
        citingSentencePages: (citing.get(footnote.number) ?? []).map((claim) => pagesAt(paragraphs, claim.start)),
        hasNoteText: footnote.noteText !== null,
        sources: (attached.get(footnote.number) ?? []).map((source) => ({
          ...source,
          uses: uses
            .filter((use) => use.sourceId === source.sourceId)
            .map((use) => ({ documentTitle: use.document.title, footnoteNumber: use.footnoteNumber, isThisDocument: use.documentId === document.id })),
          sourceHistory: sourceHistories.get(source.sourceId) ?? [],
        })),
        history: isMember ? (histories.get(footnote.number) ?? []) : [],
      };
    });
  const deskNotes: DeskNote[] = allNotes.map((note) => ({
    number: note.number,
    status: note.status,
    assigneeId: note.assigneeId,
    sourceCount: note.sources.length,
    verifiedSourceCount: note.sources.filter(isVerifiedVerdict).length,
  }));
  const viewerId = viewer?.id ?? null;
  return {
    slug: document.slug,
    title: document.title,
    workspaceSlug: workspace.slug,
    versionNumber: version.number,
    viewerId,
    canTrace: rights.canTraceNotes,
    canManageSources: rights.canManageSources,
    members: members.map((membership) => membership.user),
    total: allNotes.length,
    traced: countTraced(allNotes),
    counts: countByStatus(allNotes),
    coverage: {
      withSource: allNotes.filter((note) => note.sources.length > 0).length,
      supported: allNotes.filter((note) => note.sources.some(isVerifiedVerdict)).length,
      contradicted: allNotes.filter((note) => note.sources.length > 0 && !note.sources.some(isVerifiedVerdict) && note.sources.some((source) => source.verdict === 'DOES_NOT_SUPPORT')).length,
    },
    filter,
    nextNote: rights.canTraceNotes ? nextNoteToTrace(deskNotes, viewerId) : null,
    duplicateCount: findDuplicateGroups(sources).reduce((sum, group) => sum + group.length - 1, 0),
    notes: allNotes.filter((_, position) => matchesDeskFilter(deskNotes[position]!, filter, viewerId)),
  };
}

/**
 * Sets a note's tracing status and assignee (commenters and above; only editors and owners mark a note verified).
 * The assignee must be a member who may trace. Each change is kept in the note's history and announced live.
 */
export async function setNoteTracing(viewer: Viewer | null, documentSlug: string, footnoteNumber: number, input: unknown): Promise<void> {
  const signedIn = requireViewer(viewer);
  const { status, assigneeId, reason } = parseInput(noteTracingSchema, input);
  const db = getDb();
  const document = await db.document.findFirst({
    where: { AND: [{ slug: documentSlug }, readableDocumentsWhere(signedIn)] },
    select: {
      id: true,
      workspaceId: true,
      workspace: { select: { memberships: { where: { userId: signedIn.id }, select: { role: true } } } },
      versions: { orderBy: { number: 'desc' }, take: 1, select: { footnotes: { where: { number: footnoteNumber }, select: { id: true } } } },
    },
  });
  if (!document) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  if (!Number.isSafeInteger(footnoteNumber) || !document.versions[0]?.footnotes.length) throw new AppError('NOT_FOUND', `This document has no note ${footnoteNumber}.`);
  const role = document.workspace.memberships[0]?.role ?? null;
  const rights = workspaceRightsOf(signedIn, role);
  if (!rights.canTraceNotes) throw new AppError('FORBIDDEN', 'Only members who can comment trace notes. Ask an owner for the commenter role.');
  if (status === 'VERIFIED' && !rights.canVerifyNotes) {
    throw new AppError('FORBIDDEN', 'Only editors and owners mark a note verified.', { fieldErrors: { status: ['Only editors and owners mark a note verified.'] } });
  }
  const assignee = assigneeId
    ? await db.membership.findFirst({ where: { workspaceId: document.workspaceId, userId: assigneeId, role: { in: ['OWNER', 'EDITOR', 'COMMENTER'] } }, select: { user: { select: { id: true, name: true } } } })
    : null;
  if (assigneeId && !assignee) throw new AppError('INVALID_INPUT', 'Assign the note to a member who can comment.', { fieldErrors: { assigneeId: ['Choose a member who can comment.'] } });
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.noteTracing.findUnique({
      where: { documentId_footnoteNumber: { documentId: document.id, footnoteNumber } },
      select: { status: true, assigneeId: true, assignee: { select: { name: true } } },
    });
    const previousStatus = before?.status ?? 'UNTRACED';
    const previousAssigneeId = before?.assigneeId ?? null;
    const changes: TracingChangeInput[] = [];
    const note = { workspaceId: document.workspaceId, documentId: document.id, footnoteNumber, reason: reason ?? null, changedById: signedIn.id };
    if (previousStatus !== status) changes.push({ ...note, subject: 'status', before: previousStatus, after: status });
    if (previousAssigneeId !== (assignee?.user.id ?? null)) changes.push({ ...note, subject: 'assignee', before: before?.assignee?.name ?? null, after: assignee?.user.name ?? null });
    if (changes.length === 0) return [];
    await tx.noteTracing.upsert({
      where: { documentId_footnoteNumber: { documentId: document.id, footnoteNumber } },
      create: { documentId: document.id, footnoteNumber, status, assigneeId: assignee?.user.id ?? null },
      update: { status, assigneeId: assignee?.user.id ?? null },
    });
    await recordTracingChanges(tx, changes);
    for (const change of changes) {
      await recordActivity(tx, {
        workspaceId: document.workspaceId,
        documentId: document.id,
        actorId: signedIn.id,
        kind: change.subject === 'status' ? 'note.status' : 'note.assigned',
        subjectId: String(footnoteNumber),
      });
    }
    return changes;
  });
  for (const change of changed ?? []) {
    if (change.subject === 'status') await notifyNoteChanged(signedIn, document.id, footnoteNumber, { kind: 'status', status });
    else if (assignee) await notifyNoteChanged(signedIn, document.id, footnoteNumber, { kind: 'assigned', assigneeId: assignee.user.id });
  }
}
