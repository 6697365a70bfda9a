import { getDocumentPdfFile } from '@/lib/dal/document-pdfs';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { documentSlug: string };

// The original PDF a version was imported from (`?version=N`, else the newest version's), for whoever may read the
// document; 404 when there is none or the document is not theirs to read.
export const GET = route({ auth: { resource: ({ documentSlug }: Params) => ({ documentSlug }), access: 'read' } }, async ({ params, viewer, query }) => {
  const requested = query.get('version');
  const versionNumber = requested === null ? null : /^[1-9]\d{0,8}$/.test(requested) ? Number(requested) : NaN;
  if (Number.isNaN(versionNumber)) throw new AppError('INVALID_INPUT', 'The version must be a whole number from 1, such as ?version=2.');
  const file = await getDocumentPdfFile(viewer, params.documentSlug, versionNumber);
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
});
