import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsByFootnote, findCitedClaims, needsCitation, type Claim } from '@/lib/domain/claims';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { codePointSlice } from '@/lib/domain/text';

const seedRaw = readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8');

function textOf(text: string, claim: Claim): string {
  return codePointSlice(text, claim.start, claim.end);
}

describe('findCitedClaims', () => {
  const doc = parsePlainTextDocument(
    'A title\n\n😀 First claim.[1] Second claim has no note. Third cites two[2][3], and one again [2].\n\nAnother paragraph cites [4]. It ends[2]',
  );

  it('returns every sentence in text order with the notes it cites, cited or not', () => {
    const claims = findCitedClaims(doc);
    expect(claims.map((claim) => [textOf(doc.text, claim), claim.paragraphOrdinal, claim.footnoteNumbers, claim.isCited])).toEqual([
      ['😀 First claim.[1]', 1, [1], true],
      ['Second claim has no note.', 1, [], false],
      ['Third cites two[2][3], and one again [2].', 1, [2, 3], true],
      ['Another paragraph cites [4].', 2, [4], true],
      ['It ends[2]', 2, [2], true],
    ]);
  });

  it('gives the same claims whatever order the paragraphs and markers arrive in', () => {
    const shuffled = { ...doc, paragraphs: [...doc.paragraphs].reverse(), footnoteMarkers: [...doc.footnoteMarkers].reverse() };
    expect(findCitedClaims(shuffled)).toEqual(findCitedClaims(doc));
  });

  it('ignores a marker that lies outside every paragraph', () => {
    const stray = { number: 9, start: 0, end: 3 };
    const claims = findCitedClaims({ ...doc, footnoteMarkers: [stray, ...doc.footnoteMarkers] });
    expect(claims).toEqual(findCitedClaims(doc));
  });

  it('finds no claims in a document without paragraphs', () => {
    expect(findCitedClaims({ text: '', paragraphs: [], footnoteMarkers: [] })).toEqual([]);
  });

  it('assigns every marker to the one sentence that contains it, whatever the paragraph text', () => {
    const sentenceText = fc
      .array(fc.constantFrom('Word', 'word', 'e.g.', 'U.S.', '😀', '.', '?', '(IS)', '"', '…', ' ', '  ', '[7]', '[12]'), { maxLength: 30 })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.array(sentenceText, { minLength: 1, maxLength: 4 }), (paragraphs) => {
        const parsed = parsePlainTextDocument(`Title\n\n${paragraphs.map((p) => `x ${p} x`).join('\n\n')}`);
        const claims = findCitedClaims(parsed);
        for (const marker of parsed.footnoteMarkers) {
          const holders = claims.filter((claim) => claim.start <= marker.start && marker.end <= claim.end);
          expect(holders).toHaveLength(1);
          expect(holders[0]?.footnoteNumbers).toContain(marker.number);
        }
        const cited = claims.flatMap((claim) => claim.footnoteNumbers);
        expect(new Set(cited)).toEqual(new Set(parsed.footnoteMarkers.map((marker) => marker.number)));
      }),
    );
  });
});

describe('claimsByFootnote', () => {
  const doc = parsePlainTextDocument('Title\n\nLater note first[3]. Then an early one[1]. Again the first[3][3].');
  const claims = findCitedClaims(doc);

  it('lists, for each note in number order, the sentences that cite it', () => {
    const byNote = claimsByFootnote(claims);
    expect([...byNote.keys()]).toEqual([1, 3]);
    expect(byNote.get(1)?.map((claim) => textOf(doc.text, claim))).toEqual(['Then an early one[1].']);
    expect(byNote.get(3)?.map((claim) => textOf(doc.text, claim))).toEqual(['Later note first[3].', 'Again the first[3][3].']);
  });

  it('has no entry for a note that nothing cites', () => {
    expect(claimsByFootnote(claims).has(2)).toBe(false);
    expect(claimsByFootnote([]).size).toBe(0);
  });
});

describe('needsCitation', () => {
  it.each([
    'Between 2 and 5 thousand volunteers left.',
    'The attack happened on April 7th.',
    'Turnout fell by 12%.',
    'Several thousand militants remained.',
    'At least 3 million migrants are present.',
    'Dozens of recruits joined.',
    'Half of them returned.',
    'The share rose to forty percent.',
    'The share rose to forty per cent.',
    'Hundreds were arrested.',
    'Costs ran into BILLIONS.',
    'The percentage of believers is rising.',
  ])('asks for a source for the figure in %j', (sentence) => {
    expect(needsCitation(sentence)).toBe(true);
  });

  it.each([
    'Radicalised individuals leave the region.',
    'IMU operatives acted on behalf of Al Qaeda.',
    'He stopped halfway.',
    'The threat was thwarted.[4]',
    'It joined the Islamic State (IS) [8], which fights.',
    '',
  ])('does not flag %j, which states no figure', (sentence) => {
    expect(needsCitation(sentence)).toBe(false);
  });
});

describe('claims in the seed article "Exporting Jihad"', () => {
  const doc = parsePlainTextDocument(seedRaw);
  const claims = findCitedClaims(doc);
  const byNote = claimsByFootnote(claims);
  const claimCiting = (note: number): string => {
    const citing = byNote.get(note);
    expect(citing).toHaveLength(1);
    return citing?.[0] ? textOf(doc.text, citing[0]) : '';
  };

  it('has 104 sentences across its 18 paragraphs, 30 of them citing a note', () => {
    expect(doc.paragraphs).toHaveLength(18);
    expect(claims).toHaveLength(104);
    expect(claims.filter((claim) => claim.isCited)).toHaveLength(30);
  });

  it('puts each of the 40 markers in exactly one sentence of its own paragraph, which contains the marker', () => {
    expect(doc.footnoteMarkers).toHaveLength(40);
    for (const marker of doc.footnoteMarkers) {
      const holders = claims.filter((claim) => claim.footnoteNumbers.includes(marker.number));
      expect(holders, `note ${marker.number}`).toHaveLength(1);
      expect(holders[0]?.paragraphOrdinal).toBe(marker.paragraphOrdinal);
      expect(holders[0]?.start).toBeLessThanOrEqual(marker.start);
      expect(holders[0]?.end).toBeGreaterThanOrEqual(marker.end);
    }
    expect([...byNote.keys()]).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('keeps every sentence inside its paragraph, so no sentence holds a marker from another paragraph', () => {
    for (const claim of claims) {
      const paragraph = doc.paragraphs.find((p) => p.ordinal === claim.paragraphOrdinal);
      expect(paragraph && paragraph.start <= claim.start && claim.end <= paragraph.end).toBe(true);
      for (const marker of doc.footnoteMarkers.filter((m) => m.paragraphOrdinal !== claim.paragraphOrdinal)) {
        expect(marker.end <= claim.start || marker.start >= claim.end).toBe(true);
      }
    }
  });

  it('keeps the marker after a space, "(IS) [8]", inside the sentence it follows', () => {
    expect(claimCiting(8)).toBe(
      'In 2015, IMU’s emir at the time – Usman Gazi – announced that the movement had joined the Islamic State (IS) [8], which in Afghanistan consists of local Islamic radicals who are in conflict with the Taliban[9].',
    );
  });

  it('ends the paragraph-final sentence without a full stop at its marker "in 2004)[6]"', () => {
    expect(claimCiting(6)).toBe(
      'Both the organisations regarded Central Asia mainly as a source of new recruits, rather than a theatre for armed struggle or terrorist actions (an exception to this was the two attacks perpetrated by IJU in Uzbekistan in 2004)[6]',
    );
  });

  it('gives the three markers of one sentence, 33 to 35, to that sentence', () => {
    expect(claimCiting(33)).toBe(
      'The Reina club attack shows also another dangerous trend – Turkish authorities have accused foreign intelligence services[33], unofficially Syrian intelligence[34], of inspiring the attack (which was not a suicide attack – the assailant was latter caught[35]).',
    );
    expect(claimCiting(34)).toBe(claimCiting(33));
    expect(claimCiting(35)).toBe(claimCiting(33));
  });

  it('does not split at "etc.)" and keeps the spaced marker before the full stop, "Blackwater” [37].", in the sentence', () => {
    expect(claimCiting(37)).toBe(
      'The group is active in conducting subcontracting (training, combat actions etc.) on a commercial basis for terrorist organisations present in Syria[36], positioning itself as “Jihadi Blackwater” [37].',
    );
  });

  it('keeps the marker between a bracket and the full stop, "in 2015) [12].", in its sentence', () => {
    expect(claimCiting(12)).toMatch(/^IJU’s capability also significantly decreased .* in 2015\) \[12\]\.$/u);
  });

  it('offers uncited figures to the citation-needed lens', () => {
    const uncitedFigures = claims.filter((claim) => !claim.isCited && needsCitation(textOf(doc.text, claim)));
    const texts = uncitedFigures.map((claim) => textOf(doc.text, claim));
    expect(texts).toContain(
      'During this time both IMU and IJU became an important element of the international Islamic terrorist conglomeration present in Pakistan and at its peak numbered up to several thousand members (militants and their families).',
    );
    expect(texts.some((text) => text.startsWith('Currently in Russia at least 3 million Central Asian labour migrants are present'))).toBe(true);
    expect(texts).not.toContain('Russia and Kazakhstan seem to be the most endangered countries.');
  });
});
