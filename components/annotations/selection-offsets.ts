import { codePointLength } from '@/lib/domain/text';

/** A selection in document offsets (code points), or why it cannot be annotated. */
export type SelectionOffsets = { ok: true; start: number; end: number; quote: string; rect: DOMRect } | { ok: false; reason: string };

// Turns a boundary between an element's children into a point in a text node: the first text after it for a
// selection's start, the last text before it for its end.
function toTextPoint(node: Node, offset: number, edge: 'start' | 'end', root: Element): { node: Node; offset: number } {
  if (node.nodeType === Node.TEXT_NODE) return { node, offset };
  const child = edge === 'start' ? node.childNodes[offset] : node.childNodes[offset - 1];
  if (!child) {
    // The boundary sits at the very start (end edge) or end (start edge) of an element, as a triple-click
    // selection ending at the next paragraph does: step to the nearest text on the selection's side.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    walker.currentNode = node;
    const text = edge === 'end' ? walker.previousNode() : walker.nextNode();
    return text ? { node: text, offset: edge === 'end' ? (text.textContent?.length ?? 0) : 0 } : { node, offset };
  }
  const walker = document.createTreeWalker(child, NodeFilter.SHOW_TEXT);
  let text: Node | null = walker.nextNode();
  if (edge === 'end') for (let next = text; next; next = walker.nextNode()) text = next;
  if (!text) return { node: child, offset: 0 };
  return { node: text, offset: edge === 'start' ? 0 : (text.textContent?.length ?? 0) };
}

// The document offset of a DOM point: found from the nearest text run (data-start) or footnote marker (data-start, data-end).
function offsetAt(rawNode: Node, rawOffset: number, root: Element, edge: 'start' | 'end'): number | null {
  const { node, offset } = toTextPoint(rawNode, rawOffset, edge, root);
  let element = node instanceof Element ? node : node.parentElement;
  while (element && element !== root && !element.hasAttribute('data-start')) element = element.parentElement;
  if (!element || element === root) return null;
  const start = Number(element.getAttribute('data-start'));
  const end = element.getAttribute('data-end');
  // A marker or a whole paragraph counts as a unit: a selection edge inside it takes its whole extent.
  if (end !== null) return edge === 'start' ? start : Number(end);
  if (node.nodeType !== Node.TEXT_NODE) return start;
  return start + codePointLength((node as Text).data.slice(0, offset));
}

/** Maps the browser's current selection inside `root` (the document text) to code-point offsets of the document. */
export function readSelection(root: Element): SelectionOffsets | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const startsInside = root.contains(range.startContainer);
  const endsInside = root.contains(range.endContainer);
  if (!startsInside && !endsInside) return null;
  if (!startsInside || !endsInside) return { ok: false, reason: 'The selection runs outside the document’s text. Select a passage within it.' };
  const start = offsetAt(range.startContainer, range.startOffset, root, 'start');
  const end = offsetAt(range.endContainer, range.endOffset, root, 'end');
  if (start === null || end === null) return { ok: false, reason: 'Select words of the document’s paragraphs to annotate them.' };
  const quote = range.toString();
  if (end <= start || quote.trim() === '') return { ok: false, reason: 'The selection is empty: select at least one word.' };
  return { ok: true, start, end, quote, rect: range.getBoundingClientRect() };
}
