import { z } from '@/lib/zod';
import { componentSchemas, inline } from '@/lib/openapi/components';
import { annotationPaths } from '@/lib/openapi/paths/annotations';
import { exportPaths } from '@/lib/openapi/paths/exports';
import { importPaths } from '@/lib/openapi/paths/imports';
import { livePaths } from '@/lib/openapi/paths/live';
import { withOutageAnswers } from '@/lib/openapi/shared';

/**
 * The OpenAPI 3.1 description of Marginalia's HTTP API, served at /api/openapi.json. Its schemas are generated from
 * the zod schemas (components.ts); the paths, parameters and descriptions are written here and in paths/. A test
 * lists the route handlers under app/api and fails when one is neither described nor named in UNDESCRIBED_ROUTES.
 */

/** Route handlers that serve the app's own pages and are not part of the public API, with the reason. */
export const UNDESCRIBED_ROUTES: Record<string, string> = {
  '/api/auth/[...nextauth]': 'next-auth’s sign-in, sign-out and session endpoints, used by the sign-in page',
  '/api/accounts': 'account creation, used by the sign-up page',
  '/api/health': 'a liveness check for load balancers',
  '/api/mail/unsubscribe': 'the one-click unsubscribe link of notification e-mail (RFC 8058), posted by mail clients',
  '/api/ping': 'a request that does no work (no session, database or rate limit), the benchmark’s yardstick for what a request costs',
};

const describedPaths = {
  ...annotationPaths,
  ...importPaths,
  ...exportPaths,
  ...livePaths,
  '/api/openapi.json': {
    get: {
      summary: 'This description',
      security: [{}],
      responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: inline(z.record(z.string(), z.unknown())) } } } },
    },
  },
};

// Generating the schemas takes milliseconds; they and the paths never change while the server runs.
let described: { paths: typeof describedPaths; schemas: ReturnType<typeof componentSchemas> } | undefined;

/** Builds the API description; `origin` fills the servers list so “try it” tools call this installation. */
export function buildOpenApiDocument(origin: string) {
  described ??= { paths: withOutageAnswers(describedPaths), schemas: componentSchemas() };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Marginalia API',
      version: '1.0.0',
      description: [
        'Read and write a document’s annotations by the W3C Web Annotation Protocol, export them, import documents and annotations, and follow changes live.',
        '',
        '**Authentication.** Send a personal API token as `Authorization: Bearer <token>` (create one under Settings → API tokens). A token acts as the person who made it, only within the workspace it was made for, and only reads unless it was made to write. Without a token the session cookie of a signed-in browser is used; without either you are a visitor, who may read public documents.',
        '',
        '**Choices beyond the W3C model.** An annotation carries a top-level `"visibility": "private" | "workspace"` member: `private` annotations are seen only by their author, `workspace` ones by every member of the document’s workspace. When a request leaves it out, the annotation is private: sharing is never a default. Visibility cannot be changed by a PUT. Selectors are pinned to a version of the document (`…/documents/<slug>/versions/<n>`); a new annotation is placed on the current version by its TextQuoteSelector, with a TextPositionSelector as a hint. Replies are annotations with motivation `replying` whose target is the parent’s IRI; they cannot carry tags.',
        '',
        '**Workspaces.** A token reaches only its own workspace: anything elsewhere answers 404 exactly as if it did not exist, except public documents, which it reads as any visitor may.',
        '',
        '**Outages.** While the database is unreachable every route answers 503 with `Retry-After`; retrying a POST with the same `Slug` is safe.',
        '',
        '**Limits.** Each caller (token, signed-in person, or address for visitors) may make a fixed number of requests a minute (600 unless the installation says otherwise); beyond it the answer is 429 with `Retry-After`. Every error is JSON: `{"error": {"code", "message", "fieldErrors"?}}`, and the message is meant for a person.',
      ].join('\n'),
    },
    servers: [{ url: origin }],
    security: [{ apiToken: [] }, { sessionCookie: [] }, {}],
    tags: [
      { name: 'Annotations', description: 'The Web Annotation Protocol container of a document, and single annotations.' },
      { name: 'Exports', description: 'Everything a reader may see of a document, in other formats.' },
      { name: 'Imports', description: 'Documents and annotations brought in from files.' },
      { name: 'Live', description: 'Server-Sent Events streams of changes.' },
    ],
    paths: described.paths,
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (`mrg_…`) from Settings → API tokens, scoped to one workspace.' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'The session of a signed-in browser (`__Secure-next-auth.session-token` over HTTPS).' },
      },
      schemas: described.schemas,
    },
  };
}
