import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWebAnnotationMusts } from '@/tests/helpers/web-annotation-checker';
import { type WebAnnotation } from '@/lib/domain/web-annotation';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';

const TEXT = 'A private memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.\n';
const SENTENCE = 'About 4,000 fighters left.';
const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

type Actor = 'owner' | 'editor' | 'commenter' | 'outsider' | 'visitor';
type ErrorBody = { error: { code: string; message: string } };

let database: TestDatabase;
let server: AppServer;
let people: Team['people'];
let slug: string;
let otherSlug: string;
const cookies: Partial<Record<Actor, string>> = {};

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const team = await createTeam(database.db);
  people = team.people;
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  otherSlug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  server = await startAppServer(database.url);
  for (const actor of ['owner', 'editor', 'commenter', 'outsider'] as const) cookies[actor] = await signInOverHttp(server.baseUrl, people[actor].email, FACTORY_PASSWORD);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const containerPath = (documentSlug = slug) => `/api/documents/${documentSlug}/annotations/`;

function send(method: string, path: string, actor: Actor, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: { 'Content-Type': JSON_LD, ...(actor === 'visitor' ? {} : { Cookie: cookies[actor] ?? '' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

function quoteAnnotation(exact: string, fields: { body?: string; tags?: string[]; visibility?: 'private' | 'workspace'; selector?: unknown } = {}) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: [
      ...(fields.body === undefined ? [] : [{ type: 'TextualBody', value: fields.body, format: 'text/markdown', purpose: 'commenting' }]),
      ...(fields.tags ?? []).map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })),
    ],
    target: { source: `${server.baseUrl}/documents/${slug}/versions/1`, selector: fields.selector ?? [{ type: 'TextQuoteSelector', exact }] },
    ...(fields.visibility ? { visibility: fields.visibility } : {}),
  };
}

const replyTo = (parentIri: string, body: string) => ({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', motivation: 'replying', bodyValue: body, target: parentIri });

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

// Creates a shared comment by `actor` on SENTENCE and returns its IRI (also its path) and ETag.
async function createShared(actor: Actor, body: string): Promise<{ iri: string; path: string; etag: string }> {
  const response = await send('POST', containerPath(), actor, quoteAnnotation(SENTENCE, { body, visibility: 'workspace' }));
  expect(response.status).toBe(201);
  const iri = response.headers.get('location') ?? '';
  return { iri, path: new URL(iri).pathname, etag: response.headers.get('etag') ?? '' };
}

describe('creating annotations through the container', () => {
  it('answers 201 with Location, ETag and the W3C annotation for a comment on a sentence of the document', async () => {
    const response = await send('POST', containerPath(), 'commenter', quoteAnnotation(SENTENCE, { body: 'Which **source**?', tags: ['statistic'], visibility: 'workspace' }));
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe(JSON_LD);
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/u);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${server.baseUrl}/api/documents/${slug}/annotations/[0-9a-f-]{36}$`));
    const annotation = (await response.json()) as WebAnnotation;
    expect(checkWebAnnotationMusts(annotation)).toEqual([]);
    expect(annotation).toMatchObject({
      id: location,
      motivation: 'commenting',
      visibility: 'workspace',
      creator: { id: `${server.baseUrl}/users/${people.commenter.id}`, name: people.commenter.name },
      body: [
        { type: 'TextualBody', value: 'Which **source**?', purpose: 'commenting' },
        { type: 'TextualBody', value: 'statistic', purpose: 'tagging' },
      ],
      target: { source: `${server.baseUrl}/documents/${slug}/versions/1`, selector: [{ type: 'TextQuoteSelector', exact: SENTENCE }, { type: 'TextPositionSelector' }] },
    });
    const read = await send('GET', new URL(location).pathname, 'editor');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(etag);
    const container = await send('GET', containerPath(), 'editor');
    expect(container.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(container.headers.get('accept-post')).toContain('application/ld+json');
  });

  it('answers a create with exactly what reading the annotation back gives, tags spelled as the workspace has them', async () => {
    const first = await send('POST', containerPath(), 'commenter', quoteAnnotation(SENTENCE, { body: 'First use', tags: ['Actor:IMU'], visibility: 'workspace' }));
    expect(first.status).toBe(201);
    const response = await send('POST', containerPath(), 'editor', quoteAnnotation('A claim with a source.', { body: 'Second use', tags: ['actor:imu', 'Zeta', 'alpha'], visibility: 'workspace' }));
    expect(response.status).toBe(201);
    const created = (await response.json()) as WebAnnotation;
    expect(created.body).toEqual([
      { type: 'TextualBody', value: 'Second use', format: 'text/markdown', purpose: 'commenting' },
      ...['Actor:IMU', 'alpha', 'Zeta'].map((label) => ({ type: 'TextualBody', value: label, purpose: 'tagging' })),
    ]);
    const read = await send('GET', new URL(response.headers.get('location') ?? '').pathname, 'editor');
    expect(read.headers.get('etag')).toBe(response.headers.get('etag'));
    expect(await read.json()).toEqual(created);
  });

  it('answers a create that carries its own id and canonical, or mentions someone, with what reading it back gives', async () => {
    const ownId = `urn:uuid:${randomUUID()}`;
    const posted = { ...quoteAnnotation(SENTENCE, { body: 'Posted with its own identity', visibility: 'workspace' }), id: ownId, canonical: 'urn:example:canonical' };
    const mention = `@[Someone else](user:${people.editor.id}) should check this`;
    for (const [annotation, expected] of [
      [posted, { via: ownId, canonical: 'urn:example:canonical' }],
      [quoteAnnotation(SENTENCE, { body: mention, visibility: 'workspace' }), {}],
    ] as const) {
      const response = await send('POST', containerPath(), 'commenter', annotation);
      expect(response.status).toBe(201);
      const created = (await response.json()) as WebAnnotation & { via?: string; canonical?: string };
      expect(created).toMatchObject(expected);
      const read = await send('GET', new URL(response.headers.get('location') ?? '').pathname, 'commenter');
      expect(read.headers.get('etag')).toBe(response.headers.get('etag'));
      expect(await read.json()).toEqual(created);
    }
  });

  it('keeps an annotation that does not name its visibility private to its author', async () => {
    const response = await send('POST', containerPath(), 'commenter', quoteAnnotation('Its lead paragraph.', { body: 'Only mine' }));
    expect(response.status).toBe(201);
    expect(((await response.json()) as WebAnnotation).visibility).toBe('private');
    const path = new URL(response.headers.get('location') ?? '').pathname;
    expect((await send('GET', path, 'editor')).status).toBe(404);
  });

  it('returns the same annotation, 200 instead of 201, when a client retries with the same Slug', async () => {
    const id = randomUUID();
    const annotation = quoteAnnotation(SENTENCE, { body: 'Retried comment', visibility: 'workspace' });
    const first = await send('POST', containerPath(), 'commenter', annotation, { Slug: id });
    const second = await send('POST', containerPath(), 'commenter', annotation, { Slug: id });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(first.headers.get('location')).toBe(`${server.baseUrl}${containerPath()}${id}`);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await database.db.annotation.count({ where: { body: 'Retried comment' } })).toBe(1);
    // Someone else's request cannot claim that id: the Slug is only a hint, so theirs is made under another one.
    const other = await send('POST', containerPath(), 'editor', annotation, { Slug: id });
    expect(other.status).toBe(201);
    expect(other.headers.get('location')).not.toBe(first.headers.get('location'));
  });

  it('adds a reply when the target is an annotation’s IRI', async () => {
    const parent = await createShared('commenter', 'Parent comment');
    const response = await send('POST', containerPath(), 'editor', replyTo(parent.iri, 'The ICG report, p. 4.'));
    expect(response.status).toBe(201);
    const reply = (await response.json()) as WebAnnotation;
    expect(reply).toMatchObject({ motivation: 'replying', target: parent.iri, visibility: 'workspace', body: [{ value: 'The ICG report, p. 4.' }] });
    const stored = await database.db.annotation.findUniqueOrThrow({ where: { id: reply.id.split('/').pop() ?? '' }, select: { parentId: true, authorId: true } });
    expect(stored).toEqual({ parentId: parent.iri.split('/').pop(), authorId: people.editor.id });
  });

  it('refuses a reply sent to another document’s container, and one to an IRI from elsewhere', async () => {
    const parent = await createShared('commenter', 'Parent on the first document');
    const elsewhere = await send('POST', containerPath(otherSlug), 'editor', replyTo(parent.iri, 'Wrong place'));
    expect(elsewhere.status).toBe(422);
    expect((await errorOf(elsewhere)).message).toMatch(/another document/);
    const foreign = await send('POST', containerPath(), 'editor', replyTo('https://hypothes.is/a/abc123', 'Foreign parent'));
    expect(foreign.status).toBe(422);
    expect((await errorOf(foreign)).message).toMatch(/IRI of an annotation here/);
  });

  it('answers 401 with a message, not a redirect, to a signed-out visitor', async () => {
    const response = await send('POST', containerPath(), 'visitor', quoteAnnotation(SENTENCE, { body: 'Anonymous' }));
    expect(response.status).toBe(401);
    expect(response.headers.get('location')).toBeNull();
    expect(await errorOf(response)).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/Sign in/) });
  });

  it('answers 415 with a message to a body that is not JSON', async () => {
    const response = await send('POST', containerPath(), 'commenter', JSON.stringify(quoteAnnotation(SENTENCE, { body: 'As text' })), { 'Content-Type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(response.headers.get('accept-post')).toContain('application/ld+json');
    expect(await errorOf(response)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/application\/ld\+json/) });
    expect(await database.db.annotation.count({ where: { body: 'As text' } })).toBe(0);
  });

  it('accepts plain application/json too', async () => {
    const response = await send('POST', containerPath(), 'commenter', quoteAnnotation(SENTENCE, { body: 'As JSON' }), { 'Content-Type': 'application/json; charset=utf-8' });
    expect(response.status).toBe(201);
  });

  it('answers 413 to an annotation larger than 64 KB', async () => {
    const response = await send('POST', containerPath(), 'commenter', quoteAnnotation(SENTENCE, { body: 'x'.repeat(70_000) }));
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 422 with a message to malformed JSON, a selector it cannot place, and a quote that is not in the document', async () => {
    const malformed = await send('POST', containerPath(), 'commenter', '{"@context": "http://www.w3.org/ns/anno.jsonld", ');
    expect(malformed.status).toBe(422);
    expect((await errorOf(malformed)).message).toMatch(/not valid JSON/);

    const xpath = await send('POST', containerPath(), 'commenter', quoteAnnotation(SENTENCE, { body: 'By XPath', selector: [{ type: 'XPathSelector', value: '/p[3]' }] }));
    expect(xpath.status).toBe(422);
    expect((await errorOf(xpath)).message).toMatch(/Unsupported selector type XPathSelector/);

    const missing = await send('POST', containerPath(), 'commenter', quoteAnnotation('A sentence this memo never contained at all.', { body: 'Not here' }));
    expect(missing.status).toBe(422);
    expect((await errorOf(missing)).message).toBe('The quoted passage is not in this document');

    const notAnnotation = await send('POST', containerPath(), 'commenter', { type: 'Note', content: 'hi' });
    expect(notAnnotation.status).toBe(422);
    expect((await errorOf(notAnnotation)).message).toMatch(/@context/);
  });

  it('answers 404 to a member of another workspace posting to a private document', async () => {
    const response = await send('POST', containerPath(), 'outsider', quoteAnnotation(SENTENCE, { body: 'Outsider note' }));
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('NOT_FOUND');
    expect(await database.db.annotation.count({ where: { body: 'Outsider note' } })).toBe(0);
  });
});

describe('editing an annotation with PUT', () => {
  it('answers 428 without If-Match, 412 with the current ETag when stale, and 200 with a new ETag when current', async () => {
    const created = await createShared('commenter', 'First wording');
    const edit = quoteAnnotation(SENTENCE, { body: 'Second wording', tags: ['claim'], visibility: 'workspace' });

    const unconditional = await send('PUT', created.path, 'commenter', edit);
    expect(unconditional.status).toBe(428);
    expect((await errorOf(unconditional)).message).toMatch(/If-Match/);

    const stale = await send('PUT', created.path, 'commenter', edit, { 'If-Match': '"7"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(created.etag);

    const current = await send('PUT', created.path, 'commenter', edit, { 'If-Match': created.etag });
    expect(current.status).toBe(200);
    const edited = current.headers.get('etag');
    expect(edited).toMatch(/^"[^"]+"$/u);
    expect(edited).not.toBe(created.etag);
    expect(current.headers.get('content-type')).toBe(JSON_LD);
    expect(((await current.json()) as WebAnnotation).body).toEqual([
      { type: 'TextualBody', value: 'Second wording', format: 'text/markdown', purpose: 'commenting' },
      { type: 'TextualBody', value: 'claim', purpose: 'tagging' },
    ]);

    // The ETag it had before the edit is now stale: a second client cannot overwrite the edit unseen.
    const lost = await send('PUT', created.path, 'commenter', quoteAnnotation(SENTENCE, { body: 'Overwrite' }), { 'If-Match': created.etag });
    expect(lost.status).toBe(412);
    expect(lost.headers.get('etag')).toBe(edited);
    const read = (await (await send('GET', created.path, 'editor')).json()) as WebAnnotation;
    expect(read.body?.[0]?.value).toBe('Second wording');
  });

  it('answers 403 to a member who is not the author, 404 to an outsider, 401 to a visitor', async () => {
    const created = await createShared('commenter', 'Not yours to edit');
    const edit = quoteAnnotation(SENTENCE, { body: 'Hijacked' });
    expect((await send('PUT', created.path, 'editor', edit, { 'If-Match': created.etag })).status).toBe(403);
    expect((await send('PUT', created.path, 'outsider', edit, { 'If-Match': created.etag })).status).toBe(404);
    expect((await send('PUT', created.path, 'visitor', edit, { 'If-Match': created.etag })).status).toBe(401);
    expect((await send('GET', created.path, 'editor')).headers.get('etag')).toBe(created.etag);
  });

  it('refuses to change who can see an annotation through an edit', async () => {
    const created = await createShared('commenter', 'Shared remark');
    const response = await send('PUT', created.path, 'commenter', quoteAnnotation(SENTENCE, { body: 'Now private?', visibility: 'private' }), { 'If-Match': created.etag });
    expect(response.status).toBe(422);
    expect((await errorOf(response)).message).toMatch(/visibility/);
  });
});

describe('deleting an annotation', () => {
  it('answers 403 to a member who is not the author, 204 to the author, and then 404 to everyone', async () => {
    const created = await createShared('commenter', 'To be deleted');
    expect((await send('DELETE', created.path, 'visitor')).status).toBe(401);
    expect((await send('DELETE', created.path, 'outsider')).status).toBe(404);
    const forbidden = await send('DELETE', created.path, 'owner');
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).code).toBe('FORBIDDEN');
    const deleted = await send('DELETE', created.path, 'commenter');
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await send('GET', created.path, 'commenter')).status).toBe(404);
    expect((await send('GET', created.path, 'editor')).status).toBe(404);
  });
});
