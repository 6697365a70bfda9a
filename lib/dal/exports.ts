import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';
import type { StoredAnnotation } from '@/lib/dal/annotations';
import { findAttachedSources, type AttachedSource } from '@/lib/dal/sources';
import { isSafeLinkTarget, neutraliseUnsafeLinks } from '@/lib/domain/markdown-links';
import { describeRange, InvalidRangeError, type TextSelectors } from '@/lib/domain/selectors';
import { toAnnotationCollection, toAnnotationPage, toWebAnnotation } from '@/lib/domain/web-annotation-export';
import { type AnnotationCollection, type AnnotationPage, type ExportableAnnotation, type WebAnnotation } from '@/lib/domain/web-annotation';
import { AppError } from '@/lib/errors';
import { formatInstant } from '@/lib/format/dates';
import { VERDICT_LABELS } from '@/lib/format/verdicts';
import { CSL_TYPES } from '@/lib/validation/source-choices';
import { isUuid } from '@/lib/domain/ids';
import { annotationContainerIri, documentVersionIri } from '@/lib/domain/annotation-iris';

/** Where exported IRIs and links point: the app's public origin, such as `https://marginalia.example`. */
export type ExportOptions = { baseUrl: string };

/** Options of exportWebAnnotations: `page` (0-based) returns that AnnotationPage; without it, the collection with its first page embedded. */
export type WebAnnotationExportOptions = ExportOptions & { page?: number; pageSize?: number; collectionId?: string };

/** One work in CSL-JSON, as citation managers (Zotero, Pandoc citeproc) read it. */
export type CslItem = {
  id: string;
  type: string;
  title: string;
  author?: Array<{ family: string; given: string } | { literal: string }>;
  publisher?: string;
  issued?: { 'date-parts': number[][] };
  URL?: string;
  accessed?: { 'date-parts': number[][] };
  note?: string;
};

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
  status: true,
  revision: true,
  selectors: true,
  sectionSlug: true,
  versionId: true,
  anchorStart: true,
  anchorEnd: true,
  tags: { select: { tag: { select: { label: true } } } },
  importedFrom: true,
  canonical: true,
  importedVia: true,
  importedCreator: true,
  importedCreatorName: true,
  importedCreatorIri: true,
  importedGroup: true,
  importedSource: true,
} satisfies Prisma.AnnotationSelect;

type ExportRow = Prisma.AnnotationGetPayload<{ select: typeof exportSelect }>;

type VersionInfo = { id: string; number: number; createdAt: Date; text: string | null; pages?: Array<{ start: number; end: number; page: number }> };

type ExportDocument = {
  id: string;
  slug: string;
  title: string;
  current: { id: string; number: number; sections: Array<{ slug: string; heading: string | null; ordinal: number; startOffset: number; endOffset: number }>; footnotes: number[] };
  versions: VersionInfo[];
};

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
  const rows = await getDb().annotation.findMany({
    where: { AND: [{ documentId: document.id, deletedAt: null, hiddenAt: null }, visibleAnnotationsWhere(viewer), where] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: exportSelect,
  });
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
      select: { versionId: true, startOffset: true, endOffset: true, pageStart: true },
    });
    for (const version of document.versions) {
      const own = paragraphs.filter((paragraph) => paragraph.versionId === version.id);
      if (own.length > 0) version.pages = own.map((paragraph) => ({ start: paragraph.startOffset, end: paragraph.endOffset, page: paragraph.pageStart ?? 0 }));
    }
  }
  return rows;
}

type Placement = { versionNumber: number; selectors: TextSelectors | null };

// Stored selectors are kept as first made; after a new version the anchor columns say where the quote sits now.
// So a placed quote is described afresh against the version it is placed on, and an orphan keeps its original
// selectors, pinned to the newest version that existed when it was made (the text those selectors describe).
function placementOf(row: ExportRow, document: ExportDocument): Placement {
  const version = document.versions.find((candidate) => candidate.id === row.versionId) ?? document.versions.at(-1)!;
  const stored = row.selectors as TextSelectors | null;
  if (stored === null) return { versionNumber: version.number, selectors: null };
  if (row.anchorStart !== null && row.anchorEnd !== null && version.text !== null) {
    try {
      return { versionNumber: version.number, selectors: describeRange(version.text, row.anchorStart, row.anchorEnd) };
    } catch (error) {
      if (!(error instanceof InvalidRangeError)) throw error;
    }
  }
  const original = [...document.versions].reverse().find((candidate) => candidate.createdAt <= row.createdAt) ?? document.versions[0]!;
  return { versionNumber: original.number, selectors: stored };
}

// The page of the original PDF where a placed quote starts, when its version came from a PDF.
function pageOf(row: ExportRow, document: ExportDocument): number | null {
  if (row.anchorStart === null || row.selectors === null) return null;
  const start = row.anchorStart;
  const version = document.versions.find((candidate) => candidate.id === row.versionId);
  return version?.pages?.find((paragraph) => start >= paragraph.start && start < paragraph.end)?.page ?? null;
}

function toExportable(row: ExportRow, document: ExportDocument, options: ExportOptions): ExportableAnnotation {
  const placement = placementOf(row, document);
  const documentIri = documentVersionIri(options.baseUrl, document.slug, placement.versionNumber);
  return {
    id: row.id,
    documentIri,
    selectors: placement.selectors,
    sectionIri: placement.selectors === null && row.sectionSlug !== null ? `${documentIri}#${encodeURIComponent(row.sectionSlug)}` : null,
    body: row.body,
    tags: tagLabelsOf(row),
    motivation: row.motivation.toLowerCase() as ExportableAnnotation['motivation'],
    parentId: row.parentId,
    creator: originalCreatorOf(row) ?? creatorOf(options.baseUrl, { id: row.authorId, name: row.author.name }),
    created: row.createdAt,
    modified: row.updatedAt,
    visibility: row.visibility === 'PRIVATE' ? 'private' : 'workspace',
    page: pageOf(row, document),
    via: row.importedVia ?? row.importedFrom,
    canonical: row.canonical,
    imported: isImported(row) ? { by: creatorOf(options.baseUrl, { id: row.authorId, name: row.author.name }), group: row.importedGroup, source: row.importedSource } : null,
  };
}

// An import records where the annotation came from; a POST with a client's own id records only that id.
function isImported(row: ExportRow): boolean {
  return [row.importedCreator, row.importedCreatorName, row.importedCreatorIri, row.importedGroup, row.importedSource].some((value) => value !== null);
}

// The author an imported annotation had where it came from, named as its W3C creator; null when the file named none.
function originalCreatorOf(row: ExportRow): ExportableAnnotation['creator'] | null {
  const name = row.importedCreatorName ?? row.importedCreator ?? row.importedCreatorIri;
  if (name === null) return null;
  return { id: row.importedCreatorIri ?? undefined, name };
}

/** The name a report credits an annotation to: its original author for an import, with who imported it. */
function creditOf(row: ExportRow): { name: string; importedBy: string | null } {
  const original = originalCreatorOf(row);
  return original === null ? { name: row.author.name, importedBy: null } : { name: original.name, importedBy: row.author.name };
}

function tagLabelsOf(row: ExportRow): string[] {
  return sortedTags(row.tags.map(({ tag }) => tag.label));
}

function sortedTags(labels: string[]): string[] {
  return [...labels].sort((a, b) => a.localeCompare(b, 'en'));
}

// The display name only: an e-mail address never leaves the workspace.
function creatorOf(baseUrl: string, author: { id: string; name: string }): { id: string; name: string } {
  return { id: `${trimSlash(baseUrl)}/users/${author.id}`, name: author.name };
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
  const items = rows.map((row) => toWebAnnotation(toExportable(row, document, options), { annotationIriBase: annotationIriBase(options.baseUrl, document.slug) }));
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
  const items = rows.map((row) => toWebAnnotation(toExportable(row, document, options), { annotationIriBase: annotationIriBase(options.baseUrl, document.slug) }));
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
    annotation: toWebAnnotation(toExportable(row, document, options), { annotationIriBase: annotationIriBase(options.baseUrl, document.slug) }),
    revision: row.revision,
  };
}

/**
 * Describes an annotation this request has just stored as getWebAnnotation would read it back: the answer to a
 * create, built from what was written instead of a second trip to the database.
 */
export function describeStoredAnnotation(stored: StoredAnnotation, documentSlug: string, options: ExportOptions): { annotation: WebAnnotation; revision: number } {
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
    created: stored.createdAt,
    modified: stored.updatedAt,
    visibility: stored.visibility === 'PRIVATE' ? 'private' : 'workspace',
  };
  return { annotation: toWebAnnotation(exportable, { annotationIriBase: annotationIriBase(options.baseUrl, documentSlug) }), revision: stored.revision };
}

// ---------------------------------------------------------------------------------------------------------
// Markdown report

type Thread = { row: ExportRow; replies: Thread[] };

type Grouped = { lead: Thread[]; bySection: Map<string, { quotes: Thread[]; discussion: Thread[] }>; whole: Thread[]; unplaced: Thread[]; detached: Thread[] };

function buildThreads(rows: ExportRow[]): { roots: Thread[]; detached: Thread[] } {
  const threads = new Map(rows.map((row) => [row.id, { row, replies: [] as Thread[] }]));
  const roots: Thread[] = [];
  const detached: Thread[] = [];
  for (const thread of threads.values()) {
    if (thread.row.parentId === null) roots.push(thread);
    else {
      const parent = threads.get(thread.row.parentId);
      // A reply whose parent was removed stays with its thread's first annotation when that is still there.
      const fallback = thread.row.rootId ? threads.get(thread.row.rootId) : undefined;
      if (parent) parent.replies.push(thread);
      else if (fallback) fallback.replies.push(thread);
      else detached.push(thread);
    }
  }
  return { roots, detached };
}

function sectionOf(row: ExportRow, document: ExportDocument): string | null {
  if (row.selectors === null) return row.sectionSlug;
  if (row.anchorStart === null) return null;
  if (row.versionId !== document.current.id) return row.sectionSlug;
  const start = row.anchorStart;
  return document.current.sections.find((section) => start >= section.startOffset && start < section.endOffset)?.slug ?? null;
}

function groupThreads(rows: ExportRow[], document: ExportDocument): Grouped {
  const { roots, detached } = buildThreads(rows);
  const grouped: Grouped = { lead: [], bySection: new Map(document.current.sections.map((section) => [section.slug, { quotes: [], discussion: [] }])), whole: [], unplaced: [], detached };
  const byPosition = (a: Thread, b: Thread) => (a.row.anchorStart ?? 0) - (b.row.anchorStart ?? 0) || a.row.createdAt.getTime() - b.row.createdAt.getTime();
  for (const thread of roots.sort(byPosition)) {
    const row = thread.row;
    const slug = sectionOf(row, document);
    const section = slug === null ? undefined : grouped.bySection.get(slug);
    if (row.selectors === null) (section ? section.discussion : grouped.whole).push(thread);
    else if (row.anchorStart === null) grouped.unplaced.push(thread);
    else if (section) section.quotes.push(thread);
    else grouped.lead.push(thread);
  }
  return grouped;
}

/**
 * Returns a Markdown report of document `slug` for the viewer: per section, each quoted passage with its
 * comment, tags, author, date and indented replies, then the section's discussion; then the sources of every
 * note with verdicts and evidence. Only what the viewer may see; NOT_FOUND for an unreadable document.
 */
export async function exportMarkdownReport(viewer: Viewer | null, slug: string, options: ExportOptions): Promise<string> {
  const document = await requireExportDocument(viewer, slug);
  const [rows, sources] = await Promise.all([findExportRows(viewer, document), findAttachedSources(document.id)]);
  const grouped = groupThreads(rows, document);
  const out: string[] = [];
  const readerUrl = `${trimSlash(options.baseUrl)}/documents/${encodeURIComponent(document.slug)}`;
  out.push(`# ${escapeInline(document.title)}`, '');
  out.push(`Annotations and sources from Marginalia, version ${document.current.number} of the text: <${readerUrl}>.`, '');
  out.push(`${rows.length === 1 ? '1 annotation' : `${rows.length} annotations`} visible to ${viewer ? escapeInline(viewer.name) : 'a visitor'}, exported ${formatInstant(new Date().toISOString())}.`, '');

  const part = (heading: string, threads: Thread[], level = 2) => {
    if (threads.length === 0) return;
    out.push(`${'#'.repeat(level)} ${heading}`, '');
    for (const thread of threads) renderThread(out, thread, pageOf(thread.row, document));
  };
  part('Lead', grouped.lead);
  part('The whole document', grouped.whole);
  for (const section of document.current.sections) {
    const threads = grouped.bySection.get(section.slug);
    out.push(`## ${sectionName(section)}`, '');
    if (!threads || (threads.quotes.length === 0 && threads.discussion.length === 0)) {
      out.push('*No annotations.*', '');
      continue;
    }
    for (const thread of threads.quotes) renderThread(out, thread, pageOf(thread.row, document));
    part('Discussion', threads.discussion, 3);
  }
  part('Not placed in this version', grouped.unplaced);
  part('Replies to removed annotations', grouped.detached);

  out.push('## Sources', '');
  if (document.current.footnotes.length === 0) out.push('*This document has no notes.*', '');
  for (const number of document.current.footnotes) {
    out.push(`### Note ${number}`, '');
    const attached = sources.get(number) ?? [];
    if (attached.length === 0) {
      out.push('*No source attached yet.*', '');
      continue;
    }
    for (const source of attached) renderSource(out, source);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/gu, '\n\n').trimEnd()}\n`;
}

function sectionName(section: { heading: string | null; ordinal: number }): string {
  return section.heading ? escapeInline(section.heading) : `Untitled section ${section.ordinal + 1}`;
}

/** Deepest indentation of a reply in the report; deeper replies are listed at this level, so the size stays linear. */
export const MAX_REPORT_REPLY_DEPTH = 50;

function renderThread(out: string[], thread: Thread, page: number | null): void {
  const { row } = thread;
  const quote = (row.selectors as TextSelectors | null)?.quote.exact;
  if (quote !== undefined) out.push(...quote.split(/\r?\n/u).map((line) => (line.trim() === '' ? '>' : `> ${escapeInline(line)}`)), '');
  if (quote !== undefined && page !== null) out.push(`(p. ${page} of the original PDF)`, '');
  if (row.body.trim() !== '') out.push(commentMarkdown(row.body), '');
  out.push(byline(row), '');
  renderReplies(out, thread.replies);
  if (thread.replies.length > 0) out.push('');
}

// Walks the replies with an explicit stack, depth first in order of creation: a chain thousands deep neither
// overflows the stack nor indents without end (below MAX_REPORT_REPLY_DEPTH, replies stay at that level).
function renderReplies(out: string[], replies: Thread[]): void {
  const stack: Array<{ thread: Thread; depth: number }> = replies.map((thread) => ({ thread, depth: 0 })).reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { thread, depth } = next;
    const indent = '  '.repeat(depth);
    const lines = [byline(thread.row), ...(thread.row.body.trim() === '' ? [] : ['', ...commentMarkdown(thread.row.body).split('\n')])];
    out.push(`${indent}- ${lines[0]}`, ...lines.slice(1).map((line) => (line === '' ? '' : `${indent}  ${line}`)));
    const childDepth = Math.min(depth + 1, MAX_REPORT_REPLY_DEPTH);
    for (let i = thread.replies.length - 1; i >= 0; i--) stack.push({ thread: thread.replies[i]!, depth: childDepth });
  }
}

function byline(row: ExportRow): string {
  const tags = tagLabelsOf(row);
  const facts = [
    `**${escapeInline(creditOf(row).name)}**`,
    ...(creditOf(row).importedBy === null ? [] : [`imported by ${escapeInline(creditOf(row).importedBy ?? '')}`]),
    formatInstant(row.createdAt.toISOString()),
    ...(row.visibility === 'PRIVATE' ? ['private'] : []),
    ...(row.parentId === null && row.status === 'RESOLVED' ? ['resolved'] : []),
    ...(row.parentId === null && row.motivation === 'HIGHLIGHTING' && tags.length === 0 ? ['highlight'] : []),
  ];
  return `${facts.join(' · ')}${tags.length > 0 ? ` · Tags: ${tags.map(escapeInline).join(', ')}` : ''}`;
}

function renderSource(out: string[], source: AttachedSource): void {
  const authors = source.authors.length > 0 ? `${source.authors.map(escapeInline).join('; ')}. ` : '';
  const issued = source.issued ? ` (${escapeInline(source.issued)})` : '';
  const publisher = source.publisher ? ` ${escapeInline(source.publisher)}.` : '';
  const link = source.url && isSafeLinkTarget(source.url) ? ` <${source.url.replace(/[<>\s]/gu, encodeURIComponent)}>` : '';
  out.push(`- ${authors}*${escapeInline(source.title)}*${issued}.${publisher}${link}`);
  out.push(`  Verdict: **${VERDICT_LABELS[source.verdict]}** (${escapeInline(source.verdictSetBy)}, ${formatInstant(source.verdictSetAt)}).`);
  if (source.evidenceQuote) out.push('', ...source.evidenceQuote.split(/\r?\n/u).map((line) => (line.trim() === '' ? '  >' : `  > ${escapeInline(line)}`)), '');
}

// Quotes, names, titles and tags are plain text: whatever Markdown could read as syntax there is escaped.
function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&]/gu, (character) => `\\${character}`)
    .replace(/^(\s*)([#+=-])/u, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/u, '$1\\$2');
}

// Comments are Markdown already and stay so, but raw HTML is neutralised (the app never renders it either) and
// headings are pushed below the report's own levels so a comment cannot open a section of the report. Links and
// images keep their targets only when those are http(s), mailto or relative; any other becomes plain text.
function commentMarkdown(body: string): string {
  return neutraliseUnsafeLinks(body.replace(/\r\n?/gu, '\n'))
    .replace(/<(?!https?:\/\/[^\s<>]*>)(?=[A-Za-z/!?])/gu, '&lt;')
    .replace(/^(\s{0,3})(#{1,6})(\s|$)/gmu, (_, space: string, hashes: string, after: string) => `${space}\\${hashes}${after}`)
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// CSV of tagged claims

const CSV_COLUMNS = ['id', 'section', 'quote', 'tags', 'author', 'created', 'comment', 'status', 'link'] as const;

/**
 * Returns the viewer's visible tagged annotations of document `slug` (thread starters only) as CSV (RFC 4180,
 * CRLF, a header row), one row per annotation. Cells a spreadsheet would run as a formula are prefixed with `'`.
 */
export async function exportTaggedClaimsCsv(viewer: Viewer | null, slug: string, options: ExportOptions): Promise<string> {
  const document = await requireExportDocument(viewer, slug);
  const rows = await findExportRows(viewer, document, { parentId: null, tags: { some: {} } });
  const sectionNames = new Map(document.current.sections.map((section) => [section.slug, section.heading ?? `Untitled section ${section.ordinal + 1}`]));
  const readerUrl = `${trimSlash(options.baseUrl)}/documents/${encodeURIComponent(document.slug)}`;
  const records = rows.map((row) => {
    const slugOfSection = sectionOf(row, document);
    const section = row.selectors !== null && row.anchorStart === null ? 'Not placed' : slugOfSection === null ? (row.selectors === null ? 'Whole document' : 'Lead') : (sectionNames.get(slugOfSection) ?? slugOfSection);
    return [
      row.id,
      section,
      placementOf(row, document).selectors?.quote.exact ?? '',
      tagLabelsOf(row).join('; '),
      creditOf(row).name,
      row.createdAt.toISOString(),
      row.body,
      row.status === 'RESOLVED' ? 'resolved' : 'open',
      `${readerUrl}#annotation-${row.id}`,
    ];
  });
  return [CSV_COLUMNS as readonly string[], ...records].map((record) => record.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// Spreadsheets skip leading whitespace and read fullwidth ＝＋－＠ as their ASCII forms before deciding on a formula.
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/u;

/** Returns one CSV cell: quoted when needed (RFC 4180), and prefixed with `'` when a spreadsheet would read it as a formula. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

// ---------------------------------------------------------------------------------------------------------
// CSL-JSON of the sources

/**
 * Returns the sources attached to the notes of document `slug` as a CSL-JSON array, one item per source (a
 * source serving several notes appears once; its `note` lists each note with its verdict). NOT_FOUND for an
 * unreadable document; sources are readable by whoever may read the document.
 */
export async function exportSourcesCslJson(viewer: Viewer | null, slug: string): Promise<CslItem[]> {
  const document = await requireExportDocument(viewer, slug);
  const attached = await findAttachedSources(document.id);
  const bySource = new Map<string, { source: AttachedSource; notes: string[] }>();
  for (const [number, sources] of [...attached.entries()].sort(([a], [b]) => a - b)) {
    for (const source of sources) {
      const entry = bySource.get(source.sourceId) ?? { source, notes: [] };
      // A quote pasted with its own quotation marks keeps only ours: “…”, never ““…””.
      const quote = source.evidenceQuote?.trim().replace(/^[“"„«‘']+|[”"»’']+$/gu, '');
      entry.notes.push(`Note ${number}: ${VERDICT_LABELS[source.verdict]}${quote ? ` (“${quote}”)` : ''}`);
      bySource.set(source.sourceId, entry);
    }
  }
  return [...bySource.values()].map(({ source, notes }) => {
    const issued = dateParts(source.issued);
    const accessed = dateParts(source.accessedOn);
    return {
      id: source.sourceId,
      type: CSL_TYPES[source.kind],
      title: source.title,
      ...(source.authors.length > 0 ? { author: source.authors.map(cslName) } : {}),
      ...(source.publisher ? { publisher: source.publisher } : {}),
      ...(issued ? { issued } : {}),
      ...(source.url ? { URL: source.url } : {}),
      ...(accessed ? { accessed } : {}),
      note: notes.join('; '),
    };
  });
}

function cslName(author: string): { family: string; given: string } | { literal: string } {
  const comma = author.indexOf(',');
  if (comma < 0) return { literal: author.trim() };
  return { family: author.slice(0, comma).trim(), given: author.slice(comma + 1).trim() };
}

// `2016`, `2016-05` and `2016-05-17` become [[2016]], [[2016, 5]] and [[2016, 5, 17]].
function dateParts(value: string | null): { 'date-parts': number[][] } | null {
  const match = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec(value) : null;
  if (!match) return null;
  return { 'date-parts': [match.slice(1).filter((part): part is string => part !== undefined).map(Number)] };
}

function trimSlash(baseUrl: string): string {
  return baseUrl.replace(/\/+$/u, '');
}
