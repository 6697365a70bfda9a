import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/dal/authorization';
import { deleteSource, editEvidence, editSource, findSourceUses, mergeDuplicateSources } from '@/lib/dal/source-library';
import { addSourceToNote, attachExistingSource, setVerdict } from '@/lib/dal/sources';
import { getVerificationDesk, setNoteTracing } from '@/lib/dal/verification-desk';
import { describeTracingChange } from '@/lib/format/tracing-history';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, createUser, createWorkspace, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

type Actor = 'owner' | 'editor' | 'commenter' | 'viewer' | 'outsider' | 'visitor';
const ACTORS: Actor[] = ['owner', 'editor', 'commenter', 'viewer', 'outsider', 'visitor'];

const TEXT = 'A desk memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.[3]\n';

let database: TestDatabase;
let team: Team;
let people: Record<Exclude<Actor, 'visitor'>, Viewer>;
const viewerOf = (actor: Actor): Viewer | null => (actor === 'visitor' ? null : people[actor]);

const aSource = (overrides: Record<string, unknown> = {}) => ({ kind: 'REPORT', title: 'Foreign fighters from Central Asia', authors: 'Lemon, Edward', issued: '2016-05', url: 'https://example.org/report', ...overrides });
const editedFields = (overrides: Record<string, unknown> = {}) => ({ ...aSource(), ...overrides });
const newDocument = () => createDocument(database.db, team.workspace.id, { text: TEXT });

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  people = team.people;
});

afterAll(async () => {
  await database.drop();
});

describe('tracing a note', () => {
  const tracers: Record<Actor, string> = { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' };

  it.each(ACTORS)('%s may set a note in progress as their rights allow', async (actor) => {
    const slug = await newDocument();
    expect(await outcomeOf(() => setNoteTracing(viewerOf(actor), slug, 2, { status: 'IN_PROGRESS', assigneeId: '' }))).toBe(tracers[actor]);
  });

  it('only editors and owners mark a note verified, and a note must exist', async () => {
    const slug = await newDocument();
    expect(await outcomeOf(() => setNoteTracing(people.commenter, slug, 2, { status: 'VERIFIED', assigneeId: '' }))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => setNoteTracing(people.editor, slug, 2, { status: 'VERIFIED', assigneeId: '' }))).toBe('ok');
    expect(await outcomeOf(() => setNoteTracing(people.editor, slug, 99, { status: 'TRACED', assigneeId: '' }))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => setNoteTracing(people.editor, slug, 2, { status: 'DONE', assigneeId: '' }))).toBe('INVALID_INPUT');
  });

  it('assigns only to members who can comment, never to a viewer or a stranger', async () => {
    const slug = await newDocument();
    const stranger = await createUser(database.db, 'Stranger');
    expect(await outcomeOf(() => setNoteTracing(people.owner, slug, 1, { status: 'UNTRACED', assigneeId: people.viewer.id }))).toBe('INVALID_INPUT');
    expect(await outcomeOf(() => setNoteTracing(people.owner, slug, 1, { status: 'UNTRACED', assigneeId: stranger.id }))).toBe('INVALID_INPUT');
  });

  it('the desk counts, filters, picks the next note, and the note history says who changed what and why', async () => {
    const slug = await newDocument();
    await setNoteTracing(people.owner, slug, 1, { status: 'UNTRACED', assigneeId: people.commenter.id, reason: 'Commenter knows the IMU' });
    await setNoteTracing(people.editor, slug, 2, { status: 'DISPUTED', assigneeId: '' });

    const forCommenter = await getVerificationDesk(people.commenter, slug, 'mine');
    expect(forCommenter?.notes.map((note) => note.number)).toEqual([1]);
    expect(forCommenter?.nextNote).toBe(1);
    expect(forCommenter?.total).toBe(3);
    expect(forCommenter?.traced).toBe(1);
    expect(forCommenter?.counts).toMatchObject({ UNTRACED: 2, DISPUTED: 1, TRACED: 0 });

    const forEditor = await getVerificationDesk(people.editor, slug, 'all');
    // Note 1 is the commenter's: the editor is sent to the first untraced note assigned to nobody.
    expect(forEditor?.nextNote).toBe(3);
    expect((await getVerificationDesk(people.editor, slug, 'unassigned'))?.notes.map((note) => note.number)).toEqual([2, 3]);
    expect((await getVerificationDesk(people.editor, slug, 'disputed'))?.notes.map((note) => note.number)).toEqual([2]);

    const history = forEditor!.notes.find((note) => note.number === 1)!.history;
    expect(history.map((entry) => [describeTracingChange(entry), entry.changedBy, entry.reason])).toEqual([[`Assignee: nobody → ${people.commenter.name}`, people.owner.name, 'Commenter knows the IMU']]);
  });

  it('does not show a visitor of a public document who is assigned', async () => {
    const slug = await createDocument(database.db, team.workspace.id, { text: TEXT, isPublic: true });
    await setNoteTracing(people.owner, slug, 1, { status: 'IN_PROGRESS', assigneeId: people.editor.id });
    const desk = await getVerificationDesk(null, slug, 'all');
    expect(desk?.notes[0]).toMatchObject({ status: 'IN_PROGRESS', assigneeId: null, assigneeName: null, history: [] });
    expect(desk?.members).toEqual([]);
    expect(await getVerificationDesk(people.outsider, await newDocument(), 'all')).toBeNull();
  });
});

describe('sources as records', () => {
  const editors: Record<Actor, string> = { owner: 'ok', editor: 'ok', commenter: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' };

  it.each(ACTORS)('%s may edit a source only as an editor or owner', async (actor) => {
    const slug = await newDocument();
    const { id } = await addSourceToNote(people.editor, slug, 2, aSource());
    const { sourceId } = await database.db.footnoteSource.findUniqueOrThrow({ where: { id }, select: { sourceId: true } });
    expect(await outcomeOf(() => editSource(viewerOf(actor), sourceId, editedFields({ title: `Edited by ${actor}` })))).toBe(editors[actor]);
    expect(await outcomeOf(() => deleteSource(viewerOf(actor), sourceId, {}))).toBe(editors[actor]);
  });

  it('keeps every edited field in the source history with before, after, who and why', async () => {
    const slug = await newDocument();
    const { id } = await addSourceToNote(people.editor, slug, 2, aSource());
    const { sourceId } = await database.db.footnoteSource.findUniqueOrThrow({ where: { id }, select: { sourceId: true } });
    const { changed } = await editSource(people.owner, sourceId, editedFields({ title: 'Foreign fighters from Central Asia, revised', doi: 'https://doi.org/10.1234/ABC.5', reason: 'The report was reissued' }));
    expect(changed).toEqual(['title', 'doi']);
    const desk = await getVerificationDesk(people.owner, slug, 'all');
    const source = desk!.notes.find((note) => note.number === 2)!.sources[0]!;
    expect(source.doi).toBe('10.1234/abc.5');
    expect(source.sourceHistory.map((entry) => [describeTracingChange(entry), entry.changedBy, entry.reason])).toEqual([
      ['Source “Foreign fighters from Central Asia” created', people.editor.name, null],
      ['Title: “Foreign fighters from Central Asia” → “Foreign fighters from Central Asia, revised”', people.owner.name, 'The report was reissued'],
      ['DOI: nothing → “10.1234/abc.5”', people.owner.name, 'The report was reissued'],
    ]);
  });

  it('keeps a note’s verdict and evidence history readable after its source is deleted, and names the notes that used it', async () => {
    const slug = await newDocument();
    const { id } = await addSourceToNote(people.commenter, slug, 2, aSource({ title: 'A report to delete' }));
    const { sourceId } = await database.db.footnoteSource.findUniqueOrThrow({ where: { id }, select: { sourceId: true } });
    await attachExistingSource(people.editor, slug, 3, { sourceId, verdict: 'PARTIALLY_SUPPORTS' });
    await setVerdict(people.editor, id, { verdict: 'PARTIALLY_SUPPORTS', comment: 'Only the 2014 figure matches' });
    await setVerdict(people.owner, id, { verdict: 'SUPPORTS', comment: 'Table 3 has the 2016 figure' });
    await editEvidence(people.owner, id, { evidenceQuote: 'About 4,000 left for Syria.', reason: 'Quoted from table 3' });
    expect(await outcomeOf(() => editEvidence(people.commenter, id, { evidenceQuote: 'Other' }))).toBe('FORBIDDEN');

    expect((await findSourceUses(people.editor, sourceId)).map((use) => use.footnoteNumber)).toEqual([2, 3]);
    expect(await deleteSource(people.owner, sourceId, { reason: 'Withdrawn by its publisher' })).toEqual({ notesAffected: 2 });

    const desk = await getVerificationDesk(people.editor, slug, 'all');
    const note = desk!.notes.find((candidate) => candidate.number === 2)!;
    expect(note.sources).toEqual([]);
    expect(note.history.map((entry) => [describeTracingChange(entry), entry.changedBy, entry.reason])).toEqual([
      ['Source “A report to delete” attached, verdict Not yet checked', people.commenter.name, null],
      ['Verdict on “A report to delete”: Not yet checked → Partly supports', people.editor.name, 'Only the 2014 figure matches'],
      ['Verdict on “A report to delete”: Partly supports → Supports', people.owner.name, 'Table 3 has the 2016 figure'],
      ['Evidence from “A report to delete”: nothing → “About 4,000 left for Syria.”', people.owner.name, 'Quoted from table 3'],
      ['Source “A report to delete” deleted; its last verdict was Supports', people.owner.name, 'Withdrawn by its publisher'],
    ]);
  });

  it('merges duplicates by DOI, address, or title and year, moving their notes to the oldest', async () => {
    const slug = await newDocument();
    const first = await addSourceToNote(people.editor, slug, 1, aSource({ title: 'Exporting jihad', url: 'https://example.org/one', doi: '10.5555/one' }));
    await addSourceToNote(people.editor, slug, 2, aSource({ title: 'Exporting Jihad (reprint)', url: 'https://www.example.org/one/', publisher: 'OSW' }));
    await addSourceToNote(people.editor, slug, 3, aSource({ title: 'Another title', url: 'https://example.org/other', doi: 'doi:10.5555/ONE' }));
    await addSourceToNote(people.editor, slug, 3, aSource({ title: 'Exporting  JIHAD!', url: 'https://example.org/third', issued: '2017' }));
    await addSourceToNote(people.editor, slug, 1, aSource({ title: 'Exporting jihad', url: 'https://example.org/fourth', issued: '2017-04' }));
    expect(await outcomeOf(() => mergeDuplicateSources(people.commenter, team.workspace.slug))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => mergeDuplicateSources(people.outsider, team.workspace.slug))).toBe('NOT_FOUND');

    const before = await getVerificationDesk(people.editor, slug, 'all');
    expect(before?.duplicateCount).toBeGreaterThanOrEqual(2);
    await mergeDuplicateSources(people.editor, team.workspace.slug);
    const desk = await getVerificationDesk(people.editor, slug, 'all');
    expect(desk?.duplicateCount).toBe(0);
    const { sourceId: keptId } = await database.db.footnoteSource.findUniqueOrThrow({ where: { id: first.id }, select: { sourceId: true } });
    const sourceIdsOf = (number: number) => desk!.notes.find((note) => note.number === number)!.sources.map((source) => source.sourceId);
    expect(sourceIdsOf(2)).toEqual([keptId]);
    expect(sourceIdsOf(3).filter((id) => id === keptId)).toHaveLength(1);
    const kept = await database.db.source.findUniqueOrThrow({ where: { id: keptId }, select: { publisher: true } });
    expect(kept.publisher).toBe('OSW');
    expect(desk!.notes.find((note) => note.number === 2)!.history.some((entry) => describeTracingChange(entry).includes('merged into “Exporting jihad”'))).toBe(true);
  });

  it('keeps sources of another workspace out of reach', async () => {
    const elsewhere = await createWorkspace(database.db, [[people.outsider, 'OWNER']], 'Elsewhere');
    const slug = await createDocument(database.db, elsewhere.id, { text: TEXT });
    const { id } = await addSourceToNote(people.outsider, slug, 1, aSource());
    const { sourceId } = await database.db.footnoteSource.findUniqueOrThrow({ where: { id }, select: { sourceId: true } });
    expect(await outcomeOf(() => editSource(people.owner, sourceId, editedFields()))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => editSource(people.owner, 'not-a-uuid', editedFields()))).toBe('NOT_FOUND');
    expect(await findSourceUses(people.owner, sourceId)).toEqual([]);
  });
});
