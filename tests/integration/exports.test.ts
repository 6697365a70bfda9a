import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, createSectionComment, deleteAnnotation, hideAnnotation, replyToAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { exportMarkdownReport, exportSourcesCslJson, exportTaggedClaimsCsv, exportWebAnnotations, getWebAnnotation } from '@/lib/dal/exports';
import { addSourceToNote, attachExistingSource } from '@/lib/dal/sources';
import { describeRange } from '@/lib/domain/selectors';
import { codePointLength } from '@/lib/domain/text';
import { checkAnnotationCollectionMusts, checkWebAnnotationMusts } from '@/tests/helpers/web-annotation-checker';
import { parseWebAnnotationExport } from '@/lib/domain/web-annotation-import';
import { type AnnotationCollection, type AnnotationPage, type WebAnnotation } from '@/lib/domain/web-annotation';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const BASE = 'https://marginalia.example';
const TEXT =
  'A private memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 *fighters* left.\n\n\nSecond section\n\n=SUM(A1) is what a spreadsheet would run.[3]\n';
const CONTAINER_TYPE_LINK = '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"';

let database: TestDatabase;
let team: Team;
let people: Team['people'];
let privateSlug: string;
let publicSlug: string;
let sectionSlugs: string[];
const ids: Record<'claim' | 'reply' | 'nestedReply' | 'highlight' | 'discussion' | 'formula' | 'secret' | 'deleted' | 'hidden' | 'publicNote', string> = {
  claim: randomUUID(),
  reply: randomUUID(),
  nestedReply: randomUUID(),
  highlight: randomUUID(),
  discussion: randomUUID(),
  formula: randomUUID(),
  secret: randomUUID(),
  deleted: randomUUID(),
  hidden: randomUUID(),
  publicNote: randomUUID(),
};

function rangeOf(quote: string): { start: number; end: number } {
  const at = TEXT.indexOf(quote);
  if (at === -1) throw new Error(`"${quote}" is not in the text`);
  const start = codePointLength(TEXT.slice(0, at));
  return { start, end: start + codePointLength(quote) };
}

async function annotate(viewer: Viewer, slug: string, id: string, quote: string, fields: { body?: string; tags?: string[]; visibility?: 'PRIVATE' | 'WORKSPACE' } = {}): Promise<void> {
  await createAnnotation(viewer, slug, { id, versionNumber: 1, ...rangeOf(quote), body: fields.body ?? '', tags: fields.tags ?? [], visibility: fields.visibility ?? 'WORKSPACE' });
}

const collectionOf = async (viewer: Viewer | null, slug = privateSlug) => (await exportWebAnnotations(viewer, slug, { baseUrl: BASE })) as AnnotationCollection;
const itemsOf = async (viewer: Viewer | null, slug = privateSlug) => (await collectionOf(viewer, slug)).first?.items ?? [];
const iriOf = (id: string, slug = privateSlug) => `${BASE}/api/documents/${slug}/annotations/${id}`;
const byId = (items: WebAnnotation[], id: string) => items.find((item) => item.id === iriOf(id));

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const { db } = database;
  team = await createTeam(db);
  people = team.people;
  privateSlug = await createDocument(db, team.workspace.id, { text: TEXT });
  publicSlug = await createDocument(db, team.workspace.id, { text: TEXT, isPublic: true });
  const document = await db.document.findUniqueOrThrow({ where: { slug: privateSlug }, select: { versions: { select: { sections: { orderBy: { ordinal: 'asc' }, select: { slug: true } } } } } });
  sectionSlugs = document.versions[0]!.sections.map((section) => section.slug);

  await annotate(people.commenter, privateSlug, ids.claim, 'A claim with a source.', { body: 'Which source says so?\n\n# Not a heading <script>alert(1)</script>', tags: ['statistic', 'actor:IMU'] });
  await replyToAnnotation(people.owner, { id: ids.reply, parentId: ids.claim, body: 'The *ICG* report, p. 4.' });
  await replyToAnnotation(people.editor, { id: ids.nestedReply, parentId: ids.reply, body: 'Checked: it says 2,000.' });
  await annotate(people.commenter, privateSlug, ids.highlight, 'Its lead paragraph.');
  await createSectionComment(people.editor, privateSlug, sectionSlugs[0]!, { id: ids.discussion, body: 'Does this section hold together?', visibility: 'WORKSPACE' });
  await annotate(people.commenter, privateSlug, ids.formula, '=SUM(A1) is what a spreadsheet would run.', { body: '=HYPERLINK("http://evil.example","click")', tags: ['formula', '@risk'] });
  await annotate(people.commenter, privateSlug, ids.secret, 'About 4,000 *fighters* left.', { body: 'SECRET note of the commenter', tags: ['secret-tag'], visibility: 'PRIVATE' });
  await annotate(people.commenter, privateSlug, ids.deleted, 'A claim with a source.', { body: 'DELETED remark', tags: ['statistic'] });
  await deleteAnnotation(people.commenter, ids.deleted);
  await annotate(people.commenter, privateSlug, ids.hidden, 'A claim with a source.', { body: 'HIDDEN remark', tags: ['statistic'] });
  await hideAnnotation(people.editor, ids.hidden);
  await annotate(people.commenter, publicSlug, ids.publicNote, 'A claim with a source.', { body: 'WORKSPACE remark on a public document', tags: ['statistic'] });

  const { id } = await addSourceToNote(people.editor, privateSlug, 2, {
    kind: 'REPORT',
    title: 'Syria calling: radicalisation in Central Asia',
    authors: 'Lemon, Edward\nInternational Crisis Group',
    publisher: 'International Crisis Group',
    issued: '2015-01-20',
    url: 'https://example.org/syria-calling',
    accessedOn: '2024-03-17',
    verdict: 'PARTIALLY_SUPPORTS',
    evidenceQuote: 'some 2,000 to 4,000',
  });
  const { sourceId } = await db.footnoteSource.findUniqueOrThrow({ where: { id } });
  await attachExistingSource(people.commenter, privateSlug, 3, { sourceId });
  await addSourceToNote(people.editor, privateSlug, 1, { kind: 'NEWS', title: 'Fighters return', issued: '2016', verdict: 'SUPPORTS' });
});

afterAll(async () => {
  await database.drop();
});

describe('the W3C JSON-LD export', () => {
  it('breaks no MUST of the Data Model, for the collection and every annotation in it', async () => {
    const collection = await collectionOf(people.editor);
    expect(checkAnnotationCollectionMusts(collection)).toEqual([]);
    const items = collection.first?.items ?? [];
    expect(items).toHaveLength(6);
    for (const item of items) expect({ id: item.id, violations: checkWebAnnotationMusts(item) }).toEqual({ id: item.id, violations: [] });
  });

  it('writes each kind of annotation field by field: quote, tags, replies, highlight and section discussion', async () => {
    const items = await itemsOf(people.editor);
    const source = `${BASE}/documents/${privateSlug}/versions/1`;
    const claim = byId(items, ids.claim);
    expect(claim).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: iriOf(ids.claim),
      type: 'Annotation',
      motivation: 'commenting',
      created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      modified: expect.stringMatching(/Z$/),
      creator: { id: `${BASE}/users/${people.commenter.id}`, type: 'Person', name: 'Commenter' },
      body: [
        { type: 'TextualBody', value: 'Which source says so?\n\n# Not a heading <script>alert(1)</script>', format: 'text/markdown', purpose: 'commenting' },
        { type: 'TextualBody', value: 'actor:IMU', purpose: 'tagging' },
        { type: 'TextualBody', value: 'statistic', purpose: 'tagging' },
      ],
      target: {
        type: 'SpecificResource',
        source,
        selector: [
          { type: 'TextQuoteSelector', exact: 'A claim with a source.', prefix: expect.stringContaining('First section'), suffix: expect.stringContaining('[2]') },
          { type: 'TextPositionSelector', ...rangeOf('A claim with a source.') },
        ],
      },
      visibility: 'workspace',
    });
    expect(byId(items, ids.reply)).toMatchObject({ motivation: 'replying', target: iriOf(ids.claim), creator: { name: 'Owner' } });
    expect(byId(items, ids.nestedReply)).toMatchObject({ motivation: 'replying', target: iriOf(ids.reply) });
    const highlight = byId(items, ids.highlight);
    expect(highlight).toMatchObject({ motivation: 'highlighting', target: { source, selector: [{ exact: 'Its lead paragraph.' }, rangeOf('Its lead paragraph.')] } });
    expect(highlight).not.toHaveProperty('body');
    expect(byId(items, ids.discussion)).toMatchObject({ motivation: 'commenting', target: `${source}#${sectionSlugs[0]}` });
  });

  it('names people by display name only, never by e-mail', async () => {
    const json = JSON.stringify(await collectionOf(people.commenter));
    for (const person of Object.values(people)) expect(json).not.toContain(person.email);
  });

  it('leaves out deleted and hidden annotations', async () => {
    const json = JSON.stringify(await collectionOf(people.commenter));
    expect(json).not.toContain('DELETED');
    expect(json).not.toContain('HIDDEN');
  });

  it('reads back with the same bodies, tags, quotes and parents', async () => {
    const collection = await collectionOf(people.commenter);
    const parsed = parseWebAnnotationExport(collection);
    expect(parsed.problems).toEqual([]);
    const exported = (collection.first?.items ?? []).map((item) => ({
      externalId: item.id,
      body: item.body?.find((body) => body.purpose === 'commenting')?.value ?? '',
      tags: (item.body ?? []).filter((body) => body.purpose === 'tagging').map((body) => body.value),
      quote: typeof item.target === 'string' ? null : item.target.selector[0].exact,
      parent: item.motivation === 'replying' ? item.target : null,
    }));
    const readBack = parsed.annotations.map(({ externalId, body, tags, target }) => ({
      externalId,
      body,
      tags,
      quote: target.kind === 'quote' ? target.quote.exact : null,
      parent: target.kind === 'reply' ? target.parentExternalId : null,
    }));
    expect(readBack).toHaveLength(exported.length);
    expect(new Set(readBack.map((entry) => JSON.stringify(entry)))).toEqual(new Set(exported.map((entry) => JSON.stringify(entry))));
    expect(parsed.annotations.find((annotation) => annotation.externalId?.endsWith(ids.secret))?.visibility).toBe('private');
  });

  it('serves one page on request and answers not-found past the last page', async () => {
    const page = (await exportWebAnnotations(people.editor, privateSlug, { baseUrl: BASE, page: 1, pageSize: 2 })) as AnnotationPage;
    expect(page).toMatchObject({ type: 'AnnotationPage', startIndex: 2, partOf: { total: 6 }, next: expect.stringContaining('page=2'), prev: expect.stringContaining('page=0') });
    expect(page.items).toHaveLength(2);
    expect(await outcomeOf(() => exportWebAnnotations(people.editor, privateSlug, { baseUrl: BASE, page: 3, pageSize: 2 }))).toBe('NOT_FOUND');
  });
});

describe('who sees what in exports', () => {
  it('keeps a member’s private note out of another member’s JSON-LD, Markdown and CSV', async () => {
    const exports = async (viewer: Viewer) => [
      JSON.stringify(await collectionOf(viewer)),
      await exportMarkdownReport(viewer, privateSlug, { baseUrl: BASE }),
      await exportTaggedClaimsCsv(viewer, privateSlug, { baseUrl: BASE }),
    ];
    for (const text of await exports(people.commenter)) expect(text).toContain('SECRET');
    for (const other of [people.owner, people.editor, people.viewer]) {
      for (const text of await exports(other)) {
        expect(text).not.toContain('SECRET');
        expect(text).not.toContain('secret-tag');
      }
    }
    expect(byId(await itemsOf(people.editor), ids.secret)).toBeUndefined();
  });

  it('answers not-found to a member of another workspace and a visitor for a private document, in every format', async () => {
    for (const viewer of [people.outsider, null]) {
      expect(await outcomeOf(() => exportWebAnnotations(viewer, privateSlug, { baseUrl: BASE }))).toBe('NOT_FOUND');
      expect(await outcomeOf(() => exportMarkdownReport(viewer, privateSlug, { baseUrl: BASE }))).toBe('NOT_FOUND');
      expect(await outcomeOf(() => exportTaggedClaimsCsv(viewer, privateSlug, { baseUrl: BASE }))).toBe('NOT_FOUND');
      expect(await outcomeOf(() => exportSourcesCslJson(viewer, privateSlug))).toBe('NOT_FOUND');
      expect(await getWebAnnotation(viewer, ids.claim, { baseUrl: BASE })).toBeNull();
    }
  });

  it('shows a visitor and an outsider on a public document none of the workspace’s annotations', async () => {
    for (const viewer of [null, people.outsider]) {
      const collection = await collectionOf(viewer, publicSlug);
      expect(collection.total).toBe(0);
      expect(checkAnnotationCollectionMusts(collection)).toEqual([]);
      expect(await exportMarkdownReport(viewer, publicSlug, { baseUrl: BASE })).not.toContain('WORKSPACE remark');
      expect((await exportTaggedClaimsCsv(viewer, publicSlug, { baseUrl: BASE })).trim().split('\r\n')).toHaveLength(1);
      expect(await getWebAnnotation(viewer, ids.publicNote, { baseUrl: BASE })).toBeNull();
    }
    expect((await itemsOf(people.viewer, publicSlug)).find((item) => item.id === iriOf(ids.publicNote, publicSlug))).toBeDefined();
  });
});

describe('the Markdown report', () => {
  it('lays out sections with quotes, comments, tags, authors, indented replies, discussions and sources', async () => {
    const report = await exportMarkdownReport(people.editor, privateSlug, { baseUrl: BASE });
    const first = report.indexOf('## First section');
    const second = report.indexOf('## Second section');
    expect(report.indexOf('## Lead')).toBeLessThan(first);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    const firstSection = report.slice(first, second);
    expect(firstSection).toContain('> A claim with a source.');
    expect(firstSection).toContain('**Commenter**');
    expect(firstSection).toContain('Tags: actor:IMU, statistic');
    expect(firstSection).toMatch(/\n- \*\*Owner\*\*[^\n]*\n\n {2}The \*ICG\* report, p\. 4\./);
    expect(firstSection).toMatch(/\n {2}- \*\*Editor\*\*[^\n]*\n\n {4}Checked: it says 2,000\./);
    expect(firstSection).toContain('### Discussion');
    expect(firstSection).toContain('Does this section hold together?');
    expect(report.slice(second)).toContain('> \\=SUM(A1) is what a spreadsheet would run.');
    expect(report).toContain('## Sources');
    expect(report).toMatch(/### Note 2\n\n- Lemon, Edward; International Crisis Group\. \*Syria calling: radicalisation in Central Asia\* \(2015-01-20\)\./);
    expect(report).toContain('Verdict: **Partly supports**');
    expect(report).toContain('  > some 2,000 to 4,000');
  });

  it('escapes Markdown in quotes and neutralises headings and HTML in comments', async () => {
    const report = await exportMarkdownReport(people.commenter, privateSlug, { baseUrl: BASE });
    expect(report).toContain('> About 4,000 \\*fighters\\* left.');
    expect(report).toContain('\\# Not a heading &lt;script>alert(1)&lt;/script>');
    expect(report).not.toContain('<script>');
  });
});

/** Splits RFC 4180 CSV into records of cells. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (isQuoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (character === '"') isQuoted = false;
      else cell += character;
    } else if (character === '"') isQuoted = true;
    else if (character === ',') {
      record.push(cell);
      cell = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      index++;
    } else cell += character;
  }
  return records;
}

describe('the CSV of tagged claims', () => {
  it('lists tagged thread starters with quoted cells and a header', async () => {
    const csv = await exportTaggedClaimsCsv(people.editor, privateSlug, { baseUrl: BASE });
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(['id', 'section', 'quote', 'tags', 'author', 'created', 'comment', 'status', 'link', 'page']);
    expect(rows.map((row) => row[0])).toEqual([ids.claim, ids.formula]);
    expect(rows[0]).toEqual([
      ids.claim,
      'First section',
      'A claim with a source.',
      'actor:IMU; statistic',
      'Commenter',
      expect.stringMatching(/Z$/),
      'Which source says so?\n\n# Not a heading <script>alert(1)</script>',
      'open',
      `${BASE}/documents/${privateSlug}#annotation-${ids.claim}`,
      // Not imported from a PDF: no page.
      '',
    ]);
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const csv = await exportTaggedClaimsCsv(people.editor, privateSlug, { baseUrl: BASE });
    const formula = parseCsv(csv).find((row) => row[0] === ids.formula)!;
    expect(formula[2]).toBe("'=SUM(A1) is what a spreadsheet would run.");
    expect(formula[3]).toBe("'@risk; formula");
    expect(formula[6]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"');
  });
});

describe('the CSL-JSON of sources', () => {
  it('lists each source once with its CSL type, names, dates and the notes it serves', async () => {
    const items = await exportSourcesCslJson(people.viewer, privateSlug);
    expect(items).toHaveLength(2);
    const report = items.find((item) => item.type === 'report');
    expect(report).toEqual({
      id: expect.any(String),
      type: 'report',
      title: 'Syria calling: radicalisation in Central Asia',
      author: [{ family: 'Lemon', given: 'Edward' }, { literal: 'International Crisis Group' }],
      publisher: 'International Crisis Group',
      issued: { 'date-parts': [[2015, 1, 20]] },
      URL: 'https://example.org/syria-calling',
      accessed: { 'date-parts': [[2024, 3, 17]] },
      note: 'Note 2: Partly supports (“some 2,000 to 4,000”); Note 3: Not yet checked',
    });
    expect(items.find((item) => item.type === 'article-newspaper')).toEqual({
      id: expect.any(String),
      type: 'article-newspaper',
      title: 'Fighters return',
      issued: { 'date-parts': [[2016]] },
      note: 'Note 1: Supports',
    });
  });
});

describe('over HTTP', () => {
  let server: AppServer;
  const cookies: Partial<Record<'editor' | 'commenter' | 'outsider', string>> = {};
  let pagedSlug: string;

  beforeAll(async () => {
    server = await startAppServer(database.url);
    for (const actor of ['editor', 'commenter', 'outsider'] as const) cookies[actor] = await signInOverHttp(server.baseUrl, people[actor].email, FACTORY_PASSWORD);
    // 205 annotations in one insert: three pages of the container.
    const { db } = database;
    pagedSlug = await createDocument(db, team.workspace.id, { text: TEXT });
    const document = await db.document.findUniqueOrThrow({ where: { slug: pagedSlug }, select: { id: true, versions: { select: { id: true } } } });
    const range = rangeOf('A claim with a source.');
    const selectors = describeRange(TEXT, range.start, range.end);
    const start = Date.parse('2024-01-01T00:00:00Z');
    await db.annotation.createMany({
      data: Array.from({ length: 205 }, (_, index) => ({
        id: randomUUID(),
        documentId: document.id,
        versionId: document.versions[0]!.id,
        authorId: people.editor.id,
        selectors,
        anchorStart: range.start,
        anchorEnd: range.end,
        body: `Comment ${index}`,
        motivation: 'COMMENTING' as const,
        visibility: 'WORKSPACE' as const,
        createdAt: new Date(start + index * 1000),
      })),
    });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  const get = (path: string, actor: 'editor' | 'commenter' | 'outsider' | 'visitor', headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}${path}`, { headers: { ...(actor === 'visitor' ? {} : { Cookie: cookies[actor] ?? '' }), ...headers }, redirect: 'manual' });

  it('serves the annotation container with the Web Annotation Protocol’s headers', async () => {
    const response = await get(`/api/documents/${privateSlug}/annotations/`, 'editor');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    expect(response.headers.get('link')).toContain(CONTAINER_TYPE_LINK);
    expect(response.headers.get('link')).toContain('<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"');
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(response.headers.get('vary')).toContain('Accept');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const container = (await response.json()) as AnnotationCollection & { type: string[] };
    expect(container.type).toEqual(['BasicContainer', 'AnnotationCollection']);
    expect(container.id).toBe(`${server.baseUrl}/api/documents/${privateSlug}/annotations/?iris=0`);
    expect(checkAnnotationCollectionMusts(container)).toEqual([]);
    expect(container.total).toBe(6);
    expect(JSON.stringify(container)).not.toContain('SECRET');
    expect((await get(`/api/documents/${privateSlug}/annotations/`, 'editor', { 'If-None-Match': etag ?? '' })).status).toBe(304);
    const head = await fetch(`${server.baseUrl}/api/documents/${privateSlug}/annotations/`, { method: 'HEAD', headers: { Cookie: cookies.editor ?? '' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('pages the container 100 annotations at a time', async () => {
    const containerIri = `${server.baseUrl}/api/documents/${pagedSlug}/annotations/`;
    const container = (await (await get(`/api/documents/${pagedSlug}/annotations/`, 'editor')).json()) as AnnotationCollection;
    expect(container.total).toBe(205);
    expect(container.first?.items).toHaveLength(100);
    expect(container.last).toBe(`${containerIri}?iris=0&page=2`);
    const response = await get(`/api/documents/${pagedSlug}/annotations/?page=2`, 'editor');
    expect(response.status).toBe(200);
    const page = (await response.json()) as AnnotationPage;
    expect(page).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', startIndex: 200, prev: `${containerIri}?iris=0&page=1` });
    expect(page.items.map((item) => item.body?.[0]?.value)).toEqual(['Comment 200', 'Comment 201', 'Comment 202', 'Comment 203', 'Comment 204']);
    expect(page).not.toHaveProperty('next');
    for (const item of page.items) expect(checkWebAnnotationMusts(item)).toEqual([]);
    expect((await get(`/api/documents/${pagedSlug}/annotations/?page=3`, 'editor')).status).toBe(404);
    expect((await get(`/api/documents/${pagedSlug}/annotations/?page=last`, 'editor')).status).toBe(422);
  });

  it('answers 404 with a JSON message to an outsider and a visitor for a private document', async () => {
    for (const actor of ['outsider', 'visitor'] as const) {
      for (const path of [`/api/documents/${privateSlug}/annotations/`, `/api/documents/${privateSlug}/export/report.md`, `/api/annotations/${ids.claim}`, `/api/documents/${privateSlug}/annotations/${ids.claim}`]) {
        const response = await get(path, actor);
        expect({ path, actor, status: response.status }).toEqual({ path, actor, status: 404 });
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('NOT_FOUND');
        expect(JSON.stringify(body)).not.toContain('claim');
      }
    }
  });

  it('downloads every export format as an attachment, and refuses an unknown one with a 4xx', async () => {
    const expected: Record<string, string> = {
      'annotations.jsonld': 'application/ld+json',
      'report.md': 'text/markdown',
      'claims.csv': 'text/csv',
      'sources.json': 'application/vnd.citationstyles.csl+json',
    };
    for (const [format, type] of Object.entries(expected)) {
      const response = await get(`/api/documents/${privateSlug}/export/${format}`, 'editor');
      expect({ format, status: response.status }).toEqual({ format, status: 200 });
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${privateSlug}-${format}"`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).not.toContain('SECRET');
    }
    const collection = (await (await get(`/api/documents/${privateSlug}/export/annotations.jsonld`, 'commenter')).json()) as AnnotationCollection;
    expect(checkAnnotationCollectionMusts(collection)).toEqual([]);
    expect(parseWebAnnotationExport(collection).annotations).toHaveLength(7);
    for (const format of ['report.docx', 'annotations.jsonld.bak', 'constructor', '__proto__']) {
      const response = await get(`/api/documents/${privateSlug}/export/${format}`, 'editor');
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/annotations\.jsonld, report\.md, report\.html, report\.pdf, claims\.csv, sources\.json/);
    }
  });

  it('serves one annotation with an ETag, and 404 to those who may not see it', async () => {
    const path = (id: string, slug = privateSlug) => `/api/documents/${slug}/annotations/${id}`;
    const response = await get(path(ids.claim), 'editor');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const annotation = (await response.json()) as WebAnnotation;
    expect(checkWebAnnotationMusts(annotation)).toEqual([]);
    expect(annotation.id).toBe(`${server.baseUrl}${path(ids.claim)}`);
    expect((await get(path(ids.claim), 'editor', { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(path(ids.secret), 'commenter')).status).toBe(200);
    expect((await get(path(ids.secret), 'editor')).status).toBe(404);
    expect((await get(path(ids.deleted), 'commenter')).status).toBe(404);
    expect((await get(path('not-a-uuid'), 'editor')).status).toBe(404);
    // Under another document's container it does not exist.
    expect((await get(path(ids.claim, publicSlug), 'editor')).status).toBe(404);
  });
});
