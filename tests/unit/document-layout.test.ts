import { readFileSync } from 'node:fs';
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
