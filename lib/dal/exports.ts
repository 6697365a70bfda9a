import 'server-only';
import { withCurrentMentionNames } from '@/lib/dal/mentions';
import type { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';
import type { StoredAnnotation } from '@/lib/dal/annotations';
import { findAttachedSources } from '@/lib/dal/sources';
import { renderClaimsCsv } from '@/lib/domain/claims-csv';
import { toCslItems, type CslItem } from '@/lib/domain/csl-export';
import { pageOf, placementOf, sortedTags, tagLabelsOf, type ExportDocument, type ExportPlacement, type ExportRecord } from '@/lib/domain/export-model';
import { renderMarkdownReport } from '@/lib/domain/markdown-report';
import { findLinkingAnnotations } from '@/lib/dal/annotation-links-exchange';
import { annotationContainerIri, documentVersionIri } from '@/lib/domain/annotation-iris';
import { creatorOf, isImported, originalCreatorOf } from '@/lib/domain/export-model';
import { toAnnotationCollection, toAnnotationPage, toWebAnnotation } from '@/lib/domain/web-annotation-export';
import { type AnnotationCollection, type AnnotationPage, type ExportableAnnotation, type WebAnnotation } from '@/lib/domain/web-annotation';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/domain/ids';
import { mentionedUserIds } from '@/lib/domain/mentions';

/** Where exported IRIs and links point: the app's public origin, such as `https://marginalia.example`. */
export type ExportOptions = { baseUrl: string };

/** One work in CSL-JSON, as citation managers (Zotero, Pandoc citeproc) read it. */
export type { CslItem };

/** Options of exportWebAnnotations: `page` (0-based) returns that AnnotationPage; without it, the collection with its first page embedded. */
export type WebAnnotationExportOptions = ExportOptions & { page?: number; pageSize?: number; collectionId?: string };

export { annotationContainerIri, documentVersionIri };

/** Returns the base that a document's annotation ids are appended to for their IRIs: its container (`…/api/documents/<slug>/annotations/`). */
export function annotationIriBase(baseUrl: string, slug: string): string {
  return annotationContainerIri(baseUrl, slug);
}

// ---------------------------------------------------------------------------------------------------------
// Loading, always through readableDocumentsWhere and visibleAnnotationsWhere

const exportSelect = {
  id: true,
  parentId: true,
  rootId: true,
  authorId: true,
  author: { select: { name: true } },
  createdAt: true,
  updatedAt: true,
  body: true,
  visibility: true,
  motivation: true,
  importedFrom: true,
  canonical: true,
  importedVia: true,
  importedCreator: true,
  importedCreatorName: true,
  importedCreatorIri: true,
  importedGroup: true,
  importedSource: true,
  status: true,
  revision: true,
  selectors: true,
  sectionSlug: true,
  versionId: true,
  anchorStart: true,
  anchorEnd: true,
  tags: { select: { tag: { select: { label: true } } } },
} satisfies Prisma.AnnotationSelect;

type ExportRow = Prisma.AnnotationGetPayload<{ select: typeof exportSelect }> & ExportRecord;

async function requireExportDocument(viewer: Viewer | null, slug: string): Promise<ExportDocument> {
  const document = await getDb().document.findFirst({
    where: { AND: [{ slug }, readableDocumentsWhere(viewer)] },
    select: {
      id: true,
      slug: true,
      title: true,
      versions: { orderBy: { number: 'asc' }, select: { id: true, number: true, createdAt: true } },
    },
  });
  const latest = document?.versions.at(-1);
  if (!document || !latest) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  const [sections, footnotes] = await Promise.all([
    getDb().section.findMany({ where: { versionId: latest.id }, orderBy: { ordinal: 'asc' }, select: { slug: true, heading: true, ordinal: true, startOffset: true, endOffset: true } }),
    getDb().footnote.findMany({ where: { versionId: latest.id }, orderBy: { number: 'asc' }, select: { number: true } }),
  ]);
  return {
    id: document.id,
    slug: document.slug,
    title: document.title,
    current: { id: latest.id, number: latest.number, sections, footnotes: footnotes.map((footnote) => footnote.number) },
    versions: document.versions.map((version) => ({ ...version, text: null })),
  };
}

// The annotations the viewer may see, without deleted or hidden ones: exports carry content, not placeholders.
async function findExportRows(viewer: Viewer | null, document: ExportDocument, where: Prisma.AnnotationWhereInput = {}): Promise<ExportRow[]> {
  // Mentions are stored by id: every export names each person as they are called now.
  const rows = await withCurrentMentionNames(
    await getDb().annotation.findMany({
      where: { AND: [{ documentId: document.id, deletedAt: null, hiddenAt: null }, visibleAnnotationsWhere(viewer), where] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: exportSelect,
    }),
  );
  // Only the texts the quotes are placed on are needed, to describe each quote against its own version.
  const placedOn = new Set(rows.filter((row) => row.selectors !== null && row.anchorStart !== null).map((row) => row.versionId));
  if (placedOn.size > 0) {
    const texts = await getDb().documentVersion.findMany({ where: { id: { in: [...placedOn] } }, select: { id: true, text: true } });
    const byId = new Map(texts.map((version) => [version.id, version.text]));
    for (const version of document.versions) version.text = byId.get(version.id) ?? version.text;
    // Paragraphs of versions imported from a PDF know their pages, so each quote can cite its page.
    const paragraphs = await getDb().paragraph.findMany({
      where: { versionId: { in: [...placedOn] }, pageStart: { not: null } },
      orderBy: { ordinal: 'asc' },
      select: { versionId: true, startOffset: true, endOffset: true, pageStart: true, pageEnd: true },
    });
    for (const version of document.versions) {
      const own = paragraphs.filter((paragraph) => paragraph.versionId === version.id);
      if (own.length > 0) version.pages = own.map((paragraph) => ({ start: paragraph.startOffset, end: paragraph.endOffset, page: paragraph.pageStart ?? 0, lastPage: paragraph.pageEnd ?? paragraph.pageStart ?? 0 }));
    }
  }
  return rows;
}

// The W3C mapping pairs every quote with a position; an orphan has none, so the one it is handed here is taken out
// again by exportedAnnotation and never leaves the server.
const NO_POSITION = { type: 'TextPositionSelector', start: 0, end: 0 } as const;

function toExportable(row: ExportRow, placement: ExportPlacement, document: ExportDocument, options: ExportOptions): ExportableAnnotation {
  const documentIri = documentVersionIri(options.baseUrl, document.slug, placement.versionNumber);
  return {
    id: row.id,
    documentIri,
    selectors: placement.selectors && { quote: placement.selectors.quote, position: placement.selectors.position ?? NO_POSITION },
    sectionIri: placement.selectors === null && row.sectionSlug !== null ? `${documentIri}#${encodeURIComponent(row.sectionSlug)}` : null,
    body: row.body,
    tags: tagLabelsOf(row),
    motivation: row.motivation.toLowerCase() as ExportableAnnotation['motivation'],
    parentId: row.parentId,
    creator: originalCreatorOf(row) ?? creatorOf(options.baseUrl, { id: row.authorId, name: row.author.name }),
    via: row.importedVia ?? row.importedFrom,
    canonical: row.canonical,
    imported: isImported(row) ? { by: creatorOf(options.baseUrl, { id: row.authorId, name: row.author.name }), group: row.importedGroup, source: row.importedSource } : null,
    created: row.createdAt,
    modified: row.updatedAt,
    visibility: row.visibility === 'PRIVATE' ? 'private' : 'workspace',
    page: pageOf(row, document),
  };
}

// One annotation as W3C JSON-LD. An orphan's target names its version and its stored quote, and no position:
// wherever it once sat, its words are not there now.
function exportedAnnotation(row: ExportRow, document: ExportDocument, options: ExportOptions): WebAnnotation {
  const placement = placementOf(row, document);
  const annotation = toWebAnnotation(toExportable(row, placement, document, options), { annotationIriBase: annotationIriBase(options.baseUrl, document.slug) });
  if (placement.isPlaced || placement.selectors === null || typeof annotation.target === 'string') return annotation;
  const selector = annotation.target.selector.filter((item) => item.type !== 'TextPositionSelector') as unknown as typeof annotation.target.selector;
  return { ...annotation, target: { ...annotation.target, selector } };
}


// ---------------------------------------------------------------------------------------------------------
// W3C Web Annotation

/**
 * Returns the annotations of document `slug` the viewer may see as a W3C AnnotationCollection (first page
 * embedded), or page `page` of it as an AnnotationPage. Deleted and hidden annotations are left out. Throws
 * NOT_FOUND for a document the viewer may not read or a page past the end. Anyone may call it.
 */
export async function exportWebAnnotations(viewer: Viewer | null, slug: string, options: WebAnnotationExportOptions): Promise<AnnotationCollection | AnnotationPage> {
  const document = await requireExportDocument(viewer, slug);
  const rows = await findExportRows(viewer, document);
  const items = rows.map((row) => exportedAnnotation(row, document, options));
  items.push(...(await findLinkingAnnotations(viewer, document.id, { baseUrl: options.baseUrl, userIriBase: `${trimSlash(options.baseUrl)}/users/` })));
  const collection = {
    id: options.collectionId ?? annotationContainerIri(options.baseUrl, document.slug),
    label: `Annotations on “${document.title}”`,
    pageSize: options.pageSize,
  };
  if (options.page === undefined) return toAnnotationCollection(items, collection);
  try {
    return toAnnotationPage(items, { ...collection, page: options.page });
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('NOT_FOUND', error.message);
    throw error;
  }
}

/**
 * Returns the annotations of document `slug` the viewer may see as W3C JSON-LD, oldest first, with the label of
 * their container: what the Protocol's container pages through. Deleted and hidden annotations are left out.
 * Throws NOT_FOUND for a document the viewer may not read.
 */
export async function listWebAnnotations(viewer: Viewer | null, slug: string, options: ExportOptions): Promise<{ label: string; items: WebAnnotation[] }> {
  const document = await requireExportDocument(viewer, slug);
  const rows = await findExportRows(viewer, document);
  const items = rows.map((row) => exportedAnnotation(row, document, options));
  items.push(...(await findLinkingAnnotations(viewer, document.id, { baseUrl: options.baseUrl, userIriBase: `${trimSlash(options.baseUrl)}/users/` })));
  return { label: `Annotations on “${document.title}”`, items };
}

/** Returns one annotation the viewer may see as W3C JSON-LD with its revision, or null when it is unseen, deleted, hidden or (given `documentSlug`) on another document. */
export async function getWebAnnotation(
  viewer: Viewer | null,
  annotationId: string,
  options: ExportOptions & { documentSlug?: string },
): Promise<{ annotation: WebAnnotation; revision: number } | null> {
  if (!isUuid(annotationId)) return null;
  const inDocument = options.documentSlug === undefined ? {} : { document: { slug: options.documentSlug } };
  const found = await getDb().annotation.findFirst({
    where: { AND: [{ id: annotationId, deletedAt: null, hiddenAt: null }, inDocument, visibleAnnotationsWhere(viewer), { document: readableDocumentsWhere(viewer) }] },
    select: { document: { select: { slug: true } } },
  });
  if (!found) return null;
  const document = await requireExportDocument(viewer, found.document.slug);
  const [row] = await findExportRows(viewer, document, { id: annotationId });
  if (!row) return null;
  return {
    annotation: exportedAnnotation(row, document, options),
    revision: row.revision,
  };
}

/**
 * Describes an annotation this request has just stored as getWebAnnotation would read it back: the answer to a
 * create, built from what was written (and the identity the client posted it with, as recordPostedIdentity kept it)
 * instead of another eight statements. Null when its comment mentions someone: mentions are stored by id and read
 * back with each person's current name, which only the database knows.
 */
export function describeStoredAnnotation(
  stored: StoredAnnotation,
  documentSlug: string,
  options: ExportOptions & { identity?: { via: string | null; canonical: string | null } },
): { annotation: WebAnnotation; revision: number } | null {
  if (mentionedUserIds(stored.body).length > 0) return null;
  const exportable: ExportableAnnotation = {
    id: stored.id,
    documentIri: documentVersionIri(options.baseUrl, documentSlug, stored.versionNumber),
    selectors: stored.selectors,
    sectionIri: null,
    body: stored.body,
    tags: sortedTags(stored.tagLabels),
    motivation: stored.motivation === 'HIGHLIGHTING' ? 'highlighting' : 'commenting',
    parentId: null,
    creator: creatorOf(options.baseUrl, stored.author),
    via: options.identity?.via ?? null,
    canonical: options.identity?.canonical ?? null,
    created: stored.createdAt,
    modified: stored.updatedAt,
    visibility: stored.visibility === 'PRIVATE' ? 'private' : 'workspace',
    page: stored.page,
  };
  return { annotation: toWebAnnotation(exportable, { annotationIriBase: annotationIriBase(options.baseUrl, documentSlug) }), revision: stored.revision };
}

// ---------------------------------------------------------------------------------------------------------
// Markdown report, CSV of tagged claims, CSL-JSON of the sources (rendered by lib/domain)

/**
 * Returns a Markdown report of document `slug` for the viewer: per section, each quoted passage with its
 * comment, tags, author, date and indented replies, then the section's discussion; then the sources of every
 * note with verdicts and evidence. Only what the viewer may see; NOT_FOUND for an unreadable document.
 */
export async function exportMarkdownReport(viewer: Viewer | null, slug: string, options: ExportOptions): Promise<string> {
  const document = await requireExportDocument(viewer, slug);
  const [rows, sources] = await Promise.all([findExportRows(viewer, document), findAttachedSources(document.id)]);
  return renderMarkdownReport({ document, rows, sources, readerUrl: readerUrlOf(options.baseUrl, document.slug), viewerName: viewer?.name ?? null, exportedAt: new Date() });
}

/**
 * Returns the viewer's visible tagged annotations of document `slug` (thread starters only) as CSV (RFC 4180,
 * CRLF, a header row), one row per annotation, with the page of the original PDF for a document imported from one. Cells a spreadsheet would run as a formula are prefixed with `'`.
 */
export async function exportTaggedClaimsCsv(viewer: Viewer | null, slug: string, options: ExportOptions): Promise<string> {
  const document = await requireExportDocument(viewer, slug);
  const rows = await findExportRows(viewer, document, { parentId: null, tags: { some: {} } });
  return renderClaimsCsv(document, rows, readerUrlOf(options.baseUrl, document.slug));
}

/**
 * Returns the sources attached to the notes of document `slug` as a CSL-JSON array, one item per source (a
 * source serving several notes appears once; its `note` lists each note with its verdict). NOT_FOUND for an
 * unreadable document; sources are readable by whoever may read the document.
 */
export async function exportSourcesCslJson(viewer: Viewer | null, slug: string): Promise<CslItem[]> {
  const document = await requireExportDocument(viewer, slug);
  return toCslItems(await findAttachedSources(document.id));
}

function readerUrlOf(baseUrl: string, slug: string): string {
  return `${trimSlash(baseUrl)}/documents/${encodeURIComponent(slug)}`;
}

function trimSlash(baseUrl: string): string {
  return baseUrl.replace(/\/+$/u, '');
}
