import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { type AnnotationMotivation } from '@/lib/generated/prisma/client';
import { getDb, type DatabaseClient } from '@/lib/db';
import { documentRightsOf, readableDocumentsWhere } from '@/lib/dal/access/documents';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { getViewerRole } from '@/lib/dal/workspaces';
import { insertAnnotations, onTransaction, type NewAnnotation } from '@/lib/dal/annotations/insert';
import { createImportedTags, findKnownAnnotations, MAX_IMPORTED_REPLY_DEPTH, parseJson } from '@/lib/dal/annotation-import-lookups';
import {
  detectAnnotationFormat,
  importedDates,
  importKeyOf,
  importKeyOfParent,
  MAX_IMPORTED_ANNOTATIONS,
  originalCreatorLabel,
  parseAnnotationFile,
  sectionSlugOfIri,
  type AnnotationFileFormat,
} from '@/lib/domain/annotation-import';
import { anchorSelectors, type AnchorResult, type AnchorStatus } from '@/lib/domain/anchoring';
import { hypothesisPdfFingerprints } from '@/lib/domain/hypothesis-import';
import { describeRange, type TextSelectors } from '@/lib/domain/selectors';
import { CodePointIndex, codePointLength } from '@/lib/domain/text';
import type { ImportedAnnotation } from '@/lib/domain/web-annotation';
import { splitLinkingAnnotations } from '@/lib/domain/annotation-links-w3c';
import { importAnnotationLinks } from '@/lib/dal/annotation-links-exchange';
import { AppError } from '@/lib/errors';
import type { z } from '@/lib/zod';
import type { annotationImportReportSchema, unplacedImportSchema } from '@/lib/validation/api-responses';

/** Largest annotation file an import reads, in bytes (UTF-8): 10,000 annotations with long comments fit. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** What importAnnotations is given: the document, the file's text, and its format (detected when absent or `auto`). */
export type ImportAnnotationsInput = { documentSlug: string; content: string; format?: AnnotationFileFormat | 'auto' };

/** An imported annotation that could not be placed on a passage: an orphan (its quote is not in the text) or a note on the whole page. */
export type UnplacedImport = z.output<typeof unplacedImportSchema>;

/**
 * What an import did. `imported` counts every annotation added; of the quote annotations, `exact`/`moved`/
 * `fuzzy` were placed and `orphaned` were not (they are listed in `unplaced`, as are page notes, which are kept on
 * the document as a whole). `skipped` were in the document already (an earlier import of the same file, or our
 * own export of this document). `tagsCreated` are labels new to the workspace's vocabulary.
 */
export type AnnotationImportReport = z.output<typeof annotationImportReportSchema>;

type ImportDocument = { id: string; slug: string; workspaceId: string; version: { id: string; text: string }; sections: Array<{ slug: string; startOffset: number; endOffset: number }> };

/** Deepest reply an import may bring in; deeper chains are refused whole. */
export { MAX_IMPORTED_REPLY_DEPTH };

/**
 * Imports the annotations of a W3C Web Annotation or Hypothesis file onto document `documentSlug`, all or
 * nothing, for a member who may comment there (commenter or above). Quotes are placed on the current version by
 * their TextQuoteSelector (the position only breaks ties); annotations whose quote is not found are kept as
 * orphans and listed. The importer becomes the author; the original author is kept in `importedCreator`.
 * Visibility: W3C `"visibility": "workspace"` or a Hypothesis group annotation is shared with the workspace,
 * anything else stays private; replies take their thread's. Importing the same file again adds nothing.
 * Throws PAYLOAD_TOO_LARGE over MAX_IMPORT_BYTES, INVALID_INPUT for a file it cannot take whole (malformed JSON,
 * not an annotation export, an annotation it cannot read, a reply whose parent is neither in the file nor on the
 * document), UNAUTHENTICATED, NOT_FOUND for a document the viewer may not read, FORBIDDEN below commenter.
 */
export async function importAnnotations(viewer: Viewer | null, input: ImportAnnotationsInput): Promise<AnnotationImportReport> {
  const signedIn = requireViewer(viewer);
  const document = await requireCommentableDocument(signedIn, input.documentSlug);
  if (Buffer.byteLength(input.content, 'utf8') > MAX_IMPORT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import each.`);
  }
  const json = parseJson(input.content);
  const format = input.format === undefined || input.format === 'auto' ? detectAnnotationFormat(json) : input.format;
  if (format === null) {
    throw new AppError(
      'INVALID_INPUT',
      'This is not an annotation export: expected W3C Web Annotation JSON-LD (an Annotation, a list of them, an AnnotationCollection or an AnnotationPage) or a Hypothesis export (an API search result with "rows", the client’s export with "annotations", or a list of annotations).',
    );
  }
  // Links come back as links once the annotations are in (lib/domain/annotation-links-w3c.ts).
  const linking = format === 'w3c' ? splitLinkingAnnotations(json) : { rest: json, links: [], warnings: [] };
  const parsed = parseAnnotationFile(linking.rest, format);
  const count = parsed.annotations.length + parsed.problems.length;
  if (count > MAX_IMPORTED_ANNOTATIONS) {
    throw new AppError('INVALID_INPUT', `The file holds ${count.toLocaleString('en')} annotations; one import takes at most ${MAX_IMPORTED_ANNOTATIONS.toLocaleString('en')}. Split it into smaller files.`);
  }
  if (parsed.problems.length > 0) throw refusal(parsed.problems.map((problem) => (problem.id === null ? problem.message : `${problem.id}: ${problem.message}`)));
  if (parsed.annotations.length === 0 && linking.links.length === 0) throw new AppError('INVALID_INPUT', 'The file holds no annotations, so there is nothing to import.');

  const tooLong = parsed.annotations.findIndex((annotation) => annotation.target.kind === 'quote' && codePointLength(annotation.target.quote.exact) > MAX_IMPORTED_QUOTE_LENGTH);
  if (tooLong !== -1) {
    const label = parsed.annotations[tooLong]?.externalId ?? `Annotation ${tooLong + 1}`;
    throw new AppError('INVALID_INPUT', `${label} quotes more than ${MAX_IMPORTED_QUOTE_LENGTH.toLocaleString('en')} characters; Marginalia annotates passages, not whole chapters. Shorten its quote and import the file again.`);
  }
  // Placing quotes is the slow part; it runs before the transaction so no lock or connection waits on it.
  const placements = placeQuotes(document.version.text, parsed.annotations);
  const notices = [...(placements.unsearchedCount > 0
    ? [...parsed.notices, `${placements.unsearchedCount.toLocaleString('en')} quotes were only looked for word for word, as placing them all would have taken too long; those not found are listed as not found, and you can place them from the reader.`]
    : parsed.notices)];
  if (format === 'hypothesis') notices.push(...(await pdfNotices(document.id, hypothesisPdfFingerprints(json))));

  const db = getDb();
  return db.$transaction(
    async (tx) => {
      // Two imports of one file into one document at once would both find nothing imported yet.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`annotation-import:${document.id}`}))`;
      const report = await importWithin(tx, signedIn, document, parsed.annotations, placements.byPosition, format, [...notices, ...linking.warnings]);
      const links = await importAnnotationLinks(tx, signedIn, document.workspaceId, linking.links);
      return { ...report, links: links.imported, warnings: [...report.warnings, ...links.warnings] };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** The longest quote an imported annotation may carry, in code points. */
export const MAX_IMPORTED_QUOTE_LENGTH = 2_000;
// Near-match search on a long text can take a second per quote; past this much work in one import, only exact copies are looked for.
const FUZZY_SEARCH_BUDGET_MS = 15_000;

type Placements = { byPosition: Map<number, AnchorResult>; unsearchedCount: number };

function placeQuotes(text: string, annotations: ImportedAnnotation[]): Placements {
  const index = new CodePointIndex(text);
  const deadline = performance.now() + FUZZY_SEARCH_BUDGET_MS;
  const byPosition = new Map<number, AnchorResult>();
  let unsearchedCount = 0;
  for (const [position, annotation] of annotations.entries()) {
    const { target } = annotation;
    if (target.kind !== 'quote') continue;
    const isExactOnly = performance.now() > deadline;
    // Other tools count positions differently (UTF-16, whole web pages): the position only breaks ties.
    const hint = target.position ?? { type: 'TextPositionSelector' as const, start: -1, end: -1 };
    const anchor = anchorSelectors(text, { quote: target.quote, position: hint }, { index, isExactOnly });
    if (isExactOnly && anchor.status === 'orphan') unsearchedCount += 1;
    byPosition.set(position, anchor);
  }
  return { byPosition, unsearchedCount };
}

async function importWithin(
  tx: DatabaseClient,
  viewer: Viewer,
  document: ImportDocument,
  annotations: ImportedAnnotation[],
  placements: Map<number, AnchorResult>,
  format: AnnotationFileFormat,
  notices: string[],
): Promise<AnnotationImportReport> {
  const report: AnnotationImportReport = {
    format,
    imported: 0,
    exact: 0,
    moved: 0,
    fuzzy: 0,
    orphaned: 0,
    pageNotes: 0,
    sectionComments: 0,
    replies: 0,
    skipped: 0,
    tagsCreated: [],
    unplaced: [],
    warnings: [...notices],
  };
  const keys = annotations.map((annotation) => keyFor(annotation, format));
  const known = await findKnownAnnotations(tx, viewer, document.id, annotations, keys, format);

  const index = new CodePointIndex(document.version.text);
  const sectionSlugs = new Set(document.sections.map((section) => section.slug));
  const now = new Date();
  const rows: NewAnnotation[] = [];
  const tagsByAnnotation = new Map<string, string[]>();
  const missingParents: string[] = [];
  const tooDeep: string[] = [];

  for (const [position, annotation] of annotations.entries()) {
    const key = keys[position]!;
    const label = annotation.externalId ?? `Annotation ${position + 1}`;
    if (known.has(key)) {
      report.skipped += 1;
      continue;
    }
    for (const warning of annotation.warnings) if (!warning.startsWith('It replies to ')) report.warnings.push(`${label}: ${warning}`);
    const id = randomUUID();
    const dates = importedDates(annotation.created, annotation.modified, now);
    const common = {
      id,
      body: annotation.body,
      importedFrom: key,
      importedCreator: originalCreatorLabel(annotation.creator),
      importedVia: annotation.via ?? null,
      importedCreatorName: annotation.creator?.name ?? null,
      importedCreatorIri: annotation.creator?.id ?? null,
      importedGroup: annotation.group ?? null,
      importedSource: annotation.sourceUri ?? null,
      createdAt: dates.createdAt,
      updatedAt: dates.updatedAt,
    };
    const visibility = annotation.visibility === 'workspace' ? 'WORKSPACE' : 'PRIVATE';
    const { target } = annotation;

    if (target.kind === 'reply') {
      const parentKey = importKeyOfParent(annotation, format)!;
      const parent = known.get(parentKey) ?? null;
      if (parent === null) {
        missingParents.push(`${label} replies to ${target.parentExternalId}, which is neither in this file nor on this document.`);
        continue;
      }
      if (parent.depth + 1 > MAX_IMPORTED_REPLY_DEPTH) {
        tooDeep.push(`${label} is reply ${parent.depth + 1} in a chain of replies to replies; a thread can be at most ${MAX_IMPORTED_REPLY_DEPTH} replies deep.`);
        continue;
      }
      if (annotation.tags.length > 0) report.warnings.push(`${label}: replies cannot be tagged here, so its tags (${annotation.tags.join(', ')}) were left out.`);
      // A reply is seen by whoever sees its thread.
      rows.push({ ...common, motivation: 'REPLYING', visibility: parent.visibility, parentId: parent.id, rootId: parent.rootId, anchorStatus: 'EXACT' });
      known.set(key, { id, rootId: parent.rootId, visibility: parent.visibility, depth: parent.depth + 1 });
      report.replies += 1;
    } else if (target.kind === 'resource') {
      const sectionSlug = sectionSlugOfIri(target.iri, sectionSlugs);
      if (sectionSlug !== null) {
        rows.push({ ...common, motivation: storedMotivation(annotation.motivation, annotation.tags), visibility, sectionSlug });
        report.sectionComments += 1;
      } else {
        // A note on the whole page has no passage; it is kept with the unplaced ones so nobody misses it.
        rows.push({ ...common, motivation: storedMotivation(annotation.motivation, annotation.tags), visibility, anchorStatus: 'ORPHAN', anchorScore: 0, isAnchorConfirmed: true });
        report.pageNotes += 1;
        report.unplaced.push({ id, kind: 'page-note', quote: null, body: annotation.body, originalCreator: common.importedCreator });
      }
      tagsByAnnotation.set(id, annotation.tags);
      known.set(key, { id, rootId: id, visibility, depth: 0 });
    } else {
      const anchor = placements.get(position)!;
      const isPlaced = anchor.status !== 'orphan' && anchor.start !== null && anchor.end !== null;
      const selectors: TextSelectors = isPlaced
        ? describeRange(document.version.text, anchor.start!, anchor.end!, index)
        : { quote: target.quote, position: target.position ?? { type: 'TextPositionSelector', start: 0, end: 0 } };
      rows.push({
        ...common,
        motivation: storedMotivation(annotation.motivation, annotation.tags),
        visibility,
        selectors,
        sectionSlug: isPlaced ? sectionAt(anchor.start!, document.sections) : null,
        anchorStatus: STATUS[anchor.status],
        anchorScore: anchor.score,
        anchorStart: anchor.start,
        anchorEnd: anchor.end,
      });
      tagsByAnnotation.set(id, annotation.tags);
      known.set(key, { id, rootId: id, visibility, depth: 0 });
      if (anchor.status === 'orphan') {
        report.orphaned += 1;
        report.unplaced.push({ id, kind: 'orphan', quote: target.quote.exact, body: annotation.body, originalCreator: common.importedCreator });
      } else report[anchor.status] += 1;
    }
  }
  if (missingParents.length > 0) throw refusal(missingParents, 'Import the file that holds those annotations first, or include them in this one.');
  if (tooDeep.length > 0) throw refusal(tooDeep.slice(0, 1), 'Shorten the chain of replies, or import its deeper replies as replies to an earlier one.');

  const sharedIds = new Set(rows.flatMap((row) => (row.visibility === 'WORKSPACE' ? [row.id] : [])));
  const tags = await createImportedTags(tx, { workspaceId: document.workspaceId, importerId: viewer.id }, tagsByAnnotation, sharedIds);
  report.tagsCreated = tags.created;
  // Rows are in file order, parents first; the same insert as a create stores them, their tags and their activity.
  const scope = { workspaceId: document.workspaceId, documentId: document.id, versionId: document.version.id, authorId: viewer.id };
  await insertAnnotations(onTransaction(tx), scope, rows.map((row) => ({ ...row, tags: tags.byAnnotation.get(row.id) })));
  report.imported = rows.length;
  return report;
}

// The motivation stored for an annotation that starts a thread: the one it came with, except that a highlight with
// tags is a comment (a highlight here is bare) and only replies reply.
function storedMotivation(motivation: ImportedAnnotation['motivation'], tags: readonly string[]): AnnotationMotivation {
  if (motivation === 'replying' || (motivation === 'highlighting' && tags.length > 0)) return 'COMMENTING';
  return motivation.toUpperCase() as AnnotationMotivation;
}

const STATUS: Record<AnchorStatus, 'EXACT' | 'MOVED' | 'FUZZY' | 'ORPHAN'> = { exact: 'EXACT', moved: 'MOVED', fuzzy: 'FUZZY', orphan: 'ORPHAN' };


async function requireCommentableDocument(viewer: Viewer, slug: string): Promise<ImportDocument> {
  const db = getDb();
  const document = await db.document.findFirst({
    where: { AND: [{ slug }, readableDocumentsWhere(viewer)] },
    select: { id: true, slug: true, workspaceId: true, visibility: true, versions: { orderBy: { number: 'desc' }, take: 1, select: { id: true, text: true } } },
  });
  const version = document?.versions[0];
  if (!document || !version) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  const role = await getViewerRole(viewer, document.workspaceId);
  if (!documentRightsOf(viewer, { isPublic: document.visibility === 'PUBLIC', role }).canImportAnnotations) {
    throw new AppError('FORBIDDEN', 'Only workspace members who can comment may import annotations. Ask an owner for the commenter role.');
  }
  const sections = await db.section.findMany({ where: { versionId: version.id }, select: { slug: true, startOffset: true, endOffset: true } });
  return { id: document.id, slug: document.slug, workspaceId: document.workspaceId, version, sections };
}

function keyFor(annotation: ImportedAnnotation, format: AnnotationFileFormat): string {
  // Without an id, the content itself identifies the annotation, so the same file still imports once.
  return importKeyOf(annotation, format) ?? `urn:sha256:${createHash('sha256').update(JSON.stringify([annotation.target, annotation.body, annotation.tags, annotation.created])).digest('hex')}`;
}

function sectionAt(offset: number, sections: ImportDocument['sections']): string | null {
  return sections.find((section) => offset >= section.startOffset && offset < section.endOffset)?.slug ?? null;
}

// Hypothesis keys annotations on a PDF by the PDF's fingerprint: say whether the file was made on this document's PDF.
async function pdfNotices(documentId: string, fingerprints: string[]): Promise<string[]> {
  if (fingerprints.length === 0) return [];
  const pdfs = await getDb().documentPdf.findMany({ where: { version: { documentId } }, select: { fingerprint: true, version: { select: { number: true } } } });
  const versionOf = new Map(pdfs.map((pdf) => [pdf.fingerprint.toLowerCase(), pdf.version.number]));
  return fingerprints.map((fingerprint) => {
    const version = versionOf.get(fingerprint);
    return version === undefined
      ? `The annotations were made on a PDF (urn:x-pdf:${fingerprint}) that is not the original of any version of this document; each was placed by its quote.`
      : `The annotations were made on the PDF of version ${version} (urn:x-pdf:${fingerprint}); each was placed by its quote on the current text.`;
  });
}

// Nothing is imported when any annotation cannot be: a partial import would be hard to complete without duplicates.
function refusal(messages: string[], advice = 'Fix or remove those annotations and import the file again.'): AppError {
  const [first] = messages;
  const more = messages.length > 1 ? ` (and ${messages.length - 1} more problem${messages.length > 2 ? 's' : ''})` : '';
  return new AppError('INVALID_INPUT', `Nothing was imported. ${first}${more} ${advice}`, { fieldErrors: { file: messages.slice(0, 50) } });
}

/** The document an import page is about, and whether the viewer may import onto it; null when they may not read it. */
export type AnnotationImportTarget = { slug: string; title: string; canImport: boolean; isSignedIn: boolean };

/** Returns what the import page needs to know about document `slug`; anyone may ask. */
export async function getAnnotationImportTarget(viewer: Viewer | null, slug: string): Promise<AnnotationImportTarget | null> {
  const document = await getDb().document.findFirst({ where: { AND: [{ slug }, readableDocumentsWhere(viewer)] }, select: { slug: true, title: true, workspaceId: true, visibility: true } });
  if (!document) return null;
  const role = await getViewerRole(viewer, document.workspaceId);
  const canImport = documentRightsOf(viewer, { isPublic: document.visibility === 'PUBLIC', role }).canImportAnnotations;
  return { slug: document.slug, title: document.title, canImport, isSignedIn: viewer !== null };
}
