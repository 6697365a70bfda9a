import { deleteAnnotationResource, getAnnotation, putAnnotation } from '@/lib/http/annotation-resource';
import { ANNOTATION_BODY_MESSAGE, ANNOTATION_BODY_TYPES, ANNOTATION_HEADERS, MAX_ANNOTATION_BYTES } from '@/lib/http/protocol';
import { headOf, optionsOf, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { documentSlug: string; annotationId: string };

const resource = ({ documentSlug }: Params) => ({ documentSlug });

// One annotation, under its document's container (Web Annotation Protocol §4, §5.3, §5.4). PUT and DELETE from
// another site need a CORS preflight that is never granted, and a cross-site form cannot send either method.
export const GET = route({ auth: { resource, access: 'read' }, headers: ANNOTATION_HEADERS }, getAnnotation);

export const HEAD = headOf(GET);

export const PUT = route(
  {
    auth: { resource, access: 'write', signInMessage: 'Sign in, or send a personal API token, to edit annotations.' },
    accepts: { types: ANNOTATION_BODY_TYPES, message: ANNOTATION_BODY_MESSAGE },
    bodyLimit: { bytes: MAX_ANNOTATION_BYTES },
    headers: ANNOTATION_HEADERS,
  },
  putAnnotation,
);

export const DELETE = route(
  { auth: { resource, access: 'write', signInMessage: 'Sign in, or send a personal API token, to delete annotations.' }, headers: ANNOTATION_HEADERS },
  deleteAnnotationResource,
);

export const OPTIONS = optionsOf(ANNOTATION_HEADERS);
