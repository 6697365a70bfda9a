import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRange, InvalidRangeError, SELECTOR_CONTEXT_LENGTH } from '@/lib/domain/selectors';
import { codePointLength, codePointSlice } from '@/lib/domain/text';

const unit = fc.constantFrom('a', 'b', ' ', '\n', 'é', '😀', '𝒜', '漢', '.');
const text = fc.string({ unit, minLength: 1, maxLength: 120 });

function rangeError(run: () => unknown): InvalidRangeError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidRangeError) return error;
    throw error;
  }
  throw new Error('Expected an InvalidRangeError');
}

describe('describeRange', () => {
  it('stores the selected words with the words around them and their position', () => {
    const source = 'The terrorist attack in Stockholm on April 7th was perpetrated by a citizen of Uzbekistan.';
    const start = source.indexOf('Stockholm');
    expect(describeRange(source, start, start + 'Stockholm'.length)).toEqual({
      quote: { type: 'TextQuoteSelector', exact: 'Stockholm', prefix: 'The terrorist attack in ', suffix: ' on April 7th was perpetrated by' },
      position: { type: 'TextPositionSelector', start, end: start + 'Stockholm'.length },
    });
  });

  it('counts an emoji before the selection as one character, so the position matches other W3C clients', () => {
    const selectors = describeRange('😀😀 Tashkent', 3, 11);
    expect(selectors.quote.exact).toBe('Tashkent');
    expect(selectors.quote.prefix).toBe('😀😀 ');
    expect(selectors.position).toEqual({ type: 'TextPositionSelector', start: 3, end: 11 });
  });

  it('keeps at most 32 characters of context, never half an emoji', () => {
    expect(SELECTOR_CONTEXT_LENGTH).toBe(32);
    const source = `${'😀'.repeat(40)}quote${'𝒜'.repeat(40)}`;
    const { quote } = describeRange(source, 40, 45);
    expect(quote.prefix).toBe('😀'.repeat(32));
    expect(quote.suffix).toBe('𝒜'.repeat(32));
  });

  it('refuses an empty selection with a message that says what to do', () => {
    const error = rangeError(() => describeRange('Some text', 4, 4));
    expect(error.message).toMatch(/empty/);
    expect(error.message).toMatch(/select/i);
  });

  it('refuses a selection of only spaces and line breaks', () => {
    expect(rangeError(() => describeRange('one \n\u00a0 two', 3, 7)).message).toMatch(/only spaces or line breaks/);
  });

  it('refuses a selection outside the text and says how long the text is', () => {
    expect(rangeError(() => describeRange('a😀b', 1, 4)).message).toMatch(/outside this text, which has 3 characters/);
    expect(rangeError(() => describeRange('abc', -1, 2)).message).toMatch(/outside/);
    expect(rangeError(() => describeRange('abc', 2, 1)).message).toMatch(/outside/);
    expect(rangeError(() => describeRange('abc', 0.5, 2)).message).toMatch(/outside/);
  });

  it('describes any non-blank selection so that context + quote + context is the text around it', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (source, a, b) => {
        const length = codePointLength(source);
        const start = a % length;
        const end = start + 1 + (b % (length - start));
        const exact = codePointSlice(source, start, end);
        fc.pre(exact.trim().length > 0);
        const { quote, position } = describeRange(source, start, end);
        expect(quote.exact).toBe(exact);
        expect(position).toEqual({ type: 'TextPositionSelector', start, end });
        const prefixStart = Math.max(0, start - SELECTOR_CONTEXT_LENGTH);
        const suffixEnd = Math.min(length, end + SELECTOR_CONTEXT_LENGTH);
        expect(quote.prefix + quote.exact + quote.suffix).toBe(codePointSlice(source, prefixStart, suffixEnd));
        expect(codePointLength(quote.prefix)).toBe(start - prefixStart);
      }),
    );
  });
});
