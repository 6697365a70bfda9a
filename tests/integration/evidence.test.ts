import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/dal/authorization';
import { importDocument } from '@/lib/dal/document-import';
import { addDocumentSourceToNote, citePassage, getCitingRequest } from '@/lib/dal/evidence';
import { getNoteComparison } from '@/lib/dal/note-comparison';
import { deleteSource } from '@/lib/dal/source-library';
import { setVerdict } from '@/lib/dal/sources';
import { getVerificationDesk } from '@/lib/dal/verification-desk';
import { exportReportHtml } from '@/lib/dal/verification-report';
import { describeTracingChange } from '@/lib/format/tracing-history';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

type Actor = 'owner' | 'editor' | 'commenter' | 'viewer' | 'outsider' | 'visitor';
const ACTORS: Actor[] = ['owner', 'editor', 'commenter', 'viewer', 'outsider', 'visitor'];

const NOTE_TEXT = 'A desk memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nAbout 4,000 fighters left for Syria.[2]\n';
const CITED = 'Between 2,000 and 4,000 fighters from Central Asia travelled to Syria and Iraq by 2016.';
const SOURCE_V1 = `# Fighters from Central Asia\n\n## Findings\n\nThe survey covered five countries over three years.\n\n${CITED} Most of them came from Uzbekistan and Tajikistan.\n`;
// A paragraph comes before the passage, and its year is corrected: the passage moves and changes one word.
const SOURCE_V2 = `# Fighters from Central Asia\n\n## Method\n\nA new opening paragraph written for the revision, about sources and interviews.\n\n## Findings\n\nThe survey covered five countries over three years.\n\n${CITED.replace('2016', '2017')} Most of them came from Uzbekistan and Tajikistan.\n`;

let database: TestDatabase;
let team: Team;
let people: Record<Exclude<Actor, 'visitor'>, Viewer>;
const viewerOf = (actor: Actor): Viewer | null => (actor === 'visitor' ? null : people[actor]);

// A note document, a source document imported into the same workspace, and the source attached to note 2.
async function citingSetup(sourceSlug: string) {
  const noteSlug = await createDocument(database.db, team.workspace.id, { text: NOTE_TEXT });
  await importDocument(people.editor, { workspaceSlug: team.workspace.slug, format: 'markdown', content: SOURCE_V1, slug: sourceSlug });
  const sourceDocument = await database.db.document.findUniqueOrThrow({ where: { slug: sourceSlug }, select: { id: true, versions: { select: { text: true } } } });
  const link = await addDocumentSourceToNote(people.editor, noteSlug, 2, { sourceDocumentId: sourceDocument.id });
  const text = sourceDocument.versions[0]!.text;
  const start = text.indexOf(CITED);
  return { noteSlug, linkId: link.id, range: { versionNumber: 1, start, end: start + CITED.length } };
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  people = team.people;
});

afterAll(async () => {
  await database.drop();
});

describe('citing a passage of a source document', () => {
  const citers: Record<Actor, string> = { owner: 'ok', editor: 'ok', commenter: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' };

  it.each(ACTORS)('%s may cite a passage with a verdict as their rights allow', async (actor) => {
    const { linkId, range } = await citingSetup(`fighters-${actor}`);
    expect(await outcomeOf(() => citePassage(viewerOf(actor), linkId, { ...range, verdict: 'PARTIALLY_SUPPORTS', reason: 'Gives a range' }))).toBe(citers[actor]);
  });

  it('a commenter cites a passage without changing the verdict; a bad range or a stale version is refused with a message', async () => {
    const { linkId, range } = await citingSetup('fighters-commenter-only');
    expect(await outcomeOf(() => citePassage(people.commenter, linkId, range))).toBe('ok');
    expect(await outcomeOf(() => citePassage(people.editor, linkId, { ...range, end: range.start }))).toBe('INVALID_INPUT');
    expect(await outcomeOf(() => citePassage(people.editor, linkId, { ...range, end: 10_000_000 }))).toBe('INVALID_INPUT');
    expect(await outcomeOf(() => citePassage(people.editor, linkId, { ...range, versionNumber: 2 }))).toBe('CONFLICT');
    expect(await outcomeOf(() => citePassage(people.editor, 'not-a-link', range))).toBe('NOT_FOUND');
  });

  it('citing mode opens only on the source’s own document, for members who may cite', async () => {
    const { linkId } = await citingSetup('fighters-citing-mode');
    expect(await getCitingRequest(people.editor, linkId, 'fighters-citing-mode')).toMatchObject({ footnoteNumber: 2, verdict: 'UNVERIFIED', canSetVerdicts: true });
    expect(await getCitingRequest(people.editor, linkId, 'another-document')).toBeNull();
    expect(await getCitingRequest(people.viewer, linkId, 'fighters-citing-mode')).toBeNull();
    expect(await getCitingRequest(people.outsider, linkId, 'fighters-citing-mode')).toBeNull();
  });

  it('the passage becomes a shared annotation in the source document, its quote is the evidence, and the history says who cited it and why', async () => {
    const { noteSlug, linkId, range } = await citingSetup('fighters-evidence');
    const cited = await citePassage(people.editor, linkId, { ...range, verdict: 'PARTIALLY_SUPPORTS', reason: 'Gives a range, not a figure' });
    const annotation = await database.db.annotation.findUniqueOrThrow({ where: { id: cited.annotationId }, select: { motivation: true, visibility: true, document: { select: { slug: true } }, evidenceFor: { select: { id: true, evidenceQuote: true, verdict: true } } } });
    expect(annotation).toMatchObject({ motivation: 'ASSESSING', visibility: 'WORKSPACE', document: { slug: 'fighters-evidence' }, evidenceFor: { id: linkId, evidenceQuote: CITED, verdict: 'PARTIALLY_SUPPORTS' } });

    const desk = await getVerificationDesk(people.commenter, noteSlug, 'all');
    const source = desk!.notes.find((note) => note.number === 2)!.sources[0]!;
    expect(source.passage).toMatchObject({ quote: CITED, documentSlug: 'fighters-evidence', anchorStatus: 'exact', place: 'Findings, paragraph 2' });
    expect(source.passage!.context.after).toContain('Most of them came from Uzbekistan');
    const history = desk!.notes.find((note) => note.number === 2)!.history.map((entry) => [describeTracingChange(entry), entry.changedBy, entry.reason]);
    expect(history).toContainEqual([`Passage cited from “Fighters from Central Asia”: “${CITED}”`, people.editor.name, 'Gives a range, not a figure']);
    expect(history).toContainEqual(['Verdict on “Fighters from Central Asia”: Not yet checked → Partly supports', people.editor.name, 'Gives a range, not a figure']);

    // Only those who may see the annotation see the passage: another workspace's member reads nothing of it.
    expect(await getNoteComparison(people.outsider, noteSlug, 2)).toBeNull();
    const comparison = await getNoteComparison(people.viewer, noteSlug, 2);
    expect(comparison?.citing.map((citing) => citing.passage)).toEqual(['About 4,000 fighters left for Syria.[2]']);
    expect(comparison?.sources[0]).toMatchObject({ verdict: 'PARTIALLY_SUPPORTS', reason: 'Gives a range, not a figure', passage: { quote: CITED } });

    const html = await exportReportHtml(people.owner, noteSlug);
    expect(html).toContain('Cited passage: Fighters from Central Asia, Findings, paragraph 2');
    expect(html).toContain(`<blockquote class="passage">${CITED}</blockquote>`);
  });

  it('citing again replaces the passage and deletes the annotation of the old one', async () => {
    const { linkId, range } = await citingSetup('fighters-recited');
    const first = await citePassage(people.editor, linkId, range);
    const second = await citePassage(people.editor, linkId, { ...range, end: range.start + 'Between 2,000 and 4,000 fighters'.length });
    const rows = await database.db.annotation.findMany({ where: { id: { in: [first.annotationId, second.annotationId] } }, select: { id: true, deletedAt: true } });
    expect(rows.find((row) => row.id === first.annotationId)?.deletedAt).not.toBeNull();
    expect(rows.find((row) => row.id === second.annotationId)?.deletedAt).toBeNull();
    expect((await database.db.footnoteSource.findUniqueOrThrow({ where: { id: linkId }, select: { evidenceQuote: true } })).evidenceQuote).toBe('Between 2,000 and 4,000 fighters');
  });

  it('a new version of the source document re-anchors the passage, and the evidence shown is what it now highlights', async () => {
    const { noteSlug, linkId, range } = await citingSetup('fighters-revised');
    await citePassage(people.editor, linkId, { ...range, verdict: 'SUPPORTS' });
    const second = await importDocument(people.editor, { workspaceSlug: team.workspace.slug, format: 'markdown', content: SOURCE_V2, slug: 'fighters-revised' });
    expect(second).toMatchObject({ versionNumber: 2, isNewVersion: true });

    const desk = await getVerificationDesk(people.editor, noteSlug, 'all');
    const passage = desk!.notes.find((note) => note.number === 2)!.sources[0]!.passage!;
    expect(passage).toMatchObject({ versionNumber: 2, anchorStatus: 'fuzzy', storedQuote: CITED, place: 'Findings, paragraph 3' });
    expect(passage.quote).toContain('by 2017');
    const text = (await database.db.documentVersion.findFirstOrThrow({ where: { document: { slug: 'fighters-revised' }, number: 2 }, select: { text: true } })).text;
    expect(text.includes(passage.quote)).toBe(true);
  });

  it('deleting the source keeps the note’s verdict history readable, and the passage stays in the source document', async () => {
    const { noteSlug, linkId, range } = await citingSetup('fighters-deleted');
    const cited = await citePassage(people.editor, linkId, { ...range, verdict: 'PARTIALLY_SUPPORTS', reason: 'A range' });
    await setVerdict(people.owner, linkId, { verdict: 'SUPPORTS', comment: 'The range covers it' });
    const sourceId = (await database.db.footnoteSource.findUniqueOrThrow({ where: { id: linkId }, select: { sourceId: true } })).sourceId;
    await deleteSource(people.owner, sourceId, { reason: 'Withdrawn' });
    const desk = await getVerificationDesk(people.editor, noteSlug, 'all');
    const history = desk!.notes.find((note) => note.number === 2)!.history.map(describeTracingChange);
    expect(history).toContain('Verdict on “Fighters from Central Asia”: Not yet checked → Partly supports');
    expect(history).toContain('Verdict on “Fighters from Central Asia”: Partly supports → Supports');
    expect(history).toContain('Source “Fighters from Central Asia” deleted; its last verdict was Supports');
    expect(await database.db.annotation.count({ where: { id: cited.annotationId, deletedAt: null } })).toBe(1);
  });

  it('a document becomes a source once: attached again to the same note it is refused, and another workspace’s document is not offered', async () => {
    const noteSlug = await createDocument(database.db, team.workspace.id, { text: NOTE_TEXT });
    const sourceSlug = await createDocument(database.db, team.workspace.id);
    const other = await createDocument(database.db, team.otherWorkspace.id);
    const ids = await database.db.document.findMany({ where: { slug: { in: [sourceSlug, other, noteSlug] } }, select: { id: true, slug: true } });
    const idOf = (slug: string) => ids.find((row) => row.slug === slug)!.id;
    expect(await outcomeOf(() => addDocumentSourceToNote(people.commenter, noteSlug, 1, { sourceDocumentId: idOf(sourceSlug) }))).toBe('ok');
    expect(await outcomeOf(() => addDocumentSourceToNote(people.editor, noteSlug, 1, { sourceDocumentId: idOf(sourceSlug) }))).toBe('CONFLICT');
    expect(await outcomeOf(() => addDocumentSourceToNote(people.editor, noteSlug, 2, { sourceDocumentId: idOf(sourceSlug) }))).toBe('ok');
    expect(await database.db.source.count({ where: { documentId: idOf(sourceSlug) } })).toBe(1);
    expect(await outcomeOf(() => addDocumentSourceToNote(people.editor, noteSlug, 1, { sourceDocumentId: idOf(other) }))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => addDocumentSourceToNote(people.editor, noteSlug, 1, { sourceDocumentId: idOf(noteSlug) }))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => addDocumentSourceToNote(people.viewer, noteSlug, 1, { sourceDocumentId: idOf(sourceSlug) }))).toBe('FORBIDDEN');
  });
});
