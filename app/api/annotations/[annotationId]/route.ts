import { deleteAnnotation, updateAnnotation } from '@/lib/dal/annotations';
import { getWebAnnotation } from '@/lib/dal/exports';
import { getApiViewer } from '@/lib/dal/api-access';
import { fromWebAnnotation } from '@/lib/domain/web-annotation';
import { AppError, errorResponse, statusErrorResponse } from '@/lib/errors';
import { hasMediaType, publicBaseUrlOf, readJsonBody } from '@/lib/request-info';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ annotationId: string }> };

/** Largest annotation a PUT may carry, as for POST to the container. */
const MAX_ANNOTATION_BYTES = 64 * 1024;

const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

// Requests are authenticated by a personal API token (Authorization: Bearer) or the session cookie. PUT and DELETE
// from another site need a CORS preflight we never grant, and a cross-site form cannot send either method.
const ANNOTATION_HEADERS = {
  Allow: 'GET, HEAD, OPTIONS, PUT, DELETE',
  Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
  Vary: 'Accept, Cookie, Authorization',
  'Cache-Control': 'no-store',
};

// One annotation as W3C JSON-LD, for whoever may see it; the ETag is its revision, which every edit raises.
export async function GET(request: Request, { params }: Context) {
  try {
    const { annotationId } = await params;
    const viewer = await getApiViewer(request, { annotationId }, 'read');
    const found = await getWebAnnotation(viewer, annotationId, { baseUrl: publicBaseUrlOf(request) });
    if (!found) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
    const etag = `W/"${found.revision}"`;
    const headers = { ...ANNOTATION_HEADERS, 'Content-Type': JSON_LD, ETag: etag };
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

// Replaces an annotation's comment and tags (Web Annotation Protocol §5.3). The client must say which revision it
// edited (If-Match with the ETag it read), so it never overwrites a newer edit unseen: stale → 412 and the
// current ETag. Only the author may edit; the target and visibility stay as they are.
export async function PUT(request: Request, { params }: Context) {
  try {
    const { annotationId } = await params;
    const viewer = await getApiViewer(request, { annotationId }, 'write');
    if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in, or send a personal API token, to edit annotations.');
    const ifMatch = request.headers.get('if-match');
    if (ifMatch === null) {
      return statusErrorResponse(428, 'PRECONDITION_REQUIRED', 'Say which revision you edited: send If-Match with the ETag you got when you read the annotation.');
    }
    if (!hasMediaType(request, ['application/ld+json', 'application/json'])) {
      return statusErrorResponse(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the annotation as JSON-LD: Content-Type: application/ld+json; profile="http://www.w3.org/ns/anno.jsonld" (application/json also works).');
    }
    const read = fromWebAnnotation(await readJsonBody(request, MAX_ANNOTATION_BYTES));
    if (!read.ok) throw new AppError('INVALID_INPUT', read.message);
    const baseUrl = publicBaseUrlOf(request);
    const current = await getWebAnnotation(viewer, annotationId, { baseUrl });
    if (!current) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
    const revision = revisionFromIfMatch(ifMatch, current.revision);
    if (revision === null) return stale(current.revision);
    const isReply = current.annotation.motivation === 'replying';
    if (isReply && read.value.tags.length > 0) throw new AppError('INVALID_INPUT', 'Replies cannot be tagged; tag the thread’s first annotation instead.');
    const visibility = current.annotation.visibility;
    if (read.value.visibility !== null && read.value.visibility !== visibility) {
      throw new AppError('INVALID_INPUT', `This annotation's visibility is "${visibility}" and cannot be changed by an edit; send "visibility": "${visibility}" or leave it out.`);
    }
    try {
      await updateAnnotation(viewer, annotationId, { body: read.value.body, tags: isReply ? undefined : read.value.tags, revision });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
      // Someone saved (or removed it) between our read and the update.
      const latest = await getWebAnnotation(viewer, annotationId, { baseUrl });
      if (!latest) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
      return stale(latest.revision);
    }
    const updated = await getWebAnnotation(viewer, annotationId, { baseUrl });
    if (!updated) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
    return new Response(JSON.stringify(updated.annotation), { status: 200, headers: { ...ANNOTATION_HEADERS, 'Content-Type': JSON_LD, ETag: `W/"${updated.revision}"` } });
  } catch (error) {
    return errorResponse(error);
  }
}

// Deletes the caller's own annotation (Web Annotation Protocol §5.4); its replies stay, under a placeholder.
export async function DELETE(request: Request, { params }: Context) {
  try {
    const { annotationId } = await params;
    const viewer = await getApiViewer(request, { annotationId }, 'write');
    if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in, or send a personal API token, to delete annotations.');
    await deleteAnnotation(viewer, annotationId);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

// The revision an If-Match names: `*` means whatever is current; otherwise one of the listed tags must be this
// annotation's current ETag (weak or strong form), else null. The revision is passed on to the update, which
// checks it again in the same statement, so an edit that lands in between still answers 412.
function revisionFromIfMatch(header: string, currentRevision: number): number | null {
  const tags = header.split(',').map((tag) => tag.trim());
  if (tags.includes('*')) return currentRevision;
  const revisions = tags.map((tag) => /^(?:W\/)?"(\d{1,9})"$/u.exec(tag)?.[1]).filter((value): value is string => value !== undefined).map(Number);
  return revisions.includes(currentRevision) ? currentRevision : null;
}

function stale(currentRevision: number): Response {
  return statusErrorResponse(412, 'PRECONDITION_FAILED', 'Someone changed this annotation after you read it. Fetch it again (its ETag is the current one) and redo your edit.', {
    ETag: `W/"${currentRevision}"`,
  });
}

export function OPTIONS() {
  return new Response(null, { status: 204, headers: ANNOTATION_HEADERS });
}
