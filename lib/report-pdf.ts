import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describeLinkedAnnotation, passageLabel, reportByline, reportTitle, type ReportHistoryLine, type ReportModel } from '@/lib/domain/verification-report';

// DejaVu covers Latin, Cyrillic and Greek in full: the PDF's built-in fonts know only Windows-1252 and would garble
// names such as Łódź. The TTF files come from the dejavu-fonts-ttf package, read once per process.
const FONT_DIRECTORY = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
let fonts: Promise<{ regular: Buffer; bold: Buffer; serif: Buffer }> | null = null;
const loadFonts = () =>
  (fonts ??= Promise.all(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSerif.ttf'].map((file) => readFile(path.join(FONT_DIRECTORY, file)))).then(([regular, bold, serif]) => ({
    regular: regular!,
    bold: bold!,
    serif: serif!,
  })));

/** Renders the verification report as a PDF with an embedded Unicode font: the same content as report.html. */
export async function renderReportPdf(model: ReportModel): Promise<Uint8Array<ArrayBuffer>> {
  const { regular, bold, serif } = await loadFonts();
  const title = reportTitle(model);
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: title, Author: model.generatedBy, Creator: model.generator, Producer: model.generator, Subject: reportByline(model) },
  });
  document.registerFont('sans', regular);
  document.registerFont('bold', bold);
  document.registerFont('serif', serif);
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    document.on('end', resolve);
    document.on('error', reject);
  });

  const heading = (text: string, size: number) => document.font('bold').fontSize(size).fillColor('#000').text(text).moveDown(0.3);
  const line = (text: string, font: 'sans' | 'serif' = 'sans', size = 10) => document.font(font).fontSize(size).fillColor('#000').text(text).moveDown(0.2);
  const quote = (text: string) => document.font('serif').fontSize(10).fillColor('#333').text(text, { indent: 14 }).moveDown(0.3);
  const history = (label: string, lines: ReportHistoryLine[]) => {
    if (lines.length === 0) return;
    document.font('bold').fontSize(9).fillColor('#000').text(label);
    for (const entry of lines) line(`• ${entry.text} — ${entry.who}, ${entry.when}${entry.reason ? `. Why: ${entry.reason}` : ''}`, 'sans', 9);
    document.moveDown(0.3);
  };

  heading(title, 18);
  line(reportByline(model), 'sans', 9);
  document.moveDown();
  heading('Coverage', 13);
  for (const [label, value] of model.coverage) line(`${label}: ${value}`);
  document.moveDown();
  for (const note of model.notes) {
    heading(`Note ${note.number}`, 13);
    line(`Status: ${note.status} · Assignee: ${note.assignee ?? 'nobody'}`);
    if (note.citingSentences.length === 0) line('No sentence cites this note.');
    for (const sentence of note.citingSentences) quote(sentence.page ? `${sentence.text} (${sentence.page})` : sentence.text);
    if (note.sources.length === 0) line('No source attached.');
    for (const source of note.sources) {
      document.font('bold').fontSize(10).text(`${source.title} — ${source.verdict}`).moveDown(0.1);
      for (const [label, value] of source.details) line(`${label}: ${value}`, 'sans', 9);
      if (source.url) line(`Address: ${source.url}`, 'sans', 9);
      if (source.archiveUrl) line(`Archived copy: ${source.archiveUrl}`, 'sans', 9);
      if (source.evidencePassage) {
        line(passageLabel(source.evidencePassage), 'sans', 9);
        quote(source.evidencePassage.quote);
      } else if (source.evidenceQuote) quote(source.evidenceQuote);
      history(`Verdict history of ${source.title}`, source.verdictHistory);
    }
    if (note.linked.length > 0) {
      document.font('bold').fontSize(9).fillColor('#000').text('Linked annotations');
      for (const linked of note.linked) line(`• ${describeLinkedAnnotation(linked)}`, 'sans', 9);
      document.moveDown(0.3);
    }
    history(`History of note ${note.number}`, note.history);
    document.moveDown(0.6);
  }
  heading('Sentences citing nothing', 13);
  if (model.uncitedSentences.length === 0) line('The citation lens marks no sentence.');
  for (const sentence of model.uncitedSentences) quote(sentence);
  document.end();
  await finished;
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
