// Offsets in Marginalia count Unicode code points, as the W3C Web Annotation model requires,
// while JavaScript strings index UTF-16 code units. These helpers convert between the two.
// A lone (unpaired) surrogate counts as one code point, as `for...of` and `Array.from` do.

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** Returns text as it is stored: leading BOM(s) removed, CRLF and lone CR turned into `\n`, Unicode NFC. */
export function normalizeText(raw: string): string {
  // Strip every leading BOM, not just one, so normalising twice changes nothing (concatenated files carry two).
  return raw.replace(/^\uFEFF+/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

/** Returns the number of Unicode code points in `s` (a surrogate pair counts once). */
export function codePointLength(s: string): number {
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    if (isHighSurrogate(s.charCodeAt(i)) && isLowSurrogate(s.charCodeAt(i + 1))) {
      pairs++;
      i++;
    }
  }
  return s.length - pairs;
}

/** Returns code points `[start, end)` of `text`; throws RangeError unless 0 <= start <= end <= length. O(end); use CodePointIndex for many slices. */
export function codePointSlice(text: string, start: number, end: number): string {
  assertRange(start, end);
  let codePoint = 0;
  let unit = 0;
  let startUnit = start === 0 ? 0 : -1;
  while (codePoint < end) {
    if (unit >= text.length) {
      throw new RangeError(`Code-point offset ${end} is past the end of a text of ${codePoint} code points`);
    }
    unit += isHighSurrogate(text.charCodeAt(unit)) && isLowSurrogate(text.charCodeAt(unit + 1)) ? 2 : 1;
    codePoint++;
    if (codePoint === start) startUnit = unit;
  }
  return text.slice(startUnit, unit);
}

/** Converts between UTF-16 indices and code-point offsets of one text; build once per text, then each lookup is O(log n), O(1) without astral characters. */
export class CodePointIndex {
  /** The text this index was built for. */
  readonly text: string;
  /** Number of code points in the text. */
  readonly codePointLength: number;
  // UTF-16 index of the high half of every surrogate pair, ascending.
  private readonly pairStarts: number[];

  constructor(text: string) {
    this.text = text;
    const pairStarts: number[] = [];
    for (let i = 0; i < text.length - 1; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        pairStarts.push(i);
        i++;
      }
    }
    this.pairStarts = pairStarts;
    this.codePointLength = text.length - pairStarts.length;
  }

  /** Returns the code-point offset of UTF-16 index `utf16Index` (0..text.length); throws RangeError if it falls inside a surrogate pair. */
  toCodePoint(utf16Index: number): number {
    if (!Number.isInteger(utf16Index) || utf16Index < 0 || utf16Index > this.text.length) {
      throw new RangeError(`UTF-16 index ${utf16Index} is outside 0..${this.text.length}`);
    }
    const pairsBefore = this.countPairs((pairStart) => pairStart < utf16Index);
    if (pairsBefore > 0 && this.pairStarts[pairsBefore - 1] === utf16Index - 1) {
      throw new RangeError(`UTF-16 index ${utf16Index} splits a surrogate pair`);
    }
    return utf16Index - pairsBefore;
  }

  /** Returns the UTF-16 index of code-point offset `codePointOffset` (0..codePointLength); throws RangeError outside it. */
  toUtf16(codePointOffset: number): number {
    if (!Number.isInteger(codePointOffset) || codePointOffset < 0 || codePointOffset > this.codePointLength) {
      throw new RangeError(`Code-point offset ${codePointOffset} is outside 0..${this.codePointLength}`);
    }
    // Pair k sits at code-point offset pairStarts[k] - k; count the pairs that start before the offset.
    return codePointOffset + this.countPairs((pairStart, k) => pairStart - k < codePointOffset);
  }

  /** Returns code points `[start, end)` of the text; throws RangeError on an invalid range. */
  slice(start: number, end: number): string {
    assertRange(start, end);
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }

  // Number of leading pairs for which `isBefore` holds; `isBefore` must be true for a prefix of pairStarts.
  private countPairs(isBefore: (pairStart: number, k: number) => boolean): number {
    let low = 0;
    let high = this.pairStarts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (isBefore(this.pairStarts[mid] ?? 0, mid)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

function assertRange(start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Invalid code-point range [${start}, ${end})`);
  }
}
