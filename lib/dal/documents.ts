import 'server-only';
import { getDb } from '@/lib/db';
import { documentRightsOf, readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';
import { getReadableDocument } from '@/lib/dal/document-lookup';
import { countNewSinceLastVisit } from '@/lib/dal/new-since-visit';
import { findSourceDocumentOptions } from '@/lib/dal/evidence';
import { pagedParagraphs, pagesOf } from '@/lib/domain/pdf-pages';
import { findReaderAnnotations, findReaderHighlights, type ReaderAnnotations } from '@/lib/dal/reader-annotations';
import { sourceRightsOf, type SourceRights } from '@/lib/dal/access/sources';
import { findAttachedSources, findSourceOptions, SUPPORTING_VERDICTS, type AttachedSource, type SourceOption } from '@/lib/dal/sources';
import type { AnnotationFilter } from '@/lib/domain/annotation-filter';
import type { ListRequest } from '@/lib/domain/annotation-list';
import { claimsByFootnote, findCitedClaims, type Claim } from '@/lib/domain/claims';
import { layoutDocument, paragraphAnchorId, type DocumentLayout } from '@/lib/domain/document-layout';
import type { HighlightRange } from '@/lib/domain/highlight-ranges';
import { CodePointIndex } from '@/lib/domain/text';

/** A note as its panel shows it: its text if we have it, the sentences citing it and the sources the team attached. */
export type FootnotePanel = { number: number; noteText: string | null; paragraphId: string; citingSentences: string[]; sources: AttachedSource[] };

/** A document as its reader page shows it: publication facts, the newest version laid out, its notes and the viewer's rights. */
export type ReaderDocument = DocumentLayout & {
  slug: string;
  title: string;
  publisher: string | null;
  series: string | null;
  publishedOn: string | null;
  originalUrl: string | null;
  language: string | null;
  versionNumber: number;
  /** The original PDF of this version, when it was imported from one. */
  pdf: { pageCount: number } | null;
  footnotes: FootnotePanel[];
  rights: SourceRights;
  /** Whether anyone may read it, and whether the viewer may change that (`Document visibility`). */
  visibility: { isPublic: boolean; canChange: boolean };
  sourceOptions: SourceOption[];
  /** The listed threads, the section discussions and the filter's choices; the highlights come separately (getReaderHighlights). */
  annotations: ReaderAnnotations;
};

/** A line in a list of documents. */
export type DocumentSummary = {
  slug: string;
  title: string;
  publisher: string | null;
  series: string | null;
  publishedOn: string | null;
  workspaceName: string;
  /** Annotations by others since the viewer last opened the document; null before a first visit. */
  newSinceLastVisit: number | null;
};

/** One note in the Sources view of a document. */
export type NoteOverview = {
  number: number;
  hasNoteText: boolean;
  claimCount: number;
  sources: Array<Pick<AttachedSource, 'id' | 'title' | 'verdict' | 'url'>>;
  status: 'no-source' | 'unverified' | 'supported' | 'contradicted' | 'inaccessible';
};

/** The Sources view of a document: every note and the coverage figures. */
export type SourcesOverview = {
  slug: string;
  title: string;
  notes: NoteOverview[];
  coverage: { total: number; withSource: number; supported: number; contradicted: number };
};

const toIsoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

// Sentences depend only on a version's immutable text, so they are computed once per version.
const claimsByVersion = new Map<string, Claim[]>();
/** Returns every sentence of a version with the notes it cites, computed once per version. */
export function claimsOf(version: { id: string; text: string; paragraphs: Array<{ ordinal: number; startOffset: number; endOffset: number }>; footnotes: Array<{ number: number; markerStart: number; markerEnd: number }> }): Claim[] {
  const cached = claimsByVersion.get(version.id);
  if (cached) return cached;
  const claims = findCitedClaims({
    text: version.text,
    paragraphs: version.paragraphs.map((paragraph) => ({ ordinal: paragraph.ordinal, start: paragraph.startOffset, end: paragraph.endOffset })),
    footnoteMarkers: version.footnotes.map((footnote) => ({ number: footnote.number, start: footnote.markerStart, end: footnote.markerEnd })),
  });
  if (claimsByVersion.size > 100) claimsByVersion.clear();
  claimsByVersion.set(version.id, claims);
  return claims;
}

/**
 * Returns the document `slug` laid out for reading, or null when it does not exist or the viewer may not read it;
 * `filter` narrows the annotations, and `listRequest` picks which of the listed threads come with their text.
 */
export async function getReaderDocument(
  viewer: Viewer | null,
  slug: string,
  filter: AnnotationFilter = {},
  newSince: Date | null = null,
  { listRequest = { kind: 'first' } }: { listRequest?: ListRequest } = {},
): Promise<ReaderDocument | null> {
  const document = await getReadableDocument(viewer, slug);
  if (!document) return null;
  const { version } = document;
  const rights = sourceRightsOf(viewer, document);
  const claims = claimsOf(version);
  const citing = claimsByFootnote(claims);
  const [attached, sourceOptions, annotations] = await Promise.all([
    findAttachedSources(document.id, viewer),
    rights.canProposeSources ? findSourceAndDocumentOptions(viewer, document.workspaceId, document.id) : Promise.resolve([]),
    findReaderAnnotations(viewer, document, { filter, citingRanges: citingRangesOf(citing, filter), listRequest, newSince, paragraphs: pagedParagraphs(version.paragraphs) }),
  ]);
  const index = new CodePointIndex(version.text);
  const supportedFootnotes = new Set(
    [...attached].filter(([, sources]) => sources.some((source) => SUPPORTING_VERDICTS.includes(source.verdict))).map(([number]) => number),
  );
  const layout = layoutDocument({
    text: version.text,
    sections: version.sections,
    paragraphs: version.paragraphs.map((paragraph) => ({
      ordinal: paragraph.ordinal,
      start: paragraph.startOffset,
      end: paragraph.endOffset,
      sectionOrdinal: paragraph.section?.ordinal ?? null,
      pages: pagesOf(paragraph),
    })),
    footnoteMarkers: version.footnotes.map((footnote) => ({ number: footnote.number, start: footnote.markerStart, end: footnote.markerEnd })),
    claims,
    supportedFootnotes,
  });
  return {
    ...layout,
    slug: document.slug,
    title: document.title,
    publisher: document.publisher,
    series: document.series,
    publishedOn: toIsoDate(document.publishedOn),
    originalUrl: document.originalUrl,
    language: document.language,
    versionNumber: version.number,
    pdf: version.pdf ? { pageCount: version.pdf.pageCount } : null,
    footnotes: [...version.footnotes]
      .sort((a, b) => a.number - b.number)
      .map((footnote) => ({
        number: footnote.number,
        noteText: footnote.noteText,
        paragraphId: paragraphAnchorId(footnote.paragraphOrdinal),
        citingSentences: (citing.get(footnote.number) ?? []).map((claim) => index.slice(claim.start, claim.end)),
        sources: attached.get(footnote.number) ?? [],
      })),
    rights,
    visibility: { isPublic: document.isPublic, canChange: documentRightsOf(viewer, document).canSetVisibility },
    sourceOptions,
    annotations,
  };
}

// The workspace's sources, then its documents that could become one (whose passages can then be cited).
async function findSourceAndDocumentOptions(viewer: Viewer | null, workspaceId: string, documentId: string): Promise<SourceOption[]> {
  const [sources, documents] = await Promise.all([findSourceOptions(workspaceId), findSourceDocumentOptions(viewer, workspaceId, documentId)]);
  return [...sources, ...documents.map((document) => ({ id: `document:${document.id}`, label: document.title, isDocument: true }))];
}

// The sentences citing the footnote a filter asks for, if it asks for one.
function citingRangesOf(citing: Map<number, Claim[]>, filter: AnnotationFilter): Claim[] {
  return filter.footnote ? (citing.get(filter.footnote) ?? []) : [];
}

/**
 * Returns the highlights the reader draws over the newest version of document `slug`, narrowed by `filter`, sorted by
 * where they start, with the fingerprint the page names them by; null when the document does not exist or the viewer
 * may not read it.
 */
export async function getReaderHighlightTable(viewer: Viewer | null, slug: string, filter: AnnotationFilter = {}): Promise<{ highlights: HighlightRange[]; fingerprint: string | null } | null> {
  const document = await getReadableDocument(viewer, slug);
  if (!document) return null;
  return findReaderHighlights(viewer, document, { filter, citingRanges: citingRangesOf(claimsByFootnote(claimsOf(document.version)), filter) });
}

/** getReaderHighlightTable's highlights alone. */
export async function getReaderHighlights(viewer: Viewer | null, slug: string, filter: AnnotationFilter = {}): Promise<HighlightRange[] | null> {
  return (await getReaderHighlightTable(viewer, slug, filter))?.highlights ?? null;
}

/** Returns every note of the document `slug` with its sources and verdicts, and the coverage figures; null when not readable. */
export async function getSourcesOverview(viewer: Viewer | null, slug: string): Promise<SourcesOverview | null> {
  const document = await getReadableDocument(viewer, slug);
  if (!document) return null;
  const { version } = document;
  const attached = await findAttachedSources(document.id);
  const citing = claimsByFootnote(claimsOf(version));
  const notes = [...version.footnotes]
    .sort((a, b) => a.number - b.number)
    .map((footnote): NoteOverview => {
      const sources = attached.get(footnote.number) ?? [];
      const verdicts = sources.map((source) => source.verdict);
      const status: NoteOverview['status'] =
        sources.length === 0
          ? 'no-source'
          : verdicts.some((verdict) => SUPPORTING_VERDICTS.includes(verdict))
            ? 'supported'
            : verdicts.includes('DOES_NOT_SUPPORT')
              ? 'contradicted'
              : verdicts.every((verdict) => verdict === 'CANNOT_ACCESS')
                ? 'inaccessible'
                : 'unverified';
      return {
        number: footnote.number,
        hasNoteText: footnote.noteText !== null,
        claimCount: citing.get(footnote.number)?.length ?? 0,
        sources: sources.map(({ id, title, verdict, url }) => ({ id, title, verdict, url })),
        status,
      };
    });
  return {
    slug: document.slug,
    title: document.title,
    notes,
    coverage: {
      total: notes.length,
      withSource: notes.filter((note) => note.status !== 'no-source').length,
      supported: notes.filter((note) => note.status === 'supported').length,
      contradicted: notes.filter((note) => note.status === 'contradicted').length,
    },
  };
}

/** Returns the list entry of document `slug` if the viewer may read it, or null; memoised for one request (getReadableDocument). */
export async function getDocumentSummary(viewer: Viewer | null, slug: string): Promise<DocumentSummary | null> {
  const document = await getReadableDocument(viewer, slug);
  if (!document) return null;
  const { title, publisher, series, publishedOn, workspace } = document;
  return toSummary({ slug: document.slug, title, publisher, series, publishedOn, workspace });
}

type SummaryRow = { slug: string; title: string; publisher: string | null; series: string | null; publishedOn: Date | null; workspace: { name: string } };

function toSummary({ workspace, publishedOn, ...document }: SummaryRow, newSinceLastVisit: number | null = null): DocumentSummary {
  return { ...document, publishedOn: toIsoDate(publishedOn), workspaceName: workspace.name, newSinceLastVisit };
}

/** Returns the documents the viewer may read (public ones and their workspaces'), newest first. */
export async function findReadableDocuments(viewer: Viewer | null): Promise<DocumentSummary[]> {
  const db = getDb();
  const documents = await db.document.findMany({
    where: readableDocumentsWhere(viewer),
    orderBy: { createdAt: 'desc' },
    select: { id: true, slug: true, title: true, publisher: true, series: true, publishedOn: true, workspace: { select: { name: true } } },
  });
  const newCounts = await countNewSinceLastVisit(viewer, documents.map((document) => document.id));
  return documents.map(({ id, ...document }) => toSummary(document, newCounts.get(id) ?? null));
}
