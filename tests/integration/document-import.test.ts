import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { importDocument, previewDocumentImport } from '@/lib/dal/document-import';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parseImportedDocument } from '@/lib/domain/document-import';
import { codePointLength } from '@/lib/domain/text';
import { AppError } from '@/lib/errors';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

let database: TestDatabase;
let team: Team;

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url), 'utf8');

const FIELD_REPORT = `# Field Report from Osh

The convoy left Osh at dawn on the fourth day.[^driver]

## Findings

Fuel prices doubled within a week of the closure.

Local traders blamed the customs service for the delays at the border crossing.[^traders]

Nobody expected the bridge at Kara-Suu to reopen before winter.

[^driver]: Interview with a driver, 4 May 2024.
[^traders]: Bazaar survey, 30 traders.
`;

// The same report a week later: a paragraph inserted before "Fuel prices", one reworded, one removed.
const FIELD_REPORT_EDITED = FIELD_REPORT.replace('## Findings\n\n', '## Findings\n\nThe border stayed closed for eleven more days.\n\n')
  .replace('customs service for', 'customs officers for')
  .replace('Nobody expected the bridge at Kara-Suu to reopen before winter.\n\n', '');

async function failureOf(call: () => Promise<unknown>): Promise<AppError> {
  const failure = await call().then(
    () => null,
    (error: unknown) => error,
  );
  if (!(failure instanceof AppError)) throw new Error(`Expected an AppError, got ${String(failure)}`);
  return failure;
}

async function annotateQuote(viewer: Viewer, slug: string, text: string, quote: string): Promise<string> {
  const at = text.indexOf(quote);
  if (at === -1) throw new Error(`"${quote}" is not in the text`);
  const start = codePointLength(text.slice(0, at));
  const id = randomUUID();
  await createAnnotation(viewer, slug, { id, versionNumber: 1, start, end: start + codePointLength(quote), body: 'Source?', tags: [], visibility: 'WORKSPACE' });
  return id;
}

const storedCounts = async () => ({
  documents: await database.db.document.count(),
  versions: await database.db.documentVersion.count(),
  footnotes: await database.db.footnote.count(),
});

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
});

afterAll(async () => {
  await database?.drop();
});

describe('importing a new document', () => {
  it('stores a Markdown article as a private document of the workspace, with its note texts', async () => {
    const result = await importDocument(team.people.editor, { workspaceSlug: team.workspace.slug, format: 'markdown', content: fixture('water-and-power.md') });
    expect(result).toMatchObject({ documentSlug: 'water-and-power-in-central-asia', versionNumber: 1, isNewDocument: true, isNewVersion: true, reanchor: null });
    const document = await database.db.document.findUniqueOrThrow({
      where: { slug: result.documentSlug },
      select: { title: true, visibility: true, workspaceId: true, versions: { select: { footnotes: { orderBy: { number: 'asc' }, select: { number: true, noteText: true } } } } },
    });
    expect(document).toMatchObject({ title: 'Water and Power in Central Asia', visibility: 'PRIVATE', workspaceId: team.workspace.id });
    expect(document.versions[0]?.footnotes).toEqual([
      { number: 1, noteText: 'UN-Water, Transboundary Waters Fact Sheet (2021), p. 4.' },
      { number: 2, noteText: 'See the ICG report of 2014, chapter 3.' },
      { number: 3, noteText: 'World Bank, Rogun assessment, 2014.' },
      { number: 4, noteText: 'Zonn, The Karakum Canal, 2012.' },
      { number: 5, noteText: null },
    ]);
  });

  it('detects the format from the file name and takes the slug and title given', async () => {
    const result = await importDocument(team.people.owner, {
      workspaceSlug: team.workspace.slug,
      content: fixture('moscow-memo.txt'),
      fileName: 'moscow-memo.txt',
      slug: 'moscow-memo',
      title: 'Moscow memo',
    });
    expect(result).toMatchObject({ documentSlug: 'moscow-memo', title: 'Moscow memo', isNewDocument: true });
    expect(result.preview).toMatchObject({ format: 'text', noteCount: 3, markersWithoutNotes: [] });
  });

  it('previews without storing anything', async () => {
    const before = await storedCounts();
    const preview = await previewDocumentImport(team.people.editor, { workspaceSlug: team.workspace.slug, content: fixture('hostile-article.html'), fileName: 'a.html' });
    expect(preview).toMatchObject({ format: 'html', title: 'Sanctions and Smuggling', slug: 'sanctions-and-smuggling', paragraphCount: 5, noteCount: 3, removedMarkup: 10 });
    expect(await storedCounts()).toEqual(before);
  });

  it('stores no script, event handler or javascript: address from a hostile HTML page', async () => {
    const result = await importDocument(team.people.editor, { workspaceSlug: team.workspace.slug, format: 'html', content: fixture('hostile-article.html') });
    const version = await database.db.documentVersion.findFirstOrThrow({
      where: { document: { slug: result.documentSlug } },
      select: { text: true, footnotes: { select: { noteText: true } }, sections: { select: { heading: true } } },
    });
    const stored = JSON.stringify(version) + JSON.stringify(await database.db.document.findUniqueOrThrow({ where: { slug: result.documentSlug } }));
    for (const forbidden of ['<script', 'onerror', 'onload', 'onclick', 'javascript:', 'alert(', '<']) expect(stored).not.toContain(forbidden);
    expect(version.footnotes.map((footnote) => footnote.noteText)).toEqual(['Kyrgyz customs data, 2023.', 'Field notes, Naryn, 2023.', 'Comtrade mirror statistics.']);
  });
});

describe('re-importing a document', () => {
  it('stores a new version and reports which annotations stayed, moved, matched fuzzily or were orphaned', async () => {
    const workspaceSlug = team.workspace.slug;
    const first = await importDocument(team.people.editor, { workspaceSlug, format: 'markdown', content: FIELD_REPORT, slug: 'field-report' });
    const text = (await database.db.documentVersion.findFirstOrThrow({ where: { document: { slug: 'field-report' } }, select: { text: true } })).text;
    const ids = {
      exact: await annotateQuote(team.people.commenter, first.documentSlug, text, 'The convoy left Osh at dawn'),
      moved: await annotateQuote(team.people.commenter, first.documentSlug, text, 'Fuel prices doubled within a week of the closure.'),
      fuzzy: await annotateQuote(team.people.commenter, first.documentSlug, text, 'Local traders blamed the customs service for the delays at the border crossing.'),
      orphan: await annotateQuote(team.people.commenter, first.documentSlug, text, 'Nobody expected the bridge at Kara-Suu to reopen before winter.'),
    };

    const second = await importDocument(team.people.editor, { workspaceSlug, format: 'markdown', content: FIELD_REPORT_EDITED, slug: 'field-report' });

    expect(second).toMatchObject({ versionNumber: 2, isNewDocument: false, isNewVersion: true });
    expect(second.reanchor).toEqual({ exact: 1, moved: 1, fuzzy: 1, orphan: 1, needsConfirmation: expect.any(Number) });
    const statuses = await database.db.annotation.findMany({ where: { id: { in: Object.values(ids) } }, select: { id: true, anchorStatus: true, version: { select: { number: true } } } });
    const statusOf = new Map(statuses.map((row) => [row.id, row]));
    expect(statusOf.get(ids.exact)).toMatchObject({ anchorStatus: 'EXACT', version: { number: 2 } });
    expect(statusOf.get(ids.moved)?.anchorStatus).toBe('MOVED');
    expect(statusOf.get(ids.fuzzy)?.anchorStatus).toBe('FUZZY');
    expect(statusOf.get(ids.orphan)?.anchorStatus).toBe('ORPHAN');
  });

  it('re-anchors on a retry when a new version was stored but its re-anchoring never ran', async () => {
    const workspaceSlug = team.workspace.slug;
    const first = await importDocument(team.people.editor, { workspaceSlug, format: 'markdown', content: FIELD_REPORT, slug: 'interrupted-report' });
    const text = (await database.db.documentVersion.findFirstOrThrow({ where: { document: { slug: 'interrupted-report' } }, select: { text: true } })).text;
    const id = await annotateQuote(team.people.commenter, first.documentSlug, text, 'Fuel prices doubled within a week of the closure.');
    // As if the process died between storing version 2 and re-anchoring: version 2 exists, the annotation is on 1.
    await unsafeStoreDocumentVersion(database.db, {
      workspaceId: team.workspace.id,
      metadata: { slug: 'interrupted-report', title: 'Field Report from Osh' },
      parsed: parseImportedDocument('markdown', FIELD_REPORT_EDITED).document,
      isPublic: false,
    });

    const retry = await importDocument(team.people.editor, { workspaceSlug, format: 'markdown', content: FIELD_REPORT_EDITED, slug: 'interrupted-report' });

    expect(retry).toMatchObject({ versionNumber: 2, isNewVersion: false, reanchor: { moved: 1 } });
    const annotation = await database.db.annotation.findUniqueOrThrow({ where: { id }, select: { anchorStatus: true, version: { select: { number: true } } } });
    expect(annotation).toEqual({ anchorStatus: 'MOVED', version: { number: 2 } });
  });

  it('changes nothing when the same text is imported again', async () => {
    const workspaceSlug = team.workspace.slug;
    const content = '# Repeat\n\nThe same paragraph, twice imported.[^1]\n\n[^1]: A note.';
    await importDocument(team.people.editor, { workspaceSlug, format: 'markdown', content });
    const before = await storedCounts();
    const again = await importDocument(team.people.owner, { workspaceSlug, format: 'markdown', content });
    expect(again).toMatchObject({ documentSlug: 'repeat', versionNumber: 1, isNewDocument: false, isNewVersion: false, reanchor: null });
    expect(await storedCounts()).toEqual(before);
  });

  it('stores an import under another workspace’s slug at a generated address of its own, leaving theirs untouched', async () => {
    const otherSlug = await createDocument(database.db, team.otherWorkspace.id);
    const theirs = await database.db.document.findUniqueOrThrow({ where: { slug: otherSlug }, select: { title: true, _count: { select: { versions: true } } } });
    const result = await importDocument(team.people.owner, { workspaceSlug: team.workspace.slug, format: 'text', content: 'Mine\n\nMy text.', slug: otherSlug });
    expect(result).toMatchObject({ isNewDocument: true, title: 'Mine', versionNumber: 1 });
    expect(result.documentSlug).toMatch(new RegExp(`^${otherSlug}-[a-z0-9]{6}$`));
    expect(await database.db.document.findUniqueOrThrow({ where: { slug: result.documentSlug }, select: { workspaceId: true } })).toEqual({ workspaceId: team.workspace.id });
    expect(await database.db.document.findUniqueOrThrow({ where: { slug: otherSlug }, select: { title: true, _count: { select: { versions: true } } } })).toEqual(theirs);
  });
});

describe('who may import, and bad input', () => {
  const input = () => ({ workspaceSlug: team.workspace.slug, format: 'text', content: `Memo ${randomUUID()}\n\nA paragraph.` });

  it('lets editors and owners import; commenters and viewers are forbidden; others and visitors do not see the workspace', async () => {
    const outcomes = {
      owner: await outcomeOf(() => importDocument(team.people.owner, input())),
      editor: await outcomeOf(() => importDocument(team.people.editor, input())),
      commenter: await outcomeOf(() => importDocument(team.people.commenter, input())),
      viewer: await outcomeOf(() => importDocument(team.people.viewer, input())),
      outsider: await outcomeOf(() => importDocument(team.people.outsider, input())),
      visitor: await outcomeOf(() => importDocument(null, input())),
      commenterPreview: await outcomeOf(() => previewDocumentImport(team.people.commenter, input())),
    };
    expect(outcomes).toEqual({ owner: 'ok', editor: 'ok', commenter: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED', commenterPreview: 'FORBIDDEN' });
  });

  it('stores nothing when the document cannot be read, and says why beside the text', async () => {
    const before = await storedCounts();
    const noParagraph = await failureOf(() => importDocument(team.people.editor, { workspaceSlug: team.workspace.slug, format: 'markdown', content: '# Only a title' }));
    expect(noParagraph.code).toBe('INVALID_INPUT');
    expect(noParagraph.fieldErrors?.content?.[0]).toMatch(/no readable text/);
    const noText = await failureOf(() => importDocument(team.people.editor, { workspaceSlug: team.workspace.slug, format: 'html', content: '<script>alert(1)</script>' }));
    expect(noText.code).toBe('INVALID_INPUT');
    const badFormat = await failureOf(() => importDocument(team.people.editor, { workspaceSlug: team.workspace.slug, format: 'pdf', content: 'x' }));
    expect(badFormat.fieldErrors?.format).toBeDefined();
    expect(await storedCounts()).toEqual(before);
  });

  it('refuses more than 2 MB of text as too large', async () => {
    const content = `Big\n\n${'A long paragraph of words. '.repeat(90_000)}`;
    const failure = await failureOf(() => importDocument(team.people.editor, { workspaceSlug: team.workspace.slug, format: 'text', content }));
    expect(failure.code).toBe('PAYLOAD_TOO_LARGE');
    expect(failure.message).toMatch(/2 MB/);
  });
});
