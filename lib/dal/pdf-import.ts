import 'server-only';
import { requireImportRights, slugFor, unsafeStoreImport, type ImportResult } from '@/lib/dal/document-import';
import type { Viewer } from '@/lib/dal/authorization';
import { previewOf, type ImportedDocument, type ImportPreview } from '@/lib/domain/document-import';
import { parsePdfDocument } from '@/lib/domain/pdf-import';
import { DocumentFormatError } from '@/lib/domain/plain-text-import';
import { AppError, parseInput } from '@/lib/errors';
import { MAX_PDF_BYTES, PdfReadError, readPdfText, type PdfText } from '@/lib/pdf/read-pdf-text';
import { importPdfSchema } from '@/lib/validation/pdf-import';

/** The message a PDF over the size limit gets, wherever it arrives. */
export const PDF_TOO_LARGE = `The PDF is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB. Import the article alone, or compress its images, and try again.`;

/** Reads an uploaded PDF without storing it, for the preview. Editors and owners of the workspace only. */
export async function previewPdfImport(viewer: Viewer | null, input: unknown, bytes: Uint8Array): Promise<ImportPreview & { slug: string }> {
  const request = parseInput(importPdfSchema, input);
  await requireImportRights(viewer, request.workspaceSlug);
  const { imported } = await readPdf(bytes, request.title);
  return { ...previewOf(imported), slug: request.slug ?? slugFor(imported.document.title) };
}

/**
 * Imports a PDF as a new document of the workspace, or as a new version of its document with that slug (the
 * annotations are then re-anchored), keeping the file with the version. Editors and owners only. A PDF that is
 * too large, encrypted, damaged, a scan without text, or too long is refused with a message.
 */
export async function importPdfDocument(viewer: Viewer | null, input: unknown, bytes: Uint8Array): Promise<ImportResult> {
  const request = parseInput(importPdfSchema, input);
  const workspace = await requireImportRights(viewer, request.workspaceSlug);
  const { imported, text } = await readPdf(bytes, request.title);
  return unsafeStoreImport(workspace, request.slug, imported, { bytes, fingerprint: text.fingerprint, pageCount: text.pageCount, fileName: request.fileName ?? null });
}

async function readPdf(bytes: Uint8Array, title: string | undefined): Promise<{ imported: ImportedDocument; text: PdfText }> {
  if (bytes.byteLength > MAX_PDF_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', PDF_TOO_LARGE);
  if (!startsLikePdf(bytes)) {
    throw new AppError('INVALID_INPUT', 'The file is not a PDF: it does not start with the %PDF- header. Choose the PDF itself, or import the text as Markdown, plain text or HTML.', {
      fieldErrors: { file: ['This is not a PDF file.'] },
    });
  }
  let text: PdfText;
  try {
    text = await readPdfText(bytes);
  } catch (error) {
    if (error instanceof PdfReadError) throw new AppError('INVALID_INPUT', error.message, { fieldErrors: { file: [error.message] } });
    throw error;
  }
  try {
    const document = parsePdfDocument(text.pages, { title, metadataTitle: text.metadataTitle ?? undefined });
    return { imported: { format: 'pdf', document, removedMarkup: 0 }, text };
  } catch (error) {
    if (error instanceof DocumentFormatError) throw new AppError('INVALID_INPUT', error.message, { fieldErrors: { file: [error.message] } });
    throw error;
  }
}

// PDF readers accept the header anywhere in the first kilobyte, after junk some generators put before it.
function startsLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}
