import { getWebAnnotation } from '@/lib/dal/exports';
import { getViewer } from '@/lib/dal/viewer';
import { AppError, errorResponse } from '@/lib/errors';
import { publicBaseUrlOf } from '@/lib/request-info';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ annotationId: string }> };

// Read-only for now: PUT with If-Match and DELETE arrive with API tokens.
const ANNOTATION_HEADERS = {
  Allow: 'GET, HEAD, OPTIONS',
  Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
  Vary: 'Accept, Cookie',
  'Cache-Control': 'no-store',
};

// One annotation as W3C JSON-LD, for whoever may see it; the ETag is its revision, which every edit raises.
export async function GET(request: Request, { params }: Context) {
  try {
    const { annotationId } = await params;
    const viewer = await getViewer();
    const found = await getWebAnnotation(viewer, annotationId, { baseUrl: publicBaseUrlOf(request) });
    if (!found) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
    const etag = `W/"${found.revision}"`;
    const headers = { ...ANNOTATION_HEADERS, 'Content-Type': 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', ETag: etag };
    const ifNoneMatch = request.headers.get('if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return new Response(null, { status: 304, headers });
    return new Response(JSON.stringify(found.annotation), { status: 200, headers });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function HEAD(request: Request, context: Context) {
  const response = await GET(request, context);
  return new Response(null, { status: response.status, headers: response.headers });
}

export function OPTIONS() {
  return new Response(null, { status: 204, headers: ANNOTATION_HEADERS });
}
