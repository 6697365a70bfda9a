import 'server-only';
import { getDb } from '@/lib/db';
import { documentRightsOf } from '@/lib/dal/access/documents';
import { assertVocabularyRoom, refuseVocabularyOverflow } from '@/lib/dal/access/tags';
import type { Viewer } from '@/lib/dal/authorization';
import { sectionAt, selectorsOfSelection, type DocumentContext } from '@/lib/dal/annotations/context';
import { insertAnnotations, onPool, resolveIdRace, type InsertedAnnotation, type InsertGuard, type InsertScope, type NewAnnotation } from '@/lib/dal/annotations/insert';
import type { TextSelectors } from '@/lib/domain/selectors';
import { validateTags } from '@/lib/domain/tags';
import { AppError } from '@/lib/errors';
import { pageAt } from '@/lib/dal/version-texts';
import type { createAnnotationSchema } from '@/lib/validation/annotations';
import { notifyThreadStarted } from '@/lib/dal/notification-events';

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
  /** The page of the original PDF the quote starts on, when the version came from a PDF. */
  page: number | null;
  createdAt: Date;
  updatedAt: Date;
  revision: number;
};

/** The outcome of a create: `isNew` is false when an earlier try of the same request had stored it; `stored` is set when this one did. */
export type CreatedAnnotation = { id: string; isNew: boolean; stored: StoredAnnotation | null };

/** A create on a passage as createAnnotationSchema reads it. */
export type PassageInput = ReturnType<typeof createAnnotationSchema.parse>;

/**
 * The one insert path (insertAnnotations), for one annotation written now, held to `guard` when given. Its author
 * takes part in the thread it starts or joins, so follows a new one (the same statement stores the follow).
 */
export async function insertAnnotation({ documentId, versionId, workspaceId, authorId, ...annotation }: InsertScope & NewAnnotation, guard?: InsertGuard): Promise<InsertedAnnotation | null> {
  const [inserted] = await insertAnnotations(onPool, { documentId, versionId, workspaceId, authorId }, [annotation], { authorFollowsNewThreads: true, guard });
  return inserted ?? null;
}

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name, index) => name === b[index]);

/** Stores a create on a passage of `document` after every check: rights, version, range, tags and vocabulary room. */
export async function storeAnnotation(signedIn: Viewer, document: DocumentContext, data: PassageInput): Promise<CreatedAnnotation> {
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
  const planned = planAnnotation(document, data);
  if (data.visibility === 'WORKSPACE') {
    // The document's lookup counted the vocabulary for these very names; anything else is counted now.
    const { vocabulary } = document;
    if (vocabulary && sameNames(vocabulary.names, planned.tags.names)) refuseVocabularyOverflow(vocabulary.counts, planned.tags.names);
    else await assertVocabularyRoom(getDb(), document.workspaceId, planned.tags.names);
  }
  return (await writeAnnotation(signedIn, document, data, planned)) ?? { ...(await resolveIdRace(getDb(), data.id, signedIn.id)), stored: null };
}

/** What a create on a passage stores besides its input; throws INVALID_INPUT for a bad range or bad tags. */
export type PlannedAnnotation = { selectors: TextSelectors; tags: { names: string[]; labels: string[] }; motivation: 'COMMENTING' | 'HIGHLIGHTING' };

/** Describes the range and validates the tags of a create on a passage of `document`. */
export function planAnnotation(document: DocumentContext, data: PassageInput): PlannedAnnotation {
  const selectors = selectorsOfSelection(document, data.start, data.end);
  const tags = validateTags(data.tags);
  if (!tags.ok) throw new AppError('INVALID_INPUT', tags.message, { fieldErrors: { tags: [tags.message] } });
  const motivation = data.body.trim() === '' && tags.tags.length === 0 ? 'HIGHLIGHTING' : 'COMMENTING';
  return { selectors, tags: { names: tags.tags, labels: tags.tags.map((name, index) => tags.labels[index] ?? name) }, motivation };
}

/** Inserts a planned create on a passage (held to `guard` when given); null when nothing was stored. */
export async function writeAnnotation(signedIn: Viewer, document: DocumentContext, data: PassageInput, planned: PlannedAnnotation, guard?: InsertGuard): Promise<CreatedAnnotation | null> {
  const { selectors, tags, motivation } = planned;
  const inserted = await insertAnnotation(
    {
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
      tags,
    },
    guard,
  );
  if (!inserted) return null;
  await notifyThreadStarted(signedIn, data.id, data.body);
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
      page: pageAt(document.version, data.start),
      createdAt: inserted.createdAt,
      updatedAt: inserted.updatedAt,
      revision: inserted.revision,
    },
  };
}
