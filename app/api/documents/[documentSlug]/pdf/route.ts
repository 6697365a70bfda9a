import { getApiViewer } from '@/lib/dal/api-access';
import { getDocumentPdfFile } from '@/lib/dal/document-pdfs';
import { AppError, errorResponse } from '@/lib/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ documentSlug: string }> };

// The original PDF a version was imported from (`?version=N`, else the newest version's), for whoever may read the
// document; 404 when there is none or the document is not theirs to read.
export async function GET(request: Request, { params }: Context) {
  try {
    const { documentSlug } = await params;
    const viewer = await getApiViewer(request, { documentSlug }, 'read');
    const requested = new URL(request.url).searchParams.get('version');
    const versionNumber = requested === null ? null : /^[1-9]\d{0,8}$/.test(requested) ? Number(requested) : NaN;
    if (Number.isNaN(versionNumber)) throw new AppError('INVALID_INPUT', 'The version must be a whole number from 1, such as ?version=2.');
    const file = await getDocumentPdfFile(viewer, documentSlug, versionNumber);
    if (!file) throw new AppError('NOT_FOUND', 'This document has no original PDF for that version, or you cannot read it.');
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': String(file.byteSize),
        'Content-Disposition': `attachment; filename="${file.documentSlug}-v${file.versionNumber}.pdf"`,
        // Opened directly, the file may run no script of its own in our origin.
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'Cache-Control': 'private, max-age=3600',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
