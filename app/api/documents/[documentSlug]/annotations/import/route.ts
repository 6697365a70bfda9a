import { importAnnotations, MAX_IMPORT_BYTES } from '@/lib/dal/annotation-import';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { decodeUtf8 } from '@/lib/request-info';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { documentSlug: string };

const IMPORT_MEDIA_TYPES = ['application/json', 'application/ld+json'] as const;

const FORMATS = new Set(['w3c', 'hypothesis', 'auto']);

// Imports a W3C Web Annotation or Hypothesis file onto the document, all or nothing, and answers with the report:
// 201 when something was added, 200 when everything was there already. `?format=w3c|hypothesis` skips detection.
export const POST = route(
  {
    auth: { resource: ({ documentSlug }: Params) => ({ documentSlug }), access: 'write', signInMessage: 'Sign in, or send a personal API token, to import annotations.' },
    accepts: { types: IMPORT_MEDIA_TYPES, message: 'Send the file as JSON: Content-Type: application/json or application/ld+json.' },
    bodyLimit: { bytes: MAX_IMPORT_BYTES, message: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import each.` },
    headers: { 'Accept-Post': IMPORT_MEDIA_TYPES.join(', ') },
  },
  async ({ params, viewer, query, bytes }) => {
    const format = query.get('format') ?? 'auto';
    if (!FORMATS.has(format)) throw new AppError('INVALID_INPUT', `Unknown format "${format}": use w3c, hypothesis or auto.`);
    const content = decodeUtf8(await bytes(), 'The file');
    const report = await importAnnotations(viewer, { documentSlug: params.documentSlug, content, format: format as 'w3c' | 'hypothesis' | 'auto' });
    return Response.json(report, { status: report.imported > 0 ? 201 : 200, headers: { 'Cache-Control': 'no-store' } });
  },
);
