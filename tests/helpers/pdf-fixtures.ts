// PDFs written in the tests with pdfkit, each with the notes it should yield. Lines are placed by hand, so
// the layouts (two columns, raised markers, running heads, hyphens at line ends) are exactly what they claim.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** A generated PDF and, in marker order, the note text each marker must link to. */
export type PdfFixture = { name: string; bytes: Uint8Array; title: string; notes: Array<{ number: number; text: string }> };

type Part = string | { sup: string };
type Writer = {
  doc: PDFKit.PDFDocument;
  line: (parts: Part[], options: { x: number; y: number; size?: number; bold?: boolean }) => void;
};

async function writePdf(draw: (writer: Writer) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: true, ...options });
  doc.registerFont('serif', path.join(FONT_DIR, 'DejaVuSerif.ttf'));
  doc.registerFont('serif-bold', path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const line: Writer['line'] = (parts, { x, y, size = 11, bold = false }) => {
    let cursor = x;
    for (const part of parts) {
      if (typeof part === 'string') {
        doc.font(bold ? 'serif-bold' : 'serif').fontSize(size).text(part, cursor, y, { lineBreak: false });
        cursor += doc.widthOfString(part);
      } else {
        // A superscript: smaller, its baseline raised by about a third of the line's size.
        const small = size * 0.65;
        doc.font('serif').fontSize(small).text(part.sup, cursor, y + 0.93 * size - 0.93 * small - 0.35 * size, { lineBreak: false });
        cursor += doc.widthOfString(part.sup);
      }
    }
  };
  draw({ doc, line });
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function runningHead(writer: Writer, pageNumber: number): void {
  writer.line(['Journal of Close Reading · Vol. 3 (2026)'], { x: 72, y: 30, size: 8 });
  writer.line([String(pageNumber)], { x: 290, y: 800, size: 9 });
}

/** Page-foot notes over two pages, a note running on to the next page's foot, running heads, hyphenation and non-ASCII text. */
export async function footnotesFixture({ isRevised = false }: { isRevised?: boolean } = {}): Promise<PdfFixture> {
  const notes = [
    { number: 1, text: 'Anna Nowak, Łódź and the Vistula: Żółć w polityce (Kraków: Znak, 2019), 12.' },
    { number: 2, text: 'Σωκράτης in Plato, Apology 21d; see also Москва 1998 report, p. 44.' },
    { number: 3, text: 'Interviews conducted in Ærøskøbing, March 2024, with the harbour authority.' },
    { number: 4, text: 'Ministry figures for 2023, table 7; the earlier series is not comparable.' },
  ];
  const bytes = await writePdf(({ doc, line }) => {
    const writer = { doc, line };
    runningHead(writer, 1);
    line(['Rivers and Reservoirs in Eastern Europe'], { x: 72, y: 80, size: 18, bold: true });
    if (isRevised) line(['Revised edition, with the figures corrected.'], { x: 72, y: 105 });
    line(['Introduction'], { x: 72, y: 130, size: 13, bold: true });
    line(['The regional water authorities were first recog-'], { x: 72, y: 160 });
    line(['nised in the constitution of 1997, after a decade of floods.', { sup: '1' }, ' Their'], { x: 72, y: 175 });
    line(['powers grew slowly, and the naïve hope of a single river'], { x: 72, y: 190 });
    line(['basin agency was dropped by 2004.', { sup: '2' }], { x: 72, y: 205 });
    line(['A second paragraph begins here and describes the Straße'], { x: 90, y: 230 });
    line(['of reservoirs along the border, which the ministry'], { x: 72, y: 245 });
    line(['counted in several incompatible ways across the decades'], { x: 72, y: 260 });
    line(['Anna Nowak, Łódź and the Vistula: Żółć w polityce (Kraków: Znak,'], { x: 72, y: 740, size: 8, bold: false });
    line([{ sup: '1' }], { x: 66, y: 740, size: 8 });
    line(['2019), 12.'], { x: 72, y: 750, size: 8 });
    line([{ sup: '2' }, 'Σωκράτης in Plato, Apology 21d; see also Москва 1998 report, p. 44.'], { x: 66, y: 762, size: 8 });
    doc.addPage();
    runningHead(writer, 2);
    line(['that followed its reorganisation.', { sup: '3' }, ' The second section turns to'], { x: 72, y: 80 });
    line(['the figures themselves.'], { x: 72, y: 95 });
    line(['Figures'], { x: 72, y: 130, size: 13, bold: true });
    line(['The reservoirs held more water in 2023 than in any year'], { x: 72, y: 160 });
    line(['since records began.', { sup: '4' }], { x: 72, y: 175 });
    line(['3 Interviews conducted in Ærøskøbing, March 2024, with the'], { x: 72, y: 740, size: 8 });
    line(['harbour authority.'], { x: 72, y: 750, size: 8 });
    line(['4 Ministry figures for 2023, table 7; the earlier series is not comparable.'], { x: 72, y: 762, size: 8 });
  });
  return { name: 'page-foot notes', bytes, title: 'Rivers and Reservoirs in Eastern Europe', notes };
}

/** The page-foot fixture in a revised edition: one more paragraph before the first heading. */
export async function writeChangedFootnotesFixture(): Promise<Uint8Array> {
  return (await footnotesFixture({ isRevised: true })).bytes;
}

/** An endnotes section after the body, its numbers set at body size. */
export async function endnotesFixture(): Promise<PdfFixture> {
  const notes = [
    { number: 1, text: 'Hamid Karimov, The Fergana Valley (London: Hurst, 2015), 201–203.' },
    { number: 2, text: 'United Nations Office on Drugs and Crime, World Drug Report 2016, 45.' },
    { number: 3, text: 'Ibid., 47.' },
  ];
  const bytes = await writePdf(({ line, doc }) => {
    line(['Exporting Trouble'], { x: 72, y: 80, size: 20, bold: true });
    line(['Most recruits came from the valley,', { sup: '1' }, ' where unemployment was'], { x: 72, y: 130 });
    line(['highest. Trafficking routes crossed the same districts.', { sup: '2' }], { x: 72, y: 145 });
    line(['A later survey found the same pattern in the south.', { sup: '3' }], { x: 90, y: 170 });
    doc.addPage();
    line(['Notes'], { x: 72, y: 80, size: 13, bold: true });
    line(['1. Hamid Karimov, The Fergana Valley (London: Hurst, 2015),'], { x: 72, y: 110 });
    line(['201–203.'], { x: 86, y: 125 });
    line(['2. United Nations Office on Drugs and Crime, World Drug Report'], { x: 72, y: 145 });
    line(['2016, 45.'], { x: 86, y: 160 });
    line(['3. Ibid., 47.'], { x: 72, y: 180 });
  });
  return { name: 'endnotes', bytes, title: 'Exporting Trouble', notes };
}

/** Two columns under a full-width title, the notes full width at the foot. */
export async function twoColumnFixture(): Promise<PdfFixture> {
  const notes = [
    { number: 1, text: 'Left column source, 2020.' },
    { number: 2, text: 'Right column source, 2021.' },
    { number: 3, text: 'A third source that closes the page.' },
  ];
  const bytes = await writePdf(({ line }) => {
    line(['Two Columns of Argument'], { x: 50, y: 60, size: 18, bold: true });
    const left = ['The left column opens the argument', 'and carries it down the page with', 'its first cited claim.', '', 'Its second paragraph is short and', 'ends at the column foot with a word'];
    const right = ['that carries over to the right column,', 'where the claim is completed.', '', 'The right column adds its own point', 'about the sources and ends here.'];
    left.forEach((text, index) => {
      if (!text) return;
      line(index === 2 ? [text, { sup: '1' }] : [text], { x: 50, y: 110 + 15 * index });
    });
    right.forEach((text, index) => {
      if (!text) return;
      line(index === 1 ? [text, { sup: '2' }] : index === 4 ? [text, { sup: '3' }] : [text], { x: 310, y: 110 + 15 * index });
    });
    line(['1 Left column source, 2020.'], { x: 50, y: 760, size: 8 });
    line(['2 Right column source, 2021.'], { x: 50, y: 770, size: 8 });
    line(['3 A third source that closes the page.'], { x: 50, y: 780, size: 8 });
  });
  return { name: 'two columns', bytes, title: 'Two Columns of Argument', notes };
}

/** Every generated fixture. */
export async function generatedFixtures(): Promise<PdfFixture[]> {
  return [await footnotesFixture(), await endnotesFixture(), await twoColumnFixture()];
}

const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Hostile and broken PDFs, each of which an import must refuse with a message. */
export async function hostilePdfs(): Promise<Record<'encrypted' | 'scanned' | 'truncated' | 'oversized' | 'nested' | 'notPdf', Uint8Array>> {
  const encrypted = await writePdf(({ line }) => line(['A secret paper'], { x: 72, y: 80 }), { userPassword: 'secret', ownerPassword: 'owner' });
  // A scan: each page is one picture, with no text layer.
  const scanned = await writePdf(({ doc }) => {
    doc.image(ONE_PIXEL_PNG, 0, 0, { width: 595, height: 842 });
    doc.addPage();
    doc.image(ONE_PIXEL_PNG, 0, 0, { width: 595, height: 842 });
  });
  const whole = (await footnotesFixture()).bytes;
  const truncated = whole.slice(0, Math.floor(whole.byteLength * 0.4));
  const oversized = new Uint8Array(25 * 1024 * 1024);
  oversized.set(Buffer.from('%PDF-1.7\n'));
  const depth = 100_000;
  const nested = Buffer.from(
    `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Deep ${'['.repeat(depth)}${']'.repeat(depth)} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${'<< /A '.repeat(depth / 10)}1${' >>'.repeat(depth / 10)} >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
  );
  return { encrypted, scanned, truncated, oversized, nested: new Uint8Array(nested), notPdf: new Uint8Array(Buffer.from('Just some text, not a PDF at all.')) };
}

/** A one-page PDF written by hand in plain ASCII (so it travels as a string), holding `text` as one line in Helvetica. */
export function minimalPdf(text: string): string {
  const stream = `BT /F1 12 Tf 72 700 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${body}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

/** A PDF of one-line paragraphs under a bold title, each ending with a raised marker, its notes at the foot of its page. */
export async function paragraphsPdf(title: string, paragraphs: string[], noteTexts: (index: number) => string): Promise<Uint8Array> {
  const perPage = 12;
  return writePdf(({ doc, line }) => {
    paragraphs.forEach((text, index) => {
      const onPage = index % perPage;
      if (index > 0 && onPage === 0) doc.addPage();
      if (index === 0) line([title], { x: 72, y: 60, size: 18, bold: true });
      // Long lines are cut, so every paragraph stays on its own line inside the page.
      line([text.slice(0, 60), { sup: String(index + 1) }], { x: 72, y: 110 + 30 * onPage });
      line([`${index + 1} ${noteTexts(index).slice(0, 40)}`], { x: 72, y: 820 - 10 * (Math.min(perPage, paragraphs.length - (index - onPage)) - onPage), size: 7 });
    });
  });
}

/** A long PDF: `pages` pages of body text with a raised marker and its note on each, to keep the reader busy for a while. */
export async function longPdf(pages: number): Promise<Uint8Array> {
  return writePdf(({ doc, line }) => {
    for (let page = 1; page <= pages; page++) {
      if (page > 1) doc.addPage();
      if (page === 1) line(['A Very Long Report'], { x: 72, y: 60, size: 18, bold: true });
      for (let row = 0; row < 40; row++) {
        const isLast = row === 39;
        line([`Line ${row + 1} of page ${page} carries the argument further along`, ...(isLast ? ['.', { sup: String(page) }] : [])], { x: 72, y: 100 + 16 * row });
      }
      line([`${page} Note for page ${page}.`], { x: 72, y: 790, size: 7 });
    }
  });
}
