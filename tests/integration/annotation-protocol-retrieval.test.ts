import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotationFromSelectors } from '@/lib/dal/annotations';
import { createDocument } from '@/tests/helpers/factories';
import { JSON_LD, linksOf, QUOTE, startProtocolWorld, TEXT, type ProtocolWorld } from '@/tests/helpers/protocol-client';

// One test per requirement of the Web Annotation Protocol (https://www.w3.org/TR/annotation-protocol/) on reading:
// §4 Annotation Retrieval, §5 Annotation Containers, §5.1 Container Retrieval, §5.2 Container Representations and
// their preferences, §5.3 Annotation Pages, and CORS for reads without credentials.

const BASIC_CONTAINER = '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"';
const CONSTRAINED_BY = '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"';
const PREFER = (iris: string) => `return=representation;include="${iris}"`;
const MINIMAL = 'http://www.w3.org/ns/ldp#PreferMinimalContainer';
const IRIS = 'http://www.w3.org/ns/oa#PreferContainedIRIs';
const DESCRIPTIONS = 'http://www.w3.org/ns/oa#PreferContainedDescriptions';

let world: ProtocolWorld;
let annotation: { iri: string; etag: string };
let pagedSlug: string;

beforeAll(async () => {
  world = await startProtocolWorld();
  annotation = await world.create('Which source?');
  // 101 annotations make two pages of 100.
  pagedSlug = await createDocument(world.database.db, world.team.workspace.id, { text: TEXT });
  for (let index = 0; index < 101; index += 1) {
    await createAnnotationFromSelectors(world.team.people.commenter, pagedSlug, {
      id: crypto.randomUUID(),
      quote: { type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' },
      position: null,
      body: `Note ${index}`,
      tags: [],
      visibility: 'WORKSPACE',
    });
  }
}, 600_000);

afterAll(async () => {
  await world?.stop();
});

const getJson = async (url: string, headers: Record<string, string> = {}) => {
  const response = await world.send('GET', url, 'editor', { headers });
  expect(response.status, await response.clone().text()).toBe(200);
  return { response, body: (await response.json()) as Record<string, unknown> };
};

describe('4 Annotation Retrieval', () => {
  it('4 Annotation Retrieval: GET answers 200 with the annotation as JSON-LD in the Web Annotation profile', async () => {
    const { response, body } = await getJson(annotation.iri);
    expect(response.headers.get('content-type')).toBe(JSON_LD);
    expect(body).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', id: annotation.iri, type: 'Annotation' });
  });

  it('4 Annotation Retrieval: HEAD answers the headers of GET without a body', async () => {
    const response = await world.send('HEAD', annotation.iri, 'editor');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(annotation.etag);
    expect(await response.text()).toBe('');
  });

  it('4 Annotation Retrieval: OPTIONS answers 200 with the methods allowed', async () => {
    const response = await world.send('OPTIONS', annotation.iri, 'editor');
    expect(response.status).toBe(200);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT, DELETE');
  });

  it('4 Annotation Retrieval: the Link header names ldp#Resource as its type', async () => {
    const { response } = await getJson(annotation.iri);
    expect(linksOf(response)).toContain('<http://www.w3.org/ns/ldp#Resource>; rel="type"');
  });

  it('4 Annotation Retrieval: a strong ETag, which If-None-Match matches weakly (304)', async () => {
    const { response } = await getJson(annotation.iri);
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[^"]+"$/u);
    expect((await world.send('GET', annotation.iri, 'editor', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await world.send('GET', annotation.iri, 'editor', { headers: { 'If-None-Match': `W/${etag}` } })).status).toBe(304);
    expect((await world.send('GET', annotation.iri, 'editor', { headers: { 'If-None-Match': '"something-else"' } })).status).toBe(200);
  });

  it('4 Annotation Retrieval: the Allow header lists every method, and Vary names Accept', async () => {
    const { response } = await getJson(annotation.iri);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT, DELETE');
    expect(response.headers.get('vary')).toMatch(/\bAccept\b/u);
  });

  it('4 Annotation Retrieval: an annotation’s old address redirects permanently to its IRI under the container', async () => {
    const id = annotation.iri.split('/').pop() ?? '';
    const response = await world.send('GET', `/api/annotations/${id}`, 'editor');
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe(annotation.iri);
  });
});

describe('5 Annotation Containers', () => {
  it('5 Annotation Containers: the container IRI ends in "/", and the address without it redirects permanently', async () => {
    const { body } = await getJson(world.container());
    expect(world.container()).toMatch(/\/annotations\/$/u);
    expect(String(body.id).startsWith(world.container())).toBe(true);
    const old = await world.send('GET', world.container().slice(0, -1), 'editor');
    expect(old.status).toBe(308);
    expect(new URL(old.headers.get('location') ?? '', world.server.baseUrl).href).toBe(world.container());
  });

  it('5 Annotation Containers: every annotation IRI is the container IRI with one more segment', async () => {
    expect(annotation.iri.startsWith(world.container())).toBe(true);
    expect(annotation.iri.slice(world.container().length)).toMatch(/^[0-9a-f-]{36}$/u);
  });
});

describe('5.1 Container Retrieval', () => {
  it('5.1 Container Retrieval: GET, HEAD and OPTIONS answer 200, each with Allow and Accept-Post', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      const response = await world.send(method, world.container(), 'editor');
      expect(response.status, method).toBe(200);
      expect(response.headers.get('allow'), method).toBe('GET, HEAD, OPTIONS, POST');
      expect(response.headers.get('accept-post'), method).toContain('application/ld+json');
    }
  });

  it('5.1 Container Retrieval: without Accept, the container is JSON-LD with the annotation and LDP contexts', async () => {
    const { response, body } = await getJson(world.container());
    expect(response.headers.get('content-type')).toBe(JSON_LD);
    expect(body['@context']).toEqual(['http://www.w3.org/ns/anno.jsonld', 'http://www.w3.org/ns/ldp.jsonld']);
    expect(body.type).toEqual(['BasicContainer', 'AnnotationCollection']);
  });

  it('5.1 Container Retrieval: every answer has the Link header of a BasicContainer constrained by the Protocol, errors included', async () => {
    const answers = [
      await world.send('GET', world.container(), 'editor'),
      await world.send('POST', world.container(), 'commenter', { body: 'plain', headers: { 'Content-Type': 'text/plain' } }),
      await world.send('POST', world.container(), 'commenter', { body: { type: 'Annotation' } }),
      await world.send('GET', `${world.container()}?page=999`, 'editor'),
    ];
    expect(answers.map((response) => response.status)).toEqual([200, 415, 422, 404]);
    for (const response of answers) expect(linksOf(response)).toEqual(expect.arrayContaining([BASIC_CONTAINER, CONSTRAINED_BY]));
  });

  it('5.1 Container Retrieval: a strong ETag, and 304 for If-None-Match', async () => {
    const { response } = await getJson(world.container());
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[^"]+"$/u);
    expect((await world.send('GET', world.container(), 'editor', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('5.1 Container Retrieval: Vary names Accept and Prefer', async () => {
    const { response } = await getJson(world.container());
    expect(response.headers.get('vary')).toMatch(/\bAccept\b.*\bPrefer\b|\bPrefer\b.*\bAccept\b/u);
  });
});

describe('5.2 Container Representations', () => {
  it('5.2 Container Representations: the first page is embedded, the last named, the total given', async () => {
    const { body } = await getJson(world.container(pagedSlug));
    expect(body.total).toBe(101);
    expect(body.first).toMatchObject({ type: 'AnnotationPage', startIndex: 0 });
    expect((body.first as { items: unknown[] }).items).toHaveLength(100);
    expect(body.last).toBe(`${world.container(pagedSlug)}?iris=0&page=1`);
  });

  it('5.2 Container Representations: Content-Location names the representation sent, with IRIs or descriptions', async () => {
    const plain = await getJson(world.container());
    expect(plain.response.headers.get('content-location')).toBe(`${world.container()}?iris=0`);
    const iris = await getJson(world.container(), { Prefer: PREFER(IRIS) });
    expect(iris.response.headers.get('content-location')).toBe(`${world.container()}?iris=1`);
  });

  it('5.2.1 Container Representation Preferences: PreferMinimalContainer embeds no annotations and names the pages', async () => {
    const { response, body } = await getJson(world.container(), { Prefer: PREFER(MINIMAL) });
    expect(body.first).toBe(`${world.container()}?iris=0&page=0`);
    expect(body).not.toHaveProperty('contains');
    expect(response.headers.get('preference-applied')).toBe('return=representation');
  });

  it('5.2.1 Container Representation Preferences: PreferContainedIRIs lists the annotations by IRI', async () => {
    const { body } = await getJson(world.container(), { Prefer: PREFER(IRIS) });
    expect((body.first as { items: unknown[] }).items).toEqual([annotation.iri]);
  });

  it('5.2.1 Container Representation Preferences: PreferContainedDescriptions, and no preference at all, describe them in full', async () => {
    for (const headers of [{ Prefer: PREFER(DESCRIPTIONS) }, {}] as Array<Record<string, string>>) {
      const { body } = await getJson(world.container(), headers);
      expect((body.first as { items: Array<{ id: string; type: string }> }).items).toEqual([expect.objectContaining({ id: annotation.iri, type: 'Annotation' })]);
    }
  });
});

describe('5.3 Annotation Pages', () => {
  it('5.3 Annotation Pages: each page links to its container, and to the next and previous pages where there are some', async () => {
    const first = await getJson(`${world.container(pagedSlug)}?iris=0&page=0`);
    expect(first.body).toMatchObject({ type: 'AnnotationPage', partOf: { id: `${world.container(pagedSlug)}?iris=0`, total: 101 }, next: `${world.container(pagedSlug)}?iris=0&page=1` });
    expect(first.body).not.toHaveProperty('prev');
    const second = await getJson(`${world.container(pagedSlug)}?iris=1&page=1`);
    expect(second.body).toMatchObject({ prev: `${world.container(pagedSlug)}?iris=1&page=0`, startIndex: 100 });
    expect(second.body).not.toHaveProperty('next');
    expect((second.body.items as unknown[]).every((item) => typeof item === 'string')).toBe(true);
  });
});

describe('CORS for reads', () => {
  it('a read without credentials answers Access-Control-Allow-Origin: *, one with credentials gets no CORS', async () => {
    const anonymous = await world.send('GET', world.container(world.publicSlug), 'visitor', { headers: { Origin: 'https://w3c-test.example' } });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe('*');
    expect(anonymous.headers.get('access-control-expose-headers')).toContain('ETag');
    const signedIn = await world.send('GET', world.container(world.publicSlug), 'editor', { headers: { Origin: 'https://w3c-test.example' } });
    expect(signedIn.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a preflight is granted for reads and never for writes', async () => {
    const preflight = (method: string) =>
      world.send('OPTIONS', world.container(world.publicSlug), 'visitor', { headers: { Origin: 'https://w3c-test.example', 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'prefer' } });
    const read = await preflight('GET');
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(read.headers.get('access-control-allow-headers')).toContain('Prefer');
    const write = await preflight('POST');
    expect(write.headers.get('access-control-allow-origin')).toBeNull();
  });
});
