import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteAnnotation, startProtocolWorld, type ProtocolWorld } from '@/tests/helpers/protocol-client';

// One test per requirement of the Web Annotation Protocol (https://www.w3.org/TR/annotation-protocol/) on changes:
// §6.1 Create a New Annotation, §6.2 Suggesting an IRI, §6.3 Update an Existing Annotation, §6.4 Delete an
// Existing Annotation.

let world: ProtocolWorld;

beforeAll(async () => {
  world = await startProtocolWorld();
}, 600_000);

afterAll(async () => {
  await world?.stop();
});

const annotationJson = (fields: Record<string, unknown> = {}) => quoteAnnotation(world.server.baseUrl, world.slug, { body: 'A comment', visibility: 'workspace', ...fields });
const read = async (iri: string) => (await (await world.send('GET', iri, 'commenter')).json()) as Record<string, unknown>;

describe('6.1 Create a New Annotation', () => {
  it('6.1 Create a New Annotation: 201 with Location, the annotation and its ETag, as a GET then gives them', async () => {
    const { iri, etag, response } = await world.create('Created');
    expect(iri.startsWith(world.container())).toBe(true);
    const created = (await response.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ id: iri, type: 'Annotation' });
    const again = await world.send('GET', iri, 'commenter');
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.json()).toEqual(created);
  });

  it('6.1 Create a New Annotation: the server assigns the id, and the client’s id is kept in via', async () => {
    const { iri } = await world.create('With an id', { id: 'https://elsewhere.example/notes/17' });
    expect(iri).not.toBe('https://elsewhere.example/notes/17');
    expect(await read(iri)).toMatchObject({ id: iri, via: 'https://elsewhere.example/notes/17' });
  });

  it('6.1 Create a New Annotation: a canonical IRI is kept without change', async () => {
    const { iri } = await world.create('With a canonical', { canonical: 'urn:uuid:4f2d1c7e-6a8b-4c3d-9e0f-123456789abc' });
    expect(await read(iri)).toMatchObject({ canonical: 'urn:uuid:4f2d1c7e-6a8b-4c3d-9e0f-123456789abc' });
  });

  it('6.1 Create a New Annotation: a section discussion in the shape our export writes is accepted', async () => {
    const section = await world.database.db.section.findFirstOrThrow({ where: { version: { document: { slug: world.slug } }, heading: { not: null } }, select: { slug: true } });
    const target = `${world.server.baseUrl}/documents/${world.slug}/versions/1#${section.slug}`;
    const response = await world.send('POST', world.container(), 'commenter', {
      body: { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', motivation: 'commenting', body: [{ type: 'TextualBody', value: 'On this section', format: 'text/markdown', purpose: 'commenting' }], target, visibility: 'workspace' },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(await response.json()).toMatchObject({ target });
  });
});

describe('6.2 Suggesting an IRI for an Annotation', () => {
  it('6.2 Suggesting an IRI for an Annotation: a Slug that names nothing yet becomes the last segment of the IRI', async () => {
    const slug = randomUUID();
    const { iri } = await world.create('Named', {}, { Slug: slug });
    expect(iri).toBe(`${world.container()}${slug}`);
  });

  it('6.2 Suggesting an IRI for an Annotation: a Slug naming a deleted annotation creates a new one under a new id', async () => {
    const slug = randomUUID();
    const { iri } = await world.create('Soon gone', {}, { Slug: slug });
    expect((await world.send('DELETE', iri, 'commenter')).status).toBe(204);
    const again = await world.send('POST', world.container(), 'commenter', { body: annotationJson({ body: 'Back again' }), headers: { Slug: slug } });
    expect(again.status).toBe(201);
    expect(again.headers.get('location')).not.toBe(iri);
    expect(await read(again.headers.get('location') ?? '')).toMatchObject({ body: [expect.objectContaining({ value: 'Back again' })] });
  });
});

describe('6.3 Update an Existing Annotation', () => {
  it('6.3 Update an Existing Annotation: PUT with the current ETag answers 200 with the new state and a new ETag', async () => {
    const { iri, etag } = await world.create('Before');
    const current = await read(iri);
    const response = await world.send('PUT', iri, 'commenter', { body: { ...current, body: { type: 'TextualBody', value: 'After', purpose: 'commenting' } }, headers: { 'If-Match': etag } });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('etag')).not.toBe(etag);
    expect(await response.json()).toMatchObject({ id: iri, body: [expect.objectContaining({ value: 'After' })] });
  });

  it('6.3 Update an Existing Annotation: If-Match is compared strongly, so a stale or weak tag answers 412 with the current ETag, and none 428', async () => {
    const { iri, etag } = await world.create('Guarded');
    const current = await read(iri);
    const edit = (headers: Record<string, string>) => world.send('PUT', iri, 'commenter', { body: { ...current, body: 'Edited' }, headers });
    expect((await edit({})).status).toBe(428);
    const weak = await edit({ 'If-Match': `W/${etag}` });
    expect(weak.status).toBe(412);
    expect(weak.headers.get('etag')).toBe(etag);
    expect((await edit({ 'If-Match': '"stale"' })).status).toBe(412);
    expect((await edit({ 'If-Match': '*' })).status).toBe(200);
  });

  it('6.3 Update an Existing Annotation: a PUT changing canonical or via is refused (409) and changes nothing', async () => {
    const { iri, etag } = await world.create('Kept', { id: 'https://elsewhere.example/notes/18', canonical: 'urn:uuid:0b5a3c1e-2f4d-4e6a-8b7c-9d0e1f2a3b4c' });
    const current = await read(iri);
    for (const change of [{ canonical: 'urn:uuid:00000000-0000-4000-8000-000000000000' }, { via: 'https://elsewhere.example/notes/19' }]) {
      const response = await world.send('PUT', iri, 'commenter', { body: { ...current, ...change }, headers: { 'If-Match': etag } });
      expect(response.status).toBe(409);
    }
    expect(await read(iri)).toEqual(current);
  });

  it('6.3 Update an Existing Annotation: a PUT moving the annotation to another target is refused (409), not answered 200 with the old target', async () => {
    const { iri, etag } = await world.create('Placed');
    const current = await read(iri);
    const moved = { ...current, target: { source: `${world.server.baseUrl}/documents/${world.slug}/versions/1`, selector: { type: 'TextQuoteSelector', exact: 'Its lead paragraph.' } } };
    const response = await world.send('PUT', iri, 'commenter', { body: moved, headers: { 'If-Match': etag } });
    expect(response.status).toBe(409);
    expect((await response.json()) as { error: { message: string } }).toMatchObject({ error: { message: expect.stringMatching(/cannot move/u) } });
    expect(await read(iri)).toEqual(current);
  });
});

describe('6.4 Delete an Existing Annotation', () => {
  it('6.4 Delete an Existing Annotation: 204, then the annotation is gone from its IRI and from the container', async () => {
    const { iri, etag } = await world.create('To delete');
    expect((await world.send('DELETE', iri, 'commenter', { headers: { 'If-Match': etag } })).status).toBe(204);
    expect((await world.send('GET', iri, 'commenter')).status).toBe(404);
    const container = (await (await world.send('GET', world.container(), 'commenter', { headers: { Prefer: 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"' } })).json()) as { first?: { items: string[] } };
    expect(container.first?.items ?? []).not.toContain(iri);
  });

  it('6.4 Delete an Existing Annotation: a DELETE with a stale If-Match answers 412 and deletes nothing', async () => {
    const { iri } = await world.create('Still here');
    const response = await world.send('DELETE', iri, 'commenter', { headers: { 'If-Match': '"stale"' } });
    expect(response.status).toBe(412);
    expect((await world.send('GET', iri, 'commenter')).status).toBe(200);
  });
});
