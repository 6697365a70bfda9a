// Turns the positioned text runs of PDF pages into lines in reading order. Pure: works on plain numbers, so the
// tests can feed it layouts directly and the pdf.js call stays in its adapter.

/** One run of text as a PDF page draws it: `x`, `y` are the start of its baseline in points from the page's bottom left. */
export type PdfTextItem = { text: string; x: number; y: number; width: number; fontSize: number; isBold: boolean };

/** The text runs of one page (numbered from 1) and its size in points. */
export type PdfPageText = { number: number; width: number; height: number; items: PdfTextItem[] };

/** A piece of a line: text, or a raised small label such as a footnote marker. */
export type LineToken = { kind: 'text'; text: string } | { kind: 'mark'; label: string };

/** One line of a column: its tokens, box, dominant font, page and the column it sits in. */
export type PdfLine = {
  tokens: LineToken[];
  text: string;
  page: number;
  x0: number;
  x1: number;
  y: number;
  fontSize: number;
  isBold: boolean;
  column: 'left' | 'right' | 'full';
  columnLeft: number;
  columnRight: number;
};

// A raised label is at most this share of its line's font size and sits at least this share above the baseline.
const SUPERSCRIPT_SIZE_RATIO = 0.85;
const SUPERSCRIPT_RAISE_RATIO = 0.12;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu;
const MARK_LABEL = /^\s*(\d{1,3}|[*†‡§¶]{1,3})\s*$/u;

/** Returns each page's lines in reading order: full-width lines where they fall, two-column text left column first. */
export function linesInReadingOrder(page: PdfPageText): PdfLine[] {
  // A glyph with no Unicode mapping comes out of pdf.js as U+0000, which PostgreSQL text cannot hold; control
  // characters carry nothing a reader sees.
  const items = page.items.map((item) => ({ ...item, text: item.text.replace(CONTROL_CHARACTERS, '') }));
  const fragments = splitIntoFragments(groupBaselines(items.filter((item) => item.text.trim() !== '' && item.fontSize > 0)), page.number);
  return orderColumns(fragments, page.width);
}

type Fragment = Omit<PdfLine, 'column' | 'columnLeft' | 'columnRight'>;

function groupBaselines(items: PdfTextItem[]): PdfTextItem[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Array<{ y: number; size: number; items: PdfTextItem[] }> = [];
  for (const item of sorted) {
    // A superscript sits a third of an em above its line; lines sit more than an em apart.
    const row = rows.find((candidate) => Math.abs(candidate.y - item.y) <= 0.5 * Math.max(candidate.size, item.fontSize) && candidate.y - item.y >= -0.5 * Math.max(candidate.size, item.fontSize));
    if (row) {
      row.items.push(item);
      // The row's baseline is that of its largest text, so a raised label seen first does not shift it.
      if (item.fontSize > row.size) {
        row.size = item.fontSize;
        row.y = item.y;
      }
    } else rows.push({ y: item.y, size: item.fontSize, items: [item] });
  }
  return rows.map((row) => row.items.sort((a, b) => a.x - b.x));
}

function splitIntoFragments(rows: PdfTextItem[][], pageNumber: number): Fragment[] {
  const fragments: Fragment[] = [];
  for (const row of rows) {
    let current: PdfTextItem[] = [];
    let end = -Infinity;
    for (const item of row) {
      // A gap wider than about an em and a half is a column gutter, not a word space.
      if (current.length > 0 && item.x - end > 1.5 * item.fontSize) {
        fragments.push(fragmentOf(current, pageNumber));
        current = [];
      }
      current.push(item);
      end = Math.max(end, item.x + item.width);
    }
    if (current.length > 0) fragments.push(fragmentOf(current, pageNumber));
  }
  return fragments.sort((a, b) => b.y - a.y || a.x0 - b.x0);
}

function fragmentOf(items: PdfTextItem[], page: number): Fragment {
  const main = items.reduce((best, item) => (item.fontSize > best.fontSize || (item.fontSize === best.fontSize && item.text.length > best.text.length) ? item : best));
  const baseline = main.y;
  const size = main.fontSize;
  const tokens: LineToken[] = [];
  let text = '';
  let previousEnd: number | null = null;
  let isBold = true;
  for (const item of items) {
    const isRaisedLabel = item.fontSize <= SUPERSCRIPT_SIZE_RATIO * size && item.y - baseline >= SUPERSCRIPT_RAISE_RATIO * size && MARK_LABEL.test(item.text);
    const gap = previousEnd === null ? 0 : item.x - previousEnd;
    const needsSpace = previousEnd !== null && gap > 0.15 * item.fontSize && !/\s$/u.test(text) && !/^\s/u.test(item.text);
    if (isRaisedLabel) {
      const label = item.text.trim();
      // A raised number right after a digit is an exponent (10²), not a note.
      if (/\d$/u.test(text) && /^\d/u.test(label) && !needsSpace) pushText(tokens, item.text);
      else tokens.push({ kind: 'mark', label });
    } else {
      if (needsSpace) pushText(tokens, ' ');
      pushText(tokens, item.text);
      text += (needsSpace ? ' ' : '') + item.text;
      if (item.fontSize >= SUPERSCRIPT_SIZE_RATIO * size && /\p{L}/u.test(item.text)) isBold &&= item.isBold;
    }
    previousEnd = item.x + item.width;
  }
  return {
    tokens,
    text: text.replace(/\s+/gu, ' ').trim(),
    page,
    x0: items[0]?.x ?? 0,
    x1: Math.max(...items.map((item) => item.x + item.width)),
    y: baseline,
    fontSize: size,
    isBold: isBold && /\p{L}/u.test(text),
  };
}

function pushText(tokens: LineToken[], text: string): void {
  const last = tokens[tokens.length - 1];
  if (last?.kind === 'text') last.text += text;
  else tokens.push({ kind: 'text', text });
}

function orderColumns(fragments: Fragment[], pageWidth: number): PdfLine[] {
  const middle = pageWidth / 2;
  const rawSide = (fragment: Fragment): PdfLine['column'] => (fragment.x1 <= middle + 2 ? 'left' : fragment.x0 >= middle - 2 ? 'right' : 'full');
  const tail = footBlock(fragments, rawSide);
  const side = (fragment: Fragment): PdfLine['column'] => (tail.has(fragment) ? 'full' : rawSide(fragment));
  const lefts = fragments.filter((fragment) => side(fragment) === 'left');
  const rights = fragments.filter((fragment) => side(fragment) === 'right');
  // Two columns need several lines on each side; a lone right-aligned header does not make a column.
  const isTwoColumn = lefts.length >= 3 && rights.length >= 3;
  const bounds = (column: Fragment[]): { left: number; right: number } => ({
    left: Math.min(...column.map((fragment) => fragment.x0)),
    right: Math.max(...column.map((fragment) => fragment.x1)),
  });
  if (!isTwoColumn) {
    const box = bounds(fragments);
    return fragments.map((fragment) => ({ ...fragment, column: 'full', columnLeft: box.left, columnRight: box.right }));
  }
  const leftBox = bounds(lefts);
  const rightBox = bounds(rights);
  const fulls = fragments.filter((fragment) => side(fragment) === 'full');
  const fullBox = fulls.length > 0 ? bounds(fulls) : { left: leftBox.left, right: rightBox.right };
  const ordered: PdfLine[] = [];
  let pendingLeft: PdfLine[] = [];
  let pendingRight: PdfLine[] = [];
  const flush = (): void => {
    ordered.push(...pendingLeft, ...pendingRight);
    pendingLeft = [];
    pendingRight = [];
  };
  for (const fragment of fragments) {
    const column = side(fragment);
    if (column === 'left') pendingLeft.push({ ...fragment, column, columnLeft: leftBox.left, columnRight: leftBox.right });
    else if (column === 'right') pendingRight.push({ ...fragment, column, columnLeft: rightBox.left, columnRight: rightBox.right });
    else {
      // A full-width line ends the columns above it: they are read before it.
      flush();
      ordered.push({ ...fragment, column, columnLeft: fullBox.left, columnRight: fullBox.right });
    }
  }
  flush();
  return ordered;
}

// Short lines at the page's foot, below the right column and set well apart from the left column's text, are a
// full-width block (notes, a footer) even though none of them reaches past the middle.
function footBlock(fragments: Fragment[], side: (fragment: Fragment) => PdfLine['column']): Set<Fragment> {
  const rights = fragments.filter((fragment) => side(fragment) === 'right');
  if (rights.length === 0) return new Set();
  const lowestRight = Math.min(...rights.map((fragment) => fragment.y));
  const others = fragments.filter((fragment) => side(fragment) !== 'right');
  for (let index = 1; index < others.length; index++) {
    const previous = others[index - 1] as Fragment;
    const fragment = others[index] as Fragment;
    if (fragment.y < lowestRight - fragment.fontSize && Math.min(previous.y, lowestRight) - fragment.y > 3 * fragment.fontSize) return new Set(others.slice(index));
  }
  return new Set();
}

/** Drops running heads and feet (the same line, numbers aside, at the top or foot of several pages) and bare page numbers. */
export function dropRunningLines(pages: PdfLine[][]): PdfLine[][] {
  const edgeKeys = new Map<string, Set<number>>();
  const edges = pages.map((lines) => edgeLines(lines));
  edges.forEach((edge, index) => {
    for (const line of edge) {
      const key = runningKey(line);
      if (!edgeKeys.has(key)) edgeKeys.set(key, new Set());
      edgeKeys.get(key)?.add(index);
    }
  });
  return pages.map((lines, index) => {
    const edge = new Set(edges[index]);
    return lines.filter((line) => {
      if (!edge.has(line)) return true;
      if (PAGE_NUMBER.test(line.text)) return false;
      return (edgeKeys.get(runningKey(line))?.size ?? 0) < 2;
    });
  });
}

const PAGE_NUMBER = /^[-–—\s]*(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:of|\/)\s*\d{1,4})?[-–—\s]*$/iu;

// The two topmost and two lowest lines of a page, where running heads, feet and page numbers sit.
function edgeLines(lines: PdfLine[]): PdfLine[] {
  const byHeight = [...lines].sort((a, b) => b.y - a.y);
  return [...new Set([...byHeight.slice(0, 2), ...byHeight.slice(-2)])];
}

// Running lines sit at the same height on every page; keying on it keeps two pages' similar last footnotes.
function runningKey(line: PdfLine): string {
  return `${Math.round(line.y / 4)}|${line.text.toLowerCase().replace(/\d+/gu, '#').replace(/\s+/gu, ' ').trim()}`;
}
