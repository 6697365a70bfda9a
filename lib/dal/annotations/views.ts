import 'server-only';
import type { AnnotationMotivation, Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/db';
import { annotationRightsOf, visibleDocumentAnnotationsWhere } from '@/lib/dal/access/annotations';
import { documentRightsOf } from '@/lib/dal/access/documents';
import { hasRole, type Viewer } from '@/lib/dal/authorization';
import { getReadableDocument } from '@/lib/dal/document-lookup';
import { getVersionText, type VersionText } from '@/lib/dal/version-texts';
import type { AnnotationRights } from '@/lib/domain/permissions';
import { needsConfirmation, type AnchorStatus } from '@/lib/domain/anchoring';
import { paletteColourFor } from '@/lib/domain/colours';
import type { TextSelectors } from '@/lib/domain/selectors';
import { keepReachable } from '@/lib/domain/threads';
import { AppError } from '@/lib/errors';
import type { RoleName } from '@/lib/validation/workspaces';
import type { AnnotationLinkView } from '@/lib/dal/annotation-links';
import { withCurrentMentionNames } from '@/lib/dal/mentions';
import { withReactions } from '@/lib/dal/reactions';
import type { ReactionSummary } from '@/lib/domain/reactions';
import type { PageRange } from '@/lib/domain/pdf-pages';

/** An annotation as the reader shows it. Deleted and hidden ones keep their place in threads with no content. */
export type AnnotationView = {
  id: string;
  parentId: string | null;
  rootId: string | null;
  authorName: string;
  /** Who wrote it where it was imported from ("Marta Kowalska (acct:mkowalska@hypothes.is)"); null when written here. */
  originalAuthor: string | null;
  isByViewer: boolean;
  createdAt: string;
  updatedAt: string;
  body: string;
  tags: Array<{ label: string; colour: string }>;
  visibility: 'PRIVATE' | 'WORKSPACE';
  /** Comments, highlights and replies are made here; imports keep any other W3C motivation (BOOKMARKING…). */
  motivation: AnnotationMotivation;
  /** For an import: the original author's name, whom the card credits (the importer is `authorName`). */
  originalAuthorName: string | null;
  status: 'OPEN' | 'RESOLVED';
  resolvedBy: string | null;
  resolutionNote: string | null;
  revision: number;
  state: 'shown' | 'deleted' | 'hidden';
  quote: string | null;
  /**
   * The text the annotation now highlights, when a new version moved it onto words other than its stored quote
   * (a fuzzy placement); null when it highlights the quote itself, or nothing.
   */
  placedQuote: string | null;
  /** A passage of the text, or a whole section (its discussion). */
  target: 'quote' | 'section';
  /** A note on the whole document: a thread starter with neither a passage nor a section. */
  isPageNote: boolean;
  sectionSlug: string | null;
  anchor: { status: Lowercase<AnchorStatus>; score: number; start: number | null; end: number | null; needsConfirmation: boolean };
  colour: string;
  rights: AnnotationRights;
  /** Written by someone else since the viewer's previous visit. */
  isNew: boolean;
  /** The links to and from it the viewer may see; the reader fills them in for the cards it shows. */
  links?: AnnotationLinkView[];
  /** Agree, disagree, question, important: who gave each. */
  reactions: ReactionSummary[];
  /** The pages of the original PDF its passage sits on, for a document imported from a PDF; null otherwise. */
  pages: PageRange | null;
};

/** The annotations of a document a viewer may see, and what they may add. */
export type DocumentAnnotations = {
  annotations: AnnotationView[];
  canAnnotatePrivately: boolean;
  canShare: boolean;
};

// The reader's lookup, shared with the rest of its request.
async function requireReadableDocument(viewer: Viewer | null, slug: string): Promise<{ id: string; workspaceId: string } & ViewerAccess> {
  const document = await getReadableDocument(viewer, slug);
  if (!document) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  return { id: document.id, workspaceId: document.workspaceId, isPublic: document.isPublic, role: document.role };
}

const annotationScalarSelect = {
  id: true,
  parentId: true,
  rootId: true,
  authorId: true,
  createdAt: true,
  updatedAt: true,
  visibility: true,
  motivation: true,
  status: true,
  resolvedById: true,
  resolutionNote: true,
  revision: true,
  deletedAt: true,
  hiddenAt: true,
  sectionSlug: true,
  anchorStatus: true,
  anchorScore: true,
  anchorStart: true,
  anchorEnd: true,
  isAnchorConfirmed: true,
  versionId: true,
  importedCreator: true,
  importedCreatorName: true,
  body: true,
  selectors: true,
} satisfies Prisma.AnnotationSelect;

/** Whether an annotation's document is public and the viewer's role in its workspace: what its rights turn on. */
export type ViewerAccess = { isPublic: boolean; role: RoleName | null };

type AnnotationRow = Prisma.AnnotationGetPayload<{ select: typeof annotationScalarSelect }> & {
  author: { name: string };
  tags: Array<{ tag: { label: string; colour: string } }>;
};


// The words a moved annotation covers now, when they differ from its stored quote; needs the text of its version.
function placedQuoteOf(row: AnnotationRow, quote: string | null, texts: Map<string, VersionText>): string | null {
  const version = texts.get(row.versionId);
  if (!version || quote === null || row.anchorStart === null || row.anchorEnd === null || row.anchorStatus !== 'FUZZY') return null;
  const placed = version.index.slice(row.anchorStart, row.anchorEnd);
  return placed === quote ? null : placed;
}

function toView(row: AnnotationRow, viewer: Viewer | null, access: ViewerAccess, resolvers: Map<string, string>, texts: Map<string, VersionText>): AnnotationView {
  const state = row.deletedAt ? 'deleted' : row.hiddenAt ? 'hidden' : 'shown';
  const isShown = state === 'shown';
  const selectors = row.selectors as TextSelectors | null;
  const tags = isShown ? row.tags.map(({ tag }) => tag) : [];
  const anchor = {
    status: row.anchorStatus.toLowerCase() as Lowercase<AnchorStatus>,
    score: row.anchorScore,
    start: row.anchorStart,
    end: row.anchorEnd,
    needsConfirmation:
      !row.isAnchorConfirmed && needsConfirmation({ status: row.anchorStatus.toLowerCase() as Lowercase<AnchorStatus>, score: row.anchorScore, start: row.anchorStart, end: row.anchorEnd }),
  };
  return {
    id: row.id,
    parentId: row.parentId,
    rootId: row.rootId,
    authorName: isShown ? row.author.name : '',
    originalAuthor: isShown ? row.importedCreator : null,
    originalAuthorName: isShown ? (row.importedCreatorName ?? row.importedCreator) : null,
    isByViewer: viewer?.id === row.authorId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    body: isShown ? row.body : '',
    tags,
    visibility: row.visibility,
    motivation: row.motivation,
    status: row.status,
    resolvedBy: row.resolvedById ? (resolvers.get(row.resolvedById) ?? null) : null,
    resolutionNote: row.resolutionNote,
    revision: row.revision,
    state,
    quote: isShown ? (selectors?.quote.exact ?? null) : null,
    placedQuote: isShown ? placedQuoteOf(row, selectors?.quote.exact ?? null, texts) : null,
    target: row.selectors === null && row.sectionSlug !== null ? 'section' : 'quote',
    isPageNote: row.parentId === null && row.selectors === null && row.sectionSlug === null,
    sectionSlug: row.sectionSlug,
    anchor,
    colour: tags[0]?.colour ?? paletteColourFor(row.authorId),
    rights: annotationRightsOf(viewer, access, row),
    reactions: [],
    pages: null,
    isNew: false,
  };
}

// The annotations `where` picks, in full, oldest first; `ids`, when given, bounds them. Flat queries rather than one
// with nested relations: for thousands of rows the nested form is several times slower, and a document has only a
// handful of distinct authors. Tags come in the workspace's order of precedence, so an annotation's colour (its
// first tag's) is the same wherever it is shown; tags of an annotation `where` leaves out are read but never shown.
async function readAnnotationViews(viewer: Viewer | null, access: ViewerAccess, where: Prisma.AnnotationWhereInput, ids?: readonly string[]): Promise<AnnotationView[]> {
  const db = getDb();
  const [scalars, tagLinks] = await Promise.all([
    db.annotation.findMany({ where: ids ? { AND: [where, { id: { in: [...ids] } }] } : where, orderBy: { createdAt: 'asc' }, select: annotationScalarSelect }),
    db.annotationTag.findMany({
      where: ids ? { annotationId: { in: [...ids] } } : { annotation: where },
      orderBy: [{ tag: { rank: { sort: 'asc', nulls: 'last' } } }, { tag: { name: 'asc' } }],
      select: { annotationId: true, tag: { select: { label: true, colour: true } } },
    }),
  ]);
  const personIds = [...new Set(scalars.flatMap((row) => (row.resolvedById ? [row.authorId, row.resolvedById] : [row.authorId])))];
  const names = new Map(
    personIds.length ? (await db.user.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]) : [],
  );
  const tagsOf = new Map<string, AnnotationRow['tags']>();
  for (const link of tagLinks) tagsOf.set(link.annotationId, [...(tagsOf.get(link.annotationId) ?? []), { tag: link.tag }]);
  // Only fuzzy placements show the words they cover now; their versions' texts are cached (getVersionText).
  const fuzzyVersionIds = [...new Set(scalars.filter((row) => row.anchorStatus === 'FUZZY').map((row) => row.versionId))];
  const texts = new Map((await Promise.all(fuzzyVersionIds.map(async (id) => [id, await getVersionText(id)] as const))).flatMap(([id, text]) => (text ? [[id, text] as const] : [])));
  // A mention is stored by id; the card shows the person's current name.
  return withReactions(viewer, await withCurrentMentionNames(scalars.map((row) => toView({ ...row, author: { name: names.get(row.authorId) ?? '' }, tags: tagsOf.get(row.id) ?? [] }, viewer, access, names, texts))));
}

/** Returns the annotations of document `slug` the viewer may see (threads included), oldest first, with what they may add. */
export async function findDocumentAnnotations(viewer: Viewer | null, slug: string): Promise<DocumentAnnotations> {
  const document = await requireReadableDocument(viewer, slug);
  const isMember = hasRole(document.role, 'VIEWER');
  const rights = documentRightsOf(viewer, document);
  const all = viewer ? await readAnnotationViews(viewer, document, visibleDocumentAnnotationsWhere(viewer, { id: document.id, isMember })) : [];
  const reachable = new Set(keepReachable(all.map((view) => ({ id: view.id, parentId: view.parentId, isGone: view.state !== 'shown' }))).map((item) => item.id));
  const views = all.filter((view) => reachable.has(view.id));
  // Replies carry no target of their own: they belong wherever their thread's first annotation is.
  const roots = new Map(views.filter((view) => view.parentId === null).map((view) => [view.id, view]));
  return {
    annotations: views.map((view) => {
      const root = view.rootId ? roots.get(view.rootId) : undefined;
      return root ? { ...view, target: root.target, sectionSlug: root.sectionSlug } : view;
    }),
    canAnnotatePrivately: rights.canAnnotatePrivately,
    canShare: rights.canShare,
  };
}

/**
 * Returns the annotations `ids` of a document in full, as the reader shows them, leaving out any the viewer may not
 * see. For the reader, which reads every annotation in outline and only the few it shows in full; `document.role` is
 * the viewer's role in its workspace, looked up by the caller with the document.
 */
export async function findAnnotationViews(viewer: Viewer | null, document: { id: string } & ViewerAccess, ids: readonly string[]): Promise<AnnotationView[]> {
  if (!viewer || ids.length === 0) return [];
  return readAnnotationViews(viewer, document, visibleDocumentAnnotationsWhere(viewer, { id: document.id, isMember: hasRole(document.role, 'VIEWER') }), ids);
}
