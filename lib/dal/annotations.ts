import 'server-only';
import { Prisma, type AnnotationMotivation } from '@/lib/generated/prisma/client';
import { getDb, queryObjects, type DatabaseClient, type PrismaClient } from '@/lib/db';
import { annotationRightsOf, visibleAnnotationsWhere, visibleDocumentAnnotationsWhere, type AnnotationRightsRow } from '@/lib/dal/access/annotations';
import { documentRightsOf, readableDocumentsSql, readableDocumentsWhere } from '@/lib/dal/access/documents';
import { recordActivity } from '@/lib/dal/activity';
import { hasRole, requireViewer, type Viewer } from '@/lib/dal/authorization';
import { getReadableDocument } from '@/lib/dal/document-lookup';
import type { AnnotationRights } from '@/lib/domain/permissions';
import { anchorSelectors, FUZZY_CONFIRM_THRESHOLD, needsConfirmation, reanchorAll, type AnchorStatus } from '@/lib/domain/anchoring';
import { paletteColourFor } from '@/lib/domain/colours';
import { describeRange, InvalidRangeError, type TextPositionSelector, type TextQuoteSelector, type TextSelectors } from '@/lib/domain/selectors';
import { validateTags } from '@/lib/domain/tags';
import { isUuid } from '@/lib/domain/ids';
import { assertVocabularyRoom, unsafeShareTags } from '@/lib/dal/access/tags';
import { getVersionText, type VersionText } from '@/lib/dal/version-texts';
import { keepReachable } from '@/lib/domain/threads';
import { AppError, parseInput } from '@/lib/errors';
import { createAnnotationSchema, createReplySchema, createSectionCommentSchema, resolveThreadSchema, updateAnnotationSchema } from '@/lib/validation/annotations';
import type { RoleName } from '@/lib/validation/workspaces';

/** What the viewer may do with one annotation, as its buttons show (lib/domain/permissions decides). */
export type { AnnotationRights };

// The tag pages read through this; every form of the rule lives in lib/dal/access/annotations.ts.
export { visibleAnnotationsWhere };

/** An annotation as the reader shows it. Deleted and hidden ones keep their place in threads with no content. */
export type AnnotationView = {
  id: string;
  parentId: string | null;
  rootId: string | null;
  authorName: string;
  /** Who wrote it where it was imported from ("Marta Kowalska (acct:mkowalska@hypothes.is)"); null when written here. */
  originalAuthor: string | null;
  /** For an import: the original author's name, whom the card credits (the importer is `authorName`). */
  originalAuthorName: string | null;
  isByViewer: boolean;
  createdAt: string;
  updatedAt: string;
  body: string;
  tags: Array<{ label: string; colour: string }>;
  visibility: 'PRIVATE' | 'WORKSPACE';
  /** Comments, highlights and replies are made here; imports keep any other W3C motivation (BOOKMARKING…). */
  motivation: AnnotationMotivation;
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
  sectionSlug: string | null;
  anchor: { status: Lowercase<AnchorStatus>; score: number; start: number | null; end: number | null; needsConfirmation: boolean };
  colour: string;
  rights: AnnotationRights;
  /** Written by someone else since the viewer's previous visit. */
  isNew: boolean;
};

/** The annotations of a document a viewer may see, and what they may add. */
export type DocumentAnnotations = {
  annotations: AnnotationView[];
  canAnnotatePrivately: boolean;
  canShare: boolean;
};

type DocumentContext = {
  id: string;
  workspaceId: string;
  isPublic: boolean;
  role: RoleName | null;
  version: { id: string; number: number } & VersionText;
  /** Who stored the annotation that already has the id this write names, and on which document; null while the id is free. */
  idTakenBy: { authorId: string; documentId: string } | null;
};

const notFound = () => new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');

// The reader's lookup, shared with the rest of its request.
async function requireReadableDocument(viewer: Viewer | null, slug: string): Promise<Pick<DocumentContext, 'id' | 'workspaceId' | 'isPublic' | 'role'>> {
  const document = await getReadableDocument(viewer, slug);
  if (!document) throw notFound();
  return { id: document.id, workspaceId: document.workspaceId, isPublic: document.isPublic, role: document.role };
}

type WritableDocumentRow = { id: string; workspaceId: string; isPublic: boolean; role: RoleName | null; versionId: string; versionNumber: number; takenByAuthorId: string | null; takenOnDocumentId: string | null };

// The readable-document rule joins the viewer's membership as m, which also gives their role.
const writableDocumentReadable = readableDocumentsSql('$1', { document: 'd', membership: 'm' });
const WRITABLE_DOCUMENT_SQL = `SELECT d."id", d."workspaceId", d."visibility" = 'PUBLIC' AS "isPublic", m."role"::text AS "role", v."id" AS "versionId",
            v."number" AS "versionNumber", taken."authorId" AS "takenByAuthorId", taken."documentId" AS "takenOnDocumentId"
     FROM "Document" d
     JOIN LATERAL (SELECT "id", "number" FROM "DocumentVersion" WHERE "documentId" = d."id" ORDER BY "number" DESC LIMIT 1) v ON true
     ${writableDocumentReadable.join}
     LEFT JOIN "Annotation" taken ON taken."id" = $2::uuid
     WHERE d."slug" = $3 AND ${writableDocumentReadable.condition}`;

/**
 * What a write of annotation `annotationId` needs of document `slug`, in one round trip: whether the viewer may
 * read it (readableDocumentsWhere's rule: public, or in one of their workspaces), their role there, its newest
 * version, and whether the id is taken. The version's text comes from getVersionText, as versions never change.
 */
async function requireWritableDocument(viewer: Viewer, slug: string, annotationId: string): Promise<DocumentContext> {
  if (!isUuid(annotationId)) throw new AppError('INVALID_INPUT', 'An annotation id must be a UUID.');
  const [found] = await queryObjects<WritableDocumentRow>(WRITABLE_DOCUMENT_SQL, [viewer.id, annotationId, slug]);
  const text = found && (await getVersionText(found.versionId));
  if (!found || !text) throw notFound();
  return {
    id: found.id,
    workspaceId: found.workspaceId,
    isPublic: found.isPublic,
    role: found.role,
    version: { id: found.versionId, number: found.versionNumber, ...text },
    idTakenBy: found.takenByAuthorId && found.takenOnDocumentId ? { authorId: found.takenByAuthorId, documentId: found.takenOnDocumentId } : null,
  };
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

// Whether an annotation's document is public and the viewer's role in its workspace: what its rights turn on.
type ViewerAccess = { isPublic: boolean; role: RoleName | null };

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
    sectionSlug: row.sectionSlug,
    anchor,
    colour: tags[0]?.colour ?? paletteColourFor(row.authorId),
    rights: annotationRightsOf(viewer, access, row),
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
  return scalars.map((row) => toView({ ...row, author: { name: names.get(row.authorId) ?? '' }, tags: tagsOf.get(row.id) ?? [] }, viewer, access, names, texts));
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

// Replaces an annotation's tags. On a shared annotation they join the shared vocabulary (within its limit); on a
// private note a word new to the workspace stays private to its author.
async function attachTags(tx: DatabaseClient, annotation: { workspaceId: string; id: string; authorId: string; isShared: boolean }, typed: string[]): Promise<void> {
  const { workspaceId, id: annotationId } = annotation;
  const validation = validateTags(typed);
  if (!validation.ok) throw new AppError('INVALID_INPUT', validation.message, { fieldErrors: { tags: [validation.message] } });
  if (annotation.isShared) await assertVocabularyRoom(tx, workspaceId, validation.tags);
  await tx.annotationTag.deleteMany({ where: { annotationId } });
  if (validation.tags.length === 0) return;
  await tx.tag.createMany({
    data: validation.tags.map((name, index) => ({
      workspaceId,
      name,
      label: validation.labels[index] ?? name,
      colour: paletteColourFor(name),
      isShared: annotation.isShared,
      createdById: annotation.authorId,
    })),
    skipDuplicates: true,
  });
  if (annotation.isShared) await unsafeShareTags(tx, workspaceId, validation.tags);
  const tags = await tx.tag.findMany({ where: { workspaceId, name: { in: validation.tags } }, select: { id: true } });
  await tx.annotationTag.createMany({ data: tags.map((tag) => ({ annotationId, tagId: tag.id })) });
}

function sectionAt(offset: number, sections: Array<{ slug: string; startOffset: number; endOffset: number }>): string | null {
  return sections.find((section) => offset >= section.startOffset && offset < section.endOffset)?.slug ?? null;
}

/** An annotation just stored on a passage, with what describing it needs that its writer did not send. */
export type StoredAnnotation = {
  id: string;
  versionNumber: number;
  selectors: TextSelectors;
  body: string;
  /** As the workspace's vocabulary spells them, which may differ in case from what was typed. */
  tagLabels: string[];
  motivation: 'COMMENTING' | 'HIGHLIGHTING';
  visibility: 'PRIVATE' | 'WORKSPACE';
  author: { id: string; name: string };
  createdAt: Date;
  updatedAt: Date;
  revision: number;
};

/** The outcome of a create: `isNew` is false when an earlier try of the same request had stored it; `stored` is set when this one did. */
export type CreatedAnnotation = { id: string; isNew: boolean; stored: StoredAnnotation | null };

/**
 * Creates an annotation on a passage of the current version. Idempotent: the client's id makes a retry return
 * the annotation already stored. Anyone who can read the document may keep a private note; sharing with the
 * workspace and tagging need the commenter role.
 */
export async function createAnnotation(viewer: Viewer | null, documentSlug: string, input: unknown): Promise<CreatedAnnotation> {
  const signedIn = requireViewer(viewer);
  const data = parseInput(createAnnotationSchema, input);
  const document = await requireWritableDocument(signedIn, documentSlug, data.id);
  return retriedCreate(signedIn, document, data.id) ?? storeAnnotation(signedIn, document, data);
}

// A create whose id is already stored: the same person's retry answers with it, anyone else has picked a taken id.
function retriedCreate(viewer: Viewer, document: DocumentContext, id: string): CreatedAnnotation | null {
  const { idTakenBy } = document;
  if (!idTakenBy) return null;
  if (idTakenBy.authorId === viewer.id && idTakenBy.documentId === document.id) return { id, isNew: false, stored: null };
  throw new AppError('CONFLICT', 'That annotation id is already in use. Generate a new one.');
}

async function storeAnnotation(signedIn: Viewer, document: DocumentContext, data: ReturnType<typeof createAnnotationSchema.parse>): Promise<CreatedAnnotation> {
  const { canShare, canTag } = documentRightsOf(signedIn, document);
  if (data.visibility === 'WORKSPACE' && !canShare) {
    throw new AppError('FORBIDDEN', 'Only workspace members who can comment may share annotations. Keep it private, or ask for the commenter role.', {
      fieldErrors: { visibility: ['Only commenters and above can share with the workspace.'] },
    });
  }
  if (data.tags.length > 0 && !canTag) {
    throw new AppError('FORBIDDEN', 'Tags come from the workspace’s shared vocabulary; only members who can comment may use them.', {
      fieldErrors: { tags: ['Only commenters and above can tag.'] },
    });
  }
  if (data.versionNumber !== document.version.number) {
    throw new AppError('CONFLICT', 'The document has changed since you opened it. Reload it and select the passage again.');
  }
  let selectors: TextSelectors;
  try {
    selectors = describeRange(document.version.text, data.start, data.end, document.version.index);
  } catch (error) {
    if (error instanceof InvalidRangeError) throw new AppError('INVALID_INPUT', error.message, { fieldErrors: { selection: [error.message] } });
    throw error;
  }
  const tags = validateTags(data.tags);
  if (!tags.ok) throw new AppError('INVALID_INPUT', tags.message, { fieldErrors: { tags: [tags.message] } });
  const motivation = data.body.trim() === '' && tags.tags.length === 0 ? 'HIGHLIGHTING' : 'COMMENTING';
  if (data.visibility === 'WORKSPACE') await assertVocabularyRoom(getDb(), document.workspaceId, tags.tags);
  const inserted = await insertAnnotation({
    id: data.id,
    documentId: document.id,
    versionId: document.version.id,
    workspaceId: document.workspaceId,
    authorId: signedIn.id,
    selectors,
    sectionSlug: sectionAt(data.start, document.version.sections),
    anchorStart: data.start,
    anchorEnd: data.end,
    body: data.body,
    motivation,
    visibility: data.visibility,
    tags: { names: tags.tags, labels: tags.tags.map((name, index) => tags.labels[index] ?? name) },
  });
  if (!inserted) return { ...(await resolveIdRace(getDb(), data.id, signedIn.id)), stored: null };
  return {
    id: data.id,
    isNew: true,
    stored: {
      id: data.id,
      versionNumber: document.version.number,
      selectors,
      body: data.body,
      tagLabels: inserted.tagLabels,
      motivation,
      visibility: data.visibility,
      author: { id: signedIn.id, name: signedIn.name },
      createdAt: inserted.createdAt,
      updatedAt: inserted.updatedAt,
      revision: inserted.revision,
    },
  };
}

/** A new annotation placed by its quote rather than by a range: what the annotation protocol's POST carries. */
export type QuotedAnnotationInput = {
  id: string;
  quote: TextQuoteSelector;
  /** Where the client saw the quote, in code points; a hint only, since its copy of the text may differ. */
  position: TextPositionSelector | null;
  body: string;
  tags: string[];
  visibility: 'PRIVATE' | 'WORKSPACE';
};

/**
 * Creates an annotation on the passage a TextQuoteSelector names in the current version, then stores it as
 * createAnnotation does (same checks, same idempotency by id). Throws INVALID_INPUT when the quote is not in the
 * document, or only something too unlike it to be the same passage.
 */
export async function createAnnotationFromSelectors(viewer: Viewer | null, documentSlug: string, input: QuotedAnnotationInput): Promise<CreatedAnnotation> {
  const signedIn = requireViewer(viewer);
  const document = await requireWritableDocument(signedIn, documentSlug, input.id);
  const retried = retriedCreate(signedIn, document, input.id);
  if (retried) return retried;
  // Without a usable position the anchoring has no old place to prefer and searches the whole text.
  const position = input.position ?? { type: 'TextPositionSelector', start: -1, end: -1 };
  const anchor = anchorSelectors(document.version.text, { quote: input.quote, position }, { index: document.version.index });
  const isPlaced = anchor.status === 'exact' || anchor.status === 'moved' || (anchor.status === 'fuzzy' && anchor.score >= FUZZY_CONFIRM_THRESHOLD);
  if (!isPlaced || anchor.start === null || anchor.end === null) {
    throw new AppError('INVALID_INPUT', 'The quoted passage is not in this document', { fieldErrors: { selector: ['The quoted passage is not in this document'] } });
  }
  const data = parseInput(createAnnotationSchema, {
    id: input.id,
    versionNumber: document.version.number,
    start: anchor.start,
    end: anchor.end,
    body: input.body,
    tags: input.tags,
    visibility: input.visibility,
  });
  return storeAnnotation(signedIn, document, data);
}

// Two requests with one id raced and the other stored first: a retry of the same person's request is fine,
// anyone else has picked an id that is taken.
async function resolveIdRace(db: DatabaseClient, id: string, authorId: string): Promise<{ id: string; isNew: boolean }> {
  const stored = await db.annotation.findUnique({ where: { id }, select: { authorId: true } });
  if (stored?.authorId === authorId) return { id, isNew: false };
  throw new AppError('CONFLICT', 'That annotation id is already in use. Generate a new one.');
}

type NewAnnotation = {
  id: string;
  documentId: string;
  versionId: string;
  workspaceId: string;
  authorId: string;
  selectors?: TextSelectors | null;
  sectionSlug?: string | null;
  anchorStart?: number | null;
  anchorEnd?: number | null;
  body: string;
  motivation: 'COMMENTING' | 'HIGHLIGHTING' | 'REPLYING';
  visibility: 'PRIVATE' | 'WORKSPACE';
  parentId?: string | null;
  rootId?: string | null;
  /** Validated tag names (what makes two tags the same) and the labels they were typed as. */
  tags?: { names: string[]; labels: string[] };
};

type InsertedAnnotation = { createdAt: Date; updatedAt: Date; revision: number; tagLabels: string[] };

/**
 * Stores a new annotation with its tags (adding words new to the workspace's vocabulary) and its activity, in one
 * statement: one round trip, one atomic commit, and the activity's ordering lock (taken by a trigger, see the
 * activity_notify migration) held for no longer than that statement. Returns null when the id is already taken.
 *
 * A tag another request adds at the same moment is not in this statement's snapshot; ON CONFLICT DO UPDATE then
 * waits for it and returns it, where DO NOTHING would silently leave the tag off. The update touches no key column,
 * so it does not wait for writers that merely reference the tag.
 *
 * The parts of one statement run in no promised order, and two orders of the same locks deadlock: the tag insert
 * may wait for another transaction that waits for the ordering lock this one holds. So the activity row, which
 * takes that lock, reads the finished tag links first: every write takes its tag locks before the ordering lock,
 * as the transactions that record activity last do too.
 */
async function insertAnnotation(annotation: NewAnnotation): Promise<InsertedAnnotation | null> {
  const names = annotation.tags?.names ?? [];
  const labels = annotation.tags?.labels ?? [];
  const colours = names.map((name) => paletteColourFor(name));
  const [inserted] = await queryObjects<InsertedAnnotation>(
    `WITH inserted AS (
       INSERT INTO "Annotation" ("id", "documentId", "versionId", "authorId", "selectors", "sectionSlug", "anchorStart", "anchorEnd",
                                 "body", "motivation", "visibility", "parentId", "rootId", "updatedAt")
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::jsonb, $6, $7::integer, $8::integer, $9,
               $10::"AnnotationMotivation", $11::"AnnotationVisibility", $12::uuid, $13::uuid, CURRENT_TIMESTAMP)
       ON CONFLICT ("id") DO NOTHING
       RETURNING "id", "createdAt", "updatedAt", "revision"
     ),
     wanted AS (
       SELECT w."name", w."label", w."colour"
       FROM unnest($14::text[], $15::text[], $16::text[]) AS w("name", "label", "colour")
       WHERE EXISTS (SELECT 1 FROM inserted)
     ),
     known AS (
       SELECT t."id", t."label" FROM "Tag" t JOIN wanted w ON w."name" = t."name" WHERE t."workspaceId" = $17::uuid
     ),
     shared AS (
       UPDATE "Tag" t SET "isShared" = true
       FROM known k WHERE t."id" = k."id" AND NOT t."isShared" AND $11::"AnnotationVisibility" = 'WORKSPACE'
       RETURNING t."id"
     ),
     added AS (
       INSERT INTO "Tag" ("workspaceId", "name", "label", "colour", "isShared", "createdById")
       SELECT $17::uuid, w."name", w."label", w."colour", $11::"AnnotationVisibility" = 'WORKSPACE', $4::uuid FROM wanted w
       WHERE NOT EXISTS (SELECT 1 FROM "Tag" t WHERE t."workspaceId" = $17::uuid AND t."name" = w."name")
       ON CONFLICT ("workspaceId", "name") DO UPDATE SET "label" = "Tag"."label", "isShared" = "Tag"."isShared" OR EXCLUDED."isShared"
       RETURNING "id", "label"
     ),
     tagged AS (
       INSERT INTO "AnnotationTag" ("annotationId", "tagId")
       SELECT i."id", t."id" FROM inserted i CROSS JOIN (SELECT "id" FROM known UNION SELECT "id" FROM added) t
       RETURNING "tagId"
     ),
     activity AS (
       INSERT INTO "Activity" ("workspaceId", "documentId", "actorId", "kind", "subjectId", "audienceUserId")
       SELECT $17::uuid, $2::uuid, $4::uuid, 'annotation.created', i."id"::text, $18::uuid
       FROM inserted i
       WHERE (SELECT count(*) FROM tagged) + (SELECT count(*) FROM shared) >= 0
     )
     SELECT i."createdAt", i."updatedAt", i."revision",
            ARRAY(SELECT "label" FROM known UNION ALL SELECT "label" FROM added) AS "tagLabels"
     FROM inserted i`,
    [
      annotation.id,
      annotation.documentId,
      annotation.versionId,
      annotation.authorId,
      annotation.selectors ? JSON.stringify(annotation.selectors) : null,
      annotation.sectionSlug ?? null,
      annotation.anchorStart ?? null,
      annotation.anchorEnd ?? null,
      annotation.body,
      annotation.motivation,
      annotation.visibility,
      annotation.parentId ?? null,
      annotation.rootId ?? null,
      names,
      labels,
      colours,
      annotation.workspaceId,
      annotation.visibility === 'PRIVATE' ? annotation.authorId : null,
    ],
  );
  return inserted ?? null;
}

/** Starts a thread in a section's discussion; idempotent by the client's id. Shared comments need the commenter role. */
export async function createSectionComment(viewer: Viewer | null, documentSlug: string, sectionSlug: string, input: unknown): Promise<{ id: string; isNew: boolean }> {
  const signedIn = requireViewer(viewer);
  const data = parseInput(createSectionCommentSchema, input);
  const document = await requireWritableDocument(signedIn, documentSlug, data.id);
  const retried = retriedCreate(signedIn, document, data.id);
  if (retried) return retried;
  if (data.visibility === 'WORKSPACE' && !documentRightsOf(signedIn, document).canShare) {
    throw new AppError('FORBIDDEN', 'Only workspace members who can comment may join shared discussions. Keep it private, or ask for the commenter role.', {
      fieldErrors: { visibility: ['Only commenters and above can share with the workspace.'] },
    });
  }
  const section = document.version.sections.find((candidate) => candidate.slug === sectionSlug);
  if (!section) throw new AppError('NOT_FOUND', 'This document has no such section.');
  const inserted = await insertAnnotation({
    id: data.id,
    documentId: document.id,
    versionId: document.version.id,
    workspaceId: document.workspaceId,
    authorId: signedIn.id,
    sectionSlug: section.slug,
    body: data.body,
    motivation: 'COMMENTING',
    visibility: data.visibility,
  });
  return inserted ? { id: data.id, isNew: true } : resolveIdRace(getDb(), data.id, signedIn.id);
}

type AnnotationContext = {
  row: { id: string; authorId: string; visibility: 'PRIVATE' | 'WORKSPACE'; parentId: string | null; rootId: string | null; revision: number; deletedAt: Date | null; hiddenAt: Date | null; body: string; documentId: string; versionId: string };
  workspaceId: string;
  documentSlug: string;
  isPublic: boolean;
  role: RoleName | null;
  viewer: Viewer;
};

// What the acting viewer may do with the annotation (lib/domain/permissions), as its buttons showed them.
function rightsIn(context: AnnotationContext, row: AnnotationRightsRow = context.row): AnnotationRights {
  return annotationRightsOf(context.viewer, context, row);
}

// Whether a right is missing only because the annotation was removed (CONFLICT: nobody may any more) rather than
// because of who asks (FORBIDDEN).
function isRefusedForRemoval(context: AnnotationContext, right: keyof AnnotationRights): boolean {
  return rightsIn(context, { ...context.row, deletedAt: null, hiddenAt: null })[right];
}

async function requireVisibleAnnotation(db: DatabaseClient, viewer: Viewer | null, annotationId: string): Promise<AnnotationContext> {
  const signedIn = requireViewer(viewer);
  const row = await db.annotation.findFirst({
    where: { AND: [{ id: annotationId }, visibleAnnotationsWhere(signedIn), { document: readableDocumentsWhere(signedIn) }] },
    select: {
      id: true,
      authorId: true,
      visibility: true,
      parentId: true,
      rootId: true,
      revision: true,
      deletedAt: true,
      hiddenAt: true,
      body: true,
      documentId: true,
      versionId: true,
      document: { select: { workspaceId: true, slug: true, visibility: true, workspace: { select: { memberships: { where: { userId: signedIn.id }, select: { role: true } } } } } },
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
  const { document, ...rest } = row;
  return { row: rest, workspaceId: document.workspaceId, documentSlug: document.slug, isPublic: document.visibility === 'PUBLIC', role: document.workspace.memberships[0]?.role ?? null, viewer: signedIn };
}

/**
 * Adds a reply to an annotation the viewer can see; idempotent by the client's id. Replies share their thread's
 * visibility. With `documentSlug` (a document's annotation container), the parent must be on that document.
 */
export async function replyToAnnotation(viewer: Viewer | null, input: unknown, options: { documentSlug?: string } = {}): Promise<{ id: string; isNew: boolean }> {
  const data = parseInput(createReplySchema, input);
  const db = getDb();
  const existing = await db.annotation.findUnique({ where: { id: data.id }, select: { authorId: true, parentId: true } });
  if (existing) {
    if (existing.authorId === viewer?.id && existing.parentId === data.parentId) return { id: data.id, isNew: false };
    throw new AppError('CONFLICT', 'That reply id is already in use. Generate a new one.');
  }
  const parent = await requireVisibleAnnotation(db, viewer, data.parentId);
  if (options.documentSlug !== undefined && parent.documentSlug !== options.documentSlug) {
    throw new AppError('INVALID_INPUT', 'The annotation this replies to is on another document; send the reply to that document’s annotations.');
  }
  if (parent.row.deletedAt || parent.row.hiddenAt) throw new AppError('CONFLICT', 'That annotation was removed; reply to another one in the thread.');
  if (!rightsIn(parent).canReply) throw new AppError('FORBIDDEN', 'Only workspace members who can comment may reply to shared annotations.');
  const rootId = parent.row.rootId ?? parent.row.id;
  // A private thread has one participant, its author, so the reply's audience is the replier.
  const inserted = await insertAnnotation({
    id: data.id,
    documentId: parent.row.documentId,
    versionId: parent.row.versionId,
    workspaceId: parent.workspaceId,
    authorId: parent.viewer.id,
    body: data.body,
    motivation: 'REPLYING',
    visibility: parent.row.visibility,
    parentId: parent.row.id,
    rootId,
  });
  return inserted ? { id: data.id, isNew: true } : resolveIdRace(db, data.id, parent.viewer.id);
}

/** The newer annotation an edit collided with, to show instead of overwriting it. */
export type EditConflict = { body: string; revision: number; tags: string[] };

/**
 * Edits the viewer's own annotation. The input names the revision it started from; if someone saved since,
 * CONFLICT is thrown and nothing changes (the current text is returned by getAnnotationForEdit).
 */
export async function updateAnnotation(viewer: Viewer | null, annotationId: string, input: unknown): Promise<{ revision: number }> {
  const data = parseInput(updateAnnotationSchema, input);
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (!rightsIn(context).canEdit) {
    if (isRefusedForRemoval(context, 'canEdit')) throw new AppError('CONFLICT', 'This annotation was removed and can no longer be edited.');
    throw new AppError('FORBIDDEN', 'You can edit only your own annotations.');
  }
  if (data.tags && data.tags.length > 0 && context.row.parentId === null && !documentRightsOf(context.viewer, context).canTag) {
    throw new AppError('FORBIDDEN', 'Only members who can comment may tag.', { fieldErrors: { tags: ['Only commenters and above can tag.'] } });
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.annotation.updateMany({
      where: { id: annotationId, revision: data.revision, deletedAt: null },
      data: { body: data.body, revision: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.annotation.findUniqueOrThrow({ where: { id: annotationId }, select: { body: true, revision: true } });
      throw new AppError('CONFLICT', 'Someone saved a newer version of this annotation while you were editing. Their text is shown; copy what you need from yours.', {
        fieldErrors: { body: [current.body], revision: [String(current.revision)] },
      });
    }
    if (data.tags && context.row.parentId === null) {
      await attachTags(tx, { workspaceId: context.workspaceId, id: annotationId, authorId: context.row.authorId, isShared: context.row.visibility === 'WORKSPACE' }, data.tags);
    }
    await recordActivity(tx, {
      workspaceId: context.workspaceId,
      documentId: context.row.documentId,
      actorId: context.viewer.id,
      kind: 'annotation.updated',
      subjectId: annotationId,
      audienceUserId: context.row.visibility === 'PRIVATE' ? context.row.authorId : null,
    });
    return { revision: data.revision + 1 };
  });
}

/** Deletes the viewer's own annotation; replies stay reachable under a placeholder. */
export async function deleteAnnotation(viewer: Viewer | null, annotationId: string): Promise<void> {
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (!rightsIn(context).canDelete) {
    if (context.row.authorId !== context.viewer.id) throw new AppError('FORBIDDEN', 'You can delete only your own annotations. Editors can hide others’ annotations.');
    // Already deleted: deleting again changes nothing.
    return;
  }
  await db.$transaction(async (tx) => {
    await tx.annotation.update({ where: { id: annotationId }, data: { deletedAt: new Date(), revision: { increment: 1 } } });
    await recordActivity(tx, {
      workspaceId: context.workspaceId,
      documentId: context.row.documentId,
      actorId: context.viewer.id,
      kind: 'annotation.deleted',
      subjectId: annotationId,
      audienceUserId: context.row.visibility === 'PRIVATE' ? context.row.authorId : null,
    });
  });
}

/** Hides someone else's shared annotation (editors and owners); the hiding is logged with who did it. */
export async function hideAnnotation(viewer: Viewer | null, annotationId: string): Promise<void> {
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (!rightsIn(context).canHide) {
    if (context.row.authorId === context.viewer.id && context.row.visibility === 'WORKSPACE' && hasRole(context.role, 'EDITOR')) {
      throw new AppError('FORBIDDEN', 'Hiding is for other people’s annotations; delete your own instead.');
    }
    if (!isRefusedForRemoval(context, 'canHide')) throw new AppError('FORBIDDEN', 'Only editors and owners can hide annotations shared with the workspace.');
    // Already hidden or deleted: it shows nothing more to hide.
    return;
  }
  await db.$transaction(async (tx) => {
    await tx.annotation.update({ where: { id: annotationId }, data: { hiddenAt: new Date(), hiddenById: context.viewer.id, revision: { increment: 1 } } });
    await recordActivity(tx, { workspaceId: context.workspaceId, documentId: context.row.documentId, actorId: context.viewer.id, kind: 'annotation.hidden', subjectId: annotationId });
  });
}

/** Resolves or reopens a thread (its root), with an optional note. */
export async function resolveThread(viewer: Viewer | null, annotationId: string, input: unknown): Promise<void> {
  const { isResolved, note } = parseInput(resolveThreadSchema, input);
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (context.row.parentId !== null) throw new AppError('INVALID_INPUT', 'Resolve the thread from its first annotation.');
  if (context.row.deletedAt || context.row.hiddenAt) throw new AppError('CONFLICT', 'This thread’s first annotation was removed; it can no longer be resolved.');
  if (!rightsIn(context).canResolve) throw new AppError('FORBIDDEN', 'Only workspace members who can comment may resolve threads.');
  await db.$transaction(async (tx) => {
    await tx.annotation.update({
      where: { id: annotationId },
      data: isResolved
        ? { status: 'RESOLVED', resolvedById: context.viewer.id, resolvedAt: new Date(), resolutionNote: note ?? null, revision: { increment: 1 } }
        : { status: 'OPEN', resolvedById: null, resolvedAt: null, resolutionNote: note ?? null, revision: { increment: 1 } },
    });
    await recordActivity(tx, {
      workspaceId: context.workspaceId,
      documentId: context.row.documentId,
      actorId: context.viewer.id,
      kind: isResolved ? 'annotation.resolved' : 'annotation.reopened',
      subjectId: annotationId,
      audienceUserId: context.row.visibility === 'PRIVATE' ? context.row.authorId : null,
    });
  });
}

/** Confirms a low-score placement as right, or detaches the annotation to the orphans (its author, or an editor for shared ones). */
export async function settleAnchor(viewer: Viewer | null, annotationId: string, decision: 'confirm' | 'detach'): Promise<void> {
  const db = getDb();
  const context = await requireVisibleAnnotation(db, viewer, annotationId);
  if (!rightsIn(context).canSettleAnchor) {
    if (isRefusedForRemoval(context, 'canSettleAnchor')) throw new AppError('CONFLICT', 'This annotation was removed; where it belonged no longer matters.');
    throw new AppError('FORBIDDEN', 'Only the author or an editor can confirm where an annotation belongs.');
  }
  await db.$transaction(async (tx) => {
    await tx.annotation.update({
      where: { id: annotationId },
      data: decision === 'confirm' ? { isAnchorConfirmed: true } : { isAnchorConfirmed: true, anchorStatus: 'ORPHAN', anchorStart: null, anchorEnd: null, anchorScore: 0 },
    });
    await recordActivity(tx, { workspaceId: context.workspaceId, documentId: context.row.documentId, actorId: context.viewer.id, kind: 'annotation.reanchored', subjectId: annotationId, audienceUserId: context.row.visibility === 'PRIVATE' ? context.row.authorId : null });
  });
}

/** Counts of what re-anchoring did. */
export type ReanchorReport = { exact: number; moved: number; fuzzy: number; orphan: number; needsConfirmation: number };

/**
 * Re-anchors every quote annotation of a document onto `versionId` (a newer version of it) and records the
 * outcome. Not authorized: called by the import of a new version after its own checks, and by tests.
 */
export async function unsafeReanchorDocument(db: PrismaClient, documentId: string, versionId: string): Promise<ReanchorReport> {
  const version = await db.documentVersion.findUniqueOrThrow({ where: { id: versionId }, select: { text: true, documentId: true } });
  if (version.documentId !== documentId) throw new Error('The version belongs to another document.');
  // Annotations a person detached stay detached; every other quote is placed again.
  const rows = await db.annotation.findMany({ where: { documentId, selectors: { not: Prisma.AnyNull }, NOT: { anchorStatus: 'ORPHAN', isAnchorConfirmed: true } }, select: { id: true, selectors: true, anchorStart: true, anchorEnd: true } });
  // Anchor from where each annotation last sat, so repeated edits move it step by step.
  const items = rows.map((row) => {
    const selectors = row.selectors as unknown as TextSelectors;
    const position = row.anchorStart !== null && row.anchorEnd !== null ? { ...selectors.position, start: row.anchorStart, end: row.anchorEnd } : selectors.position;
    return { id: row.id, selectors: { ...selectors, position } };
  });
  const results = reanchorAll(version.text, items);
  const report: ReanchorReport = { exact: 0, moved: 0, fuzzy: 0, orphan: 0, needsConfirmation: 0 };
  const statusOf = { exact: 'EXACT', moved: 'MOVED', fuzzy: 'FUZZY', orphan: 'ORPHAN' } as const;
  const placed = { ids: [] as string[], statuses: [] as string[], scores: [] as number[], starts: [] as Array<number | null>, ends: [] as Array<number | null> };
  for (const [id, result] of results) {
    report[result.status] += 1;
    if (needsConfirmation(result)) report.needsConfirmation += 1;
    placed.ids.push(id);
    placed.statuses.push(statusOf[result.status]);
    placed.scores.push(result.score);
    placed.starts.push(result.start);
    placed.ends.push(result.end);
  }
  // One statement for all of them: thousands of single-row updates outlast the transaction's time limit.
  await db.$transaction([
    db.$executeRaw`
      UPDATE "Annotation" AS a
      SET "versionId" = ${versionId}::uuid, "anchorStatus" = u.status::"AnchorStatus", "anchorScore" = u.score,
          "anchorStart" = u.start_, "anchorEnd" = u.end_, "isAnchorConfirmed" = false, "updatedAt" = now()
      FROM unnest(${placed.ids}::uuid[], ${placed.statuses}::text[], ${placed.scores}::float8[], ${placed.starts}::int[], ${placed.ends}::int[])
        AS u(id, status, score, start_, end_)
      WHERE a."id" = u.id`,
    // Replies and section discussions have no quote; they simply move to the new version.
    db.annotation.updateMany({ where: { documentId, selectors: { equals: Prisma.AnyNull } }, data: { versionId } }),
  ]);
  return report;
}
