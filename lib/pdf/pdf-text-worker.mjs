// The one place pdf.js reads an uploaded PDF on the server. It runs in a worker thread (lib/pdf/read-pdf-text.ts
// starts it with a time and memory limit), so a huge or hostile file cannot stall the server's event loop.
// Plain JavaScript, because a worker thread is started from a file that Node runs as it is.
import { parentPort, workerData } from 'node:worker_threads';

const BOLD_FONT = /bold|black|heavy|semibold|demi/iu;

async function readPdf(bytes, maxPages) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes,
    // No code from the file is compiled, fonts are not turned into CSS, nothing is fetched.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (error) {
    if (error?.name === 'PasswordException') {
      return { ok: false, reason: 'encrypted', message: 'The PDF is protected by a password. Save a copy without the password and import that.' };
    }
    return { ok: false, reason: 'corrupt', message: `The file is not a readable PDF${detailOf(error)}. It may be damaged or cut off; export it again and retry.` };
  }
  try {
    if (pdf.numPages > maxPages) {
      return { ok: false, reason: 'too-many-pages', message: `The PDF has ${pdf.numPages} pages; the limit is ${maxPages}. Import the article alone, without the volume around it.` };
    }
    const metadata = await pdf.getMetadata().catch(() => null);
    const pages = [];
    for (let number = 1; number <= pdf.numPages; number++) pages.push(await readPage(await pdf.getPage(number), number));
    const title = typeof metadata?.info?.Title === 'string' && metadata.info.Title.trim() ? metadata.info.Title.trim() : null;
    return { ok: true, text: { fingerprint: pdf.fingerprints[0] ?? '', pageCount: pdf.numPages, metadataTitle: title, pages } };
  } catch (error) {
    return { ok: false, reason: 'corrupt', message: `The PDF could not be read to the end${detailOf(error)}. It may be damaged; export it again and retry.` };
  } finally {
    await pdf.destroy();
  }
}

async function readPage(page, number) {
  const content = await page.getTextContent();
  // Fonts are loaded by the operator list; their names tell bold from regular.
  await page.getOperatorList();
  const fontNames = new Map();
  for (const fontId of Object.keys(content.styles)) {
    const font = page.commonObjs.has(fontId) ? page.commonObjs.get(fontId) : null;
    fontNames.set(fontId, `${font?.name ?? ''}${font?.bold || font?.black ? ' bold' : ''}`);
  }
  const [left, bottom, right, top] = page.view;
  const items = [];
  for (const item of content.items) {
    if (typeof item.str !== 'string' || item.str === '') continue;
    const [a, b, c, d, e, f] = item.transform;
    // Only upright text is read; a rotated banner in the margin is left out.
    if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01) continue;
    items.push({ text: item.str, x: e - left, y: f - bottom, width: item.width, fontSize: Math.abs(d || a), isBold: BOLD_FONT.test(fontNames.get(item.fontName) ?? '') });
  }
  page.cleanup();
  return { number, width: right - left, height: top - bottom, items };
}

// pdf.js names what is wrong with a file in these errors; anything else is about the reader, not the file, and
// its message (which may name server paths) is not passed on.
const FILE_ERRORS = new Set(['InvalidPDFException', 'FormatError', 'MissingPDFException', 'UnknownErrorException']);

function detailOf(error) {
  return FILE_ERRORS.has(error?.name) ? ` (${describe(error)})` : '';
}

function describe(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 160 ? `${message.slice(0, 160)}…` : message;
}

readPdf(workerData.bytes, workerData.maxPages).then(
  (result) => parentPort?.postMessage(result),
  (error) => parentPort?.postMessage({ ok: false, reason: 'corrupt', message: `The PDF could not be read${detailOf(error)}.` }),
);
