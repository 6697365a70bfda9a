import { z } from '@/lib/zod';
import { hasNoNulCharacter, nulCharacterMessage } from '@/lib/validation/text';

/** Longest comment or reply, in characters. */
export const MAX_BODY_LENGTH = 10_000;

/** Who sees an annotation: its author only, or every member of the document's workspace. */
export const VISIBILITIES = ['PRIVATE', 'WORKSPACE'] as const;

const body = z
  .string({ error: 'Write a comment.' })
  .max(MAX_BODY_LENGTH, `Keep the comment under ${MAX_BODY_LENGTH.toLocaleString('en')} characters; split a long argument into replies.`)
  .refine(hasNoNulCharacter, nulCharacterMessage('comment'));

const tags = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((tag) => tag.trim()).filter(Boolean) : (value ?? [])),
  z.array(z.string().max(200, 'A tag can be at most 40 characters.')).max(100, 'An annotation can have at most 20 tags.'),
);

/** A new annotation on a passage: the client's id (for safe retries), the range it selected, and what it wrote. */
export const createAnnotationSchema = z.object({
  id: z.uuid('The annotation needs an id (a UUID) chosen by the client.'),
  versionNumber: z.coerce.number().int().positive(),
  start: z.coerce.number({ error: 'Select a passage first.' }).int(),
  end: z.coerce.number({ error: 'Select a passage first.' }).int(),
  body: body.default(''),
  tags: tags.default([]),
  visibility: z.enum(VISIBILITIES, { error: 'Choose who can see the annotation.' }),
});

/** A reply in a thread. */
export const createReplySchema = z.object({
  id: z.uuid('The reply needs an id (a UUID) chosen by the client.'),
  parentId: z.uuid('That annotation does not exist.'),
  body: body.trim().min(1, 'Write a reply.'),
});

/** An edit of one's own annotation, naming the revision it started from. */
export const updateAnnotationSchema = z.object({
  body,
  tags: tags.optional(),
  revision: z.coerce.number().int().positive(),
});

/** Resolving or reopening a thread, with an optional note. */
export const resolveThreadSchema = z.object({
  isResolved: z.boolean(),
  note: z.string().trim().max(1000, 'Keep the note under 1,000 characters.').refine(hasNoNulCharacter, nulCharacterMessage('note')).optional(),
});

/** A comment in a section's discussion: not tied to a quote. */
export const createSectionCommentSchema = z.object({
  id: z.uuid('The comment needs an id (a UUID) chosen by the client.'),
  body: body.trim().min(1, 'Write a comment.'),
  visibility: z.enum(VISIBILITIES, { error: 'Choose who can see the comment.' }),
});

/** A request for more replies of a thread: its first annotation, and how many of its replies (in reading order) are shown. */
export const threadReplyPageSchema = z.object({
  threadId: z.uuid('That thread does not exist.'),
  offset: z.number({ error: 'Say how many replies are shown.' }).int().min(0).max(1_000_000),
});
