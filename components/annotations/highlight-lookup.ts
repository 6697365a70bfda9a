import { createContext } from 'react';
import { HighlightIndex, type HighlightRange } from '@/lib/domain/highlight-ranges';

// A highlight mark carries only where its run of text starts (data-start), not the ids of the annotations over it:
// with thousands of overlapping annotations those lists made most of the page. The reader's one table of ranges
// answers both questions instead: which annotations are over this mark, and which marks show this annotation.
let current: { ranges: readonly HighlightRange[]; index: HighlightIndex; byId: Map<string, HighlightRange> } = {
  ranges: [],
  index: new HighlightIndex([]),
  byId: new Map(),
};

/** The index the reader's text draws its highlights from; provided by the annotation layer. */
export const HighlightIndexContext = createContext<HighlightIndex | null>(null);

/** Returns the index of `ranges` and makes it the one the lookups below answer from; built once per table. */
export function highlightIndexFor(ranges: readonly HighlightRange[]): HighlightIndex {
  if (ranges !== current.ranges) current = { ranges, index: new HighlightIndex(ranges), byId: new Map(ranges.map((range) => [range[0], range])) };
  return current.index;
}

/** Returns the ids of the annotations whose highlight covers `mark`, the outermost first. */
export function annotationIdsOfMark(mark: Element): string[] {
  const start = Number(mark.getAttribute('data-start'));
  if (!Number.isFinite(start)) return [];
  return current.index.idsAt(start);
}

/** Returns the highlight marks that show annotation `id`, in text order. */
export function marksOfAnnotation(id: string, root: ParentNode = document): HTMLElement[] {
  const range = current.byId.get(id);
  if (!range) return [];
  const [, start, end] = range;
  return [...root.querySelectorAll<HTMLElement>('mark.highlight[data-start]')].filter((mark) => {
    const at = Number(mark.getAttribute('data-start'));
    return at >= start && at < end;
  });
}

/** Moves focus to a highlight mark; marks are made focusable only when needed, not each in the page's markup. */
export function focusMark(mark: HTMLElement, options?: FocusOptions): void {
  mark.tabIndex = -1;
  mark.focus(options);
}
