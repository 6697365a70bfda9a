import 'server-only';
import { getDb } from '@/lib/db';
import { documentRightsOf, standingsGranting } from '@/lib/dal/access/documents';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { guardedWriteOf, guessWritableDocument, requireVisibleAnnotation, requireWritableDocument, rightsIn, type DocumentContext } from '@/lib/dal/annotations/context';
import { resolveIdRace, type NewAnnotation } from '@/lib/dal/annotations/insert';
import { insertAnnotation, planAnnotation, storeAnnotation, writeAnnotation, type CreatedAnnotation, type PassageInput } from '@/lib/dal/annotations/store';
import { anchorSelectors, FUZZY_CONFIRM_THRESHOLD } from '@/lib/domain/anchoring';
import type { TextPositionSelector, TextQuoteSelector } from '@/lib/domain/selectors';
import { validateTags } from '@/lib/domain/tags';
import { AppError, parseInput } from '@/lib/errors';
import { createAnnotationSchema, createReplySchema, createSectionCommentSchema } from '@/lib/validation/annotations';
import { notifyAnnotationWritten, notifyThreadStarted } from '@/lib/dal/notification-events';

export type { CreatedAnnotation, StoredAnnotation } from '@/lib/dal/annotations/store';

/**
 * Creates an annotation on a passage of the current version. Idempotent: the client's id makes a retry return
 * the annotation already stored. Anyone who can read the document may keep a private note; sharing with the
 * workspace and tagging need the commenter role.
 */
export async function createAnnotation(viewer: Viewer | null, documentSlug: string, input: unknown): Promise<CreatedAnnotation> {
  const signedIn = requireViewer(viewer);
  const data = parseInput(createAnnotationSchema, input);
  const document = await requireWritableDocument(signedIn, documentSlug, data.id, sharedTagNames(data));
  return retriedCreate(signedIn, document, data.id) ?? storeAnnotation(signedIn, document, data);
}

// The normalised tags a create would share with the workspace, so the document's lookup can count the vocabulary
// for them; none when they are invalid (storeAnnotation refuses them) or the annotation stays private.
function sharedTagNames(input: { tags: string[]; visibility: string }): string[] {
  if (input.visibility !== 'WORKSPACE' || input.tags.length === 0) return [];
  const tags = validateTags(input.tags);
  return tags.ok ? tags.tags : [];
}

// A create whose id is already stored: the same person's retry answers with it, anyone else has picked a taken id.
function retriedCreate(viewer: Viewer, document: DocumentContext, id: string): CreatedAnnotation | null {
  const { idTakenBy } = document;
  if (!idTakenBy) return null;
  if (idTakenBy.authorId === viewer.id && idTakenBy.documentId === document.id) return { id, isNew: false, stored: null };
  throw new AppError('CONFLICT', 'That annotation id is already in use. Generate a new one.');
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
  const onGuess = await createOnGuessedDocument(signedIn, documentSlug, input);
  if (onGuess) return onGuess;
  const document = await requireWritableDocument(signedIn, documentSlug, input.id, sharedTagNames(input));
  const retried = retriedCreate(signedIn, document, input.id);
  if (retried) return retried;
  return storeAnnotation(signedIn, document, placeQuote(document, input));
}

// The create as it reads once its quote is placed on `document`'s text; INVALID_INPUT when the quote is not there.
function placeQuote(document: DocumentContext, input: QuotedAnnotationInput): PassageInput {
  // Without a usable position the anchoring has no old place to prefer and searches the whole text.
  const position = input.position ?? { type: 'TextPositionSelector', start: -1, end: -1 };
  const anchor = anchorSelectors(document.version.text, { quote: input.quote, position }, { index: document.version.index });
  const isPlaced = anchor.status === 'exact' || anchor.status === 'moved' || (anchor.status === 'fuzzy' && anchor.score >= FUZZY_CONFIRM_THRESHOLD);
  if (!isPlaced || anchor.start === null || anchor.end === null) {
    throw new AppError('INVALID_INPUT', 'The quoted passage is not in this document', { fieldErrors: { selector: ['The quoted passage is not in this document'] } });
  }
  return parseInput(createAnnotationSchema, {
    id: input.id,
    versionNumber: document.version.number,
    start: anchor.start,
    end: anchor.end,
    body: input.body,
    tags: input.tags,
    visibility: input.visibility,
  });
}

// One round trip instead of two for the usual create: placed on the version the document's last lookup found, and
// stored by an insert that repeats that lookup's checks itself (guardedWriteOf). Null whenever that cannot decide
// (never looked up, bad input, a newer version, an id taken, no such right, a tag new to the vocabulary): the caller
// then goes the usual way, which also gives every refusal its precise answer, and no answer leaves here before the
// database allowed the write.
async function createOnGuessedDocument(signedIn: Viewer, documentSlug: string, input: QuotedAnnotationInput): Promise<CreatedAnnotation | null> {
  const document = await guessWritableDocument(documentSlug);
  if (!document) return null;
  let data: PassageInput;
  let planned: ReturnType<typeof planAnnotation>;
  try {
    data = placeQuote(document, input);
    planned = planAnnotation(document, data);
  } catch {
    return null;
  }
  const shared = data.visibility === 'WORKSPACE' ? planned.tags.names : [];
  const rights = [...(data.visibility === 'WORKSPACE' ? (['canShare'] as const) : []), ...(data.tags.length > 0 ? (['canTag'] as const) : []), 'canAnnotatePrivately' as const];
  const guard = guardedWriteOf(signedIn, documentSlug, data.id, shared, standingsGranting(signedIn, rights));
  return writeAnnotation(signedIn, document, data, planned, guard);
}

/** Starts a thread in a section's discussion; idempotent by the client's id. Shared comments need the commenter role. */
export async function createSectionComment(viewer: Viewer | null, documentSlug: string, sectionSlug: string, input: unknown): Promise<{ id: string; isNew: boolean }> {
  return storeUnquotedNote(viewer, documentSlug, input, {
    sharingRefusal: 'Only workspace members who can comment may join shared discussions. Keep it private, or ask for the commenter role.',
    placeOn: (document) => {
      const section = document.version.sections.find((candidate) => candidate.slug === sectionSlug);
      if (!section) throw new AppError('NOT_FOUND', 'This document has no such section.');
      return { sectionSlug: section.slug };
    },
  });
}

/**
 * Writes a note on the whole document (a page note: no passage, no section), listed with the orphans under "About
 * the whole document"; idempotent by the client's id. Shared notes need the commenter role.
 */
export async function createPageNote(viewer: Viewer | null, documentSlug: string, input: unknown): Promise<{ id: string; isNew: boolean }> {
  return storeUnquotedNote(viewer, documentSlug, input, {
    sharingRefusal: 'Only workspace members who can comment may share notes. Keep it private, or ask for the commenter role.',
    // Stored as an imported page note is: unplaced by choice, so re-anchoring and the confirmation prompts leave it be.
    placeOn: () => ({ anchorStatus: 'ORPHAN', anchorScore: 0, isAnchorConfirmed: true }),
  });
}

// A comment that quotes no passage (a section's discussion or a note on the whole document): the same checks and
// insert, with where it belongs decided by `placeOn`.
async function storeUnquotedNote(
  viewer: Viewer | null,
  documentSlug: string,
  input: unknown,
  options: { sharingRefusal: string; placeOn: (document: DocumentContext) => Pick<NewAnnotation, 'sectionSlug' | 'anchorStatus' | 'anchorScore' | 'isAnchorConfirmed'> },
): Promise<{ id: string; isNew: boolean }> {
  const signedIn = requireViewer(viewer);
  const data = parseInput(createSectionCommentSchema, input);
  const document = await requireWritableDocument(signedIn, documentSlug, data.id);
  const retried = retriedCreate(signedIn, document, data.id);
  if (retried) return retried;
  if (data.visibility === 'WORKSPACE' && !documentRightsOf(signedIn, document).canShare) {
    throw new AppError('FORBIDDEN', options.sharingRefusal, { fieldErrors: { visibility: ['Only commenters and above can share with the workspace.'] } });
  }
  const inserted = await insertAnnotation({
    id: data.id,
    documentId: document.id,
    versionId: document.version.id,
    workspaceId: document.workspaceId,
    authorId: signedIn.id,
    ...options.placeOn(document),
    body: data.body,
    motivation: 'COMMENTING',
    visibility: data.visibility,
  });
  if (!inserted) return resolveIdRace(getDb(), data.id, signedIn.id);
  await notifyThreadStarted(signedIn, data.id, data.body);
  return { id: data.id, isNew: true };
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
  if (!inserted) return resolveIdRace(db, data.id, parent.viewer.id);
  await notifyAnnotationWritten(parent.viewer, data.id);
  return { id: data.id, isNew: true };
}
