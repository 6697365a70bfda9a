// Where a note, a thread or a preview opens so that the line it belongs to stays where it is and in view. All
// figures are CSS pixels in viewport coordinates (what getBoundingClientRect answers); nothing here scrolls.

/** The vertical extent of the line (or lines) a panel belongs to: a footnote marker's line, a highlight. */
export type LineBox = { top: number; bottom: number };

/** A panel that sits over the text at the bottom or the top of the viewport, leaving its line uncovered. */
export type SheetPlacement = { edge: 'bottom' | 'top'; height: number };

/** A panel beside the text, `offset` pixels below its line's top (negative: it starts above the line). */
export type BesidePlacement = { offset: number; maxHeight: number; height: number | null };

/** How much of the viewport a sheet may take, and how much room below its line makes it open below. */
export const SHEET_MAX_SHARE = 0.6;
/** Below this share of the viewport left under the line, a panel opens above its line instead. */
export const BELOW_MIN_SHARE = 1 / 3;
const GAP = 8;
const MIN_HEIGHT = 96;

/**
 * Returns the sheet for a narrow screen: at the bottom, taking the room below the line (at most 60% of the
 * viewport), or at the top when less than a third of the viewport is left below the line.
 */
export function placeSheet(line: LineBox, viewportHeight: number): SheetPlacement {
  const limit = Math.round(viewportHeight * SHEET_MAX_SHARE);
  const below = viewportHeight - line.bottom - GAP;
  const above = line.top - GAP;
  if (below >= viewportHeight * BELOW_MIN_SHARE || below >= above) {
    return { edge: 'bottom', height: Math.max(Math.min(MIN_HEIGHT, viewportHeight), Math.min(limit, Math.floor(below))) };
  }
  return { edge: 'top', height: Math.max(Math.min(MIN_HEIGHT, viewportHeight), Math.min(limit, Math.floor(above))) };
}

/**
 * Returns where a panel beside the text opens, relative to its line: aligned with the line's top and free to grow
 * down to the viewport's bottom edge, or, with less than a third of the viewport left below the line, ending at
 * the line's bottom with a fixed height (so content arriving later grows inside it and moves nothing).
 * `taken` are the boxes of panels already open beside the text; the new one moves down only to avoid them.
 */
export function placeBeside(line: LineBox, viewportHeight: number, taken: LineBox[] = []): BesidePlacement {
  const below = viewportHeight - line.top - GAP;
  if (below >= viewportHeight * BELOW_MIN_SHARE) {
    let top = line.top;
    for (const box of [...taken].sort((a, b) => a.top - b.top)) {
      if (box.bottom + GAP > top && box.top < top + MIN_HEIGHT) top = box.bottom + GAP;
    }
    return { offset: top - line.top, maxHeight: Math.max(MIN_HEIGHT, Math.floor(viewportHeight - top - GAP)), height: null };
  }
  // A line cut by the viewport's bottom edge still has its panel end inside the viewport.
  const end = Math.min(line.bottom, viewportHeight - GAP);
  const height = Math.max(Math.min(MIN_HEIGHT, viewportHeight), Math.min(Math.round(viewportHeight * SHEET_MAX_SHARE), Math.floor(end - GAP)));
  return { offset: end - height - line.top, maxHeight: height, height };
}
