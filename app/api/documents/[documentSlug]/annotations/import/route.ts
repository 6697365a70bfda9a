import { getApiViewer } from '@/lib/dal/api-access';
import { importAnnotations, MAX_IMPORT_BYTES } from '@/lib/dal/annotation-import';
import { AppError, errorResponse, statusErrorResponse } from '@/lib/errors';
import { decodeUtf8, hasMediaType, readBodyBytes } from '@/lib/request-info';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ documentSlug: string }> };

const IMPORT_MEDIA_TYPES = ['application/json', 'application/ld+json'] as const;

const FORMATS = new Set(['w3c', 'hypothesis', 'auto']);

// Imports a W3C Web Annotation or Hypothesis file onto the document, all or nothing, and answers with the report:
// 201 when something was added, 200 when everything was there already. `?format=w3c|hypothesis` skips detection.
export async function POST(request: Request, { params }: Context) {
  try {
    const { documentSlug } = await params;
    const viewer = await getApiViewer(request, { documentSlug }, 'write');
    if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in, or send a personal API token, to import annotations.');
    if (!hasMediaType(request, IMPORT_MEDIA_TYPES)) {
      return statusErrorResponse(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as JSON: Content-Type: application/json or application/ld+json.', {
        'Accept-Post': IMPORT_MEDIA_TYPES.join(', '),
      });
    }
    const format = new URL(request.url).searchParams.get('format') ?? 'auto';
    if (!FORMATS.has(format)) throw new AppError('INVALID_INPUT', `Unknown format "${format}": use w3c, hypothesis or auto.`);
    const bytes = await readBodyBytes(request, MAX_IMPORT_BYTES);
    if (bytes === null) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import each.`);
    const report = await importAnnotations(viewer, { documentSlug, content: decodeUtf8(bytes, 'The file'), format: format as 'w3c' | 'hypothesis' | 'auto' });
    return Response.json(report, { status: report.imported > 0 ? 201 : 200, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
