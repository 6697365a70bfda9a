import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCitedClaims } from '@/lib/domain/claims';
import { layoutDocument, type ParagraphLayout, type ParagraphSegment } from '@/lib/domain/document-layout';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';

const seed = parsePlainTextDocument(readFileSync('prisma/seed/exporting-jihad.txt', 'utf8'));
const claims = findCitedClaims(seed);

function layout(supportedFootnotes: Set<number> = new Set()) {
  return layoutDocument({ ...seed, claims, supportedFootnotes });
}

const allParagraphs = (result: ReturnType<typeof layout>) => [...result.lead, ...result.sections.flatMap((section) => section.paragraphs)];
const segmentsOf = (paragraph: ParagraphLayout): ParagraphSegment[] => paragraph.parts.flatMap((part) => (part.kind === 'sentence' ? part.segments : [part]));

describe('laying out the seed article', () => {
  it('renders every character of every paragraph exactly once, with markers where the brackets were', () => {
    for (const paragraph of allParagraphs(layout())) {
      const rendered = segmentsOf(paragraph)
        .map((segment) => (segment.kind === 'text' ? segment.text : `[${segment.number}]`))
        .join('');
      expect(rendered).toBe(Array.from(seed.text).slice(paragraph.start, paragraph.end).join(''));
    }
  });

  it('lists each paragraph’s notes so their panels open right after it', () => {
    const numbers = allParagraphs(layout()).flatMap((paragraph) => paragraph.footnoteNumbers);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('puts every marker inside the sentence it cites for', () => {
    for (const paragraph of allParagraphs(layout())) {
      const loose = paragraph.parts.filter((part) => part.kind === 'footnote');
      expect(loose).toEqual([]);
    }
  });

  it('marks cited sentences as unverified until a note of theirs has a supporting source', () => {
    const sentenceCiting13 = (result: ReturnType<typeof layout>) =>
      allParagraphs(result)
        .flatMap((paragraph) => paragraph.parts)
        .find((part) => part.kind === 'sentence' && part.footnoteNumbers.includes(13));
    expect(sentenceCiting13(layout())).toMatchObject({ lens: 'unverified-notes' });
    expect(sentenceCiting13(layout(new Set([13])))).toMatchObject({ lens: null });
  });

  it('marks an uncited sentence with figures as needing a citation, and leaves plain prose alone', () => {
    const sentences = allParagraphs(layout()).flatMap((paragraph) => paragraph.parts.filter((part) => part.kind === 'sentence'));
    const textOf = (part: (typeof sentences)[number]) => (part.kind === 'sentence' ? part.segments.map((segment) => (segment.kind === 'text' ? segment.text : '')).join('') : '');
    const lead = sentences.find((part) => textOf(part).startsWith('The terrorist attack in Stockholm on April 7th'));
    expect(lead).toMatchObject({ lens: 'citation-needed' });
    const prose = sentences.find((part) => textOf(part).startsWith('It shows the rising potential'));
    expect(prose).toMatchObject({ lens: null });
  });
});

describe('highlights in the layout', () => {
  it('covers each run of text with exactly the highlights over it, longest first, however the highlights overlap', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: seed.text.length }), fc.integer({ min: 1, max: 400 })), { minLength: 1, maxLength: 300 }), (ranges) => {
        const highlights = ranges.map(([start, length], index) => ({ id: `h${index}`, colour: '#ffe08a', start, end: Math.min(seed.text.length, start + length) }));
        const result = layoutDocument({ ...seed, claims, highlights });
        const lengths = new Map(highlights.map((highlight) => [highlight.id, highlight.end - highlight.start]));
        for (const paragraph of allParagraphs(result)) {
          for (const segment of segmentsOf(paragraph)) {
            if (segment.kind !== 'text') continue;
            const end = segment.start + [...segment.text].length;
            const expected = highlights
              .filter((highlight) => highlight.end > highlight.start && highlight.start <= segment.start && highlight.end >= end)
              .sort((a, b) => b.end - b.start - (a.end - a.start));
            expect(segment.highlights.map((highlight) => highlight.id).sort()).toEqual(expected.map((highlight) => highlight.id).sort());
            expect(segment.highlights.map((highlight) => lengths.get(highlight.id))).toEqual(expected.map((highlight) => highlight.end - highlight.start));
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('lays out the article under 5,000 highlights in well under a second', () => {
    const highlights = Array.from({ length: 5000 }, (_, index) => {
      const start = (index * 7919) % (seed.text.length - 200);
      return { id: `h${index}`, colour: '#ffe08a', start, end: start + 20 + (index % 180) };
    });
    const began = performance.now();
    layoutDocument({ ...seed, claims, highlights });
    expect(performance.now() - began).toBeLessThan(1000);
  });
});
