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
const NOTE_LABEL_SIZE_RATIO = 0.95;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu;
const MARK_LABEL = /^\s*(\d{1,3}|[*†‡§¶]{1,3})\s*$/u;
// Wider pages (in points; A0 is 2384) are read as one column.
const MAX_COLUMNED_PAGE_WIDTH = 5000;
// Runs whose baselines differ by at most this share of an em belong to one row (a raised label with its line).
const ROW_TOLERANCE = 0.6;

/** Returns each page's lines in reading order: full-width lines where they fall, two-column text left column first. */
export function linesInReadingOrder(page: PdfPageText): PdfLine[] {
  // A glyph with no Unicode mapping comes out of pdf.js as U+0000, which PostgreSQL text cannot hold; control
  // characters carry nothing a reader sees.
  const items = page.items.map((item) => ({ ...item, text: item.text.replace(CONTROL_CHARACTERS, '') }));
  const inked = items.filter((item) => item.text.trim() !== '' && item.fontSize > 0);
  const gutter = findGutter(inked, page.width);
  const fragments = splitIntoFragments(groupBaselines(inked, gutter), page.number, gutter);
  return orderColumns(fragments, gutter);
}

type Fragment = Omit<PdfLine, 'column' | 'columnLeft' | 'columnRight'>;
type Side = 'left' | 'right' | 'span';

function sideOf(item: PdfTextItem, gutter: Gutter | null): Side {
  if (!gutter) return 'span';
  return item.x + item.width <= gutter.left + 1 ? 'left' : item.x >= gutter.right - 1 ? 'right' : 'span';
}

// Rows of runs sharing a baseline. On a two-column page the columns' baselines need not line up, so a run joins
// only a row of its own column or one that crosses the gutter.
function groupBaselines(items: PdfTextItem[], gutter: Gutter | null): PdfTextItem[][] {
  const withSides = items.map((item) => ({ item, side: sideOf(item, gutter) }));
  // Rows crossing the gutter are formed first, so a column's runs on their baseline join them.
  const sorted = withSides.sort((a, b) => Number(a.side !== 'span') - Number(b.side !== 'span') || b.item.y - a.item.y || a.item.x - b.item.x);
  const rows: Array<{ y: number; size: number; side: Side; items: PdfTextItem[] }> = [];
  for (const { item, side } of sorted) {
    // A superscript sits a third to a half of an em above its line; lines sit more than an em apart.
    const row = rows.find((candidate) => (candidate.side === side || candidate.side === 'span') && Math.abs(candidate.y - item.y) <= ROW_TOLERANCE * Math.max(candidate.size, item.fontSize));
    if (row) {
      row.items.push(item);
      // The row's baseline is that of its largest text, so a raised label seen first does not shift it.
      if (item.fontSize > row.size) {
        row.size = item.fontSize;
        row.y = item.y;
      }
    } else rows.push({ y: item.y, size: item.fontSize, side, items: [item] });
  }
  return rows.map((row) => row.items.sort((a, b) => a.x - b.x));
}

type Gutter = { left: number; right: number };

// The gutter of a two-column page: the widest strip of the page's middle that (nearly) no row's text crosses,
// with text on both sides of it in several rows. Set tight, it can be narrower than a gap between words is wide.
function findGutter(items: PdfTextItem[], pageWidth: number): Gutter | null {
  // Columns are looked for point by point, on pages of a sane size only (a hostile file may claim any size).
  if (!(pageWidth > 0 && pageWidth <= MAX_COLUMNED_PAGE_WIDTH)) return null;
  // Rough rows: runs on the same whole point of height.
  const byBaseline = new Map<number, PdfTextItem[]>();
  for (const item of items) byBaseline.set(Math.round(item.y), [...(byBaseline.get(Math.round(item.y)) ?? []), item]);
  const rows = [...byBaseline.values()];
  const from = Math.floor(0.3 * pageWidth);
  const crossings = new Array<number>(Math.ceil(0.4 * pageWidth)).fill(0);
  for (const row of rows) {
    const covered = new Set<number>();
    for (const item of row) {
      for (let x = Math.max(from, Math.floor(item.x)); x < Math.min(from + crossings.length, Math.ceil(item.x + item.width)); x++) covered.add(x - from);
    }
    for (const x of covered) crossings[x] = (crossings[x] ?? 0) + 1;
  }
  const fewest = Math.min(...crossings);
  // The strip fewest rows cross (full-width lines such as a title, an abstract or notes may cross it).
  if (fewest > 0.3 * rows.length) return null;
  const allowed = fewest + Math.max(1, Math.floor(0.02 * rows.length));
  let best: Gutter | null = null;
  for (let start = 0; start < crossings.length; ) {
    if ((crossings[start] ?? 0) > allowed) {
      start++;
      continue;
    }
    let end = start;
    while (end < crossings.length && (crossings[end] ?? 0) <= allowed) end++;
    if (!best || end - start > best.right - best.left) best = { left: from + start, right: from + end };
    start = end;
  }
  if (!best || best.right - best.left < 6) return null;
  const gutter = best;
  // Columns: several rows with text on each side, the right column's lines starting at the gutter (not a display
  // formula or an equation number set further right).
  const leftRows = rows.filter((row) => row.some((item) => item.x + item.width <= gutter.left + 1));
  const rightRows = rows.filter((row) => row.some((item) => item.x >= gutter.right - 1 && item.x <= gutter.right + 0.05 * pageWidth));
  return leftRows.length >= 3 && rightRows.length >= 3 ? gutter : null;
}

function splitIntoFragments(rows: PdfTextItem[][], pageNumber: number, gutter: Gutter | null): Fragment[] {
  const fragments: Fragment[] = [];
  for (const row of rows) {
    let current: PdfTextItem[] = [];
    let end = -Infinity;
    for (const item of row) {
      // A gap wider than about an em and a half, or one across the page's gutter, parts columns, not words.
      const crossesGutter = gutter !== null && end <= gutter.left + 1 && item.x >= gutter.right - 1;
      if (current.length > 0 && (item.x - end > 1.5 * item.fontSize || crossesGutter)) {
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
  let previousWasRaised = false;
  for (const item of items) {
    const isRaised = item.y - baseline >= SUPERSCRIPT_RAISE_RATIO * size;
    // A note's own label opening its line may be set barely smaller than the note.
    const sizeRatio = item === items[0] ? NOTE_LABEL_SIZE_RATIO : SUPERSCRIPT_SIZE_RATIO;
    const isRaisedLabel = item.fontSize <= sizeRatio * size && isRaised && MARK_LABEL.test(item.text);
    const gap = previousEnd === null ? 0 : item.x - previousEnd;
    const needsSpace = previousEnd !== null && gap > 0.15 * item.fontSize && !/\s$/u.test(text) && !/^\s/u.test(item.text);
    if (isRaisedLabel) {
      const label = item.text.trim();
      // A raised number right after a digit (10²), a one-letter name (x²) or other raised text (k+1, −1) is an
      // exponent, not a note.
      const isExponent = !needsSpace && ((/\d$/u.test(text) && /^\d/u.test(label)) || /(?:^|[\s(])\p{Lm}?\p{L}[\p{M}\p{Lm}\p{Sk}]*$/u.test(text) || previousWasRaised);
      if (isExponent) {
        pushText(tokens, item.text);
        text += item.text;
      } else tokens.push({ kind: 'mark', label });
    } else {
      if (needsSpace) pushText(tokens, ' ');
      pushText(tokens, item.text);
      text += (needsSpace ? ' ' : '') + item.text;
      if (item.fontSize >= SUPERSCRIPT_SIZE_RATIO * size && /\p{L}/u.test(item.text)) isBold &&= item.isBold;
    }
    previousEnd = item.x + item.width;
    previousWasRaised = !isRaisedLabel && isRaised && item.fontSize <= SUPERSCRIPT_SIZE_RATIO * size && item.text.trim() !== '';
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

function orderColumns(fragments: Fragment[], gutter: Gutter | null): PdfLine[] {
  const middle = gutter ? (gutter.left + gutter.right) / 2 : Infinity;
  const rawSide = (fragment: Fragment): PdfLine['column'] => (fragment.x1 <= middle + 2 ? 'left' : fragment.x0 >= middle - 2 ? 'right' : 'full');
  const tail = footBlock(fragments, rawSide);
  const side = (fragment: Fragment): PdfLine['column'] => (tail.has(fragment) ? 'full' : rawSide(fragment));
  const lefts = fragments.filter((fragment) => side(fragment) === 'left');
  const rights = fragments.filter((fragment) => side(fragment) === 'right');
  // Two columns need a gutter with lines on both sides of it (findGutter); a lone right-aligned header is no column.
  const isTwoColumn = gutter !== null && lefts.length > 0 && rights.length > 0;
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
