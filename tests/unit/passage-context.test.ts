import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passageInContext } from '@/lib/domain/passage-context';
import { codePointLength, codePointSlice } from '@/lib/domain/text';

describe('a passage in the words of its paragraph', () => {
  const text = 'Title\n\nThe survey covered five countries. Between 2,000 and 4,000 fighters left. Most came from two countries.\n\nNext paragraph.';
  const paragraph = { start: 7, end: 7 + codePointLength('The survey covered five countries. Between 2,000 and 4,000 fighters left. Most came from two countries.') };
  const start = text.indexOf('Between');
  const end = start + 'Between 2,000 and 4,000 fighters left.'.length;

  it('keeps the paragraph around the passage and nothing of the next one', () => {
    expect(passageInContext(text, { start, end }, paragraph)).toEqual({
      before: 'The survey covered five countries. ',
      passage: 'Between 2,000 and 4,000 fighters left.',
      after: ' Most came from two countries.',
    });
  });

  it('cuts long context at a word edge and says so with an ellipsis', () => {
    const context = passageInContext(text, { start, end }, paragraph, 12);
    expect(context.before).toBe('…countries. ');
    expect(context.after).toBe(' Most came…');
  });

  it('counts code points, so a passage after astral characters is the one asked for', () => {
    const astral = '😀😀 Łódź is named. 😀 after';
    expect(passageInContext(astral, { start: 3, end: 18 }, { start: 0, end: codePointLength(astral) }).passage).toBe('Łódź is named. ');
  });

  it('always returns exactly the passage, whatever the range and the paragraph', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.nat(), fc.nat(), fc.nat(40), (raw, a, b, max) => {
        const length = codePointLength(raw);
        const start = length === 0 ? 0 : a % (length + 1);
        const end = start + (length === 0 ? 0 : b % (length - start + 1));
        const context = passageInContext(raw, { start, end }, { start: 0, end: length }, max);
        expect(context.passage).toBe(codePointSlice(raw, start, end));
      }),
    );
  });
});
