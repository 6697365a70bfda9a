// Which lines of a PDF are its headings, from their font size and weight and from what stands around them.
import type { PdfLine } from './pdf-layout';

// Headings are set larger than the body, or bold on a line of their own.
const HEADING_SIZE_RATIO = 1.08;
const HEADING_MAX_LENGTH = 160;
// Headings that may stand right under the title; any other line set as a heading there is the byline.
const FRONT_HEADING = /^(?:abstract|summary|executive summary|introduction|contents|foreword|preface|key (?:points|findings))[.:]?$/iu;
// A heading has its text within this many ems below it (a figure's label stands alone).
const HEADING_FOLLOW_EMS = 3;

/** The end of a line that closes a sentence (or a clause, with a colon or semicolon), with any closing quote or bracket. */
export const SENTENCE_END = /[.?!:;]["'”’»)\]]*$/u;

/** Whether a line is set as a heading: larger than the body, or bold, with a word, not ending on a comma. */
export function isHeadingLine(line: PdfLine, bodySize: number): boolean {
  // A heading has a word; a lone letter or symbol is a piece of a formula.
  if (line.text.length > HEADING_MAX_LENGTH || !/\p{L}{2}/u.test(line.text)) return false;
  if (line.fontSize >= HEADING_SIZE_RATIO * bodySize) return true;
  return line.isBold && !/[,;]$/u.test(line.text) && !/^\p{Ll}/u.test(line.text);
}

// Whether a line and the next one of the same column sit one line apart, set alike.
function isNextLineOf(previous: PdfLine, line: PdfLine): boolean {
  return (
    previous.page === line.page &&
    previous.column === line.column &&
    previous.y > line.y &&
    previous.y - line.y < 2 * Math.max(previous.fontSize, line.fontSize) &&
    Math.abs(previous.fontSize - line.fontSize) < 0.5
  );
}

/**
 * The lines that are headings: those set as one (larger, or bold on a line of their own) that also stand as one.
 * A run of such lines is not a heading when it is emphasised prose (three lines or more, or its sentence carries on
 * into the next line), when body text carries on from it on the same baseline (a run-in lead), when it is the
 * byline right under the title, or when no text follows it closely while it stands clear of its column's foot
 * (a label inside a figure). `lines` start right after the title when the title was found.
 */
export function headingLines(lines: PdfLine[], bodySize: number, isAfterTitle: boolean): Set<PdfLine> {
  const headings = new Set<PdfLine>();
  const columnFoot = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.page}:${line.column}`;
    columnFoot.set(key, Math.min(columnFoot.get(key) ?? Infinity, line.y));
  }
  // Under the title, the lines set as headings right below one another, up to the first other line, are the byline.
  let isInByline = isAfterTitle;
  let bylineEnd: PdfLine | null = null;
  let index = 0;
  while (index < lines.length) {
    const first = lines[index] as PdfLine;
    if (!isHeadingLine(first, bodySize)) {
      isInByline = false;
      index++;
      continue;
    }
    const run = [first];
    while (index + run.length < lines.length) {
      const next = lines[index + run.length] as PdfLine;
      const previous = run[run.length - 1] as PdfLine;
      // A heading set over two lines may carry on in lower case; it keeps its font.
      const carriesOn = isHeadingLine(next, bodySize) || (next.isBold === previous.isBold && next.text.length <= HEADING_MAX_LENGTH);
      if (!carriesOn || !isNextLineOf(previous, next)) break;
      run.push(next);
    }
    const last = run[run.length - 1] as PdfLine;
    const isFrontHeading = FRONT_HEADING.test(run.map((line) => line.text).join(' '));
    const isBelowByline = bylineEnd === null || (first.page === bylineEnd.page && bylineEnd.y - first.y < 2 * Math.max(first.fontSize, bylineEnd.fontSize));
    const isByline = isInByline && isBelowByline && !isFrontHeading;
    isInByline = isByline;
    bylineEnd = last;
    index += run.length;
    const after = lines[index];
    const isEnlarged = first.fontSize >= HEADING_SIZE_RATIO * bodySize;
    const isProse =
      !isEnlarged && (run.length >= 3 || (after !== undefined && isNextLineOf(last, after) && after.x0 < last.x0 + bodySize && !SENTENCE_END.test(last.text) && /^\p{Ll}/u.test(after.text)));
    const isRunIn = after !== undefined && after.page === last.page && Math.abs(after.y - last.y) < 0.3 * last.fontSize && after.x0 > last.x1;
    const em = Math.max(last.fontSize, bodySize);
    const isFollowed = after !== undefined && after.page === last.page && after.y < last.y && last.y - after.y <= HEADING_FOLLOW_EMS * em;
    const isAtFoot = last.y - (columnFoot.get(`${last.page}:${last.column}`) ?? last.y) < HEADING_FOLLOW_EMS * em;
    if (isByline || isProse || isRunIn || !(isFollowed || isAtFoot || after === undefined)) continue;
    for (const line of run) headings.add(line);
  }
  return headings;
}
