import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnnotationFromSelectors, type QuotedAnnotationInput } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { MAX_SHARED_TAGS } from '@/lib/domain/tags';
import { createDocument, createTeam, createUser, type Team } from '@/tests/helpers/factories';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { outcomeOf } from '@/tests/helpers/outcome';

// A create on a document some write already looked up is placed on the version that lookup found and stored by an
// insert that checks access itself. These tests make sure that path refuses and answers exactly as a first create
// does, whatever changed since the lookup.
let database: TestDatabase;
let team: Team;
let slug: string;

const TEXT = 'A private memo\n\nIts lead paragraph.\n\n\nFirst section\n\nA claim with a source, and another claim.\n';

function note(overrides: Partial<QuotedAnnotationInput> = {}): QuotedAnnotationInput {
  return {
    id: randomUUID(),
    quote: { type: 'TextQuoteSelector', exact: 'A claim with a source', prefix: '', suffix: '' },
    position: null,
    body: 'Which source?',
    tags: ['claim'],
    visibility: 'WORKSPACE',
    ...overrides,
  };
}

const create = (viewer: Viewer, input: QuotedAnnotationInput, documentSlug = slug) => createAnnotationFromSelectors(viewer, documentSlug, input);

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
});

afterAll(async () => {
  await database.drop();
});

beforeEach(async () => {
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  // The lookup every later create on this document may build on.
  expect((await create(team.people.commenter, note())).isNew).toBe(true);
});

describe('a create on a document looked up before', () => {
  it('is stored for a commenter, with its tags, and a retry of it answers with the same annotation', async () => {
    const input = note({ tags: ['Claim'] });
    const created = await create(team.people.commenter, input);
    expect(created).toMatchObject({ id: input.id, isNew: true, stored: { versionNumber: 1, tagLabels: ['claim'], visibility: 'WORKSPACE' } });
    expect(await create(team.people.commenter, input)).toEqual({ id: input.id, isNew: false, stored: null });
  });

  it('refuses sharing and tagging to a viewer, and lets them keep a private note', async () => {
    expect(await outcomeOf(() => create(team.people.viewer, note()))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => create(team.people.viewer, note({ tags: [] })))).toBe('FORBIDDEN');
    expect(await create(team.people.viewer, note({ tags: [], visibility: 'PRIVATE' }))).toMatchObject({ isNew: true });
    expect(await database.db.annotation.count({ where: { authorId: team.people.viewer.id, visibility: 'WORKSPACE' } })).toBe(0);
  });

  it('answers not-found to an outsider, and to a member removed from the workspace since', async () => {
    expect(await outcomeOf(() => create(team.people.outsider, note({ tags: [], visibility: 'PRIVATE' })))).toBe('NOT_FOUND');
    const leaving = await createUser(database.db, 'Leaving');
    await database.db.membership.create({ data: { workspaceId: team.workspace.id, userId: leaving.id, role: 'COMMENTER' } });
    expect((await create(leaving, note())).isNew).toBe(true);
    await database.db.membership.deleteMany({ where: { userId: leaving.id } });
    expect(await outcomeOf(() => create(leaving, note()))).toBe('NOT_FOUND');
    expect(await database.db.annotation.count({ where: { authorId: leaving.id } })).toBe(1);
  });

  it('lets a signed-in reader who is not a member keep a private note on a public document, and nothing more', async () => {
    const publicSlug = await createDocument(database.db, team.workspace.id, { text: TEXT, isPublic: true });
    await create(team.people.commenter, note(), publicSlug);
    expect(await create(team.people.outsider, note({ tags: [], visibility: 'PRIVATE' }), publicSlug)).toMatchObject({ isNew: true });
    expect(await outcomeOf(() => create(team.people.outsider, note(), publicSlug))).toBe('FORBIDDEN');
  });

  it('places the quote on a version published since', async () => {
    await unsafeStoreDocumentVersion(database.db, {
      workspaceId: team.workspace.id,
      metadata: { slug, title: 'Memo, revised' },
      parsed: parsePlainTextDocument('A revised memo\n\nA new lead.\n\n\nFirst section\n\nNow: A claim with a source, and another claim.\n'),
      isPublic: false,
    });
    const created = await create(team.people.commenter, note());
    expect(created.stored).toMatchObject({ versionNumber: 2, selectors: { quote: { exact: 'A claim with a source' } } });
    const stored = await database.db.annotation.findUniqueOrThrow({ where: { id: created.id }, select: { version: { select: { number: true } } } });
    expect(stored.version.number).toBe(2);
  });

  it('refuses an id another person already used, a quote not in the document, and a tag past a full vocabulary', async () => {
    const taken = note();
    await create(team.people.editor, taken);
    expect(await outcomeOf(() => create(team.people.commenter, { ...taken }))).toBe('CONFLICT');
    expect(await outcomeOf(() => create(team.people.commenter, note({ quote: { type: 'TextQuoteSelector', exact: 'Nowhere in this memo', prefix: '', suffix: '' } })))).toBe('INVALID_INPUT');
    const shared = await database.db.tag.count({ where: { workspaceId: team.workspace.id, isShared: true } });
    await database.db.tag.createMany({
      data: Array.from({ length: MAX_SHARED_TAGS - shared }, (_, index) => ({ workspaceId: team.workspace.id, name: `filler-${index}`, label: `filler-${index}`, colour: '#888888' })),
    });
    expect(await outcomeOf(() => create(team.people.commenter, note({ tags: ['brand-new'] })))).toBe('INVALID_INPUT');
    expect((await create(team.people.commenter, note({ tags: ['claim'] }))).isNew).toBe(true);
    await database.db.tag.deleteMany({ where: { name: { startsWith: 'filler-' } } });
  });
});
