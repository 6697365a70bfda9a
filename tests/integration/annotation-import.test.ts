import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAnnotations, MAX_IMPORT_BYTES, type AnnotationImportReport } from '@/lib/dal/annotation-import';
import { createAnnotation, createSectionComment, findDocumentAnnotations, replyToAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { exportWebAnnotations } from '@/lib/dal/exports';
import { codePointLength, normalizeText } from '@/lib/domain/text';
import type { AnnotationCollection, WebAnnotation } from '@/lib/domain/web-annotation';
import { AppError } from '@/lib/errors';
import { DEFAULT_WORKSPACE, seedDatabase } from '@/lib/seed';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createUser, createWorkspace } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const BASE = 'https://marginalia.example';
const SEED = 'exporting-jihad';
const ARTICLE = normalizeText(readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8'));
const HYPOTHESIS = readFileSync(new URL('../fixtures/hypothesis-export.json', import.meta.url), 'utf8');
const hypothesisRows = (JSON.parse(HYPOTHESIS) as { rows: Array<Record<string, unknown>> }).rows;

let database: TestDatabase;
let people: Record<'analyst' | 'editor' | 'commenter' | 'viewer' | 'outsider' | 'stranger', Viewer>;
let workspaceId: string;
let privateSlug: string;
const ids = { claim: randomUUID(), reply: randomUUID(), nestedReply: randomUUID(), highlight: randomUUID(), privateNote: randomUUID(), editorsSecret: randomUUID(), discussion: randomUUID() };

function rangeOf(quote: string): { start: number; end: number } {
  const at = ARTICLE.indexOf(quote);
  if (at === -1) throw new Error(`"${quote}" is not in the article`);
  const start = codePointLength(ARTICLE.slice(0, at));
  return { start, end: start + codePointLength(quote) };
}

async function annotate(viewer: Viewer, id: string, quote: string, fields: { body?: string; tags?: string[]; visibility?: 'PRIVATE' | 'WORKSPACE' }): Promise<void> {
  await createAnnotation(viewer, SEED, { id, versionNumber: 1, ...rangeOf(quote), body: fields.body ?? '', tags: fields.tags ?? [], visibility: fields.visibility ?? 'WORKSPACE' });
}

async function exportOf(viewer: Viewer, slug: string): Promise<AnnotationCollection> {
  return (await exportWebAnnotations(viewer, slug, { baseUrl: BASE })) as AnnotationCollection;
}

async function freshCopyOfArticle(owner: Viewer): Promise<string> {
  const workspace = await createWorkspace(database.db, [[owner, 'OWNER']], 'Fresh desk');
  return createDocument(database.db, workspace.id, { text: ARTICLE });
}

async function refusalOf(call: () => Promise<unknown>): Promise<AppError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected the import to be refused');
}

const countOn = async (slug: string) => database.db.annotation.count({ where: { document: { slug } } });

// What a reader compares between two exports: everything but ids, IRIs, authors and the host.
function comparable(collection: AnnotationCollection): unknown[] {
  const items = collection.first?.items ?? [];
  const keyOf = new Map(items.map((item) => [item.id, `${item.created}|${bodyOf(item)}`]));
  return items
    .map((item) => ({
      motivation: item.motivation,
      created: item.created,
      visibility: item.visibility,
      body: bodyOf(item),
      tags: (item.body ?? []).filter((body) => body.purpose === 'tagging').map((body) => body.value),
      target: typeof item.target === 'string' ? (keyOf.get(item.target) ?? `#${item.target.split('#')[1]}`) : item.target.selector,
    }))
    .sort((a, b) => `${a.created}${a.body}`.localeCompare(`${b.created}${b.body}`));
}

function bodyOf(item: WebAnnotation): string {
  return (item.body ?? []).filter((body) => body.purpose === 'commenting').map((body) => body.value).join('');
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const { db } = database;
  await seedDatabase(db);
  people = {
    analyst: await createUser(db, 'Analyst'),
    editor: await createUser(db, 'Editor'),
    commenter: await createUser(db, 'Commenter'),
    viewer: await createUser(db, 'Viewer'),
    outsider: await createUser(db, 'Outsider'),
    stranger: await createUser(db, 'Stranger'),
  };
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE.slug }, select: { id: true } });
  workspaceId = workspace.id;
  await db.membership.createMany({
    data: [
      { workspaceId, userId: people.analyst.id, role: 'COMMENTER' },
      { workspaceId, userId: people.editor.id, role: 'EDITOR' },
      { workspaceId, userId: people.commenter.id, role: 'COMMENTER' },
      { workspaceId, userId: people.viewer.id, role: 'VIEWER' },
    ],
  });
  await createWorkspace(db, [[people.outsider, 'OWNER']], 'Other desk');
  privateSlug = await createDocument(db, workspaceId, { text: ARTICLE });

  await annotate(people.analyst, ids.claim, 'between 2 and 5 thousand volunteers from Central Asia have left for Syria and Iraq', {
    body: 'Which estimate gives the **low end**?',
    tags: ['statistic', 'needs-source'],
  });
  await replyToAnnotation(people.editor, { id: ids.reply, parentId: ids.claim, body: 'The governments’ own figures, probably.' });
  await replyToAnnotation(people.analyst, { id: ids.nestedReply, parentId: ids.reply, body: 'Then we need both sources.' });
  await annotate(people.analyst, ids.highlight, 'This de facto meant the end of the IMU', {});
  await annotate(people.analyst, ids.privateNote, 'out of which the Islamic Movement of Uzbekistan – IMU – became the primary one', {
    body: 'My own reading: check the founding date.',
    tags: ['prediction'],
    visibility: 'PRIVATE',
  });
  await annotate(people.editor, ids.editorsSecret, 'was perpetrated by a citizen of Uzbekistan', { body: 'EDITOR ONLY', visibility: 'PRIVATE' });
  const section = await db.section.findFirstOrThrow({ where: { version: { document: { slug: SEED } } }, orderBy: { ordinal: 'desc' }, select: { slug: true } });
  await createSectionComment(people.editor, SEED, section.slug, { id: ids.discussion, body: 'Does the conclusion follow from the figures?', visibility: 'WORKSPACE' });
});

afterAll(async () => {
  await database.drop();
});

describe('round trip through W3C JSON-LD', () => {
  let first: AnnotationCollection;
  let freshSlug: string;
  let report: AnnotationImportReport;

  beforeAll(async () => {
    first = await exportOf(people.analyst, SEED);
    freshSlug = await freshCopyOfArticle(people.analyst);
    report = await importAnnotations(people.analyst, { documentSlug: freshSlug, content: JSON.stringify(first) });
  });

  it('exports to the analyst only what the analyst may see: not the editor’s private note', () => {
    const bodies = (first.first?.items ?? []).map(bodyOf);
    expect(bodies).toHaveLength(6);
    expect(bodies).not.toContain('EDITOR ONLY');
    expect(bodies).toContain('My own reading: check the founding date.');
  });

  it('brings back the same annotations, tags, replies, quotes, visibility and dates', async () => {
    const second = await exportOf(people.analyst, freshSlug);
    expect(comparable(second)).toEqual(comparable(first));
    expect(second.total).toBe(6);
  });

  it('reports every quote placed exactly, the two replies, the section discussion and no orphans', () => {
    expect(report).toMatchObject({ format: 'w3c', imported: 6, exact: 3, moved: 0, fuzzy: 0, orphaned: 0, pageNotes: 0, sectionComments: 1, replies: 2, skipped: 0, unplaced: [] });
    // The fresh workspace starts without a vocabulary, so the tags come with the annotations.
    expect(report.tagsCreated.sort()).toEqual(['needs-source', 'prediction', 'statistic']);
  });

  it('makes the importer the author and shows who wrote each annotation originally', async () => {
    const { annotations } = await findDocumentAnnotations(people.analyst, freshSlug);
    expect(annotations.every((annotation) => annotation.isByViewer)).toBe(true);
    const reply = annotations.find((annotation) => annotation.body === 'The governments’ own figures, probably.');
    expect(reply?.originalAuthor).toBe(`Editor (${BASE}/users/${people.editor.id})`);
  });

  it('adds nothing when the same file is imported again', async () => {
    const again = await importAnnotations(people.analyst, { documentSlug: freshSlug, content: JSON.stringify(first) });
    expect(again).toMatchObject({ imported: 0, skipped: 6 });
    expect(await countOn(freshSlug)).toBe(6);
  });

  it('recognises the document’s own export brought back to it, and adds nothing', async () => {
    const own = await exportOf(people.analyst, freshSlug);
    const again = await importAnnotations(people.analyst, { documentSlug: freshSlug, content: JSON.stringify(own) });
    expect(again).toMatchObject({ imported: 0, skipped: 6 });
  });
});

describe('importing the Hypothesis export of the seed article', () => {
  let report: AnnotationImportReport;

  beforeAll(async () => {
    report = await importAnnotations(people.commenter, { documentSlug: SEED, content: HYPOTHESIS });
  });

  it('places the three quotes that are in our copy as exact (found once, with their context), keeps the vanished one and the page note, and threads both replies', () => {
    expect(report).toMatchObject({ format: 'hypothesis', imported: 7, exact: 3, moved: 0, fuzzy: 0, orphaned: 1, pageNotes: 1, sectionComments: 0, replies: 2, skipped: 0 });
  });

  it('lists what it could not place: the vanished passage by its quote, and the page note', () => {
    expect(report.unplaced.map(({ kind, quote, originalCreator }) => ({ kind, quote, originalCreator }))).toEqual([
      {
        kind: 'orphan',
        quote: 'Editorial note: this commentary was updated on 13 April 2017 after the identity of the Stockholm attacker was confirmed.',
        originalCreator: 'Alex Chen (acct:achen@hypothes.is)',
      },
      { kind: 'page-note', quote: null, originalCreator: 'achen (acct:achen@hypothes.is)' },
    ]);
  });

  it('adds the tags the vocabulary lacks, as typed', () => {
    expect(report.tagsCreated.sort()).toEqual(['IMU', 'actor:IMU', 'meta', 'reading-group']);
  });

  it('shows the annotations in the reader on their passages, with tags, threads, visibility and original authors', async () => {
    const { annotations } = await findDocumentAnnotations(people.commenter, SEED);
    const range = annotations.find((annotation) => annotation.quote?.startsWith('between 2 and 5 thousand') && annotation.isByViewer);
    expect(range).toMatchObject({ visibility: 'WORKSPACE', originalAuthor: 'Marta Kowalska (acct:mkowalska@hypothes.is)', anchor: { status: 'exact' } });
    expect(range?.tags.map((tag) => tag.label).sort()).toEqual(['disputed', 'statistic']);
    expect(range?.createdAt).toBe('2017-04-18T09:12:44.510Z');
    const reply = annotations.find((annotation) => annotation.parentId === range?.id);
    const nested = annotations.find((annotation) => annotation.parentId === reply?.id);
    expect(nested?.body).toMatch(/^Agreed\./);
    expect(nested?.rootId).toBe(range?.id);
    const highlight = annotations.find((annotation) => annotation.quote === 'This de facto meant the end of the IMU' && annotation.isByViewer);
    expect(highlight?.visibility).toBe('PRIVATE');
    // The "Only me" highlight stays the importer's own.
    const seenByEditor = await findDocumentAnnotations(people.editor, SEED);
    expect(seenByEditor.annotations.some((annotation) => annotation.id === highlight?.id)).toBe(false);
  });

  it('adds nothing the second time, and a later file’s reply finds its parent imported earlier', async () => {
    expect(await importAnnotations(people.commenter, { documentSlug: SEED, content: HYPOTHESIS })).toMatchObject({ imported: 0, skipped: 7 });
    const lateReply = { ...hypothesisRows[2], id: 'lateReply0000000000000', text: 'A late reply, exported on its own.', references: ['Xk2fRu7EEeeLbq8tXm1Qyw'] };
    const later = await importAnnotations(people.commenter, { documentSlug: SEED, content: JSON.stringify([lateReply]) });
    expect(later).toMatchObject({ imported: 1, replies: 1 });
  });
});

describe('two members importing the same file', () => {
  const privateFile = (sourceId: string) =>
    JSON.stringify([
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: `https://elsewhere.example/annotations/${sourceId}`,
        type: 'Annotation',
        body: { type: 'TextualBody', value: 'A note from another tool', purpose: 'commenting' },
        target: { selector: { type: 'TextQuoteSelector', exact: 'This de facto meant the end of the IMU' } },
        visibility: 'private',
      },
    ]);

  it('gives each their own copy of private annotations: another’s private import neither blocks nor shows', async () => {
    const slug = await createDocument(database.db, workspaceId, { text: ARTICLE });
    const content = privateFile(randomUUID());
    const first = await importAnnotations(people.analyst, { documentSlug: slug, content });
    const second = await importAnnotations(people.editor, { documentSlug: slug, content });
    expect([first.imported, first.skipped]).toEqual([1, 0]);
    expect([second.imported, second.skipped]).toEqual([1, 0]);
    expect(await importAnnotations(people.editor, { documentSlug: slug, content })).toMatchObject({ imported: 0, skipped: 1 });
    const copies = await database.db.annotation.findMany({ where: { document: { slug }, importedFrom: { contains: 'elsewhere.example' } }, select: { authorId: true } });
    expect(copies.map((copy) => copy.authorId).sort()).toEqual([people.analyst.id, people.editor.id].sort());
  });

  it('does not import a shared annotation twice when a colleague already brought it in', async () => {
    const slug = await createDocument(database.db, workspaceId, { text: ARTICLE });
    const content = privateFile(randomUUID()).replace('"visibility":"private"', '"visibility":"workspace"');
    expect((await importAnnotations(people.analyst, { documentSlug: slug, content })).imported).toBe(1);
    expect(await importAnnotations(people.editor, { documentSlug: slug, content })).toMatchObject({ imported: 0, skipped: 1 });
  });
});

describe('refusing a file it cannot take whole', () => {
  const refuse = (content: string, format?: 'w3c' | 'hypothesis') => refusalOf(() => importAnnotations(people.analyst, { documentSlug: privateSlug, content, format }));

  it('says where malformed JSON breaks', async () => {
    const error = await refuse('{\n  "rows": [\n    { "id": "a", }\n  ]\n}');
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^The file is not valid JSON: .* at line 3, column 18\. Nothing was imported\.$/);
  });

  it('says where JSON that stops short ends', async () => {
    expect((await refuse('{"rows": [\n  {')).message).toBe('The file is not valid JSON: Expected property name or \'}\' at line 2, column 4. Nothing was imported.');
    expect((await refuse('{"rows": [')).message).toBe('The file is not valid JSON: Unexpected end of JSON input at line 1, column 11. Nothing was imported.');
  });

  it('says what it expected from JSON that is no annotation export', async () => {
    for (const content of ['{"hello": "world"}', '[]', '"text"', '[1, 2]']) {
      const error = await refuse(content);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/^This is not an annotation export: expected W3C Web Annotation JSON-LD/);
    }
  });

  it('names the annotation and the selector type it does not know, and imports none of the others', async () => {
    const [good, bad] = structuredClone([hypothesisRows[5], hypothesisRows[6]]) as Array<Record<string, unknown>>;
    (bad!.target as Array<{ selector: unknown[] }>)[0]!.selector.push({ type: 'PdfPageSelector', page: 2 });
    const before = await countOn(privateSlug);
    const error = await refuse(JSON.stringify({ total: 2, rows: [good, bad] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^Nothing was imported\. Z1pC3O7EEeeMFzsx2n8qaw: Unknown selector type "PdfPageSelector"/);
    expect(await countOn(privateSlug)).toBe(before);
  });

  it('refuses a reply whose parent is neither in the file nor on the document, naming both', async () => {
    const error = await refuse(JSON.stringify([hypothesisRows[0]]));
    expect(error.message).toBe(
      'Nothing was imported. eT5yZm7HEeeAcW4zrM7nKw replies to dR4wXk7HEee9bV3yqL6mJA, which is neither in this file nor on this document. Import the file that holds those annotations first, or include them in this one.',
    );
    expect(await countOn(privateSlug)).toBe(0);
  });

  it('refuses a file over the size limit and a file with more than 10,000 annotations', async () => {
    expect((await refuse(`[${' '.repeat(MAX_IMPORT_BYTES)}]`)).code).toBe('PAYLOAD_TOO_LARGE');
    const many = Array.from({ length: 10_001 }, (_, n) => ({ id: `row${n}`, user: 'acct:a@hypothes.is', target: [{ source: 'https://example.org', selector: [{ type: 'TextQuoteSelector', exact: 'Uzbekistan' }] }] }));
    const error = await refuse(JSON.stringify(many));
    expect(error.message).toBe('The file holds 10,001 annotations; one import takes at most 10,000. Split it into smaller files.');
  });

  it('refuses a quote longer than a passage, naming the annotation, before any work on the text', async () => {
    const long = { id: 'longQuote', user: 'acct:a@hypothes.is', target: [{ source: 'https://example.org', selector: [{ type: 'TextQuoteSelector', exact: 'Uzbekistan '.repeat(300) }] }] };
    const error = await refuse(JSON.stringify([long]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^longQuote quotes more than 2,000 characters/u);
  });

  it('refuses a W3C file read as Hypothesis when the format is given', async () => {
    const error = await refuse(JSON.stringify(await exportOf(people.analyst, SEED)), 'hypothesis');
    expect(error.message).toMatch(/^Nothing was imported\. This is not a Hypothesis export/);
  });
});

describe('who may import', () => {
  it('lets commenters and editors import, and refuses viewers, strangers, other workspaces and visitors', async () => {
    const content = JSON.stringify([hypothesisRows[6]]);
    const attempt = (viewer: Viewer | null, documentSlug: string) => outcomeOf(() => importAnnotations(viewer, { documentSlug, content }));
    expect(await attempt(people.viewer, privateSlug)).toBe('FORBIDDEN');
    expect(await attempt(people.outsider, privateSlug)).toBe('NOT_FOUND');
    expect(await attempt(people.stranger, SEED)).toBe('FORBIDDEN');
    expect(await attempt(null, SEED)).toBe('UNAUTHENTICATED');
    expect(await countOn(privateSlug)).toBe(0);
    expect(await attempt(people.editor, privateSlug)).toBe('ok');
    expect(await countOn(privateSlug)).toBe(1);
  });
});
