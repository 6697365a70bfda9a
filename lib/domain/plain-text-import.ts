import { CodePointIndex, codePointLength, normalizeText } from './text';
import { slugify } from './slugs';

/** A paragraph's code-point range in the document text; `sectionOrdinal` is null for the lead (before the first section); `pages` are its pages in the original PDF. */
export type ParsedParagraph = { ordinal: number; start: number; end: number; sectionOrdinal: number | null; pages?: { first: number; last: number } };

/** A section: its heading (null when the text gives none), stable slug, and code-point range from heading (or first paragraph) to last paragraph. */
export type ParsedSection = {
  ordinal: number;
  heading: string | null;
  headingStart: number | null;
  headingEnd: number | null;
  slug: string;
  start: number;
  end: number;
};

/** A footnote marker `[N]`: its number, the code-point range of the brackets, and the paragraph that holds it. */
export type ParsedFootnoteMarker = { number: number; start: number; end: number; paragraphOrdinal: number };

/** The text of note N, as the imported document gives it. */
export type ParsedNote = { number: number; text: string };

/**
 * The document model of an imported article; every offset counts code points in `text`, end exclusive.
 * `notes` holds the note texts the source carried (none for the seed article).
 */
export type ParsedDocument = {
  title: string;
  text: string;
  paragraphs: ParsedParagraph[];
  sections: ParsedSection[];
  footnoteMarkers: ParsedFootnoteMarker[];
  notes?: ParsedNote[];
};

/** Thrown when a plain-text article cannot be read; the message tells the person importing it what to fix. */
export class DocumentFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentFormatError';
  }
}

// A heading is a short line; longer single-line blocks are one-sentence paragraphs that lack a full stop.
const HEADING_MAX_CODE_POINTS = 120;
// A single line that ends like a sentence (or a clause) is a paragraph, not a heading.
const SENTENCE_END = /[.?!:;,…。？！：；]$/u;
// Closing quotes and brackets, spaces and footnote markers that may follow the sentence punctuation: `He said "no."[3]`.
const TRAILING_CLOSERS = /(?:\[[1-9]\d{0,2}\]|[\s"'”’»›)])+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NON_SPACE = /\S/;
// `[N]`, N 1..999 with no leading zero; `\d` is ASCII-only without the u flag.
const MARKER = /\[([1-9]\d{0,2})\]/g;

type Line = { number: number; start: number; end: number };
type Block = { lines: Line[]; blankLinesBefore: number };
type Span = { start: number; end: number };
type RawSection = { heading: string | null; headingSpan: Span | null; slug: string; start: number; end: number };
type RawParagraph = Span & { sectionIndex: number | null };

/** Parses a plain-text article (title line, lead, sections split by two or more blank lines) into code-point offsets; throws DocumentFormatError. Pure. */
export function parsePlainTextDocument(raw: string): ParsedDocument {
  const text = normalizeText(raw);
  const blocks = splitBlocks(text);
  const firstBlock = blocks[0];
  const titleLine = firstBlock?.lines[0];
  if (!firstBlock || !titleLine) {
    throw new DocumentFormatError('The document is empty: expected a title on the first line, then paragraphs separated by blank lines.');
  }

  const titleSpan = trimSpan(text, titleLine);
  const title = text.slice(titleSpan.start, titleSpan.end);
  const titleMarker = firstMarker(text, titleSpan);
  if (titleMarker) {
    throw new DocumentFormatError(
      `The title (line ${titleLine.number}) contains footnote marker ${titleMarker}; a title cannot carry a footnote. Move the marker into a paragraph.`,
    );
  }

  // Lines directly under the title (no blank line between) belong to the lead.
  const bodyBlocks: Block[] = firstBlock.lines.length > 1 ? [{ lines: firstBlock.lines.slice(1), blankLinesBefore: 0 }] : [];
  bodyBlocks.push(...blocks.slice(1));

  const rawSections: RawSection[] = [];
  const rawParagraphs: RawParagraph[] = [];
  for (const block of bodyBlocks) {
    const span = blockSpan(text, block);
    if (block.blankLinesBefore >= 2) {
      const ordinal = rawSections.length + 1;
      const headingLine = block.lines.length === 1 ? block.lines[0] : undefined;
      if (headingLine && looksLikeHeading(text.slice(span.start, span.end))) {
        const marker = firstMarker(text, span);
        if (marker) {
          throw new DocumentFormatError(
            `Line ${headingLine.number} looks like a section heading but contains footnote marker ${marker}; headings cannot carry footnotes. ` +
              'Move the marker into the paragraph below, or end the line with a full stop if it is a paragraph.',
          );
        }
        const heading = text.slice(span.start, span.end);
        rawSections.push({ heading, headingSpan: span, slug: slugify(heading) || `section-${ordinal}`, ...span });
        continue;
      }
      // No heading line: an untitled section. Never invent a title for it.
      rawSections.push({ heading: null, headingSpan: null, slug: `section-${ordinal}`, ...span });
    }
    const sectionIndex = rawSections.length > 0 ? rawSections.length - 1 : null;
    rawParagraphs.push({ ...span, sectionIndex });
    const section = sectionIndex === null ? undefined : rawSections[sectionIndex];
    if (section) section.end = span.end;
  }

  if (rawParagraphs.length === 0) {
    throw new DocumentFormatError(
      `The document "${title}" has no paragraphs: after the title line, leave one blank line and then write the text.`,
    );
  }

  const index = new CodePointIndex(text);
  const at = (utf16Index: number): number => index.toCodePoint(utf16Index);
  const usedSlugs = new Set<string>();

  const sections = rawSections.map((section, i): ParsedSection => ({
    ordinal: i + 1,
    heading: section.heading,
    headingStart: section.headingSpan ? at(section.headingSpan.start) : null,
    headingEnd: section.headingSpan ? at(section.headingSpan.end) : null,
    slug: uniqueSlug(section.slug, usedSlugs),
    start: at(section.start),
    end: at(section.end),
  }));

  const paragraphs: ParsedParagraph[] = [];
  const footnoteMarkers: ParsedFootnoteMarker[] = [];
  rawParagraphs.forEach((paragraph, i) => {
    const ordinal = i + 1;
    paragraphs.push({
      ordinal,
      start: at(paragraph.start),
      end: at(paragraph.end),
      sectionOrdinal: paragraph.sectionIndex === null ? null : paragraph.sectionIndex + 1,
    });
    for (const marker of markersIn(text, paragraph)) {
      footnoteMarkers.push({ number: marker.number, start: at(marker.start), end: at(marker.end), paragraphOrdinal: ordinal });
    }
  });

  return { title, text, paragraphs, sections, footnoteMarkers };
}

// Groups the non-blank lines into blocks and records how many blank lines preceded each block.
// A line holding only whitespace (including no-break spaces) is blank.
function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let blankLines = 0;
  let start = 0;
  for (let number = 1; start <= text.length; number++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (NON_SPACE.test(text.slice(start, end))) {
      if (current) {
        current.lines.push({ number, start, end });
      } else {
        current = { lines: [{ number, start, end }], blankLinesBefore: blankLines };
        blocks.push(current);
      }
      blankLines = 0;
    } else {
      current = null;
      blankLines++;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return blocks;
}

// The block's range without the whitespace around it; newlines between its lines stay inside.
function blockSpan(text: string, block: Block): Span {
  const first = block.lines[0];
  const last = block.lines[block.lines.length - 1];
  if (!first || !last) throw new Error('A block always has at least one line');
  return { start: trimSpan(text, first).start, end: trimSpan(text, last).end };
}

function trimSpan(text: string, span: Span): Span {
  const content = text.slice(span.start, span.end);
  const start = span.start + (content.length - content.trimStart().length);
  const end = span.start + content.trimEnd().length;
  return { start, end: Math.max(start, end) };
}

function looksLikeHeading(line: string): boolean {
  if (codePointLength(line) > HEADING_MAX_CODE_POINTS || !HAS_LETTER_OR_DIGIT.test(line)) return false;
  // A footnote marker does not stop a line from looking like a heading: the caller rejects it with a clear message.
  return !SENTENCE_END.test(line.replace(TRAILING_CLOSERS, ''));
}

function firstMarker(text: string, span: Span): string | null {
  const first = markersIn(text, span)[0];
  return first ? `[${first.number}]` : null;
}

function markersIn(text: string, span: Span): { number: number; start: number; end: number }[] {
  const markers: { number: number; start: number; end: number }[] = [];
  for (const match of text.slice(span.start, span.end).matchAll(MARKER)) {
    const start = span.start + match.index;
    markers.push({ number: Number(match[1]), start, end: start + match[0].length });
  }
  return markers;
}

function uniqueSlug(slug: string, used: Set<string>): string {
  let candidate = slug;
  for (let n = 2; used.has(candidate); n++) candidate = `${slug}-${n}`;
  used.add(candidate);
  return candidate;
}

// A line that opens the trailing notes: `Notes`, `Endnotes`, `Footnotes`, optionally with a colon. Tested on the
// trimmed line: spaces on both sides of an optional colon (`\s*:?\s*$`) backtrack quadratically on a long run of them.
const NOTES_HEADING = /^(?:notes|endnotes|footnotes)\s*:?$/iu;
// `1. text`, `1) text`, `[1] text`, `1 text`: a note's number and its text.
const NOTE_LINE = /^\s*(?:\[([1-9]\d{0,2})\]|([1-9]\d{0,2})[.)]?)\s+(\S.*)$/u;

/** A plain-text article with its note texts: the existing format plus an optional trailing Notes section. */
export type ParsedPlainText = { document: ParsedDocument; notesWithoutMarker: number[] };

/**
 * Parses a plain-text article whose last section may be `Notes` (or `Endnotes`, `Footnotes`) with lines such as
 * `1. text`, `[1] text` or `1 text`; that section is removed from the body and fills the note texts. A marker
 * cited again keeps only its first place. Throws DocumentFormatError.
 */
export function parsePlainTextArticle(raw: string): ParsedPlainText {
  const text = normalizeText(raw);
  const split = splitNotesSection(text);
  const parsed = parsePlainTextDocument(split.body);
  const seen = new Set<number>();
  const footnoteMarkers = parsed.footnoteMarkers.filter((marker) => !seen.has(marker.number) && seen.add(marker.number));
  const notes = [...split.notes].filter(([number]) => seen.has(number)).map(([number, noteText]) => ({ number, text: noteText }));
  const notesWithoutMarker = [...split.notes.keys()].filter((number) => !seen.has(number));
  return { document: { ...parsed, footnoteMarkers, notes }, notesWithoutMarker };
}

// Finds the last Notes heading after which every non-blank line is a note or continues the one before it.
function splitNotesSection(text: string): { body: string; notes: Map<number, string> } {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i > 0; i--) {
    if (!NOTES_HEADING.test((lines[i] ?? '').trim()) || NON_SPACE.test(lines[i - 1] ?? '')) continue;
    const notes = readNoteLines(lines.slice(i + 1));
    if (!notes) return { body: text, notes: new Map() };
    return { body: lines.slice(0, i).join('\n'), notes };
  }
  return { body: text, notes: new Map() };
}

function readNoteLines(lines: string[]): Map<number, string> | null {
  const notes = new Map<number, string>();
  let current: number | null = null;
  for (const line of lines) {
    if (!NON_SPACE.test(line)) continue;
    const match = NOTE_LINE.exec(line);
    if (match) {
      current = Number(match[1] ?? match[2]);
      const noteText = (match[3] ?? '').trim();
      // The first note of a number wins; a repeated number continues nothing.
      if (!notes.has(current)) notes.set(current, noteText);
      else current = null;
      continue;
    }
    if (current === null) return null;
    notes.set(current, `${notes.get(current) ?? ''} ${line.trim()}`);
  }
  return notes.size > 0 ? notes : null;
}
