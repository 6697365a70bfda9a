import search from 'approx-string-match';

/** An approximate match: UTF-16 start and end (exclusive) in the searched text, and its edit count. */
export type ApproximateMatch = { start: number; end: number; errors: number };

// q-grams of three UTF-16 units, as one number (48 bits).
const Q = 3;
const gramAt = (text: string, at: number): number => text.charCodeAt(at) * 4294967296 + text.charCodeAt(at + 1) * 65536 + text.charCodeAt(at + 2);

/**
 * Where every 3-unit piece (q-gram) of a text occurs, built on first use. One index serves every search of one
 * text, so re-anchoring thousands of annotations on a new version indexes it once.
 */
export class GramIndex {
  private positions: Map<number, number[]> | null = null;

  constructor(readonly text: string) {}

  /** Positions (ascending, UTF-16) where `gram` starts. */
  occurrences(gram: number): readonly number[] {
    if (!this.positions) {
      const positions = new Map<number, number[]>();
      for (let at = 0; at + Q <= this.text.length; at++) {
        const key = gramAt(this.text, at);
        const list = positions.get(key);
        if (list) list.push(at);
        else positions.set(key, [at]);
      }
      this.positions = positions;
    }
    return this.positions.get(gram) ?? [];
  }
}

/**
 * The matches `search(text, pattern, maxErrors)` finds in the whole text (only those with the fewest errors), found
 * by scanning only the stretches that could hold one. A match with k errors keeps at least m + 1 − q(k + 1) of the
 * pattern's q-grams, each within k of its diagonal (text position − pattern position): Jokinen and Ukkonen's q-gram
 * lemma. Stretches whose diagonals gather fewer cannot hold a match and are skipped. Lossless; it scans everything
 * when the lemma says little (errors above about a fifth of the pattern). Pure.
 */
export function searchWholeText(grams: GramIndex, pattern: string, maxErrors: number): ApproximateMatch[] {
  const { text } = grams;
  const m = pattern.length;
  const k = Math.min(maxErrors, m);
  const threshold = m + 1 - Q * (k + 1);
  // Near a quarter of the pattern in errors the bound keeps most of an English text, and counting costs more than it saves.
  if (threshold < m / 3 || text.length < 4 * (m + k)) return search(text, pattern, maxErrors);
  // Diagonals run from −m to text.length; they are counted in bins of k + 1.
  const width = k + 1;
  const bins = Math.ceil((text.length + m + 1) / width) + 3;
  const counts = new Int32Array(bins);
  const lastOffset = new Int32Array(bins).fill(-1);
  for (let offset = 0; offset + Q <= m; offset++) {
    for (const at of grams.occurrences(gramAt(pattern, offset))) {
      const bin = Math.floor((at - offset + m) / width);
      // One pattern position counts once per bin, however often its q-gram recurs there.
      if (lastOffset[bin] !== offset) {
        lastOffset[bin] = offset;
        counts[bin] = (counts[bin] as number) + 1;
      }
    }
  }
  // A match starting at s keeps its q-grams on diagonals s − k .. s + k, which fall in at most three neighbouring
  // bins; it starts at most k before the first of them and ends at most m + k after its start.
  const regions: Array<{ from: number; to: number }> = [];
  for (let bin = 0; bin + 2 < bins; bin++) {
    if ((counts[bin] as number) + (counts[bin + 1] as number) + (counts[bin + 2] as number) < threshold) continue;
    const from = Math.max(0, bin * width - m - k);
    const to = Math.min(text.length, (bin + 3) * width + 2 * k);
    const last = regions[regions.length - 1];
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else regions.push({ from, to });
  }
  const found: ApproximateMatch[] = [];
  for (const region of regions) {
    // Whole code points, so no match starts or ends inside a surrogate pair where the full scan's would not.
    const from = region.from > 0 && isLowSurrogate(text.charCodeAt(region.from)) ? region.from - 1 : region.from;
    const to = region.to < text.length && isLowSurrogate(text.charCodeAt(region.to)) ? region.to + 1 : region.to;
    for (const match of search(text.slice(from, to), pattern, maxErrors)) found.push({ start: match.start + from, end: match.end + from, errors: match.errors });
  }
  // A stretch may report an end with more errors than the whole text gives it (its best start lies outside); only
  // the fewest-error matches of all stretches are the whole text's.
  const fewest = Math.min(...found.map((match) => match.errors));
  return found.filter((match) => match.errors === fewest);
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
