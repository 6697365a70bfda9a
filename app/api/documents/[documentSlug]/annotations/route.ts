import { createHash, randomUUID } from 'node:crypto';
import { createAnnotationFromSelectors, replyToAnnotation, type StoredAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { annotationIriBase, describeStoredAnnotation, exportWebAnnotations, getWebAnnotation } from '@/lib/dal/exports';
import { getApiViewer } from '@/lib/dal/api-access';
import { annotationIdFromIri, fromWebAnnotation, type ImportedAnnotation } from '@/lib/domain/web-annotation';
import { AppError, errorResponse, statusErrorResponse } from '@/lib/errors';
import { hasMediaType, publicBaseUrlOf, readJsonBody } from '@/lib/request-info';
import { isUuid } from '@/lib/domain/ids';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ documentSlug: string }> };

/** Annotations per page of the container; `?page=N` (0-based) serves one page. */
const PAGE_SIZE = 100;

/** Largest annotation a POST may carry: a 10,000-character comment and its selectors fit many times over. */
const MAX_ANNOTATION_BYTES = 64 * 1024;

const ANNOTATION_MEDIA_TYPES = ['application/ld+json', 'application/json'] as const;

// Requests are authenticated by a personal API token (Authorization: Bearer) or the session cookie. Cross-site forms
// cannot forge a cookie POST: they cannot send a JSON content type (415), and a cross-origin fetch with one needs a
// CORS preflight we never grant.
const CONTAINER_HEADERS = {
  Allow: 'GET, HEAD, OPTIONS, POST',
  'Accept-Post': 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld", application/json',
  Link: '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"',
  Vary: 'Accept, Cookie, Authorization',
  'Cache-Control': 'no-store',
};

const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

// The Web Annotation Protocol's container for one document: an AnnotationCollection (also an LDP BasicContainer)
// of the annotations the caller may see, 100 per page, the first page embedded.
export async function GET(request: Request, { params }: Context) {
  try {
    const { documentSlug } = await params;
    const viewer = await getApiViewer(request, { documentSlug }, 'read');
    const page = readPage(new URL(request.url).searchParams.get('page'));
    const result = await exportWebAnnotations(viewer, documentSlug, { baseUrl: publicBaseUrlOf(request), page, pageSize: PAGE_SIZE });
    const body = JSON.stringify(
      result.type === 'AnnotationCollection'
        ? { ...result, '@context': [result['@context'], 'http://www.w3.org/ns/ldp.jsonld'], type: ['BasicContainer', 'AnnotationCollection'] }
        : result,
    );
    const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers = { ...CONTAINER_HEADERS, 'Content-Type': JSON_LD, ETag: etag };
    if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers });
  } catch (error) {
    return withContainerHeaders(errorResponse(error));
  }
}

export async function HEAD(request: Request, context: Context) {
  const response = await GET(request, context);
  return new Response(null, { status: response.status, headers: response.headers });
}

// Creates an annotation in the container (Web Annotation Protocol §5.1): a comment on a quoted passage of the
// current version, or a reply whose target is another annotation's IRI. A `Slug` header holding a UUID names the
// new annotation, so a retry finds the one already stored (200) instead of making a second (201).
export async function POST(request: Request, { params }: Context) {
  try {
    const { documentSlug } = await params;
    const viewer = await getApiViewer(request, { documentSlug }, 'write');
    if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in, or send a personal API token, to add annotations.');
    if (!hasMediaType(request, ANNOTATION_MEDIA_TYPES)) {
      return withContainerHeaders(
        statusErrorResponse(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the annotation as JSON-LD: Content-Type: application/ld+json; profile="http://www.w3.org/ns/anno.jsonld" (application/json also works).', {
          'Accept-Post': CONTAINER_HEADERS['Accept-Post'],
        }),
      );
    }
    const read = fromWebAnnotation(await readJsonBody(request, MAX_ANNOTATION_BYTES));
    if (!read.ok) throw new AppError('INVALID_INPUT', read.message);
    const baseUrl = publicBaseUrlOf(request);
    const id = slugId(request.headers.get('slug')) ?? randomUUID();
    const { isNew, stored } = await createFrom(read.value, { viewer, documentSlug, id, baseUrl });
    const created = stored ? describeStoredAnnotation(stored, documentSlug, { baseUrl }) : await getWebAnnotation(viewer, id, { baseUrl });
    if (!created) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
    const location = `${annotationIriBase(baseUrl)}${id}`;
    return new Response(JSON.stringify(created.annotation), {
      status: isNew ? 201 : 200,
      headers: { ...CONTAINER_HEADERS, 'Content-Type': JSON_LD, ETag: `W/"${created.revision}"`, Location: location, 'Content-Location': location },
    });
  } catch (error) {
    return withContainerHeaders(errorResponse(error));
  }
}

type CreateContext = { viewer: Viewer; documentSlug: string; id: string; baseUrl: string };

async function createFrom(annotation: ImportedAnnotation, { viewer, documentSlug, id, baseUrl }: CreateContext): Promise<{ isNew: boolean; stored: StoredAnnotation | null }> {
  const { target } = annotation;
  if (target.kind === 'reply') {
    const parentId = annotationIdFromIri(target.parentExternalId, annotationIriBase(baseUrl));
    if (parentId === null) {
      throw new AppError('INVALID_INPUT', `A reply's target must be the IRI of an annotation here, such as ${annotationIriBase(baseUrl)}<id>; got ${target.parentExternalId}.`);
    }
    // Replies inherit their thread's tags and visibility; silently dropping the ones sent would surprise.
    if (annotation.tags.length > 0) throw new AppError('INVALID_INPUT', 'Replies cannot be tagged; tag the thread’s first annotation instead.');
    return { ...(await replyToAnnotation(viewer, { id, parentId, body: annotation.body }, { documentSlug })), stored: null };
  }
  if (target.kind === 'resource') {
    throw new AppError('INVALID_INPUT', 'Marginalia annotates passages: give the target a TextQuoteSelector quoting this document, or reply to an annotation by targeting its IRI.');
  }
  return createAnnotationFromSelectors(viewer, documentSlug, {
    id,
    quote: target.quote,
    position: target.position,
    body: annotation.body,
    tags: annotation.tags,
    // An annotation that does not say who may see it stays with its author: sharing is never a default.
    visibility: annotation.visibility === 'workspace' ? 'WORKSPACE' : 'PRIVATE',
  });
}

// LDP's Slug is only a hint; one that is not a UUID is ignored and the server picks the id.
function slugId(slug: string | null): string | null {
  const trimmed = slug?.trim() ?? '';
  return isUuid(trimmed) ? trimmed.toLowerCase() : null;
}

export function OPTIONS() {
  return new Response(null, { status: 204, headers: CONTAINER_HEADERS });
}

function readPage(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (!/^\d{1,9}$/u.test(value)) throw new AppError('INVALID_INPUT', 'The page must be a whole number from 0, such as ?page=1.', { fieldErrors: { page: ['Use a whole number from 0.'] } });
  return Number(value);
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//u, '');
  return header.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}

function withContainerHeaders(response: Response): Response {
  response.headers.set('Allow', CONTAINER_HEADERS.Allow);
  response.headers.set('Vary', CONTAINER_HEADERS.Vary);
  return response;
}
