import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAnnotation,
  deleteAnnotation,
  findDocumentAnnotations,
  hideAnnotation,
  replyToAnnotation,
  resolveThread,
  settleAnchor,
  unsafeReanchorDocument,
  updateAnnotation,
  visibleAnnotationsWhere,
  type AnnotationView,
} from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { CodePointIndex, codePointLength } from '@/lib/domain/text';
import { AppError } from '@/lib/errors';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createUser, createWorkspace } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

// Who acts, in every row of the matrices below. `author` is a commenter who writes the annotations others act on.
type Actor = 'owner' | 'editor' | 'commenter' | 'viewer' | 'outsider' | 'visitor';
const ACTORS: Actor[] = ['owner', 'editor', 'commenter', 'viewer', 'outsider', 'visitor'];
type Outcome = Awaited<ReturnType<typeof outcomeOf>>;

const DEFAULT_TEXT = 'A private memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2]\n';

let database: TestDatabase;
let people: Record<Exclude<Actor, 'visitor'> | 'author', Viewer>;
let workspace: { id: string; slug: string };
let privateSlug: string;
let publicSlug: string;

const viewerOf = (actor: Actor): Viewer | null => (actor === 'visitor' ? null : people[actor]);

/** Code-point offsets of the first occurrence of `quote` in `text`. */
function rangeOf(text: string, quote: string): { start: number; end: number } {
  const at = text.indexOf(quote);
  if (at === -1) throw new Error(`"${quote}" is not in the text`);
  const start = codePointLength(text.slice(0, at));
  return { start, end: start + codePointLength(quote) };
}

/** Input for createAnnotation on "A claim with a source." of the factory document. */
function anAnnotation(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    versionNumber: 1,
    ...rangeOf(DEFAULT_TEXT, 'A claim with a source.'),
    body: 'Which source says so?',
    tags: [],
    visibility: 'WORKSPACE',
    ...overrides,
  };
}

/** Creates an annotation and returns its id. */
async function annotate(viewer: Viewer, slug: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const input = anAnnotation(overrides);
  await createAnnotation(viewer, slug, input);
  return input.id;
}

async function reply(viewer: Viewer, parentId: string, body = 'A reply.'): Promise<string> {
  const id = randomUUID();
  await replyToAnnotation(viewer, { id, parentId, body });
  return id;
}

async function failureOf(call: () => Promise<unknown>): Promise<AppError> {
  const failure = await call().then(
    () => null,
    (error: unknown) => error,
  );
  if (!(failure instanceof AppError)) throw new Error(`Expected an AppError, got ${String(failure)}`);
  return failure;
}

async function viewsOf(viewer: Viewer | null, slug: string): Promise<AnnotationView[]> {
  return (await findDocumentAnnotations(viewer, slug)).annotations;
}

async function viewOf(viewer: Viewer, slug: string, id: string): Promise<AnnotationView | undefined> {
  return (await viewsOf(viewer, slug)).find((view) => view.id === id);
}

const activitiesOf = (subjectId: string) =>
  database.db.activity.findMany({ where: { subjectId }, orderBy: { id: 'asc' }, select: { kind: true, actorId: true, audienceUserId: true, documentId: true, workspaceId: true } });

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const { db } = database;
  people = {
    owner: await createUser(db, 'Owner'),
    editor: await createUser(db, 'Editor'),
    commenter: await createUser(db, 'Commenter'),
    viewer: await createUser(db, 'Viewer'),
    outsider: await createUser(db, 'Outsider'),
    author: await createUser(db, 'Author'),
  };
  workspace = await createWorkspace(db, [
    [people.owner, 'OWNER'],
    [people.editor, 'EDITOR'],
    [people.commenter, 'COMMENTER'],
    [people.viewer, 'VIEWER'],
    [people.author, 'COMMENTER'],
  ]);
  await createWorkspace(db, [[people.outsider, 'OWNER']], 'Other desk');
  privateSlug = await createDocument(db, workspace.id);
  publicSlug = await createDocument(db, workspace.id, { isPublic: true });
});

afterAll(async () => {
  await database.drop();
});

describe.each([
  {
    document: 'private',
    slug: () => privateSlug,
    read: { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'ok', outsider: 'NOT_FOUND', visitor: 'NOT_FOUND' },
    note: { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'ok', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' },
    share: { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' },
    reply: { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' },
  },
  {
    document: 'public',
    slug: () => publicSlug,
    read: { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'ok', outsider: 'ok', visitor: 'ok' },
    note: { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'ok', outsider: 'ok', visitor: 'UNAUTHENTICATED' },
    share: { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'FORBIDDEN', outsider: 'FORBIDDEN', visitor: 'UNAUTHENTICATED' },
    // The workspace's shared annotations do not exist for someone outside it, even on a public document.
    reply: { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' },
  },
] satisfies Array<{ document: string; slug: () => string; read: Record<Actor, Outcome>; note: Record<Actor, Outcome>; share: Record<Actor, Outcome>; reply: Record<Actor, Outcome> }>)(
  'who may annotate a $document document',
  ({ slug, read, note, share, reply: replying }) => {
    const othersOnly: Record<Actor, Outcome> = { owner: 'FORBIDDEN', editor: 'FORBIDDEN', commenter: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' };
    const hiding: Record<Actor, Outcome> = { owner: 'ok', editor: 'ok', commenter: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' };

    it.each(ACTORS)('%s is offered the private-note and share options their role allows', async (actor) => {
      const outcome = await outcomeOf(() => findDocumentAnnotations(viewerOf(actor), slug()));
      expect(outcome).toBe(read[actor]);
      if (outcome !== 'ok') return;
      const { canAnnotatePrivately, canShare } = await findDocumentAnnotations(viewerOf(actor), slug());
      expect({ canAnnotatePrivately, canShare }).toEqual({ canAnnotatePrivately: note[actor] === 'ok', canShare: share[actor] === 'ok' });
    });

    it.each(ACTORS)('%s may keep a private note, then edit and delete it, if they can read the document', async (actor) => {
      const input = anAnnotation({ visibility: 'PRIVATE', body: `A note by ${actor}` });
      expect(await outcomeOf(() => createAnnotation(viewerOf(actor), slug(), input))).toBe(note[actor]);
      expect(await database.db.annotation.count({ where: { id: input.id } })).toBe(note[actor] === 'ok' ? 1 : 0);
      if (note[actor] !== 'ok') return;
      expect(await outcomeOf(() => updateAnnotation(viewerOf(actor), input.id, { body: 'Second thoughts', revision: 1 }))).toBe('ok');
      expect(await outcomeOf(() => deleteAnnotation(viewerOf(actor), input.id))).toBe('ok');
    });

    it.each(ACTORS)('%s may share an annotation with the workspace only as a commenter or above', async (actor) => {
      const input = anAnnotation({ visibility: 'WORKSPACE', body: `Shared by ${actor}` });
      expect(await outcomeOf(() => createAnnotation(viewerOf(actor), slug(), input))).toBe(share[actor]);
      expect(await database.db.annotation.count({ where: { id: input.id } })).toBe(share[actor] === 'ok' ? 1 : 0);
    });

    it.each(ACTORS)('%s may tag even a private note only as a commenter or above', async (actor) => {
      const label = `checked-by-${actor}-${randomUUID().slice(0, 8)}`;
      const input = anAnnotation({ visibility: 'PRIVATE', tags: [label] });
      expect(await outcomeOf(() => createAnnotation(viewerOf(actor), slug(), input))).toBe(share[actor]);
      expect(await database.db.annotation.count({ where: { id: input.id } })).toBe(share[actor] === 'ok' ? 1 : 0);
      expect(await database.db.tag.count({ where: { workspaceId: workspace.id, name: label } })).toBe(share[actor] === 'ok' ? 1 : 0);
    });

    it.each(ACTORS)('%s may reply to a shared annotation only as a commenter or above', async (actor) => {
      const rootId = await annotate(people.author, slug());
      const id = randomUUID();
      expect(await outcomeOf(() => replyToAnnotation(viewerOf(actor), { id, parentId: rootId, body: `Reply by ${actor}` }))).toBe(replying[actor]);
      expect(await database.db.annotation.count({ where: { parentId: rootId } })).toBe(replying[actor] === 'ok' ? 1 : 0);
    });

    it.each(ACTORS)('%s can neither edit nor delete someone else’s shared annotation', async (actor) => {
      const id = await annotate(people.author, slug(), { body: 'The author’s words' });
      expect(await outcomeOf(() => updateAnnotation(viewerOf(actor), id, { body: 'Overwritten', revision: 1 }))).toBe(othersOnly[actor]);
      expect(await outcomeOf(() => deleteAnnotation(viewerOf(actor), id))).toBe(othersOnly[actor]);
      expect(await database.db.annotation.findUniqueOrThrow({ where: { id } })).toMatchObject({ body: 'The author’s words', revision: 1, deletedAt: null });
    });

    it.each(ACTORS)('%s may hide someone else’s shared annotation only as an editor or owner', async (actor) => {
      const id = await annotate(people.author, slug());
      expect(await outcomeOf(() => hideAnnotation(viewerOf(actor), id))).toBe(hiding[actor]);
      const row = await database.db.annotation.findUniqueOrThrow({ where: { id } });
      expect(row.hiddenAt !== null).toBe(hiding[actor] === 'ok');
      expect(row.hiddenById).toBe(hiding[actor] === 'ok' ? viewerOf(actor)?.id : null);
    });

    it.each(ACTORS)('%s may resolve and reopen a shared thread only as a commenter or above', async (actor) => {
      const id = await annotate(people.author, slug());
      expect(await outcomeOf(() => resolveThread(viewerOf(actor), id, { isResolved: true }))).toBe(replying[actor]);
      expect((await database.db.annotation.findUniqueOrThrow({ where: { id } })).status).toBe(replying[actor] === 'ok' ? 'RESOLVED' : 'OPEN');
      await resolveThread(people.author, id, { isResolved: true });
      expect(await outcomeOf(() => resolveThread(viewerOf(actor), id, { isResolved: false }))).toBe(replying[actor]);
      expect((await database.db.annotation.findUniqueOrThrow({ where: { id } })).status).toBe(replying[actor] === 'ok' ? 'OPEN' : 'RESOLVED');
    });

    it.each(['owner', 'editor', 'commenter', 'viewer'] as const)('%s sees on someone else’s annotation exactly the buttons they may use', async (actor) => {
      const id = await annotate(people.author, slug());
      const view = await viewOf(people[actor], slug(), id);
      expect(view?.rights).toEqual({
        canReply: replying[actor] === 'ok',
        canEdit: false,
        canDelete: false,
        canResolve: replying[actor] === 'ok',
        canHide: hiding[actor] === 'ok',
        canSettleAnchor: hiding[actor] === 'ok',
      });
    });
  },
);

describe('hiding', () => {
  it('an editor cannot hide their own annotation (they may delete it instead), as the missing Hide button promises', async () => {
    const id = await annotate(people.editor, privateSlug);
    expect((await viewOf(people.editor, privateSlug, id))?.rights.canHide).toBe(false);
    expect(await outcomeOf(() => hideAnnotation(people.editor, id))).toBe('FORBIDDEN');
    expect((await database.db.annotation.findUniqueOrThrow({ where: { id } })).hiddenAt).toBeNull();
  });

  it('an editor cannot hide a member’s private note, which to them does not exist', async () => {
    const id = await annotate(people.commenter, privateSlug, { visibility: 'PRIVATE' });
    expect(await outcomeOf(() => hideAnnotation(people.editor, id))).toBe('NOT_FOUND');
  });
});

describe('privacy', () => {
  let slug: string;
  let authorsNote: string;
  let authorsNoteReply: string;
  let authorsShared: string;
  let outsidersNote: string;

  beforeAll(async () => {
    slug = await createDocument(database.db, workspace.id, { isPublic: true });
    authorsNote = await annotate(people.author, slug, { visibility: 'PRIVATE', body: 'Only for me' });
    authorsNoteReply = await reply(people.author, authorsNote, 'Still only for me');
    authorsShared = await annotate(people.author, slug, { visibility: 'WORKSPACE', body: 'For the desk' });
    outsidersNote = await annotate(people.outsider, slug, { visibility: 'PRIVATE', body: 'An outsider’s own note' });
  });

  const expectedFor = (actor: Actor | 'author'): string[] =>
    actor === 'author'
      ? [authorsNote, authorsNoteReply, authorsShared]
      : actor === 'outsider'
        ? [outsidersNote]
        : actor === 'visitor'
          ? []
          : [authorsShared];

  it.each([...ACTORS, 'author'] as const)('%s sees only their own notes and the workspace’s shared annotations they belong to', async (actor) => {
    const viewer = actor === 'author' ? people.author : viewerOf(actor);
    const { annotations } = await findDocumentAnnotations(viewer, slug);
    expect(annotations.map((view) => view.id).sort()).toEqual(expectedFor(actor).sort());
  });

  it.each([...ACTORS, 'author'] as const)('the rule every read uses gives %s the same annotations as the reader', async (actor) => {
    const viewer = actor === 'author' ? people.author : viewerOf(actor);
    const document = await database.db.document.findUniqueOrThrow({ where: { slug } });
    const rows = await database.db.annotation.findMany({ where: { AND: [{ documentId: document.id }, visibleAnnotationsWhere(viewer)] }, select: { id: true } });
    expect(rows.map((row) => row.id).sort()).toEqual(expectedFor(actor).sort());
  });

  it('a reply to a private note stays private', async () => {
    expect(await database.db.annotation.findUniqueOrThrow({ where: { id: authorsNoteReply } })).toMatchObject({ visibility: 'PRIVATE', parentId: authorsNote, rootId: authorsNote });
  });

  it.each(ACTORS)('to %s a member’s private note does not exist: no reply, edit, delete, hide or resolve', async (actor) => {
    const expected: Outcome = actor === 'visitor' ? 'UNAUTHENTICATED' : 'NOT_FOUND';
    const viewer = viewerOf(actor);
    expect(await outcomeOf(() => replyToAnnotation(viewer, { id: randomUUID(), parentId: authorsNote, body: 'Peeking' }))).toBe(expected);
    expect(await outcomeOf(() => updateAnnotation(viewer, authorsNote, { body: 'Peeking', revision: 1 }))).toBe(expected);
    expect(await outcomeOf(() => deleteAnnotation(viewer, authorsNote))).toBe(expected);
    expect(await outcomeOf(() => hideAnnotation(viewer, authorsNote))).toBe(expected);
    expect(await outcomeOf(() => resolveThread(viewer, authorsNote, { isResolved: true }))).toBe(expected);
    expect(await outcomeOf(() => settleAnchor(viewer, authorsNote, 'detach'))).toBe(expected);
    expect(await database.db.annotation.findUniqueOrThrow({ where: { id: authorsNote } })).toMatchObject({
      body: 'Only for me',
      revision: 1,
      deletedAt: null,
      hiddenAt: null,
      status: 'OPEN',
      anchorStatus: 'EXACT',
    });
  });

  it('a private document’s annotations are not found by an outsider or a visitor', async () => {
    await annotate(people.author, privateSlug, { body: 'Internal remark' });
    expect(await outcomeOf(() => findDocumentAnnotations(people.outsider, privateSlug))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => findDocumentAnnotations(null, privateSlug))).toBe('NOT_FOUND');
  });
});

describe('retried creates', () => {
  let slug: string;
  beforeAll(async () => {
    slug = await createDocument(database.db, workspace.id);
  });

  it('a retried create stores one annotation, reported new only the first time', async () => {
    const input = anAnnotation();
    expect(await createAnnotation(people.commenter, slug, input)).toMatchObject({ id: input.id, isNew: true, stored: { id: input.id, revision: 1 } });
    expect(await createAnnotation(people.commenter, slug, input)).toEqual({ id: input.id, isNew: false, stored: null });
    expect(await database.db.annotation.count({ where: { id: input.id } })).toBe(1);
    expect(await activitiesOf(input.id)).toHaveLength(1);
  });

  it('three copies of one create racing store one annotation, reported new once', async () => {
    const input = anAnnotation({ tags: ['claim'] });
    const results = await Promise.all([1, 2, 3].map(() => createAnnotation(people.commenter, slug, input)));
    expect(results.filter((result) => result.isNew)).toHaveLength(1);
    expect(results.every((result) => result.id === input.id)).toBe(true);
    expect(await database.db.annotation.count({ where: { id: input.id } })).toBe(1);
    expect(await database.db.annotationTag.count({ where: { annotationId: input.id } })).toBe(1);
    expect(await activitiesOf(input.id)).toHaveLength(1);
  });

  it('annotations racing to add the same new tag all carry it, and the vocabulary gains it once', async () => {
    const tag = `race-${randomUUID().slice(0, 8)}`;
    const inputs = Array.from({ length: 16 }, () => anAnnotation({ tags: [tag] }));
    await Promise.all(inputs.map((input) => createAnnotation(people.commenter, slug, input)));
    const tags = await database.db.tag.findMany({ where: { workspaceId: workspace.id, name: tag }, select: { id: true } });
    expect(tags).toHaveLength(1);
    const links = await database.db.annotationTag.findMany({ where: { annotationId: { in: inputs.map((input) => input.id) } }, select: { tagId: true } });
    expect(links).toEqual(inputs.map(() => ({ tagId: tags[0]?.id })));
  });

  it('an id already used by someone else is refused as a conflict and their annotation is untouched', async () => {
    const input = anAnnotation({ body: 'Mine' });
    await createAnnotation(people.commenter, slug, input);
    expect(await outcomeOf(() => createAnnotation(people.editor, slug, { ...input, body: 'Yours' }))).toBe('CONFLICT');
    expect(await database.db.annotation.findUniqueOrThrow({ where: { id: input.id } })).toMatchObject({ authorId: people.commenter.id, body: 'Mine' });
  });

  it('when two people race with the same id, the one who lost is told of the conflict', async () => {
    const input = anAnnotation({ body: 'Racing' });
    const outcomes = await Promise.all([people.commenter, people.editor].map((viewer) => outcomeOf(() => createAnnotation(viewer, slug, input))));
    expect(outcomes.sort()).toEqual(['CONFLICT', 'ok']);
    expect(await database.db.annotation.count({ where: { id: input.id } })).toBe(1);
  });

  it('a retried reply stores one reply, reported new only the first time', async () => {
    const rootId = await annotate(people.author, slug);
    const input = { id: randomUUID(), parentId: rootId, body: 'Agreed.' };
    expect(await replyToAnnotation(people.commenter, input)).toEqual({ id: input.id, isNew: true });
    expect(await replyToAnnotation(people.commenter, input)).toEqual({ id: input.id, isNew: false });
    expect(await database.db.annotation.count({ where: { parentId: rootId } })).toBe(1);
    expect(await activitiesOf(input.id)).toHaveLength(1);
  });

  it('three copies of one reply racing store one reply, reported new once', async () => {
    const rootId = await annotate(people.author, slug);
    const input = { id: randomUUID(), parentId: rootId, body: 'Agreed, twice over.' };
    const results = await Promise.all([1, 2, 3].map(() => replyToAnnotation(people.commenter, input)));
    expect(results.filter((result) => result.isNew)).toHaveLength(1);
    expect(await database.db.annotation.count({ where: { parentId: rootId } })).toBe(1);
    expect(await activitiesOf(input.id)).toHaveLength(1);
  });

  it('a reply id already used by someone else is refused as a conflict', async () => {
    const rootId = await annotate(people.author, slug);
    const input = { id: randomUUID(), parentId: rootId, body: 'First.' };
    await replyToAnnotation(people.commenter, input);
    expect(await outcomeOf(() => replyToAnnotation(people.editor, { ...input, body: 'Second.' }))).toBe('CONFLICT');
    expect(await database.db.annotation.findUniqueOrThrow({ where: { id: input.id } })).toMatchObject({ authorId: people.commenter.id, body: 'First.' });
  });
});

describe('editing', () => {
  it('an edit made from an outdated revision is refused, keeps the newer text and shows it', async () => {
    const id = await annotate(people.commenter, privateSlug, { body: 'Original' });
    expect(await updateAnnotation(people.commenter, id, { body: 'First edit', revision: 1 })).toEqual({ revision: 2 });
    const failure = await failureOf(() => updateAnnotation(people.commenter, id, { body: 'Second edit', revision: 1 }));
    expect(failure.code).toBe('CONFLICT');
    expect(failure.message).not.toBe('');
    expect(failure.fieldErrors).toEqual({ body: ['First edit'], revision: ['2'] });
    expect(await database.db.annotation.findUniqueOrThrow({ where: { id } })).toMatchObject({ body: 'First edit', revision: 2 });
    expect(await updateAnnotation(people.commenter, id, { body: 'Second edit, merged', revision: 2 })).toEqual({ revision: 3 });
    expect((await viewOf(people.owner, privateSlug, id))?.body).toBe('Second edit, merged');
    expect((await activitiesOf(id)).map((activity) => activity.kind)).toEqual(['annotation.created', 'annotation.updated', 'annotation.updated']);
  });

  it('of two simultaneous edits from one revision, one is saved and the other gets its text back', async () => {
    const id = await annotate(people.commenter, privateSlug, { body: 'Original' });
    const outcomes = await Promise.all(['Edit A', 'Edit B'].map((body) => updateAnnotation(people.commenter, id, { body, revision: 1 }).then(() => body, (error: unknown) => error)));
    const saved = outcomes.find((outcome): outcome is string => typeof outcome === 'string');
    const refused = outcomes.find((outcome): outcome is AppError => outcome instanceof AppError);
    expect(saved).toBeDefined();
    expect(refused).toMatchObject({ code: 'CONFLICT', fieldErrors: { body: [saved], revision: ['2'] } });
    expect(await database.db.annotation.findUniqueOrThrow({ where: { id } })).toMatchObject({ body: saved, revision: 2 });
  });

  it('changing the tags of an annotation replaces them in the workspace vocabulary', async () => {
    const id = await annotate(people.commenter, privateSlug, { tags: ['Actor:IMU', 'unverified'] });
    await updateAnnotation(people.commenter, id, { body: 'Retagged', tags: ['actor:imu', 'Verified'], revision: 1 });
    expect((await viewOf(people.viewer, privateSlug, id))?.tags.map((tag) => tag.label).sort()).toEqual(['Actor:IMU', 'Verified']);
  });
});

describe('bad input', () => {
  let slug: string;
  beforeAll(async () => {
    slug = await createDocument(database.db, workspace.id);
  });

  const counts = async () => ({
    annotations: await database.db.annotation.count(),
    tags: await database.db.tag.count(),
    activities: await database.db.activity.count(),
  });

  it.each([
    { problem: 'an empty selection', field: 'selection', input: () => ({ start: 10, end: 10 }) },
    { problem: 'a selection past the end of the text', field: 'selection', input: () => ({ start: 10, end: codePointLength(DEFAULT_TEXT) + 1 }) },
    { problem: 'a selection that ends before it starts', field: 'selection', input: () => ({ start: 12, end: 10 }) },
    { problem: 'a selection of only line breaks', field: 'selection', input: () => rangeOf(DEFAULT_TEXT, '\n\n\n') },
    { problem: 'a comment of 10,001 characters', field: 'body', input: () => ({ body: 'x'.repeat(10_001) }) },
    { problem: '21 different tags', field: 'tags', input: () => ({ tags: Array.from({ length: 21 }, (_, n) => `tag-${n}`) }) },
    { problem: 'a tag of 41 characters', field: 'tags', input: () => ({ tags: ['t'.repeat(41)] }) },
    { problem: 'a tag with a line break', field: 'tags', input: () => ({ tags: ['actor:\nIMU'] }) },
    { problem: 'an id that is not a UUID', field: 'id', input: () => ({ id: 'annotation-1' }) },
  ])('$problem is refused with a message on the $field field and nothing is stored', async ({ field, input }) => {
    const before = await counts();
    const failure = await failureOf(() => createAnnotation(people.editor, slug, anAnnotation(input())));
    expect(failure.code).toBe('INVALID_INPUT');
    expect(failure.message).not.toBe('');
    expect(failure.fieldErrors?.[field]?.[0]).toEqual(expect.stringMatching(/\w/));
    expect(await counts()).toEqual(before);
  });

  it('a selection made on a version that is not the current one is refused as a conflict and nothing is stored', async () => {
    const before = await counts();
    expect(await outcomeOf(() => createAnnotation(people.editor, slug, anAnnotation({ versionNumber: 2 })))).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('20 tags of 40 characters are accepted', async () => {
    const tags = Array.from({ length: 20 }, (_, n) => `${String(n).padStart(2, '0')}${'t'.repeat(38)}`);
    const id = await annotate(people.editor, slug, { tags });
    expect(await database.db.annotationTag.count({ where: { annotationId: id } })).toBe(20);
  });

  it('an edit with a bad tag or an overlong comment changes nothing', async () => {
    const id = await annotate(people.editor, slug, { body: 'Kept', tags: ['kept'] });
    for (const input of [{ body: 'Changed', tags: ['t'.repeat(41)] }, { body: 'x'.repeat(10_001) }, { body: 'Changed', tags: ['a\nb'] }]) {
      expect(await outcomeOf(() => updateAnnotation(people.editor, id, { ...input, revision: 1 }))).toBe('INVALID_INPUT');
    }
    expect(await database.db.annotation.findUniqueOrThrow({ where: { id } })).toMatchObject({ body: 'Kept', revision: 1 });
    expect((await viewOf(people.editor, slug, id))?.tags.map((tag) => tag.label)).toEqual(['kept']);
    expect(await activitiesOf(id)).toHaveLength(1);
  });

  it('an empty reply is refused and nothing is stored', async () => {
    const rootId = await annotate(people.editor, slug);
    expect(await outcomeOf(() => replyToAnnotation(people.editor, { id: randomUUID(), parentId: rootId, body: '   ' }))).toBe('INVALID_INPUT');
    expect(await database.db.annotation.count({ where: { parentId: rootId } })).toBe(0);
  });

  it('a comment holding HTML is stored and returned verbatim, to be escaped when rendered', async () => {
    const body = '<img src=x onerror=alert(1)> and <script>alert(2)</script>';
    const id = await annotate(people.editor, slug, { body });
    expect((await database.db.annotation.findUniqueOrThrow({ where: { id } })).body).toBe(body);
    expect((await viewOf(people.viewer, slug, id))?.body).toBe(body);
  });
});

describe('threads', () => {
  let slug: string;
  beforeAll(async () => {
    slug = await createDocument(database.db, workspace.id);
  });

  it('a reply to a reply belongs to the thread of the first annotation', async () => {
    const rootId = await annotate(people.author, slug);
    const firstReply = await reply(people.commenter, rootId);
    const secondReply = await reply(people.editor, firstReply);
    expect(await database.db.annotation.findUniqueOrThrow({ where: { id: firstReply } })).toMatchObject({ parentId: rootId, rootId, motivation: 'REPLYING', visibility: 'WORKSPACE' });
    expect(await database.db.annotation.findUniqueOrThrow({ where: { id: secondReply } })).toMatchObject({ parentId: firstReply, rootId });
  });

  it('a deleted annotation with replies stays as an empty placeholder and its replies stay listed', async () => {
    const rootId = await annotate(people.author, slug, { body: 'Root words', tags: ['thread'] });
    const firstReply = await reply(people.commenter, rootId, 'First reply');
    const secondReply = await reply(people.editor, firstReply, 'Second reply');
    await deleteAnnotation(people.author, rootId);
    const views = await viewsOf(people.viewer, slug);
    expect(views.find((view) => view.id === rootId)).toMatchObject({ state: 'deleted', body: '', authorName: '', tags: [], quote: null });
    expect(views.find((view) => view.id === firstReply)).toMatchObject({ state: 'shown', body: 'First reply', rootId });
    expect(views.find((view) => view.id === secondReply)).toMatchObject({ state: 'shown', body: 'Second reply', rootId });
  });

  it('a deleted annotation without replies disappears from the document', async () => {
    const id = await annotate(people.author, slug);
    await deleteAnnotation(people.author, id);
    for (const viewer of [people.author, people.owner]) {
      expect((await viewsOf(viewer, slug)).map((view) => view.id)).not.toContain(id);
    }
  });

  it('a deleted annotation whose replies were all deleted disappears from the document', async () => {
    const rootId = await annotate(people.author, slug);
    const replyId = await reply(people.commenter, rootId);
    await deleteAnnotation(people.author, rootId);
    await deleteAnnotation(people.commenter, replyId);
    expect((await viewsOf(people.owner, slug)).map((view) => view.id)).not.toContain(rootId);
  });

  it('a hidden annotation with replies shows as hidden, without its words or author, and takes no new replies', async () => {
    const rootId = await annotate(people.author, slug, { body: 'Off-topic rant' });
    const replyId = await reply(people.commenter, rootId, 'Please stay on topic');
    await hideAnnotation(people.editor, rootId);
    for (const viewer of [people.author, people.viewer]) {
      const views = await viewsOf(viewer, slug);
      expect(views.find((view) => view.id === rootId)).toMatchObject({ state: 'hidden', body: '', authorName: '', quote: null });
      expect(views.find((view) => view.id === replyId)).toMatchObject({ state: 'shown' });
    }
    expect(await outcomeOf(() => replyToAnnotation(people.commenter, { id: randomUUID(), parentId: rootId, body: 'Late reply' }))).toBe('CONFLICT');
    expect(await outcomeOf(() => updateAnnotation(people.author, rootId, { body: 'Sneaky edit', revision: 2 }))).toBe('CONFLICT');
  });

  it('a deleted thread can no longer be resolved', async () => {
    const rootId = await annotate(people.author, slug);
    await reply(people.commenter, rootId);
    await deleteAnnotation(people.author, rootId);
    expect((await viewOf(people.commenter, slug, rootId))?.rights.canResolve).toBe(false);
    expect(await outcomeOf(() => resolveThread(people.commenter, rootId, { isResolved: true }))).not.toBe('ok');
    expect((await database.db.annotation.findUniqueOrThrow({ where: { id: rootId } })).status).toBe('OPEN');
  });
});

describe('resolving threads', () => {
  it('a thread resolved with a note shows who resolved it and why, and reopening clears both', async () => {
    const rootId = await annotate(people.author, privateSlug);
    await resolveThread(people.commenter, rootId, { isResolved: true, note: '  Checked against the 2017 edition  ' });
    expect(await viewOf(people.viewer, privateSlug, rootId)).toMatchObject({ status: 'RESOLVED', resolvedBy: 'Commenter', resolutionNote: 'Checked against the 2017 edition' });
    expect(await outcomeOf(() => resolveThread(people.viewer, rootId, { isResolved: false }))).toBe('FORBIDDEN');
    await resolveThread(people.editor, rootId, { isResolved: false });
    expect(await viewOf(people.viewer, privateSlug, rootId)).toMatchObject({ status: 'OPEN', resolvedBy: null, resolutionNote: null });
    expect((await database.db.annotation.findUniqueOrThrow({ where: { id: rootId } })).resolvedAt).toBeNull();
  });

  it('a thread is resolved from its first annotation, not from a reply', async () => {
    const rootId = await annotate(people.author, privateSlug);
    const replyId = await reply(people.commenter, rootId);
    expect(await outcomeOf(() => resolveThread(people.commenter, replyId, { isResolved: true }))).toBe('INVALID_INPUT');
    expect((await database.db.annotation.findUniqueOrThrow({ where: { id: replyId } })).status).toBe('OPEN');
  });

  it('a private note is resolved by its author, even as a viewer', async () => {
    const id = await annotate(people.viewer, privateSlug, { visibility: 'PRIVATE' });
    await resolveThread(people.viewer, id, { isResolved: true, note: 'Done' });
    expect(await viewOf(people.viewer, privateSlug, id)).toMatchObject({ status: 'RESOLVED', resolvedBy: 'Viewer', resolutionNote: 'Done' });
  });
});

describe('the activity feed', () => {
  const baseOf = (documentSlug: string) => database.db.document.findUniqueOrThrow({ where: { slug: documentSlug }, select: { id: true, workspaceId: true } });

  it('each change to a private note is logged once, for its author alone', async () => {
    const id = await annotate(people.viewer, privateSlug, { visibility: 'PRIVATE' });
    await updateAnnotation(people.viewer, id, { body: 'Changed', revision: 1 });
    await resolveThread(people.viewer, id, { isResolved: true });
    await resolveThread(people.viewer, id, { isResolved: false });
    await deleteAnnotation(people.viewer, id);
    await deleteAnnotation(people.viewer, id);
    const { id: documentId, workspaceId } = await baseOf(privateSlug);
    const only = { actorId: people.viewer.id, audienceUserId: people.viewer.id, documentId, workspaceId };
    expect(await activitiesOf(id)).toEqual([
      { kind: 'annotation.created', ...only },
      { kind: 'annotation.updated', ...only },
      { kind: 'annotation.resolved', ...only },
      { kind: 'annotation.reopened', ...only },
      { kind: 'annotation.deleted', ...only },
    ]);
  });

  it('changes to a shared annotation are logged for the whole workspace, with who made them', async () => {
    const id = await annotate(people.commenter, privateSlug);
    const replyId = await reply(people.author, id);
    await resolveThread(people.owner, id, { isResolved: true });
    await hideAnnotation(people.editor, id);
    const { id: documentId, workspaceId } = await baseOf(privateSlug);
    expect(await activitiesOf(id)).toEqual([
      { kind: 'annotation.created', actorId: people.commenter.id, audienceUserId: null, documentId, workspaceId },
      { kind: 'annotation.resolved', actorId: people.owner.id, audienceUserId: null, documentId, workspaceId },
      { kind: 'annotation.hidden', actorId: people.editor.id, audienceUserId: null, documentId, workspaceId },
    ]);
    expect(await activitiesOf(replyId)).toEqual([{ kind: 'annotation.created', actorId: people.author.id, audienceUserId: null, documentId, workspaceId }]);
  });

  it('a reply to a private note is logged for its author alone', async () => {
    const id = await annotate(people.author, privateSlug, { visibility: 'PRIVATE' });
    const replyId = await reply(people.author, id);
    expect(await activitiesOf(replyId)).toMatchObject([{ kind: 'annotation.created', audienceUserId: people.author.id }]);
  });

  it('refused changes log nothing', async () => {
    const id = await annotate(people.author, privateSlug);
    expect(await outcomeOf(() => updateAnnotation(people.viewer, id, { body: 'No', revision: 1 }))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => deleteAnnotation(people.viewer, id))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => hideAnnotation(people.commenter, id))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => resolveThread(people.viewer, id, { isResolved: true }))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => updateAnnotation(people.author, id, { body: 'Stale', revision: 7 }))).toBe('CONFLICT');
    expect((await activitiesOf(id)).map((activity) => activity.kind)).toEqual(['annotation.created']);
  });
});

describe('a new version of the document', () => {
  const FIRST = [
    'Field notes 🌍 from the valley',
    '',
    'The delegation arrived in Tashkent on a grey Monday morning.[1]',
    '',
    '',
    'Findings',
    '',
    'Officials said the new border crossing would open within a year.',
    '',
    'A short paragraph about irrigation quotas that the editors later cut.',
    '',
    'The final report reached the ministry in late autumn.[2]',
    '',
  ].join('\n');
  const SECOND = [
    'Field notes 🌍 from the valley',
    '',
    'A foreword 📝 added for the second edition explains the delays.',
    '',
    'The delegation arrived in Tashkent on a grey Monday morning.[1]',
    '',
    '',
    'Findings',
    '',
    'Officials said the new border crossing would open within two years.',
    '',
    'The final report reached the ministry in late autumn.[2]',
    '',
  ].join('\n');
  const UNTOUCHED = ['Field notes 🌍 from the valley', 'The delegation arrived in Tashkent on a grey Monday morning.', 'The final report reached the ministry in late autumn.'];
  const REWORDED = 'Officials said the new border crossing would open within a year.';
  const CUT = 'A short paragraph about irrigation quotas that the editors later cut.';

  let slug: string;
  let documentId: string;
  let versionId: string;
  let report: Awaited<ReturnType<typeof unsafeReanchorDocument>>;
  const ids = new Map<string, string>();
  let replyId: string;

  beforeAll(async () => {
    slug = await createDocument(database.db, workspace.id, { text: FIRST });
    for (const quote of UNTOUCHED) ids.set(quote, await annotate(people.author, slug, { ...rangeOf(FIRST, quote), body: `On: ${quote}` }));
    ids.set(REWORDED, await annotate(people.author, slug, { ...rangeOf(FIRST, REWORDED), body: 'A year? Source?' }));
    ids.set(CUT, await annotate(people.author, slug, { ...rangeOf(FIRST, CUT), visibility: 'PRIVATE', body: 'My note on the cut paragraph' }));
    replyId = await reply(people.commenter, ids.get(REWORDED)!, 'The minister said two.');
    const stored = await unsafeStoreDocumentVersion(database.db, {
      workspaceId: workspace.id,
      metadata: { slug, title: `Memo ${slug}` },
      parsed: parsePlainTextDocument(SECOND),
      isPublic: false,
    });
    expect(stored).toMatchObject({ versionNumber: 2, isNewVersion: true });
    documentId = stored.documentId;
    versionId = stored.versionId;
    report = await unsafeReanchorDocument(database.db, documentId, versionId);
  });

  const secondText = async () => (await database.db.documentVersion.findUniqueOrThrow({ where: { id: versionId } })).text;

  it('annotations on untouched passages sit on the same words in the new text', async () => {
    const index = new CodePointIndex(await secondText());
    const views = await viewsOf(people.author, slug);
    for (const quote of UNTOUCHED) {
      const view = views.find((candidate) => candidate.id === ids.get(quote));
      expect(['exact', 'moved']).toContain(view?.anchor.status);
      expect(view?.quote).toBe(quote);
      expect(index.slice(view!.anchor.start!, view!.anchor.end!)).toBe(quote);
    }
    expect(views.find((view) => view.id === ids.get(UNTOUCHED[0]!))?.anchor).toMatchObject({ status: 'exact', start: 0, end: codePointLength(UNTOUCHED[0]!) });
    expect(views.find((view) => view.id === ids.get(UNTOUCHED[2]!))?.anchor).toMatchObject({ status: 'moved', ...rangeOf(SECOND, UNTOUCHED[2]!) });
  });

  it('an annotation on a slightly reworded passage is placed fuzzily on the new wording', async () => {
    const index = new CodePointIndex(await secondText());
    const view = await viewOf(people.author, slug, ids.get(REWORDED)!);
    expect(view?.anchor.status).toBe('fuzzy');
    expect(view?.anchor.score).toBeGreaterThan(0.5);
    expect(view?.anchor.score).toBeLessThan(1);
    expect(index.slice(view!.anchor.start!, view!.anchor.end!)).toContain('the new border crossing would open within two year');
  });

  it('an annotation on a deleted passage becomes an orphan its author still sees', async () => {
    const view = await viewOf(people.author, slug, ids.get(CUT)!);
    expect(view).toMatchObject({ state: 'shown', body: 'My note on the cut paragraph', quote: CUT, anchor: { status: 'orphan', start: null, end: null } });
    expect((await viewsOf(people.owner, slug)).map((candidate) => candidate.id)).not.toContain(ids.get(CUT));
  });

  it('the report counts what happened to each annotation, and every annotation and reply moves to the new version', async () => {
    const rows = await database.db.annotation.findMany({ where: { documentId }, select: { id: true, anchorStatus: true, versionId: true } });
    const tally = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 };
    for (const row of rows.filter((candidate) => candidate.id !== replyId)) tally[row.anchorStatus.toLowerCase() as keyof typeof tally] += 1;
    const needingConfirmation = (await viewsOf(people.author, slug)).filter((view) => view.anchor.needsConfirmation).length;
    expect(report).toEqual({ ...tally, needsConfirmation: needingConfirmation });
    expect(report.exact + report.moved).toBe(UNTOUCHED.length);
    expect(report).toMatchObject({ fuzzy: 1, orphan: 1 });
    expect(rows.every((row) => row.versionId === versionId)).toBe(true);
    expect((await viewOf(people.viewer, slug, replyId))?.body).toBe('The minister said two.');
  });

  it('a new annotation must be made on the current version', async () => {
    const index = new CodePointIndex(await secondText());
    const stale = { ...rangeOf(FIRST, UNTOUCHED[1]!), body: 'Late' };
    expect(await outcomeOf(() => createAnnotation(people.commenter, slug, anAnnotation({ ...stale, versionNumber: 1 })))).toBe('CONFLICT');
    const id = await annotate(people.commenter, slug, { ...rangeOf(SECOND, 'foreword 📝 added'), versionNumber: 2 });
    const view = await viewOf(people.commenter, slug, id);
    expect(view?.quote).toBe('foreword 📝 added');
    expect(index.slice(view!.anchor.start!, view!.anchor.end!)).toBe('foreword 📝 added');
  });
});

describe('re-anchoring thousands of annotations', () => {
  it('places every one of 5,000 annotations on the new version instead of timing out half-way', async () => {
    const paragraph = 'The volunteers crossed the border in small groups, the report says, and few came back.';
    const text = ['Field notes', '', Array.from({ length: 40 }, (_, index) => `${index + 1}. ${paragraph}`).join('\n\n'), ''].join('\n');
    const slug = await createDocument(database.db, workspace.id, { text });
    const document = await database.db.document.findUniqueOrThrow({ where: { slug }, select: { id: true, versions: { select: { id: true } } } });
    const index = new CodePointIndex(text);
    const quote = rangeOf(text, 'few came back');
    await database.db.annotation.createMany({
      data: Array.from({ length: 5000 }, (_, made) => ({
        id: randomUUID(),
        documentId: document.id,
        versionId: document.versions[0]!.id,
        authorId: people.author.id,
        selectors: { quote: { type: 'TextQuoteSelector', exact: index.slice(quote.start, quote.end), prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', ...quote } },
        anchorStart: quote.start,
        anchorEnd: quote.end,
        body: `Note ${made}`,
        motivation: 'COMMENTING' as const,
        visibility: 'WORKSPACE' as const,
      })),
    });
    const stored = await unsafeStoreDocumentVersion(database.db, {
      workspaceId: workspace.id,
      metadata: { slug, title: `Memo ${slug}` },
      parsed: parsePlainTextDocument(`A foreword added later.\n\n${text}`),
      isPublic: false,
    });
    const report = await unsafeReanchorDocument(database.db, stored.documentId, stored.versionId);
    expect(report).toMatchObject({ moved: 5000, orphan: 0 });
    const moved = rangeOf(`A foreword added later.\n\n${text}`, 'few came back');
    const rows = await database.db.annotation.groupBy({ by: ['versionId', 'anchorStatus', 'anchorStart', 'anchorEnd'], where: { documentId: document.id }, _count: true });
    expect(rows).toEqual([{ versionId: stored.versionId, anchorStatus: 'MOVED', anchorStart: moved.start, anchorEnd: moved.end, _count: 5000 }]);
  });
});

describe('confirming or detaching a placement', () => {
  const deciding: Record<Actor, Outcome> = { owner: 'ok', editor: 'ok', commenter: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' };

  it.each(ACTORS)('%s may detach someone else’s shared annotation only as an editor or owner', async (actor) => {
    const id = await annotate(people.author, privateSlug);
    expect(await outcomeOf(() => settleAnchor(viewerOf(actor), id, 'detach'))).toBe(deciding[actor]);
    const anchor = (await viewOf(people.author, privateSlug, id))?.anchor;
    expect(anchor).toMatchObject(deciding[actor] === 'ok' ? { status: 'orphan', start: null, end: null } : { status: 'exact', ...rangeOf(DEFAULT_TEXT, 'A claim with a source.') });
  });

  it('the author may confirm a placement of their own private note, which is logged for them alone', async () => {
    const id = await annotate(people.viewer, privateSlug, { visibility: 'PRIVATE' });
    await settleAnchor(people.viewer, id, 'confirm');
    expect((await database.db.annotation.findUniqueOrThrow({ where: { id } })).isAnchorConfirmed).toBe(true);
    expect(await activitiesOf(id)).toMatchObject([{ kind: 'annotation.created' }, { kind: 'annotation.reanchored', audienceUserId: people.viewer.id }]);
  });
});
