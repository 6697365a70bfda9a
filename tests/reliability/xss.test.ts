import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotationLink } from '@/lib/dal/annotation-links';
import { createAnnotationFromSelectors, createSectionComment, hideAnnotation } from '@/lib/dal/annotations';
import { LINK_KINDS } from '@/lib/domain/annotation-links';
import { AppError } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/authorization';
import { importSources } from '@/lib/dal/source-import';
import { editEvidence } from '@/lib/dal/source-library';
import { addDocumentSourceToNote, citePassage } from '@/lib/dal/evidence';
import { addSourceToNote } from '@/lib/dal/sources';
import { setNoteTracing } from '@/lib/dal/verification-desk';
import { ANNOTATION_LIST_BATCH } from '@/lib/domain/annotation-list';
import { mentionToken } from '@/lib/domain/mentions';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { validateTags } from '@/lib/domain/tags';
import { signInFrom } from '@/tests/helpers/loopback-client';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';
import { paragraphsPdf } from '@/tests/helpers/pdf-fixtures';
import { JSON_LD, launchChromium, quoteAnnotation, UNLIMITED_API } from '@/tests/reliability/support';

// The OWASP filter-evasion vectors go in through every way text enters the app, then a real Chromium opens every page
// that shows them. Nothing may run: no dialog, no call of alert/confirm/prompt, no request to xss.example, no blocked
// inline script reported by the Content-Security-Policy, and no element or attribute from a vector in the DOM.
const VECTORS = readFileSync('tests/fixtures/xss-vectors.txt', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('# '))
  .map((line) => line.replaceAll('{TAB}', '\t').replaceAll('{NEWLINE}', '\n').replaceAll('{CR}', '\r').replaceAll('{NUL}', '\u0000'));

/** A word every stored vector carries, so one search finds them all. */
const CANARY = 'xsscanary';
const TEXT = 'An XSS memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.\n';
const QUOTE = 'About 4,000 fighters left.';
/** The reader lists a batch of threads at first; vectors are spread over documents so each one is rendered. */
const PER_DOCUMENT = ANNOTATION_LIST_BATCH;

type Seeded = { team: Team; documents: string[]; importedSlug: string; markdownSlug: string; htmlSlug: string; pdfSlug: string; tagNames: string[]; searchQueries: string[] };

/** Where text enters the app, and what it stored (the count is checked, so a path that silently stores nothing fails). */
type InputPath = { name: string; write: (seeded: Seeded) => Promise<number>; minimumStored: number };

let database: TestDatabase;
let server: AppServer;
let browser: Browser;
let seeded: Seeded;
let commenterCookie: string;
let editorCookie: string;
const stored = new Map<string, number>();

const documentFor = (index: number) => seeded.documents[Math.floor(index / PER_DOCUMENT)] ?? '';
/** PostgreSQL text cannot hold NUL; a vector carrying one is sent as is over HTTP and stored without it here. */
const storable = (vector: string) => vector.replaceAll('\u0000', '');

/** Imports a document through the import route as the editor; returns the status. */
async function importDocumentOverHttp(workspaceSlug: string, slug: string, contentType: string, body: string | Uint8Array): Promise<number> {
  const response = await fetch(`${server.baseUrl}/api/workspaces/${workspaceSlug}/documents?slug=${slug}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Cookie: editorCookie },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  await response.arrayBuffer();
  return response.status;
}

async function postAnnotation(slug: string, body: string, tags: string[]): Promise<number> {
  const response = await fetch(`${server.baseUrl}/api/documents/${slug}/annotations/`, {
    method: 'POST',
    headers: { 'Content-Type': JSON_LD, Cookie: commenterCookie, Slug: randomUUID() },
    body: JSON.stringify(quoteAnnotation(server.baseUrl, slug, QUOTE, body, tags)),
  });
  await response.arrayBuffer();
  return response.status;
}

const INPUT_PATHS: InputPath[] = [
  {
    name: 'annotation bodies (W3C container POST)',
    minimumStored: VECTORS.filter((vector) => !vector.includes('\u0000')).length,
    write: async () => {
      let count = 0;
      for (const [index, vector] of VECTORS.entries()) {
        const status = await postAnnotation(documentFor(index), `${CANARY} ${vector}`, []);
        // A NUL character cannot be stored: it is refused with a message, never a 500.
        const isStorable = !vector.includes('\u0000');
        expect(status, `annotation body ${JSON.stringify(vector)}`).toBe(isStorable ? 201 : 422);
        if (isStorable) count += 1;
      }
      return count;
    },
  },
  {
    name: 'tags',
    // Tags are short, single-line names: most vectors are refused as tags (a 422), which is safe; the rest are stored.
    minimumStored: 20,
    write: async (world) => {
      let count = 0;
      for (const [index, vector] of VECTORS.entries()) {
        const isValid = validateTags([vector]).ok;
        const status = await postAnnotation(documentFor(index), `${CANARY} tagged`, [vector]);
        expect(status, `tag ${JSON.stringify(vector)}`).toBe(isValid ? 201 : 422);
        if (isValid) count += 1;
      }
      const tags = await database.db.tag.findMany({ where: { workspaceId: world.team.workspace.id }, select: { name: true } });
      world.tagNames = tags.map((tag) => tag.name).filter((name) => /[<>"'`&]/u.test(name));
      return count;
    },
  },
  {
    name: 'source titles and addresses',
    minimumStored: VECTORS.length,
    write: async (world) => {
      for (const [index, vector] of VECTORS.entries()) {
        await addSourceToNote(world.team.people.editor, documentFor(index), (index % 2) + 1, {
          kind: 'ARTICLE',
          title: storable(vector).replace(/[\t\r\n]/gu, ' ').slice(0, 300),
          publisher: storable(vector).replace(/[\t\r\n]/gu, ' ').slice(0, 200),
          url: `https://example.org/source?q=${encodeURIComponent(vector)}`,
          verdict: 'UNVERIFIED',
        });
      }
      return VECTORS.length;
    },
  },
  {
    name: 'link reasons',
    // Reasons refuse bidi controls and surrogates with a message (safe); every other vector is stored and shown on both cards.
    minimumStored: VECTORS.length - 10,
    write: async (world) => {
      let count = 0;
      const annotationsOf = new Map<string, string[]>();
      for (const [index, vector] of VECTORS.entries()) {
        const slug = documentFor(index);
        if (!annotationsOf.has(slug)) {
          const rows = await database.db.annotation.findMany({ where: { document: { slug }, parentId: null, visibility: 'WORKSPACE' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
          annotationsOf.set(slug, rows.map((row) => row.id));
        }
        const ids = annotationsOf.get(slug)!;
        const at = index % PER_DOCUMENT;
        const reason = storable(vector).slice(0, 1000);
        try {
          await createAnnotationLink(world.team.people.commenter, { fromId: ids[at % ids.length], toId: ids[(at + 1) % ids.length], kind: LINK_KINDS[index % LINK_KINDS.length], reason });
          count += 1;
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
        }
      }
      return count;
    },
  },
  {
    name: 'tracing reasons and evidence quotes',
    minimumStored: VECTORS.length,
    write: async (world) => {
      const statuses = ['IN_PROGRESS', 'TRACED', 'VERIFIED', 'DISPUTED'] as const;
      const plain = (vector: string, max: number) => storable(vector).replace(/[\u0000-\u001f\u007f]/gu, ' ').slice(0, max);
      for (const [index, vector] of VECTORS.entries()) {
        const slug = documentFor(index);
        await setNoteTracing(world.team.people.editor, slug, (index % 2) + 1, { status: statuses[Math.floor(index / 2) % statuses.length], assigneeId: '', reason: plain(vector, 1000) });
        const { id } = await addSourceToNote(world.team.people.editor, slug, 2, { kind: 'REPORT', title: `${CANARY} evidence ${index}`, verdict: 'UNVERIFIED' });
        await editEvidence(world.team.people.editor, id, { evidenceQuote: plain(vector, 2000) || 'x', reason: plain(vector, 1000) });
      }
      return VECTORS.length;
    },
  },
  {
    name: 'BibTeX fields',
    minimumStored: 1,
    write: async (world) => {
      // Braces would end a BibTeX field early; each vector becomes a title, a journal and an author of its own entry.
      const field = (vector: string) => storable(vector).replace(/[{}\\\u0000-\u001f\u007f]/gu, ' ').slice(0, 250);
      const content = VECTORS.map((vector, index) => `@article{xss${index},\n  title = {${CANARY} ${field(vector)}},\n  journal = {${field(vector)}},\n  author = {${field(vector).replace(/ and /giu, ' ')}},\n  year = {2001}\n}`).join('\n\n');
      const report = await importSources(world.team.people.editor, world.team.workspace.slug, { content, format: 'bibtex' });
      return report.imported;
    },
  },
  {
    name: 'section discussions',
    minimumStored: VECTORS.length,
    write: async (world) => {
      for (const [index, vector] of VECTORS.entries()) {
        const slug = documentFor(index);
        const section = await database.db.section.findFirstOrThrow({ where: { version: { document: { slug } }, heading: { not: null } }, select: { slug: true } });
        await createSectionComment(world.team.people.commenter, slug, section.slug, { id: randomUUID(), body: `${CANARY} ${storable(vector)}`, visibility: 'WORKSPACE' });
      }
      return VECTORS.length;
    },
  },
  {
    name: 'browsers and addresses of sign-ins (the sessions list in Settings)',
    // Only what an HTTP header can carry (Latin-1, one line) can be a User-Agent or an X-Forwarded-For.
    minimumStored: VECTORS.filter((vector) => /^[\u0020-\u007E\u00A0-\u00FF]+$/u.test(vector)).length,
    write: async (world) => {
      let count = 0;
      for (const vector of VECTORS.filter((candidate) => /^[\u0020-\u007E\u00A0-\u00FF]+$/u.test(candidate))) {
        const { sessionCookie } = await signInFrom('127.0.0.1', server.baseUrl, world.team.people.owner.email, FACTORY_PASSWORD, { 'User-Agent': vector, 'X-Forwarded-For': vector });
        if (sessionCookie !== null) count += 1;
      }
      return count;
    },
  },
  {
    name: 'mention names, notification summaries and hiding reasons',
    minimumStored: VECTORS.length,
    write: async (world) => {
      const { owner, editor } = world.team.people;
      for (const [index, vector] of VECTORS.entries()) {
        const person: Viewer = await database.db.user.create({
          data: { name: `${CANARY} ${storable(vector).slice(0, 70)}`, email: `mentioned.${randomUUID()}@example.org`, passwordHash: 'not used' },
          select: { id: true, name: true, email: true },
        });
        await database.db.membership.create({ data: { workspaceId: world.team.workspace.id, userId: person.id, role: 'COMMENTER' } });
        // The hostile name mentions the owner (whose inbox then names them) and itself (rendered in the reader).
        const { id } = await createAnnotationFromSelectors(person, documentFor(index), {
          id: randomUUID(),
          quote: { type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' },
          position: null,
          body: `${mentionToken(owner.id, owner.name)} ${mentionToken(person.id, person.name)} ${storable(vector)}`,
          tags: [],
          visibility: 'WORKSPACE',
        });
        if (index % 2 === 1) await hideAnnotation(editor, id, { reason: storable(vector).slice(0, 400) });
      }
      return database.db.notification.count({ where: { recipientId: owner.id, kind: 'MENTION' } });
    },
  },
  {
    name: 'display names',
    minimumStored: VECTORS.length,
    write: async (world) => {
      for (const [index, vector] of VECTORS.entries()) {
        const person: Viewer = await database.db.user.create({
          data: { name: storable(vector).slice(0, 80), email: `named.${randomUUID()}@example.org`, passwordHash: 'not used' },
          select: { id: true, name: true, email: true },
        });
        await database.db.membership.create({ data: { workspaceId: world.team.workspace.id, userId: person.id, role: 'COMMENTER' } });
        await addSourceToNote(person, documentFor(index), 2, { kind: 'REPORT', title: `${CANARY} by a named person`, url: 'https://example.org/named', verdict: 'UNVERIFIED' });
      }
      return VECTORS.length;
    },
  },
  {
    name: 'document import (plain text: title, headings, paragraphs)',
    minimumStored: 1,
    write: async (world) => {
      const body = VECTORS.map((vector) => storable(vector).replace(/[\r\n]+/gu, ' ')).join('\n\n');
      const text = `${storable(VECTORS[0] ?? '')}\n\n${body}\n\n\n<script>alert('heading')</script>\n\nA last paragraph.[1]\n`;
      await unsafeStoreDocumentVersion(database.db, {
        workspaceId: world.team.workspace.id,
        metadata: { slug: world.importedSlug, title: storable(VECTORS[1] ?? ''), publisher: '<img src=x onerror=alert(1)>', originalUrl: 'https://example.org/?q="><script>alert(1)</script>' },
        parsed: parsePlainTextDocument(text),
        isPublic: false,
      });
      return 1;
    },
  },
  {
    // The hostile plain-text document above becomes each document's source of note 1; its paragraphs are cited with
    // hostile reasons, so titles, passages and reasons show on the notes, the desk, the compare view and the report.
    name: 'cited passages of a source document, with reasons',
    minimumStored: VECTORS.length,
    write: async (world) => {
      const source = await database.db.document.findUniqueOrThrow({
        where: { slug: world.importedSlug },
        select: { id: true, versions: { select: { paragraphs: { orderBy: { ordinal: 'asc' }, select: { startOffset: true, endOffset: true } } } } },
      });
      const paragraphs = source.versions[0]!.paragraphs;
      const links = new Map<string, string>();
      for (const slug of world.documents) links.set(slug, (await addDocumentSourceToNote(world.team.people.editor, slug, 1, { sourceDocumentId: source.id })).id);
      for (const [index, vector] of VECTORS.entries()) {
        const paragraph = paragraphs[index % paragraphs.length]!;
        const reason = storable(vector).replace(/[\u0000-\u001f\u007f]/gu, ' ').slice(0, 1000);
        await citePassage(world.team.people.editor, links.get(documentFor(index))!, { versionNumber: 1, start: paragraph.startOffset, end: paragraph.endOffset, verdict: 'PARTIALLY_SUPPORTS', reason });
      }
      return VECTORS.length;
    },
  },
  {
    name: 'document import (Markdown through the import route: headings, paragraphs, note texts)',
    minimumStored: 1,
    write: async (world) => {
      const lines = VECTORS.map((vector) => storable(vector).replace(/[\r\n]+/gu, ' '));
      const paragraphs = lines.map((line, index) => `${index % 10 === 0 ? `## ${line}\n\n` : ''}${line} [^${(index % 3) + 1}]`).join('\n\n');
      const notes = [1, 2, 3].map((number) => `[^${number}]: ${lines.filter((_, index) => index % 3 === number - 1).join(' ')}`).join('\n');
      // The title is plain: a heading that is only raw HTML has no text, and such a document is refused for lacking a title.
      const markdown = `# ${CANARY} hostile memo ${lines[1]}\n\n${paragraphs}\n\n${notes}\n`;
      expect(await importDocumentOverHttp(world.team.workspace.slug, world.markdownSlug, 'text/markdown', markdown)).toBe(201);
      return 1;
    },
  },
  {
    name: 'document import (HTML through the import route)',
    minimumStored: 1,
    write: async (world) => {
      const html = `<html><head><title>${CANARY} hostile article</title><script>alert('head')</script></head><body onload="alert('body')">
        <h1>${CANARY} hostile article</h1>
        ${VECTORS.map((vector, index) => `<p>${vector} <sup><a href="#fn${(index % 2) + 1}">${(index % 2) + 1}</a></sup></p>`).join('\n')}
        <section class="footnotes"><ol><li id="fn1">${VECTORS.slice(0, 20).join(' ')}</li><li id="fn2"><a href="javascript:alert(2)">A note</a> ${VECTORS.slice(20, 40).join(' ')}</li></ol></section>
      </body></html>`;
      expect(await importDocumentOverHttp(world.team.workspace.slug, world.htmlSlug, 'text/html', storable(html))).toBe(201);
      return 1;
    },
  },
  {
    name: 'document import (PDF through the import route: title, paragraphs, note texts extracted from the file)',
    minimumStored: 1,
    write: async (world) => {
      const lines = VECTORS.map((vector) => storable(vector).replace(/[\r\n\t]+/gu, ' '));
      const pdf = await paragraphsPdf(`${CANARY} hostile PDF <script>alert(1)</script>`, lines, (index) => lines[(index + 7) % lines.length] ?? '');
      expect(await importDocumentOverHttp(world.team.workspace.slug, world.pdfSlug, 'application/pdf', pdf)).toBe(201);
      return 1;
    },
  },
  {
    name: 'search queries',
    minimumStored: 10,
    write: async (world) => {
      world.searchQueries = [CANARY, ...VECTORS.filter((_, index) => index % 12 === 0)];
      return world.searchQueries.length;
    },
  },
];

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const team = await createTeam(database.db);
  const documents = [];
  for (let index = 0; index * PER_DOCUMENT < VECTORS.length; index += 1) documents.push(await createDocument(database.db, team.workspace.id, { text: TEXT }));
  seeded = {
    team,
    documents,
    importedSlug: `imported-${randomUUID().slice(0, 8)}`,
    markdownSlug: `markdown-${randomUUID().slice(0, 8)}`,
    htmlSlug: `html-${randomUUID().slice(0, 8)}`,
    pdfSlug: `pdf-${randomUUID().slice(0, 8)}`,
    tagNames: [],
    searchQueries: [],
  };
  server = await startAppServer(database.url, { env: UNLIMITED_API });
  commenterCookie = await signInOverHttp(server.baseUrl, team.people.commenter.email, FACTORY_PASSWORD);
  editorCookie = await signInOverHttp(server.baseUrl, team.people.editor.email, FACTORY_PASSWORD);
  for (const path of INPUT_PATHS) stored.set(path.name, await path.write(seeded));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

describe('XSS vectors through every input path', () => {
  it('the corpus holds the cheat sheet’s vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(INPUT_PATHS.map((path) => [path.name, path] as const))('%s stored what it was given', (name, path) => {
    expect(stored.get(name)).toBeGreaterThanOrEqual(path.minimumStored);
  });
});

/** Opens `path` signed in as the owner and returns every sign that something from a vector ran or was injected. */
async function signsOfScript(context: BrowserContext, path: string): Promise<string[]> {
  const page = await context.newPage();
  const signs: string[] = [];
  page.on('dialog', (dialog) => {
    signs.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (new URL(request.url()).hostname.endsWith('xss.example')) signs.push(`request: ${request.url()}`);
  });
  const response = await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  // Hover and focus where a vector might have hung a handler, and let autofocus and failed images have their turn.
  await page.mouse.move(200, 200);
  await page.keyboard.press('Tab');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const inPage = await page.evaluate(() => {
    const found: string[] = [...((window as unknown as { __scriptSigns?: string[] }).__scriptSigns ?? [])];
    for (const element of document.body.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/iu.test(attribute.name)) found.push(`handler attribute ${attribute.name} on <${element.tagName.toLowerCase()}>`);
        // React writes this fixed guard into a form whose action is a client function; it comes from React, not from data.
        const isReactFormGuard = /^javascript:throw new Error\('(React form unexpectedly submitted\.|A React form was unexpectedly submitted\.)/u.test(attribute.value);
        if (!isReactFormGuard && /^\s*(javascript|vbscript|data):/iu.test(attribute.value) && /^(href|src|action|formaction|data|background|dynsrc|lowsrc)$/iu.test(attribute.name)) {
          found.push(`${attribute.name}="${attribute.value.slice(0, 60)}" on <${element.tagName.toLowerCase()}>`);
        }
      }
    }
    for (const element of document.body.querySelectorAll('iframe, frame, frameset, object, embed, base, meta, link, style, svg script, math, marquee, isindex, keygen, bgsound')) {
      found.push(`injected <${element.tagName.toLowerCase()}>`);
    }
    return found;
  });
  await page.close();
  return [...signs, ...inPage];
}

describe('pages that render the vectors, in Chromium', () => {
  let context: BrowserContext;

  beforeAll(async () => {
    context = await browser.newContext();
    const [name, value] = (await signInOverHttp(server.baseUrl, seeded.team.people.owner.email, FACTORY_PASSWORD)).split('=');
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: server.baseUrl }]);
    // Record any call a vector could make, and any inline script or handler the Content-Security-Policy blocked.
    await context.addInitScript(() => {
      const signs: string[] = [];
      (window as unknown as { __scriptSigns: string[] }).__scriptSigns = signs;
      for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
        Object.defineProperty(window, name, { value: (...args: unknown[]) => signs.push(`${name}(${args.map(String).join(', ')})`), configurable: false });
      }
      document.addEventListener('securitypolicyviolation', (event) => signs.push(`blocked by CSP: ${event.violatedDirective} ${event.blockedURI} ${event.sample} at ${event.sourceFile}:${event.lineNumber}`));
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  const pages = (): string[] => {
    const workspace = `/workspaces/${seeded.team.workspace.slug}`;
    return [
      ...seeded.documents.flatMap((slug) => [`/documents/${slug}`, `/documents/${slug}#fn-1`, `/documents/${slug}#fn-2`, `/documents/${slug}/sources`, `/documents/${slug}/report`, `/documents/${slug}/notes/1/compare`]),
      `${workspace}/sources`,
      `/documents/${seeded.importedSlug}`,
      `/documents/${seeded.importedSlug}/sources`,
      // A version's page shows its text and the annotations made on it, with their quotes and comments.
      ...seeded.documents.slice(0, 2).flatMap((slug) => [`/documents/${slug}/versions`, `/documents/${slug}/versions/1`]),
      `/documents/${seeded.importedSlug}/versions/1`,
      `/documents/${seeded.importedSlug}/versions/compare?from=1&to=1`,
      ...[seeded.markdownSlug, seeded.htmlSlug, seeded.pdfSlug].flatMap((slug) => [`/documents/${slug}`, `/documents/${slug}#fn-1`, `/documents/${slug}#fn-2`]),
      `/documents/${seeded.pdfSlug}/pages/1`,
      '/',
      '/settings',
      '/notifications',
      `${workspace}/moderation`,
      workspace,
      `${workspace}/activity`,
      `${workspace}/tags`,
      ...seeded.tagNames.slice(0, 8).map((name) => `${workspace}/tags/${encodeURIComponent(name)}`),
      ...seeded.searchQueries.map((query) => `/search?q=${encodeURIComponent(query)}`),
    ];
  };

  it('no vector runs or is injected on any page', async () => {
    const found: string[] = [];
    const visited = pages();
    for (const path of visited) {
      for (const sign of await signsOfScript(context, path)) found.push(`${path}: ${sign}`);
    }
    expect(visited.length).toBeGreaterThanOrEqual(15);
    expect(found).toEqual([]);
  }, 300_000);

  it('the vectors are shown as text, so the pages above really rendered them', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/documents/${seeded.documents[0]}`);
    const annotations = page.getByRole('region', { name: 'Annotations' });
    await expect.poll(() => annotations.getByText("<script>alert('XSS')</script>").count()).toBeGreaterThan(0);
    await page.goto(`${server.baseUrl}/search?q=${CANARY}`);
    await expect.poll(() => page.getByText(CANARY).count()).toBeGreaterThan(10);
    await page.close();
  });
});
