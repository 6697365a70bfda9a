import { readFileSync } from 'node:fs';
import search from 'approx-string-match';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GramIndex, searchWholeText } from '@/lib/domain/approximate-search';
import { normalizeText } from '@/lib/domain/text';

const article = normalizeText(readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8'));
const grams = new GramIndex(article);
const endsOf = (matches: Array<{ end: number; errors: number }>) => matches.map(({ end, errors }) => `${end}:${errors}`).sort();

// A passage of the article with a few characters changed, inserted or removed.
const editedPassage = fc
  .record({ start: fc.nat({ max: article.length - 300 }), length: fc.integer({ min: 20, max: 250 }), edits: fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('change', 'insert', 'delete') }), { maxLength: 12 }) })
  .map(({ start, length, edits }) => {
    let passage = article.slice(start, start + length);
    for (const { at, kind } of edits) {
      const spot = at % passage.length;
      passage = passage.slice(0, spot) + (kind === 'delete' ? '' : 'x') + passage.slice(kind === 'insert' ? spot : spot + 1);
    }
    return passage;
  });

describe('searching the whole text through its q-gram index', () => {
  it('finds the same fewest-error matches as scanning all of it', () => {
    fc.assert(
      fc.property(editedPassage, fc.integer({ min: 4, max: 12 }), (pattern, divisor) => {
        const maxErrors = Math.floor(pattern.length / divisor);
        expect(endsOf(searchWholeText(grams, pattern, maxErrors))).toEqual(endsOf(search(article, pattern, maxErrors)));
      }),
      { numRuns: 300 },
    );
  });

  it('finds nothing where the full scan finds nothing, for words the article never had', () => {
    const pattern = 'zebra quartet juggling vexed wizards by moonlight over frozen quays';
    expect(searchWholeText(grams, pattern, 8)).toEqual([]);
    expect(search(article, pattern, 8)).toEqual([]);
  });
});
