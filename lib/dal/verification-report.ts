import 'server-only';
import { createHash } from 'node:crypto';
import { getDb } from '@/lib/db';
import { recordActivity } from '@/lib/dal/activity';
import { workspaceRightsOf } from '@/lib/dal/access/workspaces';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { claimsOf } from '@/lib/dal/documents';
import { getReadableDocument } from '@/lib/dal/document-lookup';
import { getVerificationDesk, type DeskSource } from '@/lib/dal/verification-desk';
import { findClaimLinks } from '@/lib/dal/annotation-links-exchange';
import { claimsByFootnote, needsCitation } from '@/lib/domain/claims';
import { CodePointIndex } from '@/lib/domain/text';
import { TRACING_STATUSES, TRACING_STATUS_LABELS } from '@/lib/domain/tracing';
import { pagesLabel, type PageRange } from '@/lib/domain/pdf-pages';
import { diffSnapshots, renderReportHtml, snapshotOf, type ReportHistoryLine, type ReportModel, type ReportSnapshot, type ReportSource } from '@/lib/domain/verification-report';
import { AppError } from '@/lib/errors';
import { formatInstant } from '@/lib/format/dates';
import { describeTracingChange } from '@/lib/format/tracing-history';
import { SOURCE_KIND_LABELS, VERDICT_LABELS } from '@/lib/format/verdicts';

/** The application that generates reports, as the downloads name it. */
export const REPORT_GENERATOR = 'Marginalia verification desk';

/** A sign-off of the report of one version: the frozen report's SHA-256, who signed and when. */
export type ReportSignOffEntry = { id: string; versionNumber: number; sha256: string; signedBy: string; signedAt: string };

/** The report page: the report, whether the viewer may sign it, and the newest sign-off of this version with what changed since. */
export type VerificationReportPage = {
  slug: string;
  model: ReportModel;
  canSignOff: boolean;
  signOff: (ReportSignOffEntry & { changes: string[] }) | null;
};

function sourceOf(source: DeskSource): ReportSource {
  const details: Array<[string, string]> = [
    ['Kind', SOURCE_KIND_LABELS[source.kind]],
    ['Authors', source.authors.join('; ')],
    ['Publisher', source.publisher ?? ''],
    ['Journal or site', source.containerTitle ?? ''],
    ['Published', source.issued ?? ''],
    ['DOI', source.doi ?? ''],
    ['Accessed on', source.accessedOn ?? ''],
  ];
  return {
    title: source.title,
    details: details.filter(([, value]) => value !== ''),
    url: source.url,
    archiveUrl: source.archiveUrl,
    verdict: VERDICT_LABELS[source.verdict],
    evidenceQuote: source.evidenceQuote,
    evidencePassage: source.passage ? { quote: source.passage.quote, documentTitle: source.passage.documentTitle, place: source.passage.place } : null,
    verdictHistory: source.history.map((entry) => ({ text: VERDICT_LABELS[entry.verdict], who: entry.changedBy, when: formatInstant(entry.changedAt), reason: entry.comment })),
  };
}

/**
 * Returns the verification report of document `slug` as the viewer may see it (the same rules as every export:
 * whoever may read the document), or null when they may not read it.
 */
export async function getReportModel(viewer: Viewer | null, slug: string, now = new Date()): Promise<ReportModel | null> {
  const [document, desk] = await Promise.all([getReadableDocument(viewer, slug), getVerificationDesk(viewer, slug, 'all')]);
  if (!document || !desk) return null;
  const index = new CodePointIndex(document.version.text);
  const uncitedSentences = claimsOf(document.version)
    .filter((claim) => !claim.isCited)
    .map((claim) => index.slice(claim.start, claim.end).trim())
    .filter(needsCitation);
  const claimRanges = new Map([...claimsByFootnote(claimsOf(document.version))].map(([number, claims]) => [number, claims.map(({ start, end }) => ({ start, end }))]));
  const linked = await findClaimLinks(viewer, document.id, claimRanges);
  const history = (lines: DeskSource['sourceHistory']): ReportHistoryLine[] =>
    lines.map((entry) => ({ text: describeTracingChange(entry), who: entry.changedBy, when: formatInstant(entry.changedAt), reason: entry.reason }));
  return {
    title: document.title,
    versionNumber: document.version.number,
    generatedAt: formatInstant(now.toISOString()),
    generatedBy: viewer?.name ?? 'a visitor',
    generator: REPORT_GENERATOR,
    coverage: [
      ['Notes', String(desk.total)],
      ['Notes traced', `${desk.traced} of ${desk.total}`],
      ['Notes with a source', `${desk.coverage.withSource} of ${desk.total}`],
      ['Notes backed by a supporting source', `${desk.coverage.supported} of ${desk.total}`],
      ['Notes contradicted by their source', String(desk.coverage.contradicted)],
      ...TRACING_STATUSES.map((status): [string, string] => [TRACING_STATUS_LABELS[status], String(desk.counts[status])]),
      ['Sentences citing nothing that state figures', String(uncitedSentences.length)],
    ],
    notes: desk.notes.map((note) => ({
      number: note.number,
      status: TRACING_STATUS_LABELS[note.status],
      assignee: note.assigneeName,
      citingSentences: note.citingSentences.map((text, index) => ({ text, page: pagesLabelOrNull(note.citingSentencePages[index] ?? null) })),
      sources: note.sources.map(sourceOf),
      history: history(note.history),
      linked: linked.get(note.number) ?? [],
    })),
    uncitedSentences,
  };
}

const signOffSelect = { id: true, versionNumber: true, sha256: true, snapshot: true, signedAt: true, signedBy: { select: { name: true } } } as const;

/** Returns the report page of document `slug`, or null when the viewer may not read it. */
export async function getVerificationReportPage(viewer: Viewer | null, slug: string): Promise<VerificationReportPage | null> {
  const [document, model] = await Promise.all([getReadableDocument(viewer, slug), getReportModel(viewer, slug)]);
  if (!document || !model) return null;
  const signed = await getDb().reportSignOff.findFirst({
    where: { documentId: document.id, versionNumber: document.version.number },
    orderBy: { signedAt: 'desc' },
    select: signOffSelect,
  });
  return {
    slug: document.slug,
    model,
    canSignOff: workspaceRightsOf(viewer, document.role).canVerifyNotes,
    signOff: signed
      ? {
          id: signed.id,
          versionNumber: signed.versionNumber,
          sha256: signed.sha256,
          signedBy: signed.signedBy.name,
          signedAt: signed.signedAt.toISOString(),
          changes: diffSnapshots(signed.snapshot as ReportSnapshot, snapshotOf(model)),
        }
      : null,
  };
}

/**
 * Signs off the report of the document's newest version (editors and owners): stores the report exactly as
 * generated now, its SHA-256, who signed and when. Later changes show against it on the report page.
 */
export async function signOffReport(viewer: Viewer | null, slug: string): Promise<ReportSignOffEntry> {
  const signedIn = requireViewer(viewer);
  const document = await getReadableDocument(signedIn, slug);
  if (!document) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  if (!workspaceRightsOf(signedIn, document.role).canVerifyNotes) throw new AppError('FORBIDDEN', 'Only editors and owners sign off a verification report.');
  const model = await getReportModel(signedIn, slug);
  if (!model) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  const html = renderReportHtml(model);
  const sha256 = createHash('sha256').update(html, 'utf8').digest('hex');
  return getDb().$transaction(async (tx) => {
    const created = await tx.reportSignOff.create({
      data: { documentId: document.id, versionNumber: document.version.number, sha256, html, snapshot: snapshotOf(model), signedById: signedIn.id },
      select: signOffSelect,
    });
    await recordActivity(tx, { workspaceId: document.workspaceId, documentId: document.id, actorId: signedIn.id, kind: 'report.signed', subjectId: created.id });
    return { id: created.id, versionNumber: created.versionNumber, sha256: created.sha256, signedBy: created.signedBy.name, signedAt: created.signedAt.toISOString() };
  });
}

/** Returns the report of document `slug` as one self-contained HTML page, or NOT_FOUND when the viewer may not read it. */
export async function exportReportHtml(viewer: Viewer | null, slug: string): Promise<string> {
  const model = await getReportModel(viewer, slug);
  if (!model) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  return renderReportHtml(model);
}

function pagesLabelOrNull(pages: PageRange | null): string | null {
  return pages ? pagesLabel(pages) : null;
}
