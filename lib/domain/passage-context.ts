import { CodePointIndex } from './text';

/** A passage with the words around it inside its paragraph, cut to a readable length at word edges. */
export type PassageInContext = { before: string; passage: string; after: string };

/** The most code points of context kept on either side of a passage. */
export const CONTEXT_LENGTH = 160;

// Cuts context at a space so no word is shown in part; `…` says that more of the paragraph is left out.
function trimBefore(text: string, max: number): string {
  const points = [...text];
  if (points.length <= max) return text;
  const tail = points.slice(points.length - max).join('');
  const space = tail.indexOf(' ');
  return `…${space >= 0 && space < tail.length - 1 ? tail.slice(space + 1) : tail}`;
}

function trimAfter(text: string, max: number): string {
  const points = [...text];
  if (points.length <= max) return text;
  const head = points.slice(0, max).join('');
  const space = head.lastIndexOf(' ');
  return `${space > 0 ? head.slice(0, space) : head}…`;
}

/**
 * Returns the passage [start, end) of a text (code points) with up to `max` code points of its paragraph
 * [paragraphStart, paragraphEnd) on either side. A passage running past its paragraph keeps all of itself.
 */
export function passageInContext(
  text: string | CodePointIndex,
  range: { start: number; end: number },
  paragraph: { start: number; end: number } | null,
  max = CONTEXT_LENGTH,
): PassageInContext {
  const index = typeof text === 'string' ? new CodePointIndex(text) : text;
  const from = Math.max(0, paragraph ? Math.min(paragraph.start, range.start) : range.start - max);
  const to = Math.min(index.codePointLength, paragraph ? Math.max(paragraph.end, range.end) : range.end + max);
  return {
    before: trimBefore(index.slice(from, range.start).trimStart(), max),
    passage: index.slice(range.start, range.end),
    after: trimAfter(index.slice(range.end, to).trimEnd(), max),
  };
}
