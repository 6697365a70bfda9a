import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchorSelectors, needsConfirmation } from '@/lib/domain/anchoring';
import { ANCHORING_CORPUS_PARAMETERS, buildAnchoringCorpus, TrackedText, type CorpusCase } from '@/lib/domain/anchoring-corpus';
import { judgePlacement, measureAnchoringQuality } from '@/lib/domain/anchoring-quality';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { codePointSlice } from '@/lib/domain/text';

const article = parsePlainTextDocument(readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8')).text;
// The first cases of each kind of the committed corpus (same seed): a few hundred, a few seconds. The bench runs all.
const sample = buildAnchoringCorpus(article, { ...ANCHORING_CORPUS_PARAMETERS, perKind: 30, heavyRewriteQuotes: 80 });

describe('the anchoring corpus', () => {
  it('knows where an old span went through replacements and moves', () => {
    const tracked = new TrackedText('one two three. four five six.');
    tracked.replace(0, 3, 'ONE!');
    tracked.move(16, 30, 0);
    expect(tracked.text).toBe('four five six.ONE! two three. ');
    expect(tracked.locate(15, 29)).toEqual({ start: 0, end: 14, edits: 0, survivors: 14 });
    expect(tracked.locate(4, 13)).toEqual({ start: 19, end: 28, edits: 0, survivors: 9 });
    expect(tracked.locate(0, 3)).toBeNull();
  });

  it('is the same on every run and covers every kind of edit, with passages gone and present', () => {
    const again = buildAnchoringCorpus(article, { ...ANCHORING_CORPUS_PARAMETERS, perKind: 30, heavyRewriteQuotes: 80 });
    expect(again.map((c) => [c.kind, c.expected, c.selectors.quote.exact])).toEqual(sample.map((c) => [c.kind, c.expected, c.selectors.quote.exact]));
    const kinds = new Set(sample.map((c) => c.kind));
    expect(kinds.size).toBe(9);
    expect(sample.some((c) => c.expected === null)).toBe(true);
    expect(sample.length).toBeGreaterThan(250);
  });

  it('gives each present passage a true span that still reads like the quote', () => {
    const present = sample.filter((c): c is CorpusCase & { expected: { start: number; end: number } } => c.kind === 'moved-paragraph' && c.expected !== null);
    for (const c of present) expect(codePointSlice(c.text, c.expected.start, c.expected.end)).toBe(c.selectors.quote.exact);
  });
});

describe('anchoring quality on a sample of the corpus', () => {
  const quality = measureAnchoringQuality(sample);

  it('places at least 95% correctly and at most 2% on the wrong text', () => {
    expect(quality.correctRate).toBeGreaterThanOrEqual(0.95);
    expect(quality.wrongPlaceRate).toBeLessThanOrEqual(0.02);
  });

  it('asks a person about every wrong-place placement and about at most 3% of correct ones', () => {
    expect(quality.wrongPlaceUnasked).toBe(0);
    expect(quality.correctAskingRate).toBeLessThanOrEqual(0.03);
  });

  it('never places a passage that was deleted with its surroundings without asking', () => {
    for (const c of sample.filter((item) => item.kind === 'quote-deleted-with-surroundings')) {
      const result = anchorSelectors(c.text, c.selectors);
      if (judgePlacement(c, result) === 'wrong-place') expect(needsConfirmation(result)).toBe(true);
    }
  });
});
