import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCitedClaims } from '@/lib/domain/claims';
import { layoutDocument, type ParagraphLayout, type ParagraphSegment } from '@/lib/domain/document-layout';
import { HighlightIndex, type HighlightRange } from '@/lib/domain/highlight-ranges';
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

describe('highlight index', () => {
  const textLength = seed.text.length;

  it('covers each piece with exactly the highlights over it, longest first, however they overlap, and cuts nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: textLength }), fc.integer({ min: 1, max: 400 })), { minLength: 1, maxLength: 300 }), fc.nat({ max: textLength - 1 }), (ranges, from) => {
        const highlights: HighlightRange[] = ranges.map(([start, length], index) => [`h${index}`, start, Math.min(textLength, start + length), `#${index}`]);
        const to = Math.min(textLength, from + 2000);
        const index = new HighlightIndex(highlights);
        const pieces = index.pieces(from, to);
        expect(pieces[0]?.start).toBe(from);
        expect(pieces.at(-1)?.end).toBe(to);
        pieces.forEach((piece, index) => index > 0 && expect(piece.start).toBe(pieces[index - 1]?.end));
        for (const piece of pieces) {
          const expected = highlights
            .filter(([, start, end]) => end > start && start <= piece.start && end >= piece.end)
            .sort((a, b) => b[2] - b[1] - (a[2] - a[1]));
          const lengthOf = new Map(highlights.map(([id, start, end]) => [id, end - start]));
          const ids = index.idsAt(piece.start);
          expect([...ids].sort()).toEqual(expected.map(([id]) => id).sort());
          expect(ids.map((id) => lengthOf.get(id))).toEqual(expected.map(([, start, end]) => end - start));
          expect(piece.count).toBe(expected.length);
          expect(piece.colour).toBe(expected.length === 0 ? null : highlights.find(([id]) => id === ids[0])?.[3]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('indexes 5,000 highlights on the article and cuts the whole text in well under a second', () => {
    const highlights: HighlightRange[] = Array.from({ length: 5000 }, (_, index) => {
      const start = (index * 7919) % (textLength - 200);
      return [`h${index}`, start, start + 20 + (index % 180), '#ffe08a'];
    });
    const began = performance.now();
    const pieces = new HighlightIndex(highlights).pieces(0, textLength);
    expect(performance.now() - began).toBeLessThan(1000);
    expect(pieces.length).toBeGreaterThan(5000);
  });
});
