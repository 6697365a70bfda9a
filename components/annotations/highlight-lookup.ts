import { createContext } from 'react';
import type { HighlightIndex, HighlightRange } from '@/lib/domain/highlight-ranges';

// A highlight mark carries only where its run of text starts (data-start), not the ids of the annotations over it:
// with thousands of overlapping annotations those lists made most of the page. The reader's one table of ranges
// answers both questions instead: which annotations are over this mark, and which marks show this annotation.
let current: { index: HighlightIndex | null; byId: Map<string, HighlightRange> } = { index: null, byId: new Map() };

/** The index the reader's text draws its highlights from; provided by the annotation layer once the table has come. */
export const HighlightIndexContext = createContext<HighlightIndex | null>(null);

/**
 * Fetches the highlight table at `url` and indexes it; null if it cannot be had. The indexing code comes with it:
 * the page draws no highlight before the table is there, so it need not be part of the page's first scripts.
 */
export async function fetchHighlightIndex(url: string): Promise<{ index: HighlightIndex; ranges: HighlightRange[] } | null> {
  const [response, { HighlightIndex }] = await Promise.all([fetch(url).catch(() => null), import('@/lib/domain/highlight-ranges')]);
  const ranges = response?.ok ? ((await response.json().catch(() => null)) as HighlightRange[] | null) : null;
  return ranges ? { index: new HighlightIndex(ranges), ranges } : null;
}

/** Makes `table` the one the lookups below answer from: the one the text is drawn from. */
export function showHighlightTable(table: { index: HighlightIndex; ranges: HighlightRange[] }): void {
  current = { index: table.index, byId: new Map(table.ranges.map((range) => [range[0], range])) };
}

/** Returns the ids of the annotations whose highlight covers `mark`, the outermost first. */
export function annotationIdsOfMark(mark: Element): string[] {
  const start = Number(mark.getAttribute('data-start'));
  if (!Number.isFinite(start)) return [];
  return current.index?.idsAt(start) ?? [];
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
