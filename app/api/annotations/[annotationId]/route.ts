import { redirectLegacyAnnotation } from '@/lib/http/annotation-resource';
import { optionsOf, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { annotationId: string };

// An annotation's old address: every method is redirected permanently (308) to its IRI under its document's
// container, for whoever may see it.
const redirect = route<Params>({ auth: { resource: ({ annotationId }) => ({ annotationId }), access: 'read' } }, redirectLegacyAnnotation);

export const GET = redirect;
export const HEAD = redirect;
export const PUT = redirect;
export const DELETE = redirect;
export const OPTIONS = optionsOf({ Allow: 'GET, HEAD, OPTIONS, PUT, DELETE' });
