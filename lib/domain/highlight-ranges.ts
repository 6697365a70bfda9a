/** Where a thread's highlight sits, as the reader's script looks it up: [annotation id, start, end] in code points. */
export type HighlightRange = [id: string, start: number, end: number];

/** Returns the ids of the highlights over the text at `offset`, longest first (the outermost one first). */
export function highlightsCovering(ranges: readonly HighlightRange[], offset: number): string[] {
  return ranges
    .filter(([, start, end]) => start <= offset && offset < end)
    .sort((a, b) => b[2] - b[1] - (a[2] - a[1]))
    .map(([id]) => id);
}
