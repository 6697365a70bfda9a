import { importDocument, type ImportResult } from '@/lib/dal/document-import';
import { importPdfDocument, PDF_TOO_LARGE, previewPdfImport } from '@/lib/dal/pdf-import';
import { isPdf } from '@/lib/domain/import-formats';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { MAX_PDF_BYTES } from '@/lib/pdf/read-pdf-text';
import { decodeUtf8, hasMediaType, readBodyBytes } from '@/lib/request-info';
import { MAX_IMPORT_BYTES } from '@/lib/validation/document-import';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { workspaceSlug: string };

const DOCUMENT_MEDIA_TYPES = ['text/markdown', 'text/x-markdown', 'text/plain', 'text/html', 'application/pdf'] as const;
const ACCEPTED_MEDIA_TYPES = [...DOCUMENT_MEDIA_TYPES, 'multipart/form-data'] as const;
// A multipart body carries the file plus its boundaries and the small form fields.
const FORM_OVERHEAD = 64 * 1024;
const TOO_LARGE = `The document is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it, or import the article without its appendices.`;

type Upload = { kind: 'text'; fields: Record<string, string | undefined> } | { kind: 'pdf'; bytes: Uint8Array; fields: Record<string, string | undefined> };

// Imports a document into the workspace: the body is the document itself (Content-Type text/markdown, text/plain,
// text/html or application/pdf; ?slug=, ?title=, ?format= in the query) or a multipart form with a `file` (or
// `content`) and the same fields. 201 with Location for a new document or version, 200 when that exact text was
// already stored. `?preview=1` reads a PDF and answers what would be imported, storing nothing (the import page).
export const POST = route(
  {
    auth: { resource: ({ workspaceSlug }: Params) => ({ workspaceSlug }), access: 'write', signInMessage: 'Sign in, or send a personal API token, to import documents.' },
    accepts: {
      types: ACCEPTED_MEDIA_TYPES,
      message: 'Send the document as text/markdown, text/plain, text/html or application/pdf, or as a multipart/form-data upload with a `file` field.',
    },
    headers: { 'Accept-Post': ACCEPTED_MEDIA_TYPES.join(', ') },
  },
  async ({ request, params, viewer, query }) => {
    const { workspaceSlug } = params;
    const signedIn = viewer!;
    const isMultipart = hasMediaType(request, ['multipart/form-data']);
    const isPdfBody = hasMediaType(request, ['application/pdf']);
    // The limit depends on what is sent, so the body is read here rather than by the wrapper.
    const limit = isMultipart ? MAX_PDF_BYTES + FORM_OVERHEAD : isPdfBody ? MAX_PDF_BYTES : MAX_IMPORT_BYTES;
    const body = await readBodyBytes(request, limit);
    if (body === null) throw new AppError('PAYLOAD_TOO_LARGE', isPdfBody || isMultipart ? PDF_TOO_LARGE : TOO_LARGE);
    const upload: Upload = isMultipart
      ? await readMultipart(request, body)
      : isPdfBody
        ? { kind: 'pdf', bytes: new Uint8Array(body), fields: {} }
        : { kind: 'text', fields: { content: decodeUtf8(body), mediaType: request.headers.get('content-type') ?? undefined } };
    const fields: Record<string, string | undefined> = { workspaceSlug, format: query.get('format') ?? undefined, title: query.get('title') ?? undefined, slug: query.get('slug') ?? undefined, ...upload.fields };
    if (upload.kind === 'pdf') {
      const pdfFields = { workspaceSlug, title: fields.title, slug: fields.slug, fileName: fields.fileName };
      if (query.get('preview') === '1') return Response.json(await previewPdfImport(signedIn, pdfFields, upload.bytes), { headers: { 'Cache-Control': 'no-store' } });
      return created(await importPdfDocument(signedIn, pdfFields, upload.bytes));
    }
    return created(await importDocument(signedIn, fields));
  },
);

function created(result: ImportResult): Response {
  const location = `/documents/${result.documentSlug}`;
  return Response.json(result, { status: result.isNewVersion ? 201 : 200, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

async function readMultipart(request: Request, body: Buffer): Promise<Upload> {
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
    if (isPdf({ fileName: file.name, mediaType: file.type }) || fields.format === 'pdf') {
      return { kind: 'pdf', bytes: new Uint8Array(await file.arrayBuffer()), fields: { ...defined, fileName: file.name || undefined } };
    }
    // Only a PDF may be larger than the text limit.
    if (file.size > MAX_IMPORT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
    return { kind: 'text', fields: { content: decodeUtf8(new Uint8Array(await file.arrayBuffer())), fileName: file.name, mediaType: file.type || undefined, ...defined } };
  }
  return { kind: 'text', fields: { content: field('content'), ...defined } };
}
