/**
 * Unicode hygiene for what people name things: names, workspace names, tags and titles. Text is stored in NFC; an
 * unpaired surrogate (which PostgreSQL would silently store as U+FFFD) and bidi embedding and isolate controls
 * (which can make text read differently than it is stored) are refused; in names and tags, invisible characters
 * are refused too, except the joiners some scripts need between letters (Persian, Tajik, Indic) and in emoji.
 */

const NAMED: Record<number, string> = {
  0x00ad: 'a soft hyphen',
  0x034f: 'a combining grapheme joiner',
  0x061c: 'an Arabic letter mark',
  0x115f: 'a Hangul filler',
  0x1160: 'a Hangul filler',
  0x180e: 'a Mongolian vowel separator',
  0x200b: 'a zero-width space',
  0x200c: 'a zero-width non-joiner',
  0x200d: 'a zero-width joiner',
  0x200e: 'a left-to-right mark',
  0x200f: 'a right-to-left mark',
  0x202a: 'a left-to-right embedding',
  0x202b: 'a right-to-left embedding',
  0x202c: 'a pop directional formatting',
  0x202d: 'a left-to-right override',
  0x202e: 'a right-to-left override',
  0x2060: 'a word joiner',
  0x2066: 'a left-to-right isolate',
  0x2067: 'a right-to-left isolate',
  0x2068: 'a first strong isolate',
  0x2069: 'a pop directional isolate',
  0x3164: 'a Hangul filler',
  0xfeff: 'a zero-width no-break space (byte order mark)',
  0xffa0: 'a Hangul filler',
};

// Written without the u flag so that it sees the halves of surrogate pairs one by one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
// Variation selectors and emoji tag characters shape the character before them and are part of emoji sequences.
const SHAPING = /^[\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u{E0020}-\u{E007F}]$/u;
const JOINABLE = /[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;

/** Names a character for a message, such as "a zero-width space (U+200B)". Pure. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMED[code] ?? (code >= 0xd800 && code <= 0xdfff ? 'an unpaired surrogate' : 'an invisible character');
  return `${name} (${hex})`;
}

/** Returns the first unpaired surrogate of `text`, or null. Pure. */
export function findLoneSurrogate(text: string): string | null {
  return LONE_SURROGATE.exec(text)?.[0] ?? null;
}

/**
 * Returns the first character `text` may not hold, or null: an unpaired surrogate or a bidi control always; with
 * `isName`, also any invisible character, except a zero-width joiner or non-joiner between letters (or within an
 * emoji) and variation selectors. Pure.
 */
export function findForbiddenCharacter(text: string, { isName }: { isName: boolean }): string | null {
  const surrogate = findLoneSurrogate(text);
  if (surrogate !== null) return surrogate;
  const bidi = BIDI_CONTROL.exec(text)?.[0];
  if (bidi !== undefined) return bidi;
  if (!isName) return null;
  for (const match of text.matchAll(INVISIBLE)) {
    const character = match[0];
    if (SHAPING.test(character)) continue;
    if (character === '\u200C' || character === '\u200D') {
      const before = [...text.slice(0, match.index)].at(-1) ?? '';
      const after = [...text.slice(match.index + character.length)][0] ?? '';
      if (JOINABLE.test(before) && JOINABLE.test(after)) continue;
    }
    return character;
  }
  return null;
}

/** The message for a refused character in `field` ("your name", "the tag"), naming the character. Pure. */
export function forbiddenCharacterMessage(field: string, character: string): string {
  const isHidden = findLoneSurrogate(character) === null;
  return `${field.charAt(0).toUpperCase()}${field.slice(1)} contains ${describeCharacter(character)}${isHidden ? ', which cannot be seen but changes how the text reads or compares' : ', half of a character that cannot be stored'}. Remove it and type the text again.`;
}

/** Returns the first unpaired surrogate anywhere in a parsed JSON value (keys and strings), or null. Pure. */
export function findLoneSurrogateInJson(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      const found = findLoneSurrogate(next);
      if (found !== null) return found;
    } else if (Array.isArray(next)) {
      for (const item of next) stack.push(item);
    }
    else if (next !== null && typeof next === 'object') {
      for (const [key, child] of Object.entries(next)) {
        const found = findLoneSurrogate(key);
        if (found !== null) return found;
        stack.push(child);
      }
    }
  }
  return null;
}

