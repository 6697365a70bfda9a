import 'server-only';
import { deleteAnnotation, updateAnnotation } from '@/lib/dal/annotations';
import { findAnnotationDocumentSlug } from '@/lib/dal/annotation-addresses';
import { getWebAnnotation } from '@/lib/dal/exports';
import { marginaliaAnnotationIdOf } from '@/lib/domain/annotation-import';
import { annotationIriOf } from '@/lib/domain/annotation-iris';
import { fromWebAnnotation } from '@/lib/domain/web-annotation-import';
import { type ImportedTarget, type WebAnnotation } from '@/lib/domain/web-annotation';
import { AppError } from '@/lib/errors';
import { ifMatchHolds, ifNoneMatchHolds, strongEtagOf } from '@/lib/http/etag';
import { HttpError } from '@/lib/http/http-error';
import { ANNOTATION_MEDIA_TYPE } from '@/lib/http/protocol';
import type { RouteContext } from '@/lib/http/route';

type AnnotationParams = { documentSlug: string; annotationId: string };

const NOT_FOUND = 'That annotation does not exist, or you cannot see it.';

type Current = { annotation: WebAnnotation; revision: number; body: string; etag: string };

async function readCurrent({ viewer, baseUrl, params }: RouteContext<AnnotationParams>): Promise<Current | null> {
  const found = await getWebAnnotation(viewer, params.annotationId, { baseUrl, documentSlug: params.documentSlug });
  if (!found) return null;
  const body = JSON.stringify(found.annotation);
  return { ...found, body, etag: strongEtagOf(body) };
}

/** GET on an annotation (Protocol §4): its JSON-LD with a strong ETag, 304 for a matching If-None-Match, 404 when unseen. */
export async function getAnnotation(context: RouteContext<AnnotationParams>): Promise<Response> {
  const current = await readCurrent(context);
  if (!current) throw new AppError('NOT_FOUND', NOT_FOUND);
  const headers = { 'Content-Type': ANNOTATION_MEDIA_TYPE, ETag: current.etag };
  if (!ifNoneMatchHolds(context.request.headers.get('if-none-match'), current.etag)) return new Response(null, { status: 304, headers });
  return new Response(current.body, { status: 200, headers });
}

/**
 * PUT on an annotation (Protocol §5.3): replaces its comment and tags. If-Match is required (428) and compared
 * strongly with the current ETag (412 with the current one when stale, even when the edit lands between our read
 * and the update). The target, visibility and canonical IRI cannot change: a PUT changing one is refused (409)
 * rather than answered 200 with the old one kept.
 */
export async function putAnnotation(context: RouteContext<AnnotationParams>): Promise<Response> {
  const { request, viewer, params } = context;
  const ifMatch = request.headers.get('if-match');
  if (ifMatch === null) throw new HttpError(428, 'PRECONDITION_REQUIRED', 'Say which revision you edited: send If-Match with the ETag you got when you read the annotation.');
  const sent = await context.json();
  const read = fromWebAnnotation(sent);
  if (!read.ok) throw new AppError('INVALID_INPUT', read.message);
  const current = await readCurrent(context);
  if (!current) throw new AppError('NOT_FOUND', NOT_FOUND);
  if (!ifMatchHolds(ifMatch, current.etag)) throw stale(current.etag);
  const isReply = current.annotation.motivation === 'replying';
  if (isReply && read.value.tags.length > 0) throw new AppError('INVALID_INPUT', 'Replies cannot be tagged; tag the thread’s first annotation instead.');
  refuseServerManagedChanges(current.annotation, { ...read.value, via: (sent as { via?: unknown }).via });
  try {
    await updateAnnotation(viewer, params.annotationId, { body: read.value.body, tags: isReply ? undefined : read.value.tags, revision: current.revision });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'CONFLICT' || !/newer version/u.test(error.message)) throw error;
    // Someone saved between our read and the update.
    const latest = await readCurrent(context);
    if (!latest) throw new AppError('NOT_FOUND', NOT_FOUND);
    throw stale(latest.etag);
  }
  const updated = await readCurrent(context);
  if (!updated) throw new AppError('NOT_FOUND', NOT_FOUND);
  return new Response(updated.body, { status: 200, headers: { 'Content-Type': ANNOTATION_MEDIA_TYPE, ETag: updated.etag } });
}

/** DELETE on an annotation (Protocol §5.4): 204; with an If-Match that no longer matches, 412 and nothing deleted. Replies stay, under a placeholder. */
export async function deleteAnnotationResource(context: RouteContext<AnnotationParams>): Promise<Response> {
  const ifMatch = context.request.headers.get('if-match');
  if (ifMatch !== null) {
    const current = await readCurrent(context);
    if (!current) throw new AppError('NOT_FOUND', NOT_FOUND);
    if (!ifMatchHolds(ifMatch, current.etag)) throw stale(current.etag);
  } else if ((await findAnnotationDocumentSlug(context.viewer, context.params.annotationId)) !== context.params.documentSlug) {
    throw new AppError('NOT_FOUND', NOT_FOUND);
  }
  await deleteAnnotation(context.viewer, context.params.annotationId);
  return new Response(null, { status: 204 });
}

/**
 * Any method on an annotation's old address (`/api/annotations/<id>`): a permanent redirect (308, keeping method
 * and body) to its IRI under its document's container, for whoever may see it; 404 for anyone else.
 */
export async function redirectLegacyAnnotation({ request, viewer, baseUrl, params }: RouteContext<{ annotationId: string }>): Promise<Response> {
  const documentSlug = await findAnnotationDocumentSlug(viewer, params.annotationId);
  if (documentSlug === null) throw new AppError('NOT_FOUND', NOT_FOUND);
  return new Response(null, { status: 308, headers: { Location: `${annotationIriOf(baseUrl, documentSlug, params.annotationId)}${new URL(request.url).search}` } });
}

function stale(etag: string): HttpError {
  return new HttpError(412, 'PRECONDITION_FAILED', 'Someone changed this annotation after you read it. Fetch it again (its ETag is the current one) and redo your edit.', { ETag: etag });
}

// What the server keeps as it is: who sees the annotation (422, as for any field an edit may not carry), and, as
// LDP's server-managed properties (409), where it is and the canonical IRI its creator gave.
function refuseServerManagedChanges(current: WebAnnotation, sent: { target: ImportedTarget; visibility: string | null; canonical?: string | null; via?: unknown }): void {
  if (sent.visibility !== null && sent.visibility !== current.visibility) {
    throw new AppError('INVALID_INPUT', `This annotation's visibility is "${current.visibility}" and cannot be changed by an edit; send "visibility": "${current.visibility}" or leave it out.`);
  }
  if (sent.canonical && sent.canonical !== current.canonical) {
    throw new HttpError(409, 'CONFLICT', `This annotation's canonical IRI is ${current.canonical ?? 'not set'} and never changes; send it unchanged or leave it out.`);
  }
  if (current.via !== undefined && sent.via !== undefined && sent.via !== current.via) {
    throw new HttpError(409, 'CONFLICT', `This annotation's via is ${current.via}, the IRI it had where it came from, and never changes; send it unchanged or leave it out.`);
  }
  if (!isSameTarget(current.target, sent.target)) {
    throw new HttpError(409, 'CONFLICT', 'An edit cannot move an annotation: send its target as you read it. To annotate another passage, create a new annotation and delete this one.');
  }
}

function isSameTarget(current: WebAnnotation['target'], sent: ImportedTarget): boolean {
  if (typeof current === 'string') {
    if (sent.kind === 'reply') return marginaliaAnnotationIdOf(sent.parentExternalId) !== null && marginaliaAnnotationIdOf(sent.parentExternalId) === marginaliaAnnotationIdOf(current);
    return sent.kind === 'resource' && sent.iri === current;
  }
  if (sent.kind !== 'quote') return false;
  const quote = current.selector[0];
  return sent.quote.exact === quote.exact && (sent.quote.prefix === '' || quote.prefix.endsWith(sent.quote.prefix)) && (sent.quote.suffix === '' || quote.suffix.startsWith(sent.quote.suffix));
}
