import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, deleteAnnotation, settleAnchor, unsafeReanchorDocument } from '@/lib/dal/annotations';
import { getVersionPage, type VersionAnnotation } from '@/lib/dal/document-versions';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { codePointLength } from '@/lib/domain/text';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, type Team } from '@/tests/helpers/factories';

const MOVES = 'Kazakh wheat now reaches Iran by rail.';
const EDITED = 'Volumes doubled in two years, the ministry said.';
const EDITED_LATER = 'Volumes nearly doubled in two years, the ministry said.';
const DETACHED = 'Freight rates fell sharply in the spring.';
const memo = (lead: string) => `Grain memo\n\n${lead}\n\n\nThe ports\n\nAktau and Kuryk compete for ferries.\n`;
const V1 = memo(`${MOVES} ${EDITED} ${DETACHED}`);
const V2 = memo(`A line added before. ${MOVES} ${EDITED_LATER} ${DETACHED}`);
const V3 = memo(`Another opening. A line added before. ${MOVES} ${EDITED_LATER} ${DETACHED}`);

let database: TestDatabase;
let team: Team;
let slug: string;
let documentId: string;
const ids = { moves: randomUUID(), edited: randomUUID(), detached: randomUUID() };
type Stored = { id: string; anchorStart: number | null; anchorEnd: number | null; anchorStatus: string };
let onVersion2: Map<string, Stored>;

const rangeOf = (text: string, quote: string) => {
  const start = codePointLength(text.slice(0, text.indexOf(quote)));
  return { start, end: start + codePointLength(quote) };
};
const sliceOf = (text: string, start: number, end: number) => [...text].slice(start, end).join('');

async function importVersion(text: string): Promise<void> {
  const stored = await unsafeStoreDocumentVersion(database.db, {
    workspaceId: team.workspace.id,
    metadata: { slug, title: `Memo ${slug}` },
    parsed: parsePlainTextDocument(text),
    isPublic: false,
    importerId: team.people.editor.id,
  });
  await unsafeReanchorDocument(database.db, stored.documentId, stored.versionId);
}

async function storedPlacements(): Promise<Map<string, Stored>> {
  const rows = await database.db.annotation.findMany({ where: { documentId }, select: { id: true, anchorStart: true, anchorEnd: true, anchorStatus: true } });
  return new Map(rows.map((row) => [row.id, row]));
}

async function annotationsOn(number: number): Promise<Map<string, VersionAnnotation>> {
  const page = await getVersionPage(team.people.viewer, slug, number);
  return new Map(page!.annotations.map((annotation) => [annotation.id, annotation]));
}

const marksOn = async (number: number) => {
  const page = await getVersionPage(team.people.viewer, slug, number);
  return [...page!.lead, ...page!.sections.flatMap((section) => section.paragraphs)].flat().filter((piece) => piece.isMarked).map((piece) => piece.text);
};

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: V1 });
  ({ id: documentId } = await database.db.document.findUniqueOrThrow({ where: { slug }, select: { id: true } }));
  const { commenter } = team.people;
  for (const [id, quote] of [[ids.moves, MOVES], [ids.edited, EDITED], [ids.detached, DETACHED]] as const) {
    await createAnnotation(commenter, slug, { id, versionNumber: 1, ...rangeOf(V1, quote), body: `On ${quote}`, tags: [], visibility: 'WORKSPACE' });
  }
  await importVersion(V2);
  // On version 2 a person confirms the reworded passage and detaches another: the version keeps both choices.
  await settleAnchor(commenter, ids.edited, 'confirm');
  await settleAnchor(commenter, ids.detached, 'detach');
  onVersion2 = await storedPlacements();
  await importVersion(V3);
});

afterAll(async () => {
  await database.drop();
});

describe('an old version’s page', () => {
  it('shows version 1 with each annotation where it sat on version 1, not placed again', async () => {
    const page = await annotationsOn(1);
    expect([...page.values()].map((annotation) => [annotation.id, annotation.start, annotation.end, annotation.placement, annotation.highlighted, annotation.isPlacedAgain])).toEqual([
      [ids.moves, rangeOf(V1, MOVES).start, rangeOf(V1, MOVES).end, 'exact', MOVES, false],
      [ids.edited, rangeOf(V1, EDITED).start, rangeOf(V1, EDITED).end, 'exact', EDITED, false],
      [ids.detached, rangeOf(V1, DETACHED).start, rangeOf(V1, DETACHED).end, 'exact', DETACHED, false],
    ]);
    expect(await marksOn(1)).toEqual([MOVES, EDITED, DETACHED]);
  });

  it('shows version 2 with the placements stored while it was current: the moved quote, the confirmed rewording and the detached orphan', async () => {
    const page = await annotationsOn(2);
    const moved = page.get(ids.moves)!;
    expect([moved.start, moved.end, moved.placement, moved.highlighted]).toEqual([rangeOf(V2, MOVES).start, rangeOf(V2, MOVES).end, 'moved', MOVES]);
    expect(onVersion2.get(ids.moves)).toMatchObject({ anchorStart: moved.start, anchorEnd: moved.end, anchorStatus: 'MOVED' });

    const edited = page.get(ids.edited)!;
    const then = onVersion2.get(ids.edited)!;
    expect([edited.start, edited.end, edited.placement]).toEqual([then.anchorStart, then.anchorEnd, then.anchorStatus.toLowerCase()]);
    expect(edited.placement).not.toBe('exact');
    expect(edited.highlighted).toBe(sliceOf(V2, then.anchorStart!, then.anchorEnd!));
    expect(edited.highlighted).toContain('nearly doubled');
    expect(edited.quote).toBe(EDITED);

    expect(page.get(ids.detached)).toMatchObject({ placement: 'orphan', start: null, end: null, highlighted: null, quote: DETACHED, isPlacedAgain: false });
    expect(await marksOn(2)).not.toContain(DETACHED);
  });

  it('keeps each version’s placement once, with the confirmation made on it, and the current one on the annotation alone', async () => {
    const { versions } = await database.db.document.findUniqueOrThrow({ where: { id: documentId }, select: { versions: { orderBy: { number: 'asc' }, select: { id: true } } } });
    const rows = await database.db.annotationPlacement.findMany({ where: { annotationId: { in: Object.values(ids) } }, select: { annotationId: true, versionId: true, isConfirmed: true, status: true } });
    expect(rows).toHaveLength(6);
    expect(rows.some((row) => row.versionId === versions[2]!.id)).toBe(false);
    expect(rows.find((row) => row.annotationId === ids.edited && row.versionId === versions[1]!.id)?.isConfirmed).toBe(true);
    expect(rows.find((row) => row.annotationId === ids.detached && row.versionId === versions[1]!.id)).toMatchObject({ isConfirmed: true, status: 'ORPHAN' });
    // The detached annotation moved on with the others and stays detached on the newest version.
    const detached = await database.db.annotation.findUniqueOrThrow({ where: { id: ids.detached }, select: { versionId: true, anchorStatus: true, isAnchorConfirmed: true } });
    expect(detached).toEqual({ versionId: versions[2]!.id, anchorStatus: 'ORPHAN', isAnchorConfirmed: true });
    expect((await annotationsOn(3)).get(ids.detached)).toMatchObject({ placement: 'orphan', isPlacedAgain: false });
    expect((await annotationsOn(3)).get(ids.moves)).toMatchObject({ ...rangeOf(V3, MOVES), placement: 'moved', isPlacedAgain: false });
  });

  it('places again from its quote, and says so, an annotation that left a version before its placement was kept', async () => {
    const { id: version1 } = await database.db.documentVersion.findFirstOrThrow({ where: { documentId, number: 1 }, select: { id: true } });
    await database.db.annotationPlacement.delete({ where: { annotationId_versionId: { annotationId: ids.moves, versionId: version1 } } });
    expect((await annotationsOn(1)).get(ids.moves)).toMatchObject({ ...rangeOf(V1, MOVES), placement: 'exact', isPlacedAgain: true });
    expect((await annotationsOn(1)).get(ids.edited)?.isPlacedAgain).toBe(false);
  });

  it('forgets where a deleted annotation sat on every version', async () => {
    await deleteAnnotation(team.people.commenter, ids.edited);
    expect(await database.db.annotationPlacement.count({ where: { annotationId: ids.edited } })).toBe(0);
    expect((await annotationsOn(1)).has(ids.edited)).toBe(false);
    expect((await annotationsOn(2)).has(ids.edited)).toBe(false);
    expect(await marksOn(2)).toEqual([MOVES]);
  });
});
