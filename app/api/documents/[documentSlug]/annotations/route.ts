import { getContainer, postToContainer } from '@/lib/http/annotation-container';
import { ANNOTATION_BODY_MESSAGE, ANNOTATION_BODY_TYPES, CONTAINER_HEADERS, MAX_ANNOTATION_BYTES } from '@/lib/http/protocol';
import { headOf, optionsOf, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { documentSlug: string };

const resource = ({ documentSlug }: Params) => ({ documentSlug });

// The Web Annotation Protocol's container for one document, at `…/annotations/` (the address without the final
// "/" redirects there). Cross-site forms cannot forge a cookie POST: they cannot send a JSON content type (415),
// and a cross-origin fetch with one needs a CORS preflight that is never granted for writes.
export const GET = route({ auth: { resource, access: 'read' }, headers: CONTAINER_HEADERS }, getContainer);

export const HEAD = headOf(GET);

export const POST = route(
  {
    auth: { resource, access: 'write', signInMessage: 'Sign in, or send a personal API token, to add annotations.' },
    accepts: { types: ANNOTATION_BODY_TYPES, message: ANNOTATION_BODY_MESSAGE },
    bodyLimit: { bytes: MAX_ANNOTATION_BYTES },
    headers: CONTAINER_HEADERS,
  },
  postToContainer,
);

export const OPTIONS = optionsOf(CONTAINER_HEADERS);
