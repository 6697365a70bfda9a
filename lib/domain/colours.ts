/** Highlight colours light enough for dark text on them, distinct enough to tell tags and people apart. */
export const HIGHLIGHT_PALETTE = ['#ffe08a', '#b5e3c4', '#bcd7ff', '#f6c1d8', '#d9c7f5', '#ffc9a3', '#c2ece9', '#e6e1a1'] as const;

/** Returns a stable palette colour for a key (a tag name, a user id): the same key always gets the same colour. */
export function paletteColourFor(key: string): string {
  let hash = 0;
  for (const character of key) hash = (hash * 31 + (character.codePointAt(0) ?? 0)) >>> 0;
  return HIGHLIGHT_PALETTE[hash % HIGHLIGHT_PALETTE.length] ?? HIGHLIGHT_PALETTE[0];
}

/** Whether `value` is a #rrggbb colour. */
export function isHexColour(value: string): boolean {
  return /^#[0-9a-f]{6}$/i.test(value);
}
