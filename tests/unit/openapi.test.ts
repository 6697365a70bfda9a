import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { z } from '@/lib/zod';
import { buildOpenApiDocument, UNDESCRIBED_ROUTES } from '@/lib/openapi';
import { JSON_SCHEMA_OPTIONS, requestSchemas, responseSchemas } from '@/lib/openapi/components';
import { fromWebAnnotation } from '@/lib/domain/web-annotation-import';
import { presenceSchema } from '@/lib/validation/presence';

const API_DIR = path.join(process.cwd(), 'app', 'api');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

// Every route handler under app/api, as `/api/...` with Next's [param] segments, and the methods it exports.
async function routeHandlers(): Promise<Map<string, string[]>> {
  const files = (await readdir(API_DIR, { recursive: true })).filter((file) => file.endsWith('route.ts'));
  const routes = new Map<string, string[]>();
  for (const file of files) {
    const source = await readFile(path.join(API_DIR, file), 'utf8');
    const methods = METHODS.filter((method) => new RegExp(`export (?:(?:async )?function|const) ${method}\\b`, 'u').test(source));
    routes.set(`/api/${path.dirname(file).split(path.sep).join('/')}`.replace(/\/\.$/u, ''), methods);
  }
  return routes;
}

const asOpenApiPath = (route: string) => route.replace(/\[([^\]]+)\]/gu, '{$1}');
const document = buildOpenApiDocument('https://marginalia.example');
const components = document.components.schemas as Record<string, Record<string, unknown>>;

// A component with every `$ref` to another component replaced by that component, as one self-contained schema.
function dereferenced(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(dereferenced);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $ref, ...rest } = schema as Record<string, unknown>;
  const entries = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, dereferenced(value)]));
  if (typeof $ref !== 'string') return entries;
  const target = components[$ref.replace('#/components/schemas/', '')];
  expect(target, `${$ref} names a component`).toBeDefined();
  return { ...(dereferenced(target) as object), ...entries };
}

describe('the OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('describes every method of every API route, unless the route is named as internal', async () => {
    const missing: string[] = [];
    for (const [route, methods] of await routeHandlers()) {
      if (Object.hasOwn(UNDESCRIBED_ROUTES, route)) continue;
      const described = (document.paths as Record<string, Record<string, unknown>>)[asOpenApiPath(route)];
      // HEAD answers like GET, so a described GET covers it.
      for (const method of methods.filter((name) => name !== 'HEAD')) {
        if (!described?.[method.toLowerCase()]) missing.push(`${method} ${route}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes no route that does not exist', async () => {
    const routes = [...(await routeHandlers()).keys()].map(asOpenApiPath);
    expect(Object.keys(document.paths).filter((described) => !routes.includes(described))).toEqual([]);
    expect(Object.keys(UNDESCRIBED_ROUTES).filter((route) => !routes.includes(asOpenApiPath(route)))).toEqual([]);
  });

  it('has exactly the component schemas zod generates from the schemas the server reads and sends', () => {
    const expected = [
      ...Object.entries(requestSchemas).map(([name, schema]) => [name, z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTIONS, io: 'input' })] as const),
      ...Object.entries(responseSchemas).map(([name, schema]) => [name, z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTIONS, io: 'output' })] as const),
    ];
    expect(Object.keys(components).sort()).toEqual(expected.map(([name]) => name).sort());
    for (const [name, generated] of expected) {
      expect(dereferenced(components[name]), name).toEqual({ ...generated, $schema: undefined });
    }
  });

  it('refers to component schemas rather than copying them into the paths', () => {
    const paths = JSON.stringify(document.paths);
    expect(paths).toContain('"$ref":"#/components/schemas/Annotation"');
    expect(paths).not.toMatch(/"properties":/u);
  });

  it('states the visibility member and its private default', () => {
    const visibility = (components.AnnotationInput!.properties as Record<string, unknown>).visibility;
    expect(visibility).toMatchObject({ enum: ['private', 'workspace'], default: 'private' });
    expect(document.info.description).toMatch(/"visibility": "private" \| "workspace"/u);
  });

  it('accepts in its request schemas what the server accepts, and refuses what it refuses', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema(structuredClone(document), 'openapi');
    const accepts = (name: string, body: unknown) => ajv.validate(`openapi#/components/schemas/${name}`, body);
    const context = 'http://www.w3.org/ns/anno.jsonld';
    const source = 'https://marginalia.example/documents/memo/versions/1';
    const annotations = [
      { '@context': context, type: 'Annotation', body: { type: 'TextualBody', value: 'Which source?', purpose: 'commenting' }, target: { source, selector: { type: 'TextQuoteSelector', exact: 'left' } } },
      { '@context': [context], type: ['Annotation'], bodyValue: 'Agreed.', motivation: 'replying', target: 'https://marginalia.example/api/documents/memo/annotations/6f1c3b2a-5d4e-4f6a-8b7c-9d0e1f2a3b4c' },
      { '@context': context, type: 'Annotation', body: [{ type: 'TextualBody', value: 'actor', purpose: 'tagging' }], target: { source, selector: [{ type: 'TextQuoteSelector', exact: 'left' }, { type: 'TextPositionSelector', start: 3, end: 7 }] }, visibility: 'workspace' },
      { '@context': context, type: 'Annotation', body: { type: 'TextualBody', value: 'No target' } },
      { type: 'Annotation', target: 'https://marginalia.example/api/documents/memo/annotations/x' },
      { '@context': context, target: { source, selector: { type: 'TextQuoteSelector', exact: 'left' } } },
    ];
    expect(annotations.map((body) => accepts('AnnotationInput', body))).toEqual(annotations.map((body) => fromWebAnnotation(body).ok));
    expect(annotations.map((body) => accepts('AnnotationInput', body))).toEqual([true, true, true, false, false, false]);

    const heartbeats = [{ tabId: 'tab-1234abcd', sectionSlug: 'first-section' }, { tabId: 'tab-1234abcd', isLeaving: true }, { tabId: 'short' }, { sectionSlug: 'first-section' }];
    expect(heartbeats.map((body) => accepts('PresenceHeartbeat', body))).toEqual(heartbeats.map((body) => presenceSchema.safeParse(body).success));
    expect(heartbeats.map((body) => accepts('PresenceHeartbeat', body))).toEqual([true, true, false, false]);
  });
});
