import 'server-only';
import { randomUUID } from 'node:crypto';
import { createAnnotationFromSelectors, createSectionComment, replyToAnnotation, type StoredAnnotation } from '@/lib/dal/annotations';
import { findPostedAnnotationId, recordPostedIdentity } from '@/lib/dal/annotation-addresses';
import type { Viewer } from '@/lib/dal/authorization';
import { describeStoredAnnotation, getWebAnnotation, listWebAnnotations } from '@/lib/dal/exports';
import { marginaliaAnnotationIdOf } from '@/lib/domain/annotation-import';
import { annotationContainerIri, annotationIriOf, documentVersionIri } from '@/lib/domain/annotation-iris';
import { isUuid } from '@/lib/domain/ids';
import { fromWebAnnotation } from '@/lib/domain/web-annotation-import';
import { type ImportedAnnotation } from '@/lib/domain/web-annotation';
import { AppError } from '@/lib/errors';
import { ifNoneMatchHolds, strongEtagOf } from '@/lib/http/etag';
import {
  ANNOTATION_MEDIA_TYPE,
  containerPage,
  containerPageIri,
  containerRepresentation,
  containerViewIri,
  readContainerPreference,
  readContainerQuery,
} from '@/lib/http/protocol';
import type { RouteContext } from '@/lib/http/route';

type ContainerParams = { documentSlug: string };

/**
 * Answers the container's old address (without the final "/") with a permanent redirect to its IRI, keeping the
 * method and body (308), or null when the request came to the IRI itself.
 */
export function containerRedirect(request: Request): Response | null {
  const url = new URL(request.url);
  if (url.pathname.endsWith('/')) return null;
  return new Response(null, { status: 308, headers: { Location: `${url.pathname}/${url.search}` } });
}

/**
 * GET on the container (Protocol §5.1, §5.3): the representation `Prefer` or `?iris=` asks for, or one page of it
 * (`?page=N`), with Content-Location naming what was sent, a strong ETag, 304 for a matching If-None-Match, and
 * Preference-Applied when a preference was honoured.
 */
export async function getContainer({ request, params, viewer, baseUrl, query }: RouteContext<ContainerParams>): Promise<Response> {
  const redirect = containerRedirect(request);
  if (redirect) return redirect;
  const asked = readContainerQuery(query);
  const preference = readContainerPreference(request.headers.get('prefer'));
  const iris = asked.iris ?? preference.iris;
  const containerIri = annotationContainerIri(baseUrl, params.documentSlug);
  const { label, items } = await listWebAnnotations(viewer, params.documentSlug, { baseUrl });
  const input = { containerIri, label, items, iris };
  const isPage = asked.page !== null;
  const body = JSON.stringify(isPage ? containerPage(input, asked.page!) : containerRepresentation({ ...input, minimal: preference.minimal }));
  const etag = strongEtagOf(body);
  const headers: Record<string, string> = {
    'Content-Type': ANNOTATION_MEDIA_TYPE,
    ETag: etag,
    'Content-Location': isPage ? containerPageIri(containerIri, iris, asked.page!) : containerViewIri(containerIri, iris),
  };
  if (preference.isApplied && !isPage) headers['Preference-Applied'] = 'return=representation';
  if (!ifNoneMatchHolds(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}

/**
 * POST to the container (Protocol §5.2): creates a comment on a quoted passage, a reply to one of the document's
 * annotations, or a comment in a section's discussion (a target naming `…/versions/<n>#<section>`, as our export
 * writes them). The server gives it its IRI; a client's own `id` is kept in `via` and its `canonical` unchanged. A
 * `Slug` holding a UUID names the new annotation, so a retry finds it (200); a Slug naming an annotation that was
 * deleted, or is not the caller's, is only a hint and the annotation is created under a new id.
 */
export async function postToContainer({ request, params, viewer, baseUrl, json }: RouteContext<ContainerParams>): Promise<Response> {
  const redirect = containerRedirect(request);
  if (redirect) return redirect;
  const signedIn = viewer!;
  const read = fromWebAnnotation(await json());
  if (!read.ok) throw new AppError('INVALID_INPUT', read.message);
  const { documentSlug } = params;
  const via = read.value.externalId;
  const earlier = via === null ? null : await findPostedAnnotationId(signedIn, documentSlug, via);
  const slug = slugId(request.headers.get('slug'));
  const outcome: Outcome = earlier !== null ? { id: earlier, isNew: false, stored: null } : await createWithSlug(read.value, { viewer: signedIn, documentSlug, baseUrl }, slug);
  const identity = outcome.isNew ? await recordPostedIdentity(signedIn, outcome.id, { via, canonical: read.value.canonical ?? null }) : null;
  // A quote annotation this request stored is described from what was written; anything else is read back.
  const described = outcome.stored && identity ? describeStoredAnnotation(outcome.stored, documentSlug, { baseUrl, identity }) : null;
  const created = described ?? (await getWebAnnotation(signedIn, outcome.id, { baseUrl, documentSlug }));
  if (!created) throw new AppError('NOT_FOUND', 'That annotation does not exist, or you cannot see it.');
  const body = JSON.stringify(created.annotation);
  const location = annotationIriOf(baseUrl, documentSlug, outcome.id);
  return new Response(body, {
    status: outcome.isNew ? 201 : 200,
    headers: { 'Content-Type': ANNOTATION_MEDIA_TYPE, ETag: strongEtagOf(body), Location: location, 'Content-Location': location },
  });
}

type CreateContext = { viewer: Viewer; documentSlug: string; baseUrl: string };

// What a POST did: the annotation's id, whether this request stored it, and what it stored when that was a quote.
type Outcome = { id: string; isNew: boolean; stored: StoredAnnotation | null };

// A Slug is a hint (LDP): when the id it names is taken by something the caller cannot have meant (another
// person's annotation, or one that was deleted), a fresh id is used instead of failing.
async function createWithSlug(annotation: ImportedAnnotation, context: CreateContext, slug: string | null): Promise<Outcome> {
  if (slug === null) return createFrom(annotation, context, randomUUID());
  try {
    const outcome = await createFrom(annotation, context, slug);
    if (outcome.isNew || (await getWebAnnotation(context.viewer, slug, { baseUrl: context.baseUrl, documentSlug: context.documentSlug }))) return outcome;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'CONFLICT' || !/id is already in use/u.test(error.message)) throw error;
  }
  return createFrom(annotation, context, randomUUID());
}

async function createFrom(annotation: ImportedAnnotation, { viewer, documentSlug, baseUrl }: CreateContext, id: string): Promise<Outcome> {
  const { target } = annotation;
  const visibility = annotation.visibility === 'workspace' ? 'WORKSPACE' : 'PRIVATE';
  if (target.kind === 'reply') {
    const parentId = marginaliaAnnotationIdOf(target.parentExternalId);
    if (parentId === null || !target.parentExternalId.startsWith(baseUrl)) {
      throw new AppError('INVALID_INPUT', `A reply's target must be the IRI of an annotation here, such as ${annotationContainerIri(baseUrl, documentSlug)}<id>; got ${target.parentExternalId}.`);
    }
    // Replies inherit their thread's tags and visibility; silently dropping the ones sent would surprise.
    if (annotation.tags.length > 0) throw new AppError('INVALID_INPUT', 'Replies cannot be tagged; tag the thread’s first annotation instead.');
    return { ...(await replyToAnnotation(viewer, { id, parentId, body: annotation.body }, { documentSlug })), stored: null };
  }
  if (target.kind === 'resource') {
    const sectionSlug = sectionOf(target.iri, baseUrl, documentSlug);
    if (sectionSlug === null) {
      throw new AppError('INVALID_INPUT', 'Marginalia annotates passages and sections: give the target a TextQuoteSelector quoting this document, target a section (…/versions/<n>#<section>), or reply to an annotation by targeting its IRI.');
    }
    try {
      return { ...(await createSectionComment(viewer, documentSlug, sectionSlug, { id, body: annotation.body, visibility })), stored: null };
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND' && /section/u.test(error.message)) throw new AppError('INVALID_INPUT', `This document has no section “${sectionSlug}”.`);
      throw error;
    }
  }
  // Quote annotations: the data layer's create places the quote and stores it with its tags in one statement.
  const created = await createAnnotationFromSelectors(viewer, documentSlug, { id, quote: target.quote, position: target.position, body: annotation.body, tags: annotation.tags, visibility });
  return created;
}

// The section a target IRI names: one of this document's version IRIs with a fragment.
function sectionOf(iri: string, baseUrl: string, documentSlug: string): string | null {
  const prefix = documentVersionIri(baseUrl, documentSlug, 1).replace(/\/1$/u, '/');
  const match = iri.startsWith(prefix) ? /^\d+#(.+)$/u.exec(iri.slice(prefix.length)) : null;
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

// LDP's Slug is only a hint; one that is not a UUID is ignored and the server picks the id.
function slugId(slug: string | null): string | null {
  const trimmed = slug?.trim() ?? '';
  return isUuid(trimmed) ? trimmed.toLowerCase() : null;
}
