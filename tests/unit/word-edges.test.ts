import { readFileSync } from 'node:fs';
import search from 'approx-string-match';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorSelectors } from '@/lib/domain/anchoring';
import { describeRange } from '@/lib/domain/selectors';
import { CodePointIndex, normalizeText } from '@/lib/domain/text';
import { quoteWordEdges, snapToWordEdges, wordEdgeAt } from '@/lib/domain/word-edges';

const article = normalizeText(readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8'));

// Selectors for the first copy of `quote` in `text` (plain ASCII, so UTF-16 and code points agree).
function annotate(text: string, quote: string) {
  const at = text.indexOf(quote);
  if (at === -1) throw new Error(`"${quote}" is not in the text`);
  return describeRange(text, at, at + quote.length);
}

function placedText(text: string, result: { start: number | null; end: number | null }): string | null {
  if (result.start === null || result.end === null) return null;
  return new CodePointIndex(text).slice(result.start, result.end);
}

describe('word edges', () => {
  it('tells the start of a word from its end and from the middle', () => {
    const text = 'It produces roughly 19 billion kWh.';
    expect(wordEdgeAt(text, 0)).toBe('start');
    expect(wordEdgeAt(text, 12)).toBe('start');
    expect(wordEdgeAt(text, 14)).toBeNull();
    expect(wordEdgeAt(text, 19)).toBe('end');
    expect(wordEdgeAt(text, text.length - 1)).toBe('end');
    expect(wordEdgeAt(text, text.length)).toBeNull();
  });

  it('keeps apostrophes and hyphens inside a word, and sees letters beyond the Latin alphabet', () => {
    expect(wordEdgeAt("don't", 3)).toBeNull();
    expect(wordEdgeAt('al-Nusra', 2)).toBeNull();
    expect(wordEdgeAt('Ташкент и Бишкек', 7)).toBe('end');
    expect(wordEdgeAt('Ташкент и Бишкек', 8)).toBe('start');
  });

  it('reads the edges a stored quote had from its context', () => {
    expect(quoteWordEdges('produces ', 'roughly 19 billion', ' kWh')).toEqual({ start: 'start', end: 'end' });
    expect(quoteWordEdges('produces rou', 'ghly 19 bill', 'ion kWh')).toEqual({ start: null, end: null });
    expect(quoteWordEdges('', 'roughly', '')).toEqual({ start: 'start', end: 'end' });
  });

  it('never moves an end that had no word edge to keep, and never empties the span', () => {
    const text = 'abcdefghij';
    expect(snapToWordEdges(text, 'cdefgh', { start: 2, end: 8 }, { start: null, end: null })).toEqual({ start: 2, end: 8 });
    const snapped = snapToWordEdges(text, 'cdefgh', { start: 2, end: 8 }, { start: 'start', end: 'end' });
    expect(snapped.start).toBeLessThan(snapped.end);
  });
});

describe('a fuzzy placement after an edit', () => {
  it('starts on a word when the best fuzzy match would start in the middle of one', () => {
    const old = 'The dam produces roughly 19 billion kWh of power a year for the region.';
    const edited = 'The dam produces around 19 billion kWh of power a year for the region.';
    const quote = 'roughly 19 billion kWh of power';
    // What the fuzzy search alone finds: a match that begins inside "around".
    const [raw] = search(edited, quote, 7).sort((a, b) => a.errors - b.errors);
    expect(edited.slice(raw?.start, raw?.end)).toBe('round 19 billion kWh of power');
    const result = anchorSelectors(edited, annotate(old, quote));
    expect(result).toMatchObject({ status: 'fuzzy', start: edited.indexOf('around'), end: edited.indexOf(' a year') });
    expect(placedText(edited, result)).toBe('around 19 billion kWh of power');
  });

  it('ends on a word when the best fuzzy match would end in the middle of one', () => {
    const old = 'The plant on the Vakhsh was built to generate electricity for export to Afghanistan.';
    const edited = 'The plant on the Vakhsh was built to generate electrical power for export to Afghanistan.';
    const quote = 'was built to generate electricity';
    const [raw] = search(edited, quote, 8).sort((a, b) => a.errors - b.errors || a.end - b.end);
    expect(wordEdgeAt(edited, raw?.end ?? 0)).toBeNull();
    const result = anchorSelectors(edited, annotate(old, quote));
    expect(result.status).toBe('fuzzy');
    expect(placedText(edited, result)).toBe('was built to generate electrical');
  });

  it('keeps a quote that began inside a word beginning inside one', () => {
    const old = 'The republics of Central Asia, Uzbekistan above all, send fighters abroad.';
    const edited = 'The republics of Central Asia, Uzbekistan above all, sent fighters abroad.';
    const quote = 'zbekistan above all, send fight';
    const result = anchorSelectors(edited, annotate(old, quote));
    expect(result.status).toBe('fuzzy');
    expect(placedText(edited, result)).toBe('zbekistan above all, sent fight');
  });

  it('begins and ends on word edges whenever the stored quote did, after light random edits inside it', () => {
    // Words as wordEdgeAt sees them: an apostrophe or hyphen between letters joins them ("al-Muhajireen").
    const words = [...article.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)].filter((match) => /^[\x20-\x7e]*$/.test(match[0]));
    const wordAt = fc.nat({ max: words.length - 30 });
    // Light edits of one word, as a copy editor makes them: an inflection, a dropped letter, a typo fixed.
    const replacement = fc.constantFrom((word: string) => `${word}s`, (word: string) => word.slice(0, -1), (word: string) => `${word.slice(0, 1)}x${word.slice(2)}`, (word: string) => `un${word}`);
    fc.assert(
      fc.property(wordAt, fc.integer({ min: 3, max: 12 }), fc.nat(), replacement, (first, count, pick, change) => {
        const from = words[first];
        const to = words[first + count];
        if (!from || !to || from.index === undefined || to.index === undefined) return;
        const start = from.index;
        const end = to.index + to[0].length;
        fc.pre(!article.slice(start, end).includes('\n'));
        // Replace one word strictly inside the quote, so the quote's own first and last words stay.
        const inner = words[first + 1 + (pick % (count - 1))];
        if (!inner || inner.index === undefined) return;
        const edited = article.slice(0, inner.index) + change(inner[0]) + article.slice(inner.index + inner[0].length);
        const result = anchorSelectors(edited, describeRange(article, start, end));
        fc.pre(result.status === 'fuzzy' && result.start !== null && result.end !== null);
        const index = new CodePointIndex(edited);
        expect(wordEdgeAt(edited, index.toUtf16(result.start ?? 0))).toBe('start');
        expect(wordEdgeAt(edited, index.toUtf16(result.end ?? 0))).toBe('end');
      }),
      { numRuns: 200 },
    );
  });
});

describe('word edges next to astral characters', () => {
  it('never puts an edge between the halves of a letter outside the Basic Multilingual Plane', () => {
    const text = 'of 𝒜Islamic';
    expect(wordEdgeAt(text, 3)).toBe('start');
    expect(wordEdgeAt(text, 4)).toBeNull();
    expect(wordEdgeAt(text, text.length)).toBe('end');
  });
});
