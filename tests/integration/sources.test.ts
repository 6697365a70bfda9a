import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/dal/authorization';
import { getReaderDocument, getSourcesOverview } from '@/lib/dal/documents';
import { addSourceToNote, attachExistingSource, setVerdict } from '@/lib/dal/sources';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, createWorkspace } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

type Actor = 'owner' | 'editor' | 'commenter' | 'viewer' | 'outsider' | 'visitor';
const ACTORS: Actor[] = ['owner', 'editor', 'commenter', 'viewer', 'outsider', 'visitor'];

let database: TestDatabase;
let people: Record<Exclude<Actor, 'visitor'>, Viewer>;
let documentSlug: string;
let publicSlug: string;
const viewerOf = (actor: Actor): Viewer | null => (actor === 'visitor' ? null : people[actor]);

const aSource = (overrides: Record<string, unknown> = {}) => ({
  kind: 'REPORT',
  title: 'Foreign fighters from Central Asia',
  authors: 'Lemon, Edward\nTucker, Noah',
  issued: '2016-05',
  url: 'https://example.org/report',
  ...overrides,
});

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const { db } = database;
  const team = await createTeam(db);
  people = team.people;
  const { workspace } = team;
  documentSlug = await createDocument(db, workspace.id);
  publicSlug = await createDocument(db, workspace.id, { isPublic: true });
});

afterAll(async () => {
  await database.drop();
});

describe('who may add sources and set verdicts', () => {
  const proposing: Record<Actor, string> = { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' };
  const judging: Record<Actor, string> = { ...proposing, commenter: 'FORBIDDEN' };

  it.each(ACTORS)('%s may propose an unverified source to a private document as its rights allow', async (actor) => {
    expect(await outcomeOf(() => addSourceToNote(viewerOf(actor), documentSlug, 1, aSource({ title: `Proposed by ${actor}` })))).toBe(proposing[actor]);
  });

  it.each(ACTORS)('%s may add a source with a verdict only as an editor or owner', async (actor) => {
    expect(await outcomeOf(() => addSourceToNote(viewerOf(actor), documentSlug, 2, aSource({ title: `Judged by ${actor}`, verdict: 'SUPPORTS' })))).toBe(judging[actor]);
  });

  it.each(ACTORS)('%s may change a verdict only as an editor or owner', async (actor) => {
    const { id } = await addSourceToNote(people.owner, documentSlug, 1, aSource({ title: `To judge for ${actor}` }));
    expect(await outcomeOf(() => setVerdict(viewerOf(actor), id, { verdict: 'DOES_NOT_SUPPORT' }))).toBe(judging[actor]);
  });

  it('lets a visitor read a public document’s sources, never write them', async () => {
    await addSourceToNote(people.editor, publicSlug, 2, aSource({ title: 'Public evidence', verdict: 'SUPPORTS' }));
    const document = await getReaderDocument(null, publicSlug);
    expect(document?.footnotes.find((note) => note.number === 2)?.sources.map((source) => source.title)).toEqual(['Public evidence']);
    expect(document?.rights).toEqual({ canProposeSources: false, canSetVerdicts: false });
    expect(await outcomeOf(() => addSourceToNote(people.outsider, publicSlug, 2, aSource()))).toBe('FORBIDDEN');
  });
});

describe('source records', () => {
  it('refuse javascript: and data: addresses and malformed fields, saving nothing', async () => {
    const before = await database.db.source.count();
    for (const bad of [{ url: 'javascript:alert(1)' }, { archiveUrl: 'data:text/html,<script>alert(1)</script>' }, { title: '' }, { issued: '12/05/2016' }, { kind: 'BLOG' }]) {
      const failure = await addSourceToNote(people.editor, documentSlug, 1, aSource(bad)).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { [Object.keys(bad)[0]!]: [expect.any(String)] } });
    }
    expect(await database.db.source.count()).toBe(before);
  });

  it('refuse a note the document does not have', async () => {
    expect(await outcomeOf(() => addSourceToNote(people.editor, documentSlug, 99, aSource()))).toBe('NOT_FOUND');
  });

  it('store authors in order and serve several notes from one source', async () => {
    const { id } = await addSourceToNote(people.editor, documentSlug, 1, aSource({ title: 'Shared across notes' }));
    const { sourceId } = await database.db.footnoteSource.findUniqueOrThrow({ where: { id } });
    await attachExistingSource(people.commenter, documentSlug, 2, { sourceId });
    expect(await outcomeOf(() => attachExistingSource(people.commenter, documentSlug, 2, { sourceId }))).toBe('CONFLICT');
    const source = await database.db.source.findUniqueOrThrow({ where: { id: sourceId }, include: { footnotes: true } });
    expect(source.authors).toEqual(['Lemon, Edward', 'Tucker, Noah']);
    expect(source.footnotes.map((attached) => attached.footnoteNumber).sort()).toEqual([1, 2]);
  });

  it('keep every verdict in the history with who set it', async () => {
    const { id } = await addSourceToNote(people.commenter, documentSlug, 1, aSource({ title: 'Contested report' }));
    await setVerdict(people.editor, id, { verdict: 'PARTIALLY_SUPPORTS', comment: 'Gives 2,000, not 5,000', evidenceQuote: 'about 2,000 fighters' });
    await setVerdict(people.owner, id, { verdict: 'SUPPORTS', comment: 'The 2017 edition gives 5,000' });
    const document = await getReaderDocument(people.viewer, documentSlug);
    const attached = document?.footnotes.find((note) => note.number === 1)?.sources.find((source) => source.title === 'Contested report');
    expect(attached).toMatchObject({ verdict: 'SUPPORTS', verdictSetBy: 'Owner', attachedBy: 'Commenter', evidenceQuote: 'about 2,000 fighters' });
    expect(attached?.history.map((entry) => [entry.verdict, entry.changedBy])).toEqual([
      ['UNVERIFIED', 'Commenter'],
      ['PARTIALLY_SUPPORTS', 'Editor'],
      ['SUPPORTS', 'Owner'],
    ]);
  });
});

describe('the Sources view', () => {
  it('counts notes with a source and notes a source supports', async () => {
    const workspace = await createWorkspace(database.db, [[people.editor, 'EDITOR']]);
    const slug = await createDocument(database.db, workspace.id);
    expect((await getSourcesOverview(people.editor, slug))?.coverage).toEqual({ total: 2, withSource: 0, supported: 0, contradicted: 0 });
    await addSourceToNote(people.editor, slug, 1, aSource({ verdict: 'SUPPORTS' }));
    await addSourceToNote(people.editor, slug, 2, aSource({ verdict: 'DOES_NOT_SUPPORT' }));
    const overview = await getSourcesOverview(people.editor, slug);
    expect(overview?.coverage).toEqual({ total: 2, withSource: 2, supported: 1, contradicted: 1 });
    expect(overview?.notes.map((note) => [note.number, note.status, note.claimCount])).toEqual([
      [1, 'supported', 1],
      [2, 'contradicted', 1],
    ]);
    expect(await getSourcesOverview(people.outsider, slug)).toBeNull();
  });
});
