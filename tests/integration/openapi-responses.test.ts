import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProtocolWorld, type ProtocolWorld } from '@/tests/helpers/protocol-client';

// Real answers of a running server, checked against the schemas of the OpenAPI document it serves: what the API
// description promises is what a client gets. Objects the server sends are closed (no members beyond the schema),
// so a member added to a response without its schema fails here.

let world: ProtocolWorld;
let ajv: Ajv2020;
let annotation: { iri: string };

beforeAll(async () => {
  world = await startProtocolWorld();
  annotation = await world.create('Which source?');
  await world.create('A second note.');
  const description = await (await fetch(`${world.server.baseUrl}/api/openapi.json`)).json();
  // strict: false lets the OpenAPI members around the schemas (paths, info) through; formats are still checked.
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema(description, 'openapi');
}, 600_000);

afterAll(async () => {
  await world?.stop();
});

const schemaOf = (name: string): ValidateFunction => ajv.getSchema(`openapi#/components/schemas/${name}`)!;

// The body of `response`, after checking its status, and the schema's complaints about it (none when it is valid).
async function check(response: Response, status: number, schema: string): Promise<{ body: unknown; errors: unknown[] }> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body: unknown = JSON.parse(text);
  const validate = schemaOf(schema);
  expect(validate, `${schema} is a component`).toBeDefined();
  return { body, errors: validate(body) ? [] : (validate.errors ?? []) };
}

describe('answers of the running server, against the schemas of its OpenAPI document', () => {
  it('an annotation read by GET is an Annotation', async () => {
    const { body, errors } = await check(await world.send('GET', annotation.iri, 'editor'), 200, 'Annotation');
    expect(errors).toEqual([]);
    expect(body).toMatchObject({ id: annotation.iri, type: 'Annotation', visibility: 'workspace' });
  });

  it('a reply, targeting its parent’s IRI, is an Annotation', async () => {
    const reply = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', motivation: 'replying', body: { type: 'TextualBody', value: 'Agreed.' }, target: annotation.iri };
    const { errors } = await check(await world.send('POST', world.container(), 'editor', { body: reply }), 201, 'Annotation');
    expect(errors).toEqual([]);
  });

  it('the container, in full, with IRIs only and minimal, is an AnnotationContainer', async () => {
    for (const url of [world.container(), `${world.container()}?iris=1`]) {
      const { body, errors } = await check(await world.send('GET', url, 'editor'), 200, 'AnnotationContainer');
      expect(errors, url).toEqual([]);
      expect(body).toMatchObject({ total: 3 });
    }
    const minimal = { Prefer: 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"' };
    expect((await check(await world.send('GET', world.container(), 'editor', { headers: minimal }), 200, 'AnnotationContainer')).errors).toEqual([]);
  });

  it('a page of the container is a ContainerPage, with annotations or IRIs', async () => {
    for (const url of [`${world.container()}?page=0`, `${world.container()}?iris=1&page=0`]) {
      const { body, errors } = await check(await world.send('GET', url, 'editor'), 200, 'ContainerPage');
      expect(errors, url).toEqual([]);
      expect((body as { items: unknown[] }).items).toHaveLength(3);
    }
  });

  it('the annotations export is an AnnotationCollection', async () => {
    const response = await world.send('GET', `/api/documents/${world.slug}/export/annotations.jsonld`, 'editor');
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    expect((await check(response, 200, 'AnnotationCollection')).errors).toEqual([]);
  });

  it('errors, with and without field errors, are an Error', async () => {
    const invalid = await check(await world.send('GET', `${world.container()}?page=first`, 'editor'), 422, 'Error');
    expect(invalid.errors).toEqual([]);
    expect(invalid.body).toMatchObject({ error: { code: 'INVALID_INPUT', fieldErrors: { page: [expect.any(String)] } } });
    const missing = await check(await world.send('GET', `${world.container()}?page=7`, 'editor'), 404, 'Error');
    expect(missing.errors).toEqual([]);
    const notAnnotation = await check(await world.send('POST', world.container(), 'editor', { body: { type: 'Note' } }), 422, 'Error');
    expect(notAnnotation.errors).toEqual([]);
  });

  it('an annotation import answers an AnnotationImportReport', async () => {
    const exported = await (await world.send('GET', `/api/documents/${world.slug}/export/annotations.jsonld`, 'editor')).text();
    const response = await world.send('POST', `/api/documents/${world.publicSlug}/annotations/import`, 'editor', { body: exported, headers: { 'Content-Type': 'application/ld+json' } });
    const { body, errors } = await check(response, 201, 'AnnotationImportReport');
    expect(errors).toEqual([]);
    expect(body).toMatchObject({ format: 'w3c', imported: 3, replies: 1 });
  });

  it('a document import answers a DocumentImportResult, with the re-anchoring report for a new version', async () => {
    const url = `/api/workspaces/${world.team.workspace.slug}/documents?slug=${world.slug}`;
    const markdown = '# A memo on fighters\n\nIts lead paragraph.\n\n## First section\n\nA claim with a source. About 4,000 fighters left.\n\nA paragraph added later.\n';
    const response = await world.send('POST', url, 'editor', { body: markdown, headers: { 'Content-Type': 'text/markdown' } });
    const { body, errors } = await check(response, 201, 'DocumentImportResult');
    expect(errors).toEqual([]);
    expect(body).toMatchObject({ documentSlug: world.slug, isNewVersion: true, reanchor: { orphan: 0 } });
  });

  it('checks what it promises: an answer missing a member fails its schema', async () => {
    const { body } = await check(await world.send('GET', annotation.iri, 'editor'), 200, 'Annotation');
    const withoutDate: Record<string, unknown> = { ...(body as object) };
    delete withoutDate.created;
    expect(schemaOf('Annotation')(withoutDate)).toBe(false);
    expect(schemaOf('Annotation')({ ...(body as object), colour: 'red' })).toBe(false);
  });
});
