import { highlightsCovering, type HighlightRange } from '@/lib/domain/highlight-ranges';

// A highlight mark carries only where its run of text starts (data-start), not the ids of the annotations over it:
// with thousands of overlapping annotations those lists made most of the page. The reader's one table of ranges
// answers both questions instead: which annotations are over this mark, and which marks show this annotation.
let ranges: readonly HighlightRange[] = [];
let byId = new Map<string, HighlightRange>();
let coveringByStart = new Map<number, string[]>();

/** Makes `next` the table the lookups below answer from; the annotation layer calls it with each render's ranges. */
export function setHighlightRanges(next: readonly HighlightRange[]): void {
  if (next === ranges) return;
  ranges = next;
  byId = new Map(next.map((range) => [range[0], range]));
  coveringByStart = new Map();
}

/** Returns the ids of the annotations whose highlight covers `mark`, the outermost first. */
export function annotationIdsOfMark(mark: Element): string[] {
  const start = Number(mark.getAttribute('data-start'));
  if (!Number.isFinite(start)) return [];
  let ids = coveringByStart.get(start);
  if (!ids) {
    ids = highlightsCovering(ranges, start);
    coveringByStart.set(start, ids);
  }
  return ids;
}

/** Returns the highlight marks that show annotation `id`, in text order. */
export function marksOfAnnotation(id: string, root: ParentNode = document): HTMLElement[] {
  const range = byId.get(id);
  if (!range) return [];
  const [, start, end] = range;
  return [...root.querySelectorAll<HTMLElement>('mark.highlight[data-start]')].filter((mark) => {
    const at = Number(mark.getAttribute('data-start'));
    return at >= start && at < end;
  });
}
