import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, unsafeReanchorDocument } from '@/lib/dal/annotations';
import { compareVersions, findDocumentVersions, getVersionPage, getVersionPlainText } from '@/lib/dal/document-versions';
import { setDocumentVisibility } from '@/lib/dal/document-visibility';
import { exportMarkdownReport, exportWebAnnotations } from '@/lib/dal/exports';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { codePointLength } from '@/lib/domain/text';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const KEPT = 'Kazakh wheat now reaches Iran by rail.';
const CUT = 'Volumes doubled in two years.';
const FIRST = `Grain memo\n\n${KEPT} ${CUT}\n\n\nThe ports\n\nAktau and Kuryk compete for ferries.\n`;
const SECOND = `Grain memo\n\n${KEPT} Nobody counts the trucks.\n\n\nThe ports\n\nAktau and Kuryk compete for ferries.\n`;

let database: TestDatabase;
let team: Team;
let slug: string;
const ids = { kept: randomUUID(), cut: randomUUID() };

const rangeOf = (text: string, quote: string) => {
  const start = codePointLength(text.slice(0, text.indexOf(quote)));
  return { start, end: start + codePointLength(quote) };
};

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: FIRST });
  const { editor, commenter } = team.people;
  await createAnnotation(commenter, slug, { id: ids.kept, versionNumber: 1, ...rangeOf(FIRST, KEPT), body: 'Which railway?', tags: [], visibility: 'WORKSPACE' });
  await createAnnotation(commenter, slug, { id: ids.cut, versionNumber: 1, ...rangeOf(FIRST, CUT), body: 'Says who?', tags: [], visibility: 'WORKSPACE' });
  const stored = await unsafeStoreDocumentVersion(database.db, {
    workspaceId: team.workspace.id,
    metadata: { slug, title: `Memo ${slug}` },
    parsed: parsePlainTextDocument(SECOND),
    isPublic: false,
    importerId: editor.id,
  });
  await unsafeReanchorDocument(database.db, stored.documentId, stored.versionId);
});

afterAll(async () => {
  await database.drop();
});

describe('the versions of a re-imported document', () => {
  it('are listed oldest first with their importer, the newest marked current', async () => {
    const document = await findDocumentVersions(team.people.viewer, slug);
    expect(document?.versions.map((version) => [version.number, version.importerName, version.isCurrent])).toEqual([
      [1, null, false],
      [2, team.people.editor.name, true],
    ]);
  });

  it('show version 1 with the annotations made on it where they sat, the one cut since included', async () => {
    const page = await getVersionPage(team.people.viewer, slug, 1);
    const text = [...page!.lead, ...page!.sections.flatMap((section) => section.paragraphs)].flat();
    expect(text.map((piece) => piece.text).join('')).toContain(CUT);
    expect(text.filter((piece) => piece.isMarked).map((piece) => piece.text)).toEqual([KEPT, CUT]);
    expect(page?.annotations.map((annotation) => [annotation.quote, annotation.placement])).toEqual([
      [KEPT, 'exact'],
      [CUT, 'exact'],
    ]);
  });

  it('compare word by word, and give the text of each version', async () => {
    const comparison = await compareVersions(team.people.viewer, slug, 1, 2);
    expect(comparison?.diff.parts.filter((part) => part.kind === 'removed').map((part) => part.text)).toEqual(['Volumes doubled in two years']);
    expect(comparison?.diff.parts.filter((part) => part.kind === 'added').map((part) => part.text)).toEqual(['Nobody counts the trucks']);
    expect(await getVersionPlainText(team.people.viewer, slug, 1)).toContain(CUT);
    expect(await getVersionPlainText(team.people.viewer, slug, 2)).toContain('Nobody counts the trucks.');
  });

  it('are not shown to those who may not read the document, and a missing version is nobody’s', async () => {
    expect(await findDocumentVersions(team.people.outsider, slug)).toBeNull();
    expect(await getVersionPage(null, slug, 1)).toBeNull();
    expect(await getVersionPlainText(team.people.outsider, slug, 1)).toBeNull();
    expect(await getVersionPage(team.people.owner, slug, 3)).toBeNull();
    expect(await compareVersions(team.people.owner, slug, 1, 9)).toBeNull();
  });
});

describe('an orphan in the exports', () => {
  it('keeps its stored quote and has no position in the W3C export, and is listed as not placed in the report', async () => {
    const collection = await exportWebAnnotations(team.people.commenter, slug, { baseUrl: 'https://marginalia.example' });
    const items = 'first' in collection ? (collection.first as { items: Array<{ id: string; target: { source: string; selector: Array<{ type: string; exact?: string }> } }> }).items : [];
    const orphan = items.find((item) => item.id.endsWith(ids.cut));
    expect(orphan?.target.selector.map((selector) => selector.type)).toEqual(['TextQuoteSelector']);
    expect(orphan?.target.selector[0]?.exact).toBe(CUT);
    expect(orphan?.target.source).toBe(`https://marginalia.example/documents/${slug}/versions/1`);
    const placed = items.find((item) => item.id.endsWith(ids.kept));
    expect(placed?.target.selector.map((selector) => selector.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    const report = await exportMarkdownReport(team.people.commenter, slug, { baseUrl: 'https://marginalia.example' });
    expect(report).toMatch(/## Not placed in this version\n\n> Volumes doubled in two years\./u);
  });
});

describe('Document visibility', () => {
  it('is the choice of owners and editors: a public document reads for a visitor, and each change is in the feed', async () => {
    expect(await outcomeOf(() => setDocumentVisibility(team.people.commenter, slug, { visibility: 'PUBLIC' }))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => setDocumentVisibility(team.people.outsider, slug, { visibility: 'PUBLIC' }))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => setDocumentVisibility(null, slug, { visibility: 'PUBLIC' }))).toBe('UNAUTHENTICATED');
    expect(await outcomeOf(() => setDocumentVisibility(team.people.editor, slug, { visibility: 'EVERYONE' }))).toBe('INVALID_INPUT');
    expect(await findDocumentVersions(null, slug)).toBeNull();

    expect(await setDocumentVisibility(team.people.editor, slug, { visibility: 'PUBLIC' })).toEqual({ isPublic: true });
    expect(await findDocumentVersions(null, slug)).not.toBeNull();
    await setDocumentVisibility(team.people.editor, slug, { visibility: 'PUBLIC' });
    expect(await setDocumentVisibility(team.people.owner, slug, { visibility: 'PRIVATE' })).toEqual({ isPublic: false });
    expect(await findDocumentVersions(null, slug)).toBeNull();
    const { id: documentId } = await database.db.document.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const logged = await database.db.activity.findMany({ where: { kind: { in: ['document.published', 'document.unpublished'] }, documentId }, orderBy: { id: 'asc' }, select: { kind: true, actorId: true } });
    expect(logged).toEqual([
      { kind: 'document.published', actorId: team.people.editor.id },
      { kind: 'document.unpublished', actorId: team.people.owner.id },
    ]);
  });
});
