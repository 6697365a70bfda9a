/**
 * The OpenAPI 3.1 description of Marginalia's HTTP API, served at /api/openapi.json. A test lists the route
 * handlers under app/api and fails when one is neither described here nor named in UNDESCRIBED_ROUTES.
 */

/** Route handlers that serve the app's own pages and are not part of the public API, with the reason. */
export const UNDESCRIBED_ROUTES: Record<string, string> = {
  '/api/auth/[...nextauth]': 'next-auth’s sign-in, sign-out and session endpoints, used by the sign-in page',
  '/api/accounts': 'account creation, used by the sign-up page',
  '/api/health': 'a liveness check for load balancers',
  '/api/mail/unsubscribe': 'the one-click unsubscribe link of notification e-mail (RFC 8058), posted by mail clients',
  '/api/ping': 'a request that does no work (no session, database or rate limit), the benchmark’s yardstick for what a request costs',
};

const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const rateLimited = {
  description: 'Too many requests from this caller; wait `Retry-After` seconds.',
  headers: { 'Retry-After': { description: 'Seconds until the caller’s window resets.', schema: { type: 'integer', minimum: 1 } } },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const unauthorized = {
  description: 'No valid credentials: the token is malformed, unknown or revoked, or a write came without any.',
  headers: { 'WWW-Authenticate': { schema: { type: 'string', example: 'Bearer realm="Marginalia"' } } },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const documentSlug = { name: 'documentSlug', in: 'path', required: true, description: 'The document’s slug, as in its reader URL.', schema: { type: 'string' } };
const annotationId = { name: 'annotationId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const workspaceSlug = { name: 'workspaceSlug', in: 'path', required: true, schema: { type: 'string' } };

const annotationBody = {
  required: true,
  content: {
    [JSON_LD]: { schema: { $ref: '#/components/schemas/AnnotationInput' } },
    'application/json': { schema: { $ref: '#/components/schemas/AnnotationInput' } },
  },
};

const annotationResponse = (description: string) => ({
  description,
  headers: { ETag: { description: 'A strong ETag of this representation; send it back in If-Match to edit or delete.', schema: { type: 'string' } } },
  content: { [JSON_LD]: { schema: { $ref: '#/components/schemas/Annotation' } } },
});

const eventStream = {
  description: 'A Server-Sent Events stream: `event: activity` with the activity as JSON data, and heartbeats. Resumes after `Last-Event-ID`.',
  content: { 'text/event-stream': { schema: { type: 'string' } } },
};

const lastEventId = [
  { name: 'Last-Event-ID', in: 'header', required: false, description: 'Resume after this event.', schema: { type: 'string' } },
  { name: 'lastEventId', in: 'query', required: false, description: 'The same, for clients that cannot set headers.', schema: { type: 'string' } },
];

const unavailable = {
  description: 'The database is unreachable for a moment; try again after `Retry-After` seconds.',
  headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

type Operation = { responses: Record<string, unknown> };

// Every operation that touches the database can meet an outage; saying so once here keeps the paths readable.
function withOutageAnswers<Paths extends Record<string, Record<string, unknown>>>(paths: Paths): Paths {
  for (const [path, item] of Object.entries(paths)) {
    if (path === '/api/openapi.json') continue;
    for (const [method, operation] of Object.entries(item)) {
      if (method !== 'parameters' && method !== 'options') (operation as Operation).responses['503'] ??= unavailable;
    }
  }
  return paths;
}

/** Builds the API description; `origin` fills the servers list so “try it” tools call this installation. */
export function buildOpenApiDocument(origin: string) {
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
    paths: withOutageAnswers({
      '/api/documents/{documentSlug}/annotations': {
        parameters: [documentSlug],
        get: {
          tags: ['Annotations'],
          summary: 'The annotation container of a document',
          description:
            'The container’s IRI ends in "/" (`…/annotations/`); the address without it answers 308. An AnnotationCollection (also an LDP BasicContainer) of the annotations you may see, 100 a page, the first page embedded. `Prefer: return=representation;include="…"` chooses PreferMinimalContainer, PreferContainedIRIs or PreferContainedDescriptions (answered with Preference-Applied); `?iris=1` and `?page=N` serve the same representations by address. Content-Location names the representation sent.',
          parameters: [
            { name: 'page', in: 'query', required: false, description: 'A page number from 0.', schema: { type: 'integer', minimum: 0 } },
            { name: 'iris', in: 'query', required: false, description: '1 lists annotation IRIs only, 0 the annotations in full.', schema: { type: 'integer', enum: [0, 1] } },
            { name: 'Prefer', in: 'header', required: false, description: 'The Protocol’s container preferences.', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'The collection, or one page of it.',
              headers: { ETag: { schema: { type: 'string' } }, 'Content-Location': { schema: { type: 'string', format: 'uri' } }, 'Preference-Applied': { schema: { type: 'string' } } },
              content: { [JSON_LD]: { schema: { oneOf: [{ $ref: '#/components/schemas/AnnotationCollection' }, { $ref: '#/components/schemas/AnnotationPage' }] } } },
            },
            '304': { description: 'Not modified since the ETag sent in If-None-Match.' },
            '401': unauthorized,
            '403': errorResponse('The token’s owner has left its workspace.'),
            '308': { description: 'The container’s old address, without the final "/": its IRI is in Location.' },
            '404': errorResponse('No such document or page, or you may not read the document.'),
            '422': errorResponse('The page is not a whole number, or iris is not 0 or 1.'),
            '429': rateLimited,
          },
        },
        post: {
          tags: ['Annotations'],
          summary: 'Create an annotation or a reply',
          description:
            'A quote target is placed by its TextQuoteSelector; a target that is one of the document’s annotation IRIs makes a reply; a target naming a section (`…/versions/<n>#<section>`) joins its discussion. The server assigns the id; a client’s own `id` is kept in `via`, and `canonical` unchanged.',
          parameters: [
            {
              name: 'Slug',
              in: 'header',
              required: false,
              description: 'A UUID to use as the new annotation’s id. Retrying with the same Slug returns the stored annotation (200) instead of making a second one; a Slug naming a deleted annotation, or someone else’s, is ignored.',
              schema: { type: 'string', format: 'uuid' },
            },
          ],
          requestBody: annotationBody,
          responses: {
            '200': annotationResponse('An annotation with this Slug already existed; it is returned unchanged.'),
            '201': {
              ...annotationResponse('Created.'),
              headers: {
                ...annotationResponse('').headers,
                Location: { description: 'The new annotation’s IRI.', schema: { type: 'string', format: 'uri' } },
              },
            },
            '401': unauthorized,
            '403': errorResponse('You may not annotate this document (viewers, and visitors to public documents, may not), or the token is read-only.'),
            '404': errorResponse('No such document, or you may not read it.'),
            '413': errorResponse('The annotation is larger than 64 KB.'),
            '415': errorResponse('The body is not application/ld+json or application/json.'),
            '422': errorResponse('The body is not JSON, not an annotation, or its quote is not in the document.'),
            '429': rateLimited,
          },
        },
        options: { tags: ['Annotations'], summary: 'What the container allows', responses: { '200': { description: 'Allow and Accept-Post headers, and a CORS grant for reads.' } } },
      },
      '/api/annotations/{annotationId}': {
        parameters: [annotationId],
        get: { tags: ['Annotations'], summary: 'An annotation’s old address', description: 'Every method answers 308 to the annotation’s IRI under its document’s container.', responses: { '308': { description: 'The IRI is in Location.' }, '404': errorResponse('No such annotation, or you may not see it.') } },
        put: { tags: ['Annotations'], summary: 'An annotation’s old address', responses: { '308': { description: 'The IRI is in Location; send the PUT there.' }, '404': errorResponse('No such annotation, or you may not see it.') } },
        delete: { tags: ['Annotations'], summary: 'An annotation’s old address', responses: { '308': { description: 'The IRI is in Location; send the DELETE there.' }, '404': errorResponse('No such annotation, or you may not see it.') } },
        options: { tags: ['Annotations'], summary: 'What the old address allows', responses: { '200': { description: 'The Allow header.' } } },
      },
      '/api/documents/{documentSlug}/annotations/{annotationId}': {
        parameters: [documentSlug, annotationId],
        get: {
          tags: ['Annotations'],
          summary: 'One annotation',
          responses: {
            '200': annotationResponse('The annotation.'),
            '304': { description: 'Not modified since the ETag sent in If-None-Match.' },
            '401': unauthorized,
                        '404': errorResponse('No such annotation, or you may not see it.'),
            '429': rateLimited,
          },
        },
        put: {
          tags: ['Annotations'],
          summary: 'Replace an annotation’s comment and tags',
          description: 'Only the author may edit. The target, visibility, `via` and `canonical` cannot change: a PUT changing the target, `via` or `canonical` answers 409.',
          parameters: [{ name: 'If-Match', in: 'header', required: true, description: 'The ETag you read, compared strongly; `*` for whatever is current.', schema: { type: 'string' } }],
          requestBody: annotationBody,
          responses: {
            '200': annotationResponse('Saved; the new ETag is returned.'),
            '401': unauthorized,
            '403': errorResponse('Not your annotation, or the token is read-only.'),
            '404': errorResponse('No such annotation, or you may not see it.'),
            '409': errorResponse('The edit would move the annotation or change its `via` or `canonical`.'),
            '412': { ...errorResponse('Someone changed the annotation after you read it; the current ETag is returned.'), headers: { ETag: { schema: { type: 'string' } } } },
            '413': errorResponse('The annotation is larger than 64 KB.'),
            '415': errorResponse('The body is not application/ld+json or application/json.'),
            '422': errorResponse('The body is not JSON or not an annotation, or it changes the visibility.'),
            '428': errorResponse('If-Match is missing.'),
            '429': rateLimited,
          },
        },
        delete: {
          tags: ['Annotations'],
          summary: 'Delete your annotation',
          description: 'Its replies stay, under a placeholder. With If-Match, only the representation you read is deleted.',
          parameters: [{ name: 'If-Match', in: 'header', required: false, description: 'The ETag you read, compared strongly.', schema: { type: 'string' } }],
          responses: {
            '204': { description: 'Deleted.' },
            '412': { ...errorResponse('Someone changed the annotation after you read it; nothing was deleted.'), headers: { ETag: { schema: { type: 'string' } } } },
            '401': unauthorized,
            '403': errorResponse('Not your annotation, or the token is read-only.'),
            '404': errorResponse('No such annotation, or you may not see it.'),
            '429': rateLimited,
          },
        },
        options: { tags: ['Annotations'], summary: 'What an annotation allows', responses: { '200': { description: 'The Allow header, and a CORS grant for reads.' } } },
      },
      '/api/documents/{documentSlug}/annotations/import': {
        parameters: [documentSlug],
        post: {
          tags: ['Imports'],
          summary: 'Import annotations from a W3C or Hypothesis file',
          description:
            'The body is a W3C Web Annotation export (one annotation, a list, an AnnotationPage, or an AnnotationCollection with embedded pages) or a Hypothesis export (the API’s search result `{total, rows}`, a list, or `{annotations}`). Quotes are placed on the document’s current text by their TextQuoteSelector; annotations whose quote is not found are kept as orphans and listed in `unplaced`. Tags and replies are kept; you become the author and the original author is recorded. All or nothing; importing the same file again adds nothing. Commenters and above.',
          parameters: [{ name: 'format', in: 'query', required: false, schema: { enum: ['w3c', 'hypothesis', 'auto'], default: 'auto' } }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: ['object', 'array'] } }, 'application/ld+json': { schema: { type: ['object', 'array'] } } },
          },
          responses: {
            '200': { description: 'Everything in the file was here already.', content: { 'application/json': { schema: { $ref: '#/components/schemas/AnnotationImportReport' } } } },
            '201': { description: 'Annotations were added.', content: { 'application/json': { schema: { $ref: '#/components/schemas/AnnotationImportReport' } } } },
            '401': unauthorized,
            '403': errorResponse('Viewers cannot import, nor can a read-only token.'),
            '404': errorResponse('No such document, or you may not read it.'),
            '413': errorResponse('The file is larger than 10 MB.'),
            '415': errorResponse('The body is not application/json or application/ld+json.'),
            '422': errorResponse('The file is not JSON (the message gives line and column), not an annotation export, has a selector type the W3C model does not define, or has a reply whose parent is missing. Nothing was imported.'),
            '429': rateLimited,
          },
        },
      },
      '/api/workspaces/{workspaceSlug}/sources/{format}': {
        parameters: [workspaceSlug, { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['sources.json', 'sources.bib'] } }],
        get: {
          tags: ['Exports'],
          summary: 'Export a workspace’s source library',
          description: '`sources.json`: every source of the workspace as CSL-JSON. `sources.bib`: the same as BibTeX (UTF-8). Members of the workspace only.',
          responses: {
            '200': {
              description: 'The library, as a download.',
              content: {
                'application/vnd.citationstyles.csl+json': { schema: { type: 'array', items: { type: 'object' } } },
                'application/x-bibtex': { schema: { type: 'string' } },
              },
            },
            '401': unauthorized,
            '404': errorResponse('No such workspace or format, or you are not a member of the workspace.'),
            '429': rateLimited,
          },
        },
      },
      '/api/workspaces/{workspaceSlug}/documents': {
        parameters: [workspaceSlug],
        post: {
          tags: ['Imports'],
          summary: 'Import a document, or a new version of one',
          description:
            'The body is the document itself (`text/markdown` with GFM footnotes, whose definitions become the note texts; `text/plain` with bracketed markers and a trailing Notes section; `text/html`, of which only the text structure is kept; or `application/pdf`, up to 20 MB and 500 pages, whose text, headings, notes and pages are read and whose file is kept with the version), or a `multipart/form-data` upload with a `file` (or `content`) field and the same optional fields as the query. When the slug names a document of this workspace, the text becomes its next version and its annotations are re-anchored; the `reanchor` report counts what stayed, moved, matched fuzzily or was orphaned. Editors and owners only.',
          parameters: [
            { name: 'slug', in: 'query', required: false, description: 'The document’s address; derived from the title when left out.', schema: { type: 'string' } },
            { name: 'title', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'format', in: 'query', required: false, description: 'Detected from the content type or file name when left out.', schema: { enum: ['markdown', 'text', 'html'] } },
            { name: 'preview', in: 'query', required: false, description: '`1` reads a PDF and answers what would be imported (200, an ImportPreview), storing nothing.', schema: { enum: ['1'] } },
          ],
          requestBody: {
            required: true,
            content: {
              'text/markdown': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { file: { type: 'string', format: 'binary' }, content: { type: 'string' }, slug: { type: 'string' }, title: { type: 'string' }, format: { enum: ['markdown', 'text', 'html'] } },
                },
              },
            },
          },
          responses: {
            '200': { description: 'This exact text was already stored; nothing changed.', content: { 'application/json': { schema: { $ref: '#/components/schemas/DocumentImportResult' } } } },
            '201': {
              description: 'A new document, or a new version of an existing one.',
              headers: { Location: { description: 'The document’s reader page.', schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/DocumentImportResult' } } },
            },
            '401': unauthorized,
            '403': errorResponse('Only editors and owners import documents, and only with a token that may write.'),
            '404': errorResponse('No such workspace, or you are not a member.'),
            '409': errorResponse('Two imports raced for the same new address; send it again.'),
            '413': errorResponse('The document is larger than 2 MB (a PDF: 20 MB).'),
            '415': errorResponse('The content type is not one of the above.'),
            '422': errorResponse('The text cannot be read as a document (no title or paragraphs, not UTF-8), or the PDF is encrypted, damaged, a scan without text, over 500 pages or too complex to read.'),
            '429': rateLimited,
          },
        },
      },
      '/api/documents/{documentSlug}/export/{format}': {
        parameters: [
          documentSlug,
          { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['annotations.jsonld', 'report.md', 'report.html', 'report.pdf', 'claims.csv', 'sources.json'] } },
        ],
        get: {
          tags: ['Exports'],
          summary: 'Export a document’s annotations or sources',
          description:
            '`annotations.jsonld`: one self-contained W3C AnnotationCollection. `report.md`: a Markdown report by section with quotes, comments, replies, tags, sources and verdicts. `report.html` and `report.pdf`: the verification report (each note with its citing sentence, status, assignee, sources, evidence and verdict history; coverage; sentences citing nothing), naming the version, the date and who generated it; the HTML is one self-contained page with no scripts, the PDF embeds a Unicode font. `claims.csv`: tagged thread starters, one row per tag. `sources.json`: the sources as CSL-JSON. Every format shows exactly what you may see in the reader.',
          responses: {
            '200': {
              description: 'The export, as a download.',
              content: {
                [JSON_LD]: { schema: { $ref: '#/components/schemas/AnnotationCollection' } },
                'text/markdown': { schema: { type: 'string' } },
                'text/html': { schema: { type: 'string' } },
                'application/pdf': { schema: { type: 'string', format: 'binary' } },
                'text/csv': { schema: { type: 'string' } },
                'application/vnd.citationstyles.csl+json': { schema: { type: 'array', items: { type: 'object' } } },
              },
            },
            '401': unauthorized,
                        '404': errorResponse('No such document or format, or you may not read the document.'),
            '429': rateLimited,
          },
        },
      },
      '/api/documents/{documentSlug}/pdf': {
        parameters: [documentSlug, { name: 'version', in: 'query', required: false, description: 'The version number; the newest when left out.', schema: { type: 'integer', minimum: 1 } }],
        get: {
          tags: ['Exports'],
          summary: 'Download the original PDF of a version',
          description: 'The PDF a version was imported from, as a download. Readers of the document only.',
          responses: {
            '200': { description: 'The PDF.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
            '401': unauthorized,
            '404': errorResponse('The version has no PDF, or you may not read the document.'),
            '422': errorResponse('The version is not a whole number.'),
            '429': rateLimited,
          },
        },
      },
      '/api/documents/{documentSlug}/events': {
        parameters: [documentSlug],
        get: {
          tags: ['Live'],
          summary: 'Follow a document’s changes',
          parameters: [...lastEventId, { name: 'since', in: 'query', required: false, description: 'An ISO instant: replay what changed after it.', schema: { type: 'string', format: 'date-time' } }],
          responses: { '200': eventStream, '401': unauthorized, '404': errorResponse('No such document, or you may not read it.'), '429': rateLimited },
        },
        post: {
          tags: ['Live'],
          summary: 'Announce that you are reading (presence heartbeat)',
          description: 'Sent by the reader every 15 s while it is visible: `{"tabId", "sectionSlug"}`, and `{"tabId", "isLeaving": true}` on leaving. Other members see who is reading which section.',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['tabId'],
                  properties: { tabId: { type: 'string' }, sectionSlug: { type: ['string', 'null'] }, isLeaving: { type: 'boolean' } },
                },
              },
            },
          },
          responses: { '204': { description: 'Recorded.' }, '401': unauthorized, '404': errorResponse('No such document, or you may not read it.'), '413': errorResponse('Heartbeats are at most 1 KB.'), '422': errorResponse('Not a heartbeat.'), '429': rateLimited },
        },
      },
      '/api/workspaces/{workspaceSlug}/events': {
        parameters: [workspaceSlug],
        get: {
          tags: ['Live'],
          summary: 'Follow everything that changes in a workspace',
          parameters: lastEventId,
          responses: { '200': eventStream, '401': unauthorized, '404': errorResponse('No such workspace, or you are not a member.'), '429': rateLimited },
        },
      },
      '/api/notifications/events': {
        get: {
          tags: ['Live'],
          summary: 'Follow your own unread notification count',
          description: 'A Server-Sent Events stream of the signed-in person’s `unread` count (`{ "count": 3 }`), sent on opening and whenever their notifications change. Session only: API tokens belong to one workspace and do not open it.',
          security: [{ sessionCookie: [] }],
          responses: { '200': eventStream, '401': unauthorized },
        },
      },
      '/api/openapi.json': {
        get: {
          summary: 'This description',
          security: [{}],
          responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    }),
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (`mrg_…`) from Settings → API tokens, scoped to one workspace.' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'The session of a signed-in browser (`__Secure-next-auth.session-token` over HTTPS).' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', examples: ['INVALID_INPUT', 'NOT_FOUND', 'RATE_LIMITED'] },
                message: { type: 'string', description: 'What went wrong and what to do, for a person.' },
                fieldErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
                retryAfterSeconds: { type: 'integer' },
              },
            },
          },
        },
        ReanchorReport: {
          type: 'object',
          description: 'Where the annotations of the previous version landed on the new text.',
          properties: {
            exact: { type: 'integer' },
            moved: { type: 'integer' },
            fuzzy: { type: 'integer' },
            orphan: { type: 'integer' },
            needsConfirmation: { type: 'integer', description: 'Fuzzy placements doubtful enough for a person to confirm.' },
          },
        },
        AnnotationImportReport: {
          type: 'object',
          required: ['format', 'imported', 'unplaced'],
          properties: {
            format: { enum: ['w3c', 'hypothesis'] },
            imported: { type: 'integer', description: 'Annotations added, replies included.' },
            exact: { type: 'integer' },
            moved: { type: 'integer' },
            fuzzy: { type: 'integer' },
            orphaned: { type: 'integer', description: 'Quotes not found in the text; kept, and listed in `unplaced`.' },
            pageNotes: { type: 'integer' },
            sectionComments: { type: 'integer' },
            replies: { type: 'integer' },
            skipped: { type: 'integer', description: 'Already on the document from an earlier import or our own export.' },
            links: { type: 'integer', description: 'Links between annotations made from the file’s `linking` annotations (W3C files only).' },
            tagsCreated: { type: 'array', items: { type: 'string' } },
            unplaced: {
              type: 'array',
              items: {
                type: 'object',
                properties: { id: { type: 'string' }, kind: { enum: ['orphan', 'page-note'] }, quote: { type: ['string', 'null'] }, body: { type: 'string' }, originalCreator: { type: ['string', 'null'] } },
              },
            },
            warnings: { type: 'array', items: { type: 'string' } },
          },
        },
        DocumentImportResult: {
          type: 'object',
          required: ['documentSlug', 'title', 'versionNumber', 'isNewDocument', 'isNewVersion'],
          properties: {
            documentSlug: { type: 'string' },
            title: { type: 'string' },
            versionNumber: { type: 'integer' },
            isNewDocument: { type: 'boolean' },
            isNewVersion: { type: 'boolean' },
            reanchor: { oneOf: [{ $ref: '#/components/schemas/ReanchorReport' }, { type: 'null' }] },
            preview: { type: 'object', description: 'What was read: sections, paragraphs, notes, and markup removed.' },
          },
        },
        TextQuoteSelector: {
          type: 'object',
          required: ['type', 'exact'],
          properties: { type: { const: 'TextQuoteSelector' }, exact: { type: 'string', minLength: 1 }, prefix: { type: 'string' }, suffix: { type: 'string' } },
        },
        TextPositionSelector: {
          type: 'object',
          required: ['type', 'start', 'end'],
          properties: { type: { const: 'TextPositionSelector' }, start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 0 } },
          description: 'Offsets in Unicode code points of the document’s plain text.',
        },
        TextualBody: {
          type: 'object',
          required: ['type', 'value'],
          properties: {
            type: { const: 'TextualBody' },
            value: { type: 'string' },
            purpose: { enum: ['commenting', 'tagging', 'replying'] },
            format: { type: 'string', examples: ['text/markdown'] },
          },
        },
        AnnotationInput: {
          type: 'object',
          description: 'A W3C Web Annotation. The comment is the TextualBody with purpose `commenting` (Markdown), each tag a TextualBody with purpose `tagging`. Ids, creator and dates sent are ignored.',
          required: ['type', 'target'],
          properties: {
            '@context': { description: 'http://www.w3.org/ns/anno.jsonld' },
            type: { const: 'Annotation' },
            motivation: { enum: ['commenting', 'highlighting', 'tagging', 'replying', 'assessing'] },
            body: { oneOf: [{ $ref: '#/components/schemas/TextualBody' }, { type: 'array', items: { $ref: '#/components/schemas/TextualBody' } }] },
            target: {
              description: 'A passage of the document (a SpecificResource with a TextQuoteSelector), or, for a reply, the parent annotation’s IRI.',
              oneOf: [
                { type: 'string', format: 'uri' },
                {
                  type: 'object',
                  required: ['selector'],
                  properties: {
                    source: { type: 'string', format: 'uri' },
                    selector: {
                      oneOf: [
                        { $ref: '#/components/schemas/TextQuoteSelector' },
                        { type: 'array', items: { oneOf: [{ $ref: '#/components/schemas/TextQuoteSelector' }, { $ref: '#/components/schemas/TextPositionSelector' }] } },
                      ],
                    },
                  },
                },
              ],
            },
            visibility: { enum: ['private', 'workspace'], default: 'private', description: 'Not part of the W3C model: who may see the annotation. Private when left out.' },
          },
        },
        Annotation: {
          type: 'object',
          required: ['@context', 'id', 'type', 'target', 'created'],
          properties: {
            '@context': { const: 'http://www.w3.org/ns/anno.jsonld' },
            id: { type: 'string', format: 'uri' },
            type: { const: 'Annotation' },
            motivation: { enum: ['commenting', 'highlighting', 'replying'] },
            body: { type: 'array', items: { $ref: '#/components/schemas/TextualBody' } },
            target: {},
            creator: { type: 'object', properties: { id: { type: 'string' }, type: { const: 'Person' }, name: { type: 'string' } } },
            created: { type: 'string', format: 'date-time' },
            modified: { type: 'string', format: 'date-time' },
            visibility: { enum: ['private', 'workspace'] },
          },
        },
        AnnotationPage: {
          type: 'object',
          required: ['type', 'items'],
          properties: {
            id: { type: 'string', format: 'uri' },
            type: { const: 'AnnotationPage' },
            partOf: {},
            startIndex: { type: 'integer' },
            next: { type: 'string', format: 'uri' },
            prev: { type: 'string', format: 'uri' },
            items: { type: 'array', items: { $ref: '#/components/schemas/Annotation' } },
          },
        },
        AnnotationCollection: {
          type: 'object',
          required: ['type'],
          properties: {
            id: { type: 'string', format: 'uri' },
            type: {},
            label: { type: 'string' },
            total: { type: 'integer' },
            first: { oneOf: [{ $ref: '#/components/schemas/AnnotationPage' }, { type: 'string', format: 'uri' }] },
            last: { type: 'string', format: 'uri' },
          },
        },
      },
    },
  };
}
