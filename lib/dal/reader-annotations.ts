import 'server-only';
import { queryRows } from '@/lib/db';
import { visibleDocumentAnnotationsSql } from '@/lib/dal/access/annotations';
import { pagesAt, type PagedParagraph } from '@/lib/domain/pdf-pages';
import { findAnnotationViews, type AnnotationView } from '@/lib/dal/annotations';
import { findAnnotationLinks } from '@/lib/dal/annotation-links';
import { documentRightsOf } from '@/lib/dal/access/documents';
import { getViewerPreferences } from '@/lib/dal/preferences';
import { hasRole, type Viewer } from '@/lib/dal/authorization';
import { findDrawnHighlights, readFilterChoices, readReaderSummary } from '@/lib/dal/reader-thread-index';
import type { AnchorStatus } from '@/lib/domain/anchoring';
import type { AnnotationFilter } from '@/lib/domain/annotation-filter';
import { ANNOTATION_LIST_BATCH, idsInThreads, resolveListWindow, threadTrees, withThreadItems, type ListRequest, type ListWindow } from '@/lib/domain/annotation-list';
import type { HighlightColouring, LegendEntry } from '@/lib/domain/highlight-colours';
import type { HighlightRange } from '@/lib/domain/highlight-ranges';
import { isUuid } from '@/lib/domain/ids';
import { keepReachable, type ThreadNode } from '@/lib/domain/threads';
import { withFirstReplies } from '@/lib/domain/thread-pages';
import type { RoleName } from '@/lib/validation/workspaces';

/** What the reader knows of an annotation before reading its text: enough to order its thread, build its tree and count its replies. */
export type AnnotationOutline = {
  id: string;
  parentId: string | null;
  rootId: string | null;
  createdAt: number;
  sectionSlug: string | null;
  target: 'quote' | 'section';
  isGone: boolean;
  anchor: { status: Lowercase<AnchorStatus>; start: number | null };
};

// Columns holding the usual value come back null (placed exactly, quoting, shown): a null costs the driver nothing,
// and a thread of thousands of replies carries mostly the usual values.
type OutlineRow = [
  id: string,
  parentId: string | null,
  rootId: string | null,
  createdAt: number,
  sectionSlug: string | null,
  anchorStart: number | null,
  anchorStatus: Exclude<Uppercase<AnchorStatus>, 'EXACT'> | null,
  hasNoSelectors: true | null,
  isGone: true | null,
];

// The driver's plain rows, in one statement: a thread of thousands of replies costs a few milliseconds here, where
// Prisma's mapping of each value took longer than the query. No text is read: bodies and quotes are most of what the
// database would send, and a page shows only some of them (findAnnotationViews reads those).
/** Reads the outline of the threads whose first annotations are `threadIds` that the viewer may see, oldest first (see the note above). */
export async function readOutline(viewer: Viewer | null, document: { id: string; isMember: boolean }, threadIds: readonly string[]): Promise<AnnotationOutline[]> {
  const visible = visibleDocumentAnnotationsSql(viewer, document);
  if (!visible || threadIds.length === 0) return [];
  const rows = await queryRows<OutlineRow>(
    `SELECT a."id", a."parentId", a."rootId", round(date_part('epoch', a."createdAt") * 1000), a."sectionSlug", a."anchorStart", nullif(a."anchorStatus", 'EXACT'),
            nullif(a."selectors" IS NULL, false), nullif(a."deletedAt" IS NOT NULL OR a."hiddenAt" IS NOT NULL, false)
     FROM "Annotation" a
     WHERE ${visible.condition} AND (a."id" = ANY($4::uuid[]) OR a."rootId" = ANY($4::uuid[]))
     ORDER BY a."createdAt", a."id"`,
    [...visible.params, threadIds],
  );
  return rows.map(([id, parentId, rootId, createdAt, sectionSlug, anchorStart, anchorStatus, hasNoSelectors, isGone]) => ({
    id,
    parentId,
    rootId,
    createdAt,
    sectionSlug,
    target: hasNoSelectors && sectionSlug !== null ? 'section' : 'quote',
    isGone: isGone === true,
    anchor: { status: anchorStatus === null ? 'exact' : (anchorStatus.toLowerCase() as Lowercase<AnchorStatus>), start: anchorStart },
  }));
}

// The outline as the list builds it: deleted and hidden annotations only while a shown reply hangs below them, and
// replies where their thread's first annotation is (they carry no target of their own).
/** The outline as the list builds it (see the note above). */
export function reachableOutline(outline: AnnotationOutline[]): AnnotationOutline[] {
  const reachable = keepReachable(outline);
  const roots = new Map<string, AnnotationOutline>();
  for (const annotation of reachable) if (annotation.parentId === null) roots.set(annotation.id, annotation);
  for (const annotation of reachable) {
    const root = annotation.rootId === null ? undefined : roots.get(annotation.rootId);
    if (!root) continue;
    // The outline's objects are this request's own, so the reply takes its root's place in them.
    annotation.target = root.target;
    annotation.sectionSlug = root.sectionSlug;
  }
  return reachable;
}

/** Whether a reply in an outline's tree is one a person sees (not a deleted or hidden one kept for its replies). */
export function isShownReply(node: ThreadNode<{ isGone: boolean }>): boolean {
  return !node.isPlaceholder && !node.item.isGone;
}

/** The Annotations list as a page shows it: a window of its placed threads with their text, and every orphan. */
export type ListedThreads = {
  placed: ThreadNode<AnnotationView>[];
  orphans: ThreadNode<AnnotationView>[];
  window: ListWindow;
  /** The first thread of the batch before the window and of the one after it, for the links that show them; null at either end. */
  earlierFirstId: string | null;
  laterFirstId: string | null;
};

/** What the reader page shows of a document's annotations, and what the viewer may add. */
export type ReaderAnnotations = {
  list: ListedThreads;
  /** Section discussions (the threads on whole sections) that pass the filter, in full. */
  discussions: AnnotationView[];
  /** Everyone who wrote a visible annotation and every tag in use, for the filter's choices. */
  filterChoices: { authors: string[]; tags: string[] };
  /** Fingerprint of the highlights the filter leaves (see findReaderHighlights); null when there are none. */
  highlightsVersion: string | null;
  /** What the viewer has highlights coloured by, and what each colour in use stands for. */
  colouring: HighlightColouring;
  legend: LegendEntry[];
  canShare: boolean;
};

/** A document the reader has looked up for the viewer: its id, workspace, whether it is public and the viewer's role there. */
export type ReaderDocumentContext = { id: string; workspaceId: string; isPublic: boolean; role: RoleName | null };

/**
 * Returns the annotations of a document the viewer may read, as its reader page shows them: the threads the filter
 * leaves are found and counted in the database (reader-thread-index.ts), and only the listed ones (`listRequest`), the
 * orphans and the section discussions are read, in full. `citingRanges` are the sentences citing the footnote the
 * filter asks for. Annotations by others written after `newSince` are marked new; `paragraphs` give a PDF's pages to
 * each passage. The caller has checked the viewer may read the document.
 */
export async function findReaderAnnotations(
  viewer: Viewer | null,
  document: ReaderDocumentContext,
  options: { filter: AnnotationFilter; citingRanges: Array<{ start: number; end: number }>; listRequest: ListRequest; newSince: Date | null; paragraphs?: readonly PagedParagraph[] },
): Promise<ReaderAnnotations> {
  const membership = { id: document.id, isMember: hasRole(document.role, 'VIEWER') };
  const requestedId = options.listRequest.kind === 'thread' && isUuid(options.listRequest.annotationId) ? options.listRequest.annotationId : null;
  const { highlightColouring: colouring } = await getViewerPreferences(viewer);
  // The first batch, the usual request, needs only its threads' ids and the next one's.
  const placedLimit = options.listRequest.kind === 'first' ? ANNOTATION_LIST_BATCH + 1 : null;
  const [summary, filterChoices] = await Promise.all([
    readReaderSummary(viewer, membership, { filter: options.filter, citingRanges: options.citingRanges, requestedId, placedLimit, colouring }),
    readFilterChoices(viewer, membership),
  ]);
  const window = resolveListWindow(options.listRequest, summary.placed, summary.requestedThread, summary.placedTotal);
  const listedIds = summary.placed.slice(window.start, window.end);
  const outline = reachableOutline(await readOutline(viewer, membership, [...listedIds, ...summary.orphans, ...summary.sections]));
  const discussions = outline.filter((annotation) => annotation.target === 'section');
  // Each thread is read in full only to its first replies (or to the reply a permalink asks for): a chain of
  // thousands of replies costs the page no more than a short one, and the rest come on request (thread-replies.ts).
  const keepId = options.listRequest.kind === 'thread' ? options.listRequest.annotationId : null;
  const firstRepliesOf = (trees: ThreadNode<AnnotationOutline>[]) => trees.map((tree) => withFirstReplies(tree, { keepId, isCounted: isShownReply }));
  const placedTrees = firstRepliesOf(threadTrees(outline, listedIds));
  const orphanTrees = firstRepliesOf(threadTrees(outline, summary.orphans));
  const wanted = idsInThreads([...placedTrees, ...orphanTrees]);
  const viewIds = [...wanted, ...discussions.map((annotation) => annotation.id)];
  const [views, links] = await Promise.all([findAnnotationViews(viewer, document, viewIds), findAnnotationLinks(viewer, document.role, viewIds)]);
  const byId = new Map(views.map((view) => [view.id, view]));
  const finish = (annotation: AnnotationOutline): AnnotationView | null => {
    const view = byId.get(annotation.id);
    if (!view) return null;
    const isNew = options.newSince !== null && !view.isByViewer && new Date(view.createdAt) > options.newSince;
    const pages = view.quote !== null && view.anchor.start !== null ? pagesAt(options.paragraphs ?? [], view.anchor.start) : null;
    return { ...view, target: annotation.target, sectionSlug: annotation.sectionSlug, isNew, links: links.get(annotation.id) ?? [], pages };
  };
  return {
    list: {
      placed: withThreadItems(placedTrees, finish),
      orphans: withThreadItems(orphanTrees, finish),
      window,
      earlierFirstId: window.start > 0 ? (summary.placed[Math.max(0, window.start - ANNOTATION_LIST_BATCH)] ?? null) : null,
      laterFirstId: summary.placed[window.end] ?? null,
    },
    discussions: discussions.flatMap((annotation) => finish(annotation) ?? []),
    filterChoices,
    highlightsVersion: summary.highlightsFingerprint,
    colouring,
    legend: summary.legend,
    canShare: documentRightsOf(viewer, document).canShare,
  };
}

/**
 * Returns the highlights of a document the viewer may read that `filter` leaves, sorted by where they start (what
 * the reader's script draws over the text), and the fingerprint findReaderAnnotations names them by. The caller has
 * checked the viewer may read the document.
 */
export async function findReaderHighlights(
  viewer: Viewer | null,
  document: ReaderDocumentContext,
  options: { filter: AnnotationFilter; citingRanges: Array<{ start: number; end: number }> },
): Promise<{ highlights: HighlightRange[]; fingerprint: string | null }> {
  const { highlightColouring: colouring } = await getViewerPreferences(viewer);
  return findDrawnHighlights(viewer, { id: document.id, isMember: hasRole(document.role, 'VIEWER') }, { ...options, colouring });
}
