import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAnnotations } from '@/lib/dal/annotation-import';
import { createAnnotation } from '@/lib/dal/annotations';
import { getReaderDocument } from '@/lib/dal/documents';
import { exportMarkdownReport, exportTaggedClaimsCsv, exportWebAnnotations } from '@/lib/dal/exports';
import { getReportModel } from '@/lib/dal/verification-report';
import type { AnnotationCollection } from '@/lib/domain/web-annotation';
import { importPdfDocument, previewPdfImport } from '@/lib/dal/pdf-import';
import { codePointLength } from '@/lib/domain/text';
import { AppError } from '@/lib/errors';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createTeam, type Team } from '@/tests/helpers/factories';
import { footnotesFixture, hostilePdfs, writeChangedFootnotesFixture } from '@/tests/helpers/pdf-fixtures';
import { realPdfFixtures } from '@/tests/helpers/pdf-real-fixtures';

let database: TestDatabase;
let team: Team;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
});

afterAll(async () => {
  await database?.drop();
});

async function failureOf(call: () => Promise<unknown>): Promise<AppError> {
  const failure = await call().then(
    () => null,
    (error: unknown) => error,
  );
  if (!(failure instanceof AppError)) throw new Error(`Expected an AppError, got ${String(failure)}`);
  return failure;
}

describe('importing a PDF', () => {
  it('stores the text, the note texts, each paragraph’s pages and the original file with the version', async () => {
    const fixture = await footnotesFixture();
    const result = await importPdfDocument(team.people.editor, { workspaceSlug: team.workspace.slug, fileName: 'rivers.pdf' }, fixture.bytes);
    expect(result).toMatchObject({ documentSlug: 'rivers-and-reservoirs-in-eastern-europe', isNewDocument: true, preview: { format: 'pdf', markerCount: 4, noteCount: 4 } });
    const version = await database.db.documentVersion.findFirstOrThrow({
      where: { document: { slug: result.documentSlug } },
      select: {
        paragraphs: { orderBy: { ordinal: 'asc' }, select: { pageStart: true, pageEnd: true } },
        footnotes: { orderBy: { number: 'asc' }, select: { noteText: true } },
        pdf: { select: { bytes: true, byteSize: true, pageCount: true, fileName: true, fingerprint: true } },
      },
    });
    expect(version.paragraphs).toEqual([
      { pageStart: 1, pageEnd: 1 },
      { pageStart: 1, pageEnd: 2 },
      { pageStart: 2, pageEnd: 2 },
    ]);
    expect(version.footnotes.map((footnote) => footnote.noteText)).toEqual(fixture.notes.map((note) => note.text));
    expect(version.pdf).toMatchObject({ byteSize: fixture.bytes.byteLength, pageCount: 2, fileName: 'rivers.pdf', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/u) });
    expect(Buffer.from(version.pdf?.bytes ?? []).equals(Buffer.from(fixture.bytes))).toBe(true);
  });

  it('stores a published two-column paper with the sections its README lists and every note it prints', { timeout: 120_000 }, async () => {
    const fixture = (await realPdfFixtures()).find((candidate) => candidate.name.startsWith('rcpp-introduction'));
    if (!fixture?.headings) throw new Error('The Rcpp fixture needs its `## Headings` list');
    const result = await importPdfDocument(team.people.editor, { workspaceSlug: team.workspace.slug, fileName: 'Rcpp-introduction.pdf' }, fixture.bytes);
    const version = await database.db.documentVersion.findFirstOrThrow({
      where: { document: { slug: result.documentSlug } },
      select: {
        sections: { orderBy: { ordinal: 'asc' }, select: { heading: true } },
        footnotes: { orderBy: { number: 'asc' }, select: { number: true, noteText: true } },
      },
    });
    expect(version.sections.flatMap((section) => (section.heading === null ? [] : [section.heading]))).toEqual(fixture.headings);
    expect(version.footnotes.map((footnote) => footnote.number)).toEqual(fixture.notes.map((note) => note.number));
    for (const note of fixture.notes) expect(version.footnotes[note.number - 1]?.noteText?.startsWith(note.start), `note ${note.number}`).toBe(true);
  });

  it('refuses viewers, and previews without storing', async () => {
    const fixture = await footnotesFixture();
    expect((await failureOf(() => importPdfDocument(team.people.viewer, { workspaceSlug: team.workspace.slug }, fixture.bytes))).code).toBe('FORBIDDEN');
    const before = await database.db.documentPdf.count();
    const preview = await previewPdfImport(team.people.editor, { workspaceSlug: team.workspace.slug, slug: 'preview-only' }, fixture.bytes);
    expect(preview).toMatchObject({ format: 'pdf', slug: 'preview-only', markerCount: 4 });
    expect(await database.db.documentPdf.count()).toBe(before);
  });

  it('refuses each hostile PDF with a message and stores nothing', async () => {
    const hostile = await hostilePdfs();
    const before = await database.db.documentVersion.count();
    const expected: Record<keyof typeof hostile, [string, RegExp]> = {
      encrypted: ['INVALID_INPUT', /password/u],
      scanned: ['INVALID_INPUT', /no text layer.*scan/u],
      truncated: ['INVALID_INPUT', /damaged|cut off|not a readable PDF/u],
      oversized: ['PAYLOAD_TOO_LARGE', /larger than 20 MB/u],
      nested: ['INVALID_INPUT', /./u],
      notPdf: ['INVALID_INPUT', /not a PDF/u],
    };
    for (const [name, bytes] of Object.entries(hostile) as Array<[keyof typeof hostile, Uint8Array]>) {
      const failure = await failureOf(() => importPdfDocument(team.people.editor, { workspaceSlug: team.workspace.slug, slug: `hostile-${name.toLowerCase()}` }, bytes));
      expect([name, failure.code]).toEqual([name, expected[name][0]]);
      expect(failure.message).toMatch(expected[name][1]);
    }
    expect(await database.db.documentVersion.count()).toBe(before);
  });

  it('stores a changed PDF as a new version and places the annotations on its text again', async () => {
    const slug = 'rivers-versioned';
    const first = await importPdfDocument(team.people.editor, { workspaceSlug: team.workspace.slug, slug }, (await footnotesFixture()).bytes);
    const text = (await database.db.documentVersion.findFirstOrThrow({ where: { document: { slug } }, select: { text: true } })).text;
    const quote = 'the naïve hope of a single river basin agency';
    const start = codePointLength(text.slice(0, text.indexOf(quote)));
    const id = randomUUID();
    await createAnnotation(team.people.commenter, first.documentSlug, { id, versionNumber: 1, start, end: start + codePointLength(quote), body: 'Which hope?', tags: [], visibility: 'WORKSPACE' });

    const second = await importPdfDocument(team.people.editor, { workspaceSlug: team.workspace.slug, slug }, await writeChangedFootnotesFixture());
    expect(second).toMatchObject({ versionNumber: 2, isNewVersion: true, reanchor: { orphan: 0 } });
    const annotation = await database.db.annotation.findUniqueOrThrow({ where: { id }, select: { anchorStatus: true, version: { select: { number: true, text: true } }, selectors: true } });
    expect(annotation.version.number).toBe(2);
    expect(['EXACT', 'MOVED']).toContain(annotation.anchorStatus);
    expect(await database.db.documentPdf.count({ where: { version: { document: { slug } } } })).toBe(2);
  });
});

describe('Hypothesis annotations on the PDF, and exports citing pages', () => {
  it('places Hypothesis annotations keyed by the PDF’s fingerprint on the imported text, and the exports give each one’s page', async () => {
    const slug = 'rivers-hypothesis';
    await importPdfDocument(team.people.editor, { workspaceSlug: team.workspace.slug, slug }, (await footnotesFixture()).bytes);
    const { fingerprint } = await database.db.documentPdf.findFirstOrThrow({ where: { version: { document: { slug } } }, select: { fingerprint: true } });
    const row = (id: string, exact: string, prefix: string, suffix: string) => ({
      id,
      uri: `urn:x-pdf:${fingerprint}`,
      text: `Note on ${id}`,
      tags: [],
      user: 'acct:marta@hypothes.is',
      created: '2026-01-05T10:00:00Z',
      updated: '2026-01-05T10:00:00Z',
      document: { link: [{ href: `urn:x-pdf:${fingerprint}` }] },
      // Hypothesis quotes the PDF's text layer, line breaks and hyphens included.
      target: [{ source: `urn:x-pdf:${fingerprint}`, selector: [{ type: 'TextQuoteSelector', exact, prefix, suffix }] }],
      permissions: { read: ['group:__world__'] },
    });
    const report = await importAnnotations(team.people.commenter, {
      documentSlug: slug,
      format: 'hypothesis',
      content: JSON.stringify({
        total: 2,
        rows: [
          row('hyp-1', 'the naïve hope of a single river basin agency', 'powers grew slowly, and ', ' was dropped'),
          row('hyp-2', 'The reservoirs held more water in 2023', 'Figures ', ' than in any year'),
        ],
      }),
    });
    expect(report).toMatchObject({ imported: 2, orphaned: 0 });
    expect(report.warnings.join(' ')).toContain(`made on the PDF of version 1 (urn:x-pdf:${fingerprint})`);

    const collection = (await exportWebAnnotations(team.people.editor, slug, { baseUrl: 'https://marginalia.example' })) as AnnotationCollection;
    const pages = (collection.first?.items ?? []).map((annotation) => {
      const target = annotation.target as { selector?: Array<{ type: string; value?: string }> };
      return target.selector?.find((selector) => selector.type === 'FragmentSelector')?.value;
    });
    expect(pages.sort()).toEqual(['page=1', 'page=2']);
    const markdown = await exportMarkdownReport(team.people.editor, slug, { baseUrl: 'https://marginalia.example' });
    expect(markdown).toContain('(p. 1 of the original PDF)');
    expect(markdown).toContain('(p. 2 of the original PDF)');
  });

  it('says so when the Hypothesis file was made on another PDF', async () => {
    const slug = 'rivers-hypothesis';
    const report = await importAnnotations(team.people.commenter, {
      documentSlug: slug,
      format: 'hypothesis',
      content: JSON.stringify([{ id: 'hyp-3', uri: 'urn:x-pdf:00112233445566778899aabbccddeeff', text: 'Elsewhere', target: [{ source: 'urn:x-pdf:00112233445566778899aabbccddeeff', selector: [{ type: 'TextQuoteSelector', exact: 'since records began' }] }] }]),
    });
    expect(report.warnings.join(' ')).toContain('not the original of any version of this document');
  });
});

describe('pages of the original PDF on cards, in the CSV and in the verification report', () => {
  it('cites the page of each annotated passage and of each sentence citing a note', async () => {
    const slug = 'rivers-pages';
    await importPdfDocument(team.people.editor, { workspaceSlug: team.workspace.slug, slug }, (await footnotesFixture()).bytes);
    const text = (await database.db.documentVersion.findFirstOrThrow({ where: { document: { slug } }, select: { text: true } })).text;
    const annotate = async (quote: string, tags: string[]): Promise<string> => {
      const start = codePointLength(text.slice(0, text.indexOf(quote)));
      const id = randomUUID();
      await createAnnotation(team.people.commenter, slug, { id, versionNumber: 1, start, end: start + codePointLength(quote), body: `On ${quote}`, tags, visibility: 'WORKSPACE' });
      return id;
    };
    // The second paragraph runs from page 1 onto page 2; the third is on page 2 alone.
    const onBoth = await annotate('of reservoirs along the border', ['claim']);
    const onSecond = await annotate('The reservoirs held more water in 2023', ['claim']);

    const reader = await getReaderDocument(team.people.editor, slug);
    const cards = new Map((reader?.annotations.list.placed ?? []).map((thread) => [thread.id, thread.item?.pages]));
    expect(cards.get(onBoth)).toEqual({ first: 1, last: 2 });
    expect(cards.get(onSecond)).toEqual({ first: 2, last: 2 });

    const csv = (await exportTaggedClaimsCsv(team.people.editor, slug, { baseUrl: 'https://marginalia.example' })).trim().split('\r\n');
    expect(csv[0]?.split(',').at(-1)).toBe('page');
    expect(csv.find((row) => row.startsWith(onBoth))?.split(',').at(-1)).toBe('1–2');
    expect(csv.find((row) => row.startsWith(onSecond))?.split(',').at(-1)).toBe('2');

    const report = await getReportModel(team.people.editor, slug);
    const citing = Object.fromEntries((report?.notes ?? []).map((note) => [note.number, note.citingSentences.map((sentence) => sentence.page)]));
    expect(citing).toEqual({ 1: ['p. 1'], 2: ['p. 1'], 3: ['pp. 1–2'], 4: ['p. 2'] });
  });
});
