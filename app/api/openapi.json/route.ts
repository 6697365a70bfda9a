import { buildOpenApiDocument } from '@/lib/openapi';
import { publicBaseUrlOf } from '@/lib/request-info';

export const dynamic = 'force-dynamic';

// Public: describing the API reveals nothing a visitor could not learn from the docs page.
export function GET(request: Request) {
  return Response.json(buildOpenApiDocument(publicBaseUrlOf(request)), {
    headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
  });
}
