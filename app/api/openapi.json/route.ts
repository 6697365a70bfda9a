import { route } from '@/lib/http/route';
import { buildOpenApiDocument } from '@/lib/openapi';

export const dynamic = 'force-dynamic';

// Public: describing the API reveals nothing a visitor could not learn from the docs page.
export const GET = route({ auth: 'none' }, async ({ baseUrl }) =>
  Response.json(buildOpenApiDocument(baseUrl), { headers: { 'Cache-Control': 'public, max-age=300' } }),
);
