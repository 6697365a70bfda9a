import { getApiViewer } from '@/lib/dal/api-access';
import { importDocument } from '@/lib/dal/document-import';
import { AppError, errorResponse, statusErrorResponse } from '@/lib/errors';
import { decodeUtf8, hasMediaType, readBodyBytes } from '@/lib/request-info';
import { MAX_IMPORT_BYTES } from '@/lib/validation/document-import';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ workspaceSlug: string }> };

const DOCUMENT_MEDIA_TYPES = ['text/markdown', 'text/x-markdown', 'text/plain', 'text/html'] as const;
const ACCEPTED_MEDIA_TYPES = [...DOCUMENT_MEDIA_TYPES, 'multipart/form-data'] as const;
// A multipart body carries the file plus its boundaries and the small form fields.
const MAX_MULTIPART_BYTES = MAX_IMPORT_BYTES + 64 * 1024;
const TOO_LARGE = `The document is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it, or import the article without its appendices.`;

// Imports a document into the workspace: the body is the document itself (Content-Type text/markdown, text/plain
// or text/html; ?slug=, ?title=, ?format= in the query) or a multipart form with a `file` (or `content`) and the
// same fields. 201 with Location for a new document or version, 200 when that exact text was already stored.
export async function POST(request: Request, { params }: Context) {
  try {
    const { workspaceSlug } = await params;
    const viewer = await getApiViewer(request, { workspaceSlug }, 'write');
    if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in, or send a personal API token, to import documents.');
    if (!hasMediaType(request, ACCEPTED_MEDIA_TYPES)) {
      return statusErrorResponse(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the document as text/markdown, text/plain or text/html, or as a multipart/form-data upload with a `file` field.',
        { 'Accept-Post': ACCEPTED_MEDIA_TYPES.join(', ') },
      );
    }
    const isMultipart = hasMediaType(request, ['multipart/form-data']);
    const limit = isMultipart ? MAX_MULTIPART_BYTES : MAX_IMPORT_BYTES;
    const body = await readBodyBytes(request, limit);
    if (body === null) throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
    const query = new URL(request.url).searchParams;
    const input = isMultipart ? await readMultipart(request, body) : { content: decodeUtf8(body), mediaType: request.headers.get('content-type') ?? undefined };
    const result = await importDocument(viewer, {
      workspaceSlug,
      format: query.get('format') ?? undefined,
      title: query.get('title') ?? undefined,
      slug: query.get('slug') ?? undefined,
      ...input,
    });
    const location = `/documents/${result.documentSlug}`;
    return Response.json(result, { status: result.isNewVersion ? 201 : 200, headers: { Location: location, 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

async function readMultipart(request: Request, body: Buffer): Promise<Record<string, string | undefined>> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'Content-Type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new AppError('INVALID_INPUT', 'The upload could not be read as a multipart form.');
  }
  const file = form.get('file');
  const field = (name: string): string | undefined => {
    const value = form.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const fields = { format: field('format'), title: field('title'), slug: field('slug') };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''));
  if (file instanceof File) {
    return { content: decodeUtf8(new Uint8Array(await file.arrayBuffer())), fileName: file.name, mediaType: file.type || undefined, ...defined };
  }
  return { content: field('content'), ...defined };
}
