/** Where a thread's highlight sits, as the reader's script draws and looks it up: [annotation id, start, end, colour], offsets in code points. */
export type HighlightRange = [id: string, start: number, end: number, colour: string];

/** A stretch of text between two highlight boundaries: how many highlights are over it and the outermost one's colour. */
export type HighlightPiece = { start: number; end: number; count: number; colour: string | null };

/**
 * Cuts text at the points where highlights begin or end and tells which highlights cover each piece. One sweep over
 * the sorted boundaries at construction: the text between two neighbouring boundaries is covered by the same
 * highlights throughout, so a piece looks its cover up instead of testing every highlight again.
 */
export class HighlightIndex {
  private readonly ranges: readonly HighlightRange[];
  private readonly boundaries: number[];
  // Per boundary: the highlights over the text from it to the next boundary, as indexes into `ranges`, and the
  // outermost one. Only what drawing needs is kept sorted; the full order is worked out when a piece is asked for.
  private readonly active: number[][];
  private readonly outermost: number[];

  constructor(ranges: readonly HighlightRange[]) {
    this.ranges = ranges;
    const kept = ranges.flatMap(([, start, end], index) => (end > start ? [index] : []));
    this.boundaries = [...new Set(kept.flatMap((index) => [ranges[index]![1], ranges[index]![2]]))].sort((a, b) => a - b);
    const startsAt = new Map<number, number[]>();
    for (const index of kept) {
      const start = ranges[index]![1];
      const list = startsAt.get(start);
      if (list) list.push(index);
      else startsAt.set(start, [index]);
    }
    const lengthOf = (index: number) => ranges[index]![2] - ranges[index]![1];
    let current: number[] = [];
    this.active = [];
    this.outermost = [];
    for (const boundary of this.boundaries) {
      current = current.filter((index) => ranges[index]![2] > boundary);
      for (const index of startsAt.get(boundary) ?? []) current.push(index);
      let widest = -1;
      for (const index of current) if (widest === -1 || lengthOf(index) > lengthOf(widest)) widest = index;
      this.active.push(current);
      this.outermost.push(widest);
    }
  }

  // The index of the last boundary at or before `offset`, or -1.
  private lastBoundaryAtOrBefore(offset: number): number {
    let low = 0;
    let high = this.boundaries.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.boundaries[middle] ?? 0) <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /** Returns [start, end) cut at highlight boundaries, each piece with how many highlights cover it and the outermost colour. */
  pieces(start: number, end: number): HighlightPiece[] {
    const pieces: HighlightPiece[] = [];
    let from = start;
    while (from < end) {
      const at = this.lastBoundaryAtOrBefore(from);
      const to = Math.min(this.boundaries[at + 1] ?? end, end);
      const widest = at === -1 ? -1 : (this.outermost[at] ?? -1);
      pieces.push({ start: from, end: to, count: at === -1 ? 0 : (this.active[at]?.length ?? 0), colour: widest === -1 ? null : (this.ranges[widest]?.[3] ?? null) });
      from = to;
    }
    return pieces;
  }

  /** Returns the ids of the highlights over the text at `offset`, longest first (the one giving the colour first). */
  idsAt(offset: number): string[] {
    const at = this.lastBoundaryAtOrBefore(offset);
    if (at === -1) return [];
    const widest = this.outermost[at] ?? -1;
    return [...(this.active[at] ?? [])]
      .sort((a, b) => this.lengthOf(b) - this.lengthOf(a) || (a === widest ? -1 : b === widest ? 1 : 0))
      .map((index) => this.ranges[index]?.[0] ?? '');
  }

  private lengthOf(index: number): number {
    const range = this.ranges[index];
    return range ? range[2] - range[1] : 0;
  }
}
