import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointLength, codePointSlice, normalizeText } from '@/lib/domain/text';

// Strings that mix ASCII, precomposed and decomposed accents, astral characters and lone surrogates,
// which may pair up by accident ("\uD800" + "\uDC00").
const trickyUnit = fc.constantFrom('a', ' ', '\n', 'é', 'e\u0301', '😀', '𝒜', '漢', '\uD800', '\uDC00', '\uFEFF');
const trickyString = fc.oneof(fc.string({ unit: trickyUnit, maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

// UTF-16 index where each code point starts, plus the end of the string: the reference for offsets.
function codePointBoundaries(s: string): number[] {
  const boundaries = [0];
  for (const codePoint of s) boundaries.push((boundaries.at(-1) ?? 0) + codePoint.length);
  return boundaries;
}

describe('normalizeText', () => {
  it('removes a byte-order mark at the start so it is not counted as a character', () => {
    expect(normalizeText('\uFEFFTitle')).toBe('Title');
    expect(normalizeText('\uFEFF\uFEFFTitle')).toBe('Title');
  });

  it('keeps a zero-width no-break space that is inside the text', () => {
    expect(normalizeText('a\uFEFFb')).toBe('a\uFEFFb');
  });

  it('turns Windows and old Mac line ends into \\n', () => {
    expect(normalizeText('a\r\nb\rc\n\r\nd')).toBe('a\nb\nc\n\nd');
  });

  it('composes accents so "é" typed two ways is the same text', () => {
    expect(normalizeText('caf\u0065\u0301')).toBe('caf\u00e9');
  });

  it('changes nothing when applied twice', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\r', '\n', '\r\n', '\uFEFF', 'e\u0301', '😀') }), (raw) => {
        const once = normalizeText(raw);
        expect(normalizeText(once)).toBe(once);
        expect(once).not.toContain('\r');
      }),
    );
  });
});

describe('codePointLength', () => {
  it('counts an emoji as one character, not two UTF-16 units', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect('a😀b'.length).toBe(4);
  });

  it('counts a lone surrogate as one character', () => {
    expect(codePointLength('\uD800a')).toBe(2);
    expect(codePointLength('a\uDC00')).toBe(2);
  });

  it('agrees with iterating the string by code point', () => {
    fc.assert(fc.property(trickyString, (s) => codePointLength(s) === Array.from(s).length));
  });
});

describe('codePointSlice', () => {
  it('slices by code point so an emoji before the range does not shift it', () => {
    expect(codePointSlice('😀[1] x', 1, 4)).toBe('[1]');
    expect(codePointSlice('😀[1] x', 0, 1)).toBe('😀');
    expect(codePointSlice('abc', 3, 3)).toBe('');
  });

  it('refuses a range past the end or reversed instead of returning a shorter quote', () => {
    expect(() => codePointSlice('a😀', 0, 3)).toThrow(RangeError);
    expect(() => codePointSlice('abc', 2, 1)).toThrow(RangeError);
    expect(() => codePointSlice('abc', -1, 1)).toThrow(RangeError);
  });

  it('agrees with slicing the array of code points', () => {
    fc.assert(
      fc.property(trickyString, fc.nat(), fc.nat(), (s, a, b) => {
        const codePoints = Array.from(s);
        const start = a % (codePoints.length + 1);
        const end = start + (b % (codePoints.length - start + 1));
        expect(codePointSlice(s, start, end)).toBe(codePoints.slice(start, end).join(''));
      }),
    );
  });
});

describe('CodePointIndex', () => {
  it('converts offsets both ways around astral characters', () => {
    const index = new CodePointIndex('a😀b𝒜c');
    expect(index.codePointLength).toBe(5);
    expect([0, 1, 3, 4, 6, 7].map((u) => index.toCodePoint(u))).toEqual([0, 1, 2, 3, 4, 5]);
    expect([0, 1, 2, 3, 4, 5].map((c) => index.toUtf16(c))).toEqual([0, 1, 3, 4, 6, 7]);
    expect(index.slice(1, 4)).toBe('😀b𝒜');
  });

  it('rejects a UTF-16 index that would cut an emoji in half', () => {
    const index = new CodePointIndex('a😀b');
    expect(() => index.toCodePoint(2)).toThrow(RangeError);
  });

  it('rejects offsets outside the text', () => {
    const index = new CodePointIndex('a😀');
    expect(() => index.toCodePoint(4)).toThrow(RangeError);
    expect(() => index.toUtf16(3)).toThrow(RangeError);
    expect(() => index.toUtf16(-1)).toThrow(RangeError);
    expect(() => index.toUtf16(0.5)).toThrow(RangeError);
  });

  it('maps every code-point boundary both ways, agreeing with string iteration', () => {
    fc.assert(
      fc.property(trickyString, (s) => {
        const index = new CodePointIndex(s);
        const boundaries = codePointBoundaries(s);
        expect(index.codePointLength).toBe(boundaries.length - 1);
        boundaries.forEach((utf16, codePoint) => {
          expect(index.toCodePoint(utf16)).toBe(codePoint);
          expect(index.toUtf16(codePoint)).toBe(utf16);
        });
        const insidePairs = new Set(Array.from({ length: s.length }, (_, i) => i).filter((i) => !boundaries.includes(i)));
        for (const utf16 of insidePairs) expect(() => index.toCodePoint(utf16)).toThrow(RangeError);
      }),
    );
  });
});
