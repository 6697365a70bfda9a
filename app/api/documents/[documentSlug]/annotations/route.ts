import { createHash } from 'node:crypto';
import { exportWebAnnotations } from '@/lib/dal/exports';
import { getViewer } from '@/lib/dal/viewer';
import { AppError, errorResponse } from '@/lib/errors';
import { publicBaseUrlOf } from '@/lib/request-info';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ documentSlug: string }> };

/** Annotations per page of the container; `?page=N` (0-based) serves one page. */
const PAGE_SIZE = 100;

// Read-only for now: creating annotations through the container (POST) arrives with API tokens.
const CONTAINER_HEADERS = {
  Allow: 'GET, HEAD, OPTIONS',
  Link: '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"',
  Vary: 'Accept, Cookie',
  'Cache-Control': 'no-store',
};

const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

// The Web Annotation Protocol's container for one document: an AnnotationCollection (also an LDP BasicContainer)
// of the annotations the caller may see, 100 per page, the first page embedded.
export async function GET(request: Request, { params }: Context) {
  try {
    const { documentSlug } = await params;
    const viewer = await getViewer();
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
