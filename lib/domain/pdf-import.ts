import { buildDocument, collapseSpaces, type DocumentBlock, type InlinePart } from './document-builder';
import { headingLines, isHeadingLine, SENTENCE_END } from './pdf-headings';
import { dropRunningLines, linesInReadingOrder, type LineToken, type PdfLine, type PdfPageText } from './pdf-layout';
import { DocumentFormatError, type ParsedDocument } from './plain-text-import';

export type { PdfPageText, PdfTextItem } from './pdf-layout';

// Notes are set smaller than the body; a line at most this share of the body size can belong to a page's notes.
const NOTE_SIZE_RATIO = 0.92;
const ENDNOTES_HEADING = /^(?:end\s?notes|notes|footnotes|notes and references)$/iu;
// A note's label opening its line: `1 Text`, `1. Text`, `12) Text`, `* Text`, `† Text`.
const NOTE_LABEL = /^(\d{1,3}|[*†‡§¶]{1,3})(?:[.)]\s*|\s+)(?=\S)/u;

/**
 * Reads a PDF's pages (as its text runs) into the document model: reading order over one or two columns,
 * headings by size and weight, paragraphs joined across lines, columns and pages with line-end hyphens undone,
 * running heads, feet and page numbers dropped, raised note labels turned into `[N]` markers and linked to the
 * note texts at the page's foot or in an endnotes section; each paragraph keeps its pages.
 * Throws DocumentFormatError (a page set with no text is a scan). Pure.
 */
export function parsePdfDocument(pages: PdfPageText[], options: { title?: string; metadataTitle?: string } = {}): ParsedDocument {
  const pageLines = dropRunningLines(pages.map((page) => linesInReadingOrder(page)));
  const allLines = pageLines.flat();
  if (!allLines.some((line) => /[\p{L}\p{N}]/u.test(line.text))) {
    throw new DocumentFormatError(
      pages.length === 0
        ? 'The PDF has no pages.'
        : 'The PDF has no text layer: its pages are images, as in a scan. Run it through OCR (text recognition) first, or import the text in another format.',
    );
  }
  const bodySize = dominantSize(allLines);
  const notes = new Map<string, NoteDraft>();
  const bodyLines: PdfLine[] = [];
  let lastPageNote: NoteDraft | null = null;
  for (const lines of pageLines) {
    const split = splitPageNotes(lines, bodySize);
    bodyLines.push(...split.body);
    for (const line of split.notes) {
      const label = lineLabel(line);
      if (label) {
        lastPageNote = { key: `p${line.page}:${label.label}`, lines: [], pages: new Set() };
        notes.set(lastPageNote.key, lastPageNote);
        lastPageNote.lines.push(label.rest);
      } else if (lastPageNote) lastPageNote.lines.push(line.text);
    }
  }
  const { body, endnotes } = splitEndnotes(bodyLines, bodySize);
  for (const note of endnotes) notes.set(note.key, note);

  const { title, blocks } = layoutBlocks(body, bodySize, notes, options);
  const noteTexts = new Map([...notes].map(([key, note]) => [key, joinLines(note.lines)]));
  return buildDocument({ title, blocks, notes: noteTexts });
}

type NoteDraft = { key: string; lines: string[]; pages: Set<number> };

// The body's font size: the size most of the letters are set in.
function dominantSize(lines: PdfLine[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.fontSize * 2) / 2;
    weights.set(size, (weights.get(size) ?? 0) + line.text.length);
  }
  return [...weights].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

// The notes at a page's foot: in each column (or the full width), the run of small lines ending it from its first
// labelled line on, when that run reaches down to the page's foot. Small lines above the first label (a caption,
// say) stay in the body.
function splitPageNotes(lines: PdfLine[], bodySize: number): { body: PdfLine[]; notes: PdfLine[] } {
  const foot = Math.min(...lines.map((line) => line.y)) + 3 * bodySize;
  const notes = new Set<PdfLine>();
  let segmentStart = 0;
  for (let index = 1; index <= lines.length; index++) {
    if (index < lines.length && lines[index]?.column === lines[segmentStart]?.column) continue;
    const segment = lines.slice(segmentStart, index);
    segmentStart = index;
    let start = segment.length;
    while (start > 0 && (segment[start - 1]?.fontSize ?? Infinity) <= NOTE_SIZE_RATIO * bodySize) start--;
    const run = segment.slice(start);
    const firstLabelled = run.findIndex((line) => lineLabel(line) !== null);
    if (firstLabelled === -1 || (run[run.length - 1]?.y ?? Infinity) > foot) continue;
    for (const line of run.slice(firstLabelled)) notes.add(line);
  }
  return { body: lines.filter((line) => !notes.has(line)), notes: lines.filter((line) => notes.has(line)) };
}

function lineLabel(line: PdfLine): { label: string; rest: string } | null {
  const first = line.tokens[0];
  if (first?.kind === 'mark') return { label: first.label, rest: tokensText(line.tokens.slice(1)).trim() };
  const match = NOTE_LABEL.exec(line.text);
  return match ? { label: match[1] ?? '', rest: line.text.slice(match[0].length) } : null;
}

function tokensText(tokens: LineToken[]): string {
  return tokens.map((token) => (token.kind === 'text' ? token.text : token.label)).join('');
}

// An endnotes section: a heading named Notes (or Endnotes, Footnotes) and its numbered lines, up to the next heading.
function splitEndnotes(lines: PdfLine[], bodySize: number): { body: PdfLine[]; endnotes: NoteDraft[] } {
  const headingIndex = lines.findIndex((line) => ENDNOTES_HEADING.test(line.text) && (isHeadingLine(line, bodySize) || line.text.length < 20));
  if (headingIndex === -1) return { body: lines, endnotes: [] };
  const endnotes: NoteDraft[] = [];
  let index = headingIndex + 1;
  for (; index < lines.length; index++) {
    const line = lines[index] as PdfLine;
    const label = lineLabel(line);
    if (!label && isHeadingLine(line, bodySize)) break;
    if (label && (endnotes.length === 0 || /^[*†‡§¶]/u.test(label.label) || Number(label.label) > Number(lastLabel(endnotes)))) {
      endnotes.push({ key: `e:${label.label}`, lines: [label.rest], pages: new Set([line.page]) });
    } else if (endnotes.length > 0) endnotes[endnotes.length - 1]?.lines.push(line.text);
    else break;
  }
  return { body: [...lines.slice(0, headingIndex), ...lines.slice(index)], endnotes };
}

function lastLabel(notes: NoteDraft[]): string {
  return notes[notes.length - 1]?.key.slice(2) ?? '0';
}

type ParagraphDraft = { parts: InlinePart[]; first: number; last: number; lastLine: PdfLine };

function layoutBlocks(
  lines: PdfLine[],
  bodySize: number,
  notes: Map<string, NoteDraft>,
  options: { title?: string; metadataTitle?: string },
): { title: string; blocks: DocumentBlock[] } {
  const blocks: DocumentBlock[] = [];
  let title = options.title?.trim() || '';
  const titleLines = title ? [] : titleOf(lines, bodySize);
  if (!title) title = titleLines.map((line) => line.text).join(' ') || options.metadataTitle?.trim() || '';
  const skipped = new Set(titleLines);
  const headings = headingLines(
    lines.filter((line) => !skipped.has(line)),
    bodySize,
    titleLines.length > 0 && lines[0] === titleLines[0],
  );
  let paragraph: ParagraphDraft | null = null;
  let heading: { text: string; line: PdfLine } | null = null;
  const closeParagraph = (): void => {
    if (paragraph) blocks.push({ kind: 'paragraph', parts: paragraph.parts, pages: { first: paragraph.first, last: paragraph.last } });
    paragraph = null;
  };
  const closeHeading = (): void => {
    if (heading) blocks.push({ kind: 'heading', text: heading.text });
    heading = null;
  };
  for (const line of lines) {
    if (skipped.has(line)) continue;
    if (headings.has(line)) {
      closeParagraph();
      // A heading set over two lines is one heading.
      if (heading && heading.line.page === line.page && Math.abs(heading.line.fontSize - line.fontSize) < 0.5 && heading.line.y - line.y < 2 * line.fontSize) {
        heading = { text: `${heading.text} ${line.text}`, line };
      } else {
        closeHeading();
        heading = { text: line.text, line };
      }
      continue;
    }
    closeHeading();
    const parts = lineParts(line, notes);
    if (paragraph && continuesParagraph(paragraph.lastLine, line, bodySize)) {
      joinParts(paragraph.parts, parts);
      paragraph.last = line.page;
      paragraph.lastLine = line;
    } else {
      closeParagraph();
      paragraph = { parts, first: line.page, last: line.page, lastLine: line };
    }
  }
  closeParagraph();
  closeHeading();
  return { title, blocks };
}

// The title: the largest line of the first page, with the lines set like it right below it.
function titleOf(lines: PdfLine[], bodySize: number): PdfLine[] {
  const firstPage = lines.filter((line) => line.page === lines[0]?.page && /\p{L}/u.test(line.text));
  const largest = firstPage.reduce<PdfLine | null>((best, line) => (!best || line.fontSize > best.fontSize + 0.1 ? line : best), null);
  if (!largest || !isHeadingLine(largest, bodySize)) return [];
  const result = [largest];
  for (let index = lines.indexOf(largest) + 1; index < lines.length; index++) {
    const line = lines[index] as PdfLine;
    const previous = result[result.length - 1] as PdfLine;
    if (line.page !== largest.page || Math.abs(line.fontSize - largest.fontSize) > 0.5 || previous.y - line.y > 2 * line.fontSize) break;
    result.push(line);
  }
  return result;
}

// Whether `line` carries on the paragraph whose last line is `previous`.
function continuesParagraph(previous: PdfLine, line: PdfLine, bodySize: number): boolean {
  const endsSentence = SENTENCE_END.test(previous.text);
  const isFull = previous.x1 >= previous.columnRight - 2 * bodySize;
  const isIndented = line.x0 > line.columnLeft + 0.8 * bodySize;
  // A run-in lead and the text after it on the same baseline.
  if (previous.page === line.page && Math.abs(previous.y - line.y) < 0.3 * previous.fontSize && line.x0 > previous.x1) return true;
  const sameFlow = previous.page === line.page && previous.column === line.column && previous.y > line.y;
  if (sameFlow) {
    if (previous.y - line.y > 1.8 * Math.max(previous.fontSize, line.fontSize)) return false;
    if (Math.abs(previous.fontSize - line.fontSize) > 1) return false;
    if (endsSentence && (!isFull || isIndented)) return false;
    return true;
  }
  // Across a column or a page, a sentence left open carries on; a full last line carries on unless the next is indented.
  return !endsSentence || (isFull && !isIndented);
}

function lineParts(line: PdfLine, notes: Map<string, NoteDraft>): InlinePart[] {
  const parts: InlinePart[] = [];
  for (const token of line.tokens) {
    if (token.kind === 'mark') {
      parts.push({ kind: 'reference', label: noteKey(token.label, line.page, notes) });
      continue;
    }
    // Markers printed as `[3]` right after a word, rather than raised, are references too when a note of that
    // number is on this page or among the endnotes. A spaced `[1]` is a citation or a program's output.
    let last = 0;
    for (const match of token.text.matchAll(/(?<=[\p{L}\p{N}.,;:!?)”"’])\[(\d{1,3})\]/gu)) {
      const key = noteKey(match[1] ?? '', line.page, notes);
      if (!notes.has(key) || key === `p${line.page + 1}:${match[1]}`) continue;
      parts.push({ kind: 'text', text: token.text.slice(last, match.index) }, { kind: 'reference', label: key });
      last = match.index + match[0].length;
    }
    parts.push({ kind: 'text', text: token.text.slice(last) });
  }
  return parts;
}

// The note a label on `page` refers to: the same page's foot, the next page's (a marker on a page's last line),
// then the endnotes; a label with no note text still becomes a marker.
function noteKey(label: string, page: number, notes: Map<string, NoteDraft>): string {
  for (const key of [`p${page}:${label}`, `p${page + 1}:${label}`, `e:${label}`]) if (notes.has(key)) return key;
  return `u:${label}`;
}

// Appends a line's parts to a paragraph: a hyphen ending a line before a lower-case letter is undone.
function joinParts(parts: InlinePart[], next: InlinePart[]): void {
  const lastText = [...parts].reverse().find((part) => part.kind === 'text');
  const firstText = next.find((part) => part.kind === 'text');
  const tail = parts[parts.length - 1];
  if (tail?.kind === 'text' && firstText?.kind === 'text' && lastText === tail && /\p{L}[-\u00AD]\s*$/u.test(tail.text) && /^\s*\p{Ll}/u.test(firstText.text)) {
    tail.text = tail.text.replace(/[-\u00AD]\s*$/u, '');
    firstText.text = firstText.text.trimStart();
  } else parts.push({ kind: 'text', text: ' ' });
  parts.push(...next);
}

function joinLines(lines: string[]): string {
  let text = '';
  for (const line of lines) {
    const piece = line.trim();
    if (!piece) continue;
    if (/\p{L}[-\u00AD]$/u.test(text) && /^\p{Ll}/u.test(piece)) text = text.slice(0, -1) + piece;
    else text = text ? `${text} ${piece}` : piece;
  }
  return collapseSpaces(text);
}
