import type { PdfPageText, PdfTextItem } from '@/lib/domain/pdf-layout';

/** What a PDF holds for import: its pdf.js fingerprint, page count, metadata title and each page's text runs. */
export type PdfText = { fingerprint: string; pageCount: number; metadataTitle: string | null; pages: PdfPageText[] };

/** Why a PDF could not be read, as a person importing it should hear it. */
export type PdfReadFailure = { reason: 'encrypted' | 'corrupt' | 'too-many-pages'; message: string };

/** The most pages an import reads. */
export const MAX_PDF_PAGES = 500;

/** Thrown by readPdfText with a failure a person can act on. */
export class PdfReadError extends Error {
  constructor(readonly failure: PdfReadFailure) {
    super(failure.message);
    this.name = 'PdfReadError';
  }
}

/** Reads a PDF's text runs with pdf.js (legacy build, for Node); throws PdfReadError. Runs in the extraction worker. */
export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes,
    // No code from the file is ever compiled, fonts are not turned into CSS, nothing is fetched.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'PasswordException') {
      throw new PdfReadError({ reason: 'encrypted', message: 'The PDF is protected by a password. Save a copy without the password and import that.' });
    }
    throw new PdfReadError({ reason: 'corrupt', message: `The file is not a readable PDF (${describe(error)}). It may be damaged or cut off; export it again and retry.` });
  }
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new PdfReadError({ reason: 'too-many-pages', message: `The PDF has ${pdf.numPages} pages; the limit is ${MAX_PDF_PAGES}. Import the article alone, without the volume around it.` });
    }
    const metadata = await pdf.getMetadata().catch(() => null);
    const info = metadata?.info as { Title?: unknown } | undefined;
    const pages: PdfPageText[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      // Fonts are loaded by the operator list; their names tell bold from regular.
      await page.getOperatorList();
      const fontNames = new Map<string, string>();
      for (const fontId of Object.keys(content.styles)) {
        const font = page.commonObjs.has(fontId) ? (page.commonObjs.get(fontId) as { name?: string; bold?: boolean; black?: boolean } | null) : null;
        fontNames.set(fontId, `${font?.name ?? ''}${font?.bold || font?.black ? ' bold' : ''}`);
      }
      const [left, bottom, right, top] = page.view as [number, number, number, number];
      const width = right - left;
      const height = top - bottom;
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        // Only upright text is read; rotated margin notes (a journal's vertical banner) are left out.
        if (Math.abs(b ?? 0) > 0.01 || Math.abs(c ?? 0) > 0.01) continue;
        items.push({
          text: item.str,
          x: (e ?? 0) - left,
          y: (f ?? 0) - bottom,
          width: item.width,
          fontSize: Math.abs(d ?? a ?? 0),
          isBold: /bold|black|heavy|semibold|demi/iu.test(fontNames.get(item.fontName) ?? ''),
        });
      }
      pages.push({ number, width, height, items });
      page.cleanup();
    }
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
    return { fingerprint: pdf.fingerprints[0] ?? '', pageCount: pdf.numPages, metadataTitle: title, pages };
  } catch (error) {
    if (error instanceof PdfReadError) throw error;
    throw new PdfReadError({ reason: 'corrupt', message: `The PDF could not be read to the end (${describe(error)}). It may be damaged; export it again and retry.` });
  } finally {
    await pdf.destroy();
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 160 ? `${message.slice(0, 160)}…` : message;
}
