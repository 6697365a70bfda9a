import { z } from '@/lib/zod';
import { inline, ref } from '@/lib/openapi/components';
import {
  annotationBody,
  annotationId,
  annotationResponse,
  documentSlug,
  errorResponse,
  iriText,
  JSON_LD,
  notModified,
  preconditionFailed,
  rateLimited,
  text,
  unauthorized,
} from '@/lib/openapi/shared';

// The Web Annotation Protocol container of each document, its annotations, and their old addresses.

const tags = ['Annotations'];
const notVisible = errorResponse('No such annotation, or you may not see it.');
const tooLarge = errorResponse('The annotation is larger than 64 KB.');
const wrongMediaType = errorResponse('The body is not application/ld+json or application/json.');

const container = {
  parameters: [documentSlug],
  get: {
    tags,
    summary: 'The annotation container of a document',
    description:
      'The container’s IRI ends in "/" (`…/annotations/`); the address without it answers 308. An AnnotationCollection (also an LDP BasicContainer) of the annotations you may see, 100 a page, the first page embedded. `Prefer: return=representation;include="…"` chooses PreferMinimalContainer, PreferContainedIRIs or PreferContainedDescriptions (answered with Preference-Applied); `?iris=1` and `?page=N` serve the same representations by address. Content-Location names the representation sent.',
    parameters: [
      { name: 'page', in: 'query', required: false, description: 'A page number from 0.', schema: inline(z.int().nonnegative()) },
      { name: 'iris', in: 'query', required: false, description: '1 lists annotation IRIs only, 0 the annotations in full.', schema: inline(z.union([z.literal(0), z.literal(1)])) },
      { name: 'Prefer', in: 'header', required: false, description: 'The Protocol’s container preferences.', schema: text },
    ],
    responses: {
      '200': {
        description: 'The container, or one page of it.',
        headers: { ETag: { schema: text }, 'Content-Location': { schema: iriText }, 'Preference-Applied': { schema: text } },
        content: { [JSON_LD]: { schema: { oneOf: [ref('AnnotationContainer'), ref('ContainerPage')] } } },
      },
      '304': notModified,
      '308': { description: 'The container’s old address, without the final "/": its IRI is in Location.' },
      '401': unauthorized,
      '403': errorResponse('The token’s owner has left its workspace.'),
      '404': errorResponse('No such document or page, or you may not read the document.'),
      '422': errorResponse('The page is not a whole number, or iris is not 0 or 1.'),
      '429': rateLimited,
    },
  },
  post: {
    tags,
    summary: 'Create an annotation or a reply',
    description:
      'A quote target is placed by its TextQuoteSelector; a target that is one of the document’s annotation IRIs makes a reply; a target naming a section (`…/versions/<n>#<section>`) joins its discussion. The server assigns the id; a client’s own `id` is kept in `via`, and `canonical` unchanged.',
    parameters: [
      {
        name: 'Slug',
        in: 'header',
        required: false,
        description:
          'A UUID to use as the new annotation’s id. Retrying with the same Slug returns the stored annotation (200) instead of making a second one; a Slug naming a deleted annotation, or someone else’s, is ignored.',
        schema: inline(z.uuid()),
      },
    ],
    requestBody: annotationBody,
    responses: {
      '200': annotationResponse('An annotation with this Slug already existed; it is returned unchanged.'),
      '201': annotationResponse('Created.', { Location: { description: 'The new annotation’s IRI.', schema: iriText } }),
      '401': unauthorized,
      '403': errorResponse('You may not annotate this document (viewers, and visitors to public documents, may not), or the token is read-only.'),
      '404': errorResponse('No such document, or you may not read it.'),
      '413': tooLarge,
      '415': wrongMediaType,
      '422': errorResponse('The body is not JSON, not an annotation, or its quote is not in the document.'),
      '429': rateLimited,
    },
  },
  options: { tags, summary: 'What the container allows', responses: { '200': { description: 'Allow and Accept-Post headers, and a CORS grant for reads.' } } },
};

const oldAddress = (description: string) => ({ tags, summary: 'An annotation’s old address', responses: { '308': { description }, '404': notVisible } });

const annotation = {
  parameters: [documentSlug, annotationId],
  get: {
    tags,
    summary: 'One annotation',
    responses: { '200': annotationResponse('The annotation.'), '304': notModified, '401': unauthorized, '404': notVisible, '429': rateLimited },
  },
  put: {
    tags,
    summary: 'Replace an annotation’s comment and tags',
    description: 'Only the author may edit. The target, visibility, `via` and `canonical` cannot change: a PUT changing the target, `via` or `canonical` answers 409.',
    parameters: [{ name: 'If-Match', in: 'header', required: true, description: 'The ETag you read, compared strongly; `*` for whatever is current.', schema: text }],
    requestBody: annotationBody,
    responses: {
      '200': annotationResponse('Saved; the new ETag is returned.'),
      '401': unauthorized,
      '403': errorResponse('Not your annotation, or the token is read-only.'),
      '404': notVisible,
      '409': errorResponse('The edit would move the annotation or change its `via` or `canonical`.'),
      '412': preconditionFailed('Someone changed the annotation after you read it; the current ETag is returned.'),
      '413': tooLarge,
      '415': wrongMediaType,
      '422': errorResponse('The body is not JSON or not an annotation, or it changes the visibility.'),
      '428': errorResponse('If-Match is missing.'),
      '429': rateLimited,
    },
  },
  delete: {
    tags,
    summary: 'Delete your annotation',
    description: 'Its replies stay, under a placeholder. With If-Match, only the representation you read is deleted.',
    parameters: [{ name: 'If-Match', in: 'header', required: false, description: 'The ETag you read, compared strongly.', schema: text }],
    responses: {
      '204': { description: 'Deleted.' },
      '401': unauthorized,
      '403': errorResponse('Not your annotation, or the token is read-only.'),
      '404': notVisible,
      '412': preconditionFailed('Someone changed the annotation after you read it; nothing was deleted.'),
      '429': rateLimited,
    },
  },
  options: { tags, summary: 'What an annotation allows', responses: { '200': { description: 'The Allow header, and a CORS grant for reads.' } } },
};

/** The annotation paths of the API description. */
export const annotationPaths = {
  '/api/documents/{documentSlug}/annotations': container,
  '/api/annotations/{annotationId}': {
    parameters: [annotationId],
    get: { ...oldAddress('The IRI is in Location.'), description: 'Every method answers 308 to the annotation’s IRI under its document’s container.' },
    put: oldAddress('The IRI is in Location; send the PUT there.'),
    delete: oldAddress('The IRI is in Location; send the DELETE there.'),
    options: { tags, summary: 'What the old address allows', responses: { '200': { description: 'The Allow header.' } } },
  },
  '/api/documents/{documentSlug}/annotations/{annotationId}': annotation,
};
