import { z } from '@/lib/zod';
import { inline, ref } from '@/lib/openapi/components';

// The parts of the API description many operations share: answers, parameters and media types.

/** The media type of annotations, pages and containers (Web Annotation Protocol §4). */
export const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** A plain string, for text bodies and headers. */
export const text = inline(z.string());

/** A file's bytes. */
export const binary = inline(z.string().meta({ format: 'binary' }));

/** An IRI, for Location and Content-Location. */
export const iriText = inline(z.url());

const seconds = inline(z.int().min(1));

/** An error answer with its JSON body. */
export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

/** 429, with Retry-After. */
export const rateLimited = {
  ...errorResponse('Too many requests from this caller; wait `Retry-After` seconds.'),
  headers: { 'Retry-After': { description: 'Seconds until the caller’s window resets.', schema: seconds } },
};

/** 401, with the Bearer challenge. */
export const unauthorized = {
  ...errorResponse('No valid credentials: the token is malformed, unknown or revoked, or a write came without any.'),
  headers: { 'WWW-Authenticate': { schema: { ...text, example: 'Bearer realm="Marginalia"' } } },
};

/** 503 while the database is unreachable. */
export const unavailable = {
  ...errorResponse('The database is unreachable for a moment; try again after `Retry-After` seconds.'),
  headers: { 'Retry-After': { schema: seconds } },
};

/** 412 for a stale If-Match, with the current ETag. */
export const preconditionFailed = (description: string) => ({ ...errorResponse(description), headers: { ETag: { schema: text } } });

/** The path parameter of a document. */
export const documentSlug = { name: 'documentSlug', in: 'path', required: true, description: 'The document’s slug, as in its reader URL.', schema: text };

/** The path parameter of an annotation. */
export const annotationId = { name: 'annotationId', in: 'path', required: true, schema: inline(z.uuid()) };

/** The path parameter of a workspace. */
export const workspaceSlug = { name: 'workspaceSlug', in: 'path', required: true, schema: text };

/** A path parameter naming one of `formats`. */
export const formatParameter = (formats: readonly [string, ...string[]]) => ({ name: 'format', in: 'path', required: true, schema: inline(z.enum(formats)) });

/** An annotation sent in a POST or PUT, in JSON-LD or plain JSON. */
export const annotationBody = {
  required: true,
  content: { [JSON_LD]: { schema: ref('AnnotationInput') }, 'application/json': { schema: ref('AnnotationInput') } },
};

const etagHeader = { description: 'A strong ETag of this representation; send it back in If-Match to edit or delete.', schema: text };

/** An answer carrying one annotation and its ETag. */
export const annotationResponse = (description: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers: { ETag: etagHeader, ...headers },
  content: { [JSON_LD]: { schema: ref('Annotation') } },
});

/** A Server-Sent Events stream. */
export const eventStream = {
  description: 'A Server-Sent Events stream: `event: activity` with the activity as JSON data, and heartbeats. Resumes after `Last-Event-ID`.',
  content: { 'text/event-stream': { schema: text } },
};

/** Where a stream resumes. */
export const lastEventId = [
  { name: 'Last-Event-ID', in: 'header', required: false, description: 'Resume after this event.', schema: text },
  { name: 'lastEventId', in: 'query', required: false, description: 'The same, for clients that cannot set headers.', schema: text },
];

/** 304 for a matching If-None-Match. */
export const notModified = { description: 'Not modified since the ETag sent in If-None-Match.' };

type Operation = { responses: Record<string, unknown> };

/** Adds the 503 every operation that touches the database can meet, so the paths need not say it each time. */
export function withOutageAnswers<Paths extends Record<string, Record<string, unknown>>>(described: Paths): Paths {
  const paths = structuredClone(described);
  for (const [path, item] of Object.entries(paths)) {
    if (path === '/api/openapi.json') continue;
    for (const [method, operation] of Object.entries(item)) {
      if (method !== 'parameters' && method !== 'options') (operation as Operation).responses['503'] ??= unavailable;
    }
  }
  return paths;
}
