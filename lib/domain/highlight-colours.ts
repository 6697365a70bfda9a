import { paletteColourFor } from './colours';

/** What a person has the reader colour highlights by. */
export type HighlightColouring = 'TAG' | 'AUTHOR' | 'NONE';

/** The choices of HighlightColouring, with the words the reader shows for them. */
export const HIGHLIGHT_COLOURINGS: ReadonlyArray<{ value: HighlightColouring; label: string }> = [
  { value: 'TAG', label: 'Tag' },
  { value: 'AUTHOR', label: 'Author' },
  { value: 'NONE', label: 'None' },
];

/** The colour of highlights that nothing tells apart: untagged ones when colouring by tag, and all of them when colouring by nothing. */
export const PLAIN_HIGHLIGHT_COLOUR = '#fff0a8';

/** One entry of the reader's legend: what a colour stands for. */
export type LegendEntry = { label: string; colour: string };

/** What the colour of one highlight is decided from: its tags in the workspace's order of precedence, and its author. */
export type ColourSource = { authorId: string; authorName: string; tags: ReadonlyArray<{ label: string; colour: string }> };

/** Returns a highlight's colour: its first-ranked tag's (or the plain colour when untagged), its author's, or the plain colour. Pure. */
export function highlightColourOf(annotation: ColourSource, colouring: HighlightColouring): string {
  if (colouring === 'TAG') return annotation.tags[0]?.colour ?? PLAIN_HIGHLIGHT_COLOUR;
  if (colouring === 'AUTHOR') return paletteColourFor(annotation.authorId);
  return PLAIN_HIGHLIGHT_COLOUR;
}

/**
 * Returns the legend for the highlights drawn, by name: each tag that decides a colour, then "Untagged" if any
 * highlight has no tag; or each author; nothing when colouring by nothing. Two authors sharing a palette colour are
 * both named. Pure.
 */
export function highlightLegend(annotations: readonly ColourSource[], colouring: HighlightColouring): LegendEntry[] {
  if (colouring === 'NONE') return [];
  const entries = new Map<string, LegendEntry>();
  let hasUntagged = false;
  for (const annotation of annotations) {
    if (colouring === 'AUTHOR') {
      if (!entries.has(annotation.authorId)) entries.set(annotation.authorId, { label: annotation.authorName, colour: paletteColourFor(annotation.authorId) });
      continue;
    }
    const first = annotation.tags[0];
    if (!first) hasUntagged = true;
    else if (!entries.has(first.label)) entries.set(first.label, { label: first.label, colour: first.colour });
  }
  const legend = [...entries.values()].sort((a, b) => a.label.localeCompare(b.label, 'en'));
  return hasUntagged ? [...legend, { label: 'Untagged', colour: PLAIN_HIGHLIGHT_COLOUR }] : legend;
}
