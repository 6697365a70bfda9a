import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '@/lib/domain/sentences';
import { codePointLength, codePointSlice } from '@/lib/domain/text';

// The sentences of the whole of `text`, as strings.
function sentencesOf(text: string): string[] {
  return splitSentences(text, { start: 0, end: codePointLength(text) }).map((s) => codePointSlice(text, s.start, s.end));
}

describe('splitSentences: ordinary endings', () => {
  it.each([
    ['One claim. Another claim.', ['One claim.', 'Another claim.']],
    ['Is it growing? It is! Nobody doubts it.', ['Is it growing?', 'It is!', 'Nobody doubts it.']],
    ['Really?! Yes.', ['Really?!', 'Yes.']],
    ['First sentence.  Second after two spaces.', ['First sentence.', 'Second after two spaces.']],
    ['First line\ncontinues here. Second\u00a0one.', ['First line\ncontinues here.', 'Second\u00a0one.']],
    ['A paragraph ending without a full stop', ['A paragraph ending without a full stop']],
    ['It ended in 2004. 2005 was calmer.', ['It ended in 2004.', '2005 was calmer.']],
  ])('splits %j where a reader sees sentence ends', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });
});

describe('splitSentences: abbreviations', () => {
  it.each([
    ['States in the region, e.g. Uzbekistan, persecute them. Others do not.', ['States in the region, e.g. Uzbekistan, persecute them.', 'Others do not.']],
    ['Some states (e.g. Uzbekistan) persecute them harder.', ['Some states (e.g. Uzbekistan) persecute them harder.']],
    ['Salafism, i.e. The Authentic Path, grew. It spread.', ['Salafism, i.e. The Authentic Path, grew.', 'It spread.']],
    ['Mr. Smith met Dr. Jones in St. Petersburg. They talked.', ['Mr. Smith met Dr. Jones in St. Petersburg.', 'They talked.']],
    ['The U.S. Army and the U.K. Foreign Office met. Talks failed.', ['The U.S. Army and the U.K. Foreign Office met.', 'Talks failed.']],
    ['He moved to the U.S. Then he left.', ['He moved to the U.S.', 'Then he left.']],
    ['He moved to the U.S. “The talks failed,” he said.', ['He moved to the U.S.', '“The talks failed,” he said.']],
    ['A report by the UN. Security Council members disagreed. Call the UN. It answered.', ['A report by the UN. Security Council members disagreed.', 'Call the UN.', 'It answered.']],
    ['Russia vs. Turkey, approx. 300 fighters incl. Some veterans. Done.', ['Russia vs. Turkey, approx. 300 fighters incl. Some veterans.', 'Done.']],
    ['In Jan. 2016 and Feb. 2017 it rose. It fell in Dec. The year ended.', ['In Jan. 2016 and Feb. 2017 it rose.', 'It fell in Dec.', 'The year ended.']],
    ['See No. 5 on pp. 4–5 and p. 7, cf. Smith et al. 2010. Then read on.', ['See No. 5 on pp. 4–5 and p. 7, cf. Smith et al. 2010.', 'Then read on.']],
    ['It trained recruits, sold arms etc. The group grew.', ['It trained recruits, sold arms etc.', 'The group grew.']],
    // From the seed: an abbreviation closed by a bracket, then lowercase.
    ['subcontracting (training, combat actions etc.) on a commercial basis. Next.', ['subcontracting (training, combat actions etc.) on a commercial basis.', 'Next.']],
    ['The attack came at 5 p.m. Nobody expected it. It was over by 6 p.m. The city slept.', ['The attack came at 5 p.m. Nobody expected it.', 'It was over by 6 p.m.', 'The city slept.']],
  ])('keeps %j together where an abbreviation is not an ending', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  it('never starts a sentence with a lowercase word after an abbreviation-like token', () => {
    expect(sentencesOf('Support came from the UN. and the EU. Both helped.')).toEqual(['Support came from the UN. and the EU.', 'Both helped.']);
    expect(sentencesOf('Was it a plan? he asked. Nobody knew.')).toEqual(['Was it a plan? he asked.', 'Nobody knew.']);
    expect(sentencesOf('It ended. “the end” was near. Nobody knew.')).toEqual(['It ended. “the end” was near.', 'Nobody knew.']);
  });
});

describe('splitSentences: initials', () => {
  it('keeps initials with the surname they abbreviate', () => {
    expect(sentencesOf('J. R. R. Tolkien wrote it. A. Smith agreed.')).toEqual(['J. R. R. Tolkien wrote it.', 'A. Smith agreed.']);
    expect(sentencesOf('The study by J. A. Smith found it.')).toEqual(['The study by J. A. Smith found it.']);
  });

  it('ends a sentence at a capital letter when a usual sentence opener follows', () => {
    expect(sentencesOf('They called it Plan B. The plan failed.')).toEqual(['They called it Plan B.', 'The plan failed.']);
  });
});

describe('splitSentences: numbers', () => {
  it('does not split decimals, thousands separators or version numbers', () => {
    expect(sentencesOf('It grew 2.5 times to 1,000.5 units. Version 1.2.3 shipped.')).toEqual([
      'It grew 2.5 times to 1,000.5 units.',
      'Version 1.2.3 shipped.',
    ]);
  });

  it('ends a sentence after a number that closes it', () => {
    expect(sentencesOf('The count rose to 3. Then it fell.')).toEqual(['The count rose to 3.', 'Then it fell.']);
  });
});

describe('splitSentences: ellipses', () => {
  it.each([
    ['Wait... what happened? Nothing! Really.', ['Wait... what happened?', 'Nothing!', 'Really.']],
    ['He paused… Then he left.', ['He paused…', 'Then he left.']],
    ['The report says that […] Russia is weak. It is.', ['The report says that […] Russia is weak.', 'It is.']],
    ['He hesitated . . . then went on.', ['He hesitated . . . then went on.']],
  ])('treats the ellipsis in %j as an omission unless a new sentence clearly follows', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });
});

describe('splitSentences: quotes and brackets after the full stop', () => {
  it.each([
    ['He said "it ended." Next sentence.', ['He said "it ended."', 'Next sentence.']],
    ['It ended (as planned.) Next sentence.', ['It ended (as planned.)', 'Next sentence.']],
    ['She wrote: “It is over.” The war went on.', ['She wrote: “It is over.”', 'The war went on.']],
    ['He asked: “Why?” “Because,” she said.', ['He asked: “Why?”', '“Because,” she said.']],
    ['It ended. (A new phase began.) Then silence.', ['It ended.', '(A new phase began.)', 'Then silence.']],
  ])('keeps the closing mark with the sentence in %j', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });
});

describe('splitSentences: footnote markers', () => {
  it.each([
    ['The attack failed.[4] Next sentence.', ['The attack failed.[4]', 'Next sentence.']],
    ['The attack failed[4]. Next sentence.', ['The attack failed[4].', 'Next sentence.']],
    ['It joined the Islamic State (IS) [8], which fights. Next.', ['It joined the Islamic State (IS) [8], which fights.', 'Next.']],
    ['Kunduz in 2015) [12]. The next one.', ['Kunduz in 2015) [12].', 'The next one.']],
    ['He came. [5] Then he left.', ['He came. [5]', 'Then he left.']],
    ['Both ended.[4][5] Next. [6] [7] Last.', ['Both ended.[4][5]', 'Next. [6] [7]', 'Last.']],
    ['He said "it ended."[9] Next.', ['He said "it ended."[9]', 'Next.']],
    ['The US forces viewed them as dangerous[3]. However, the cases were thwarted[4]', ['The US forces viewed them as dangerous[3].', 'However, the cases were thwarted[4]']],
  ])('keeps the marker with the sentence it follows in %j', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });
});

describe('splitSentences: ranges and offsets', () => {
  it('returns code-point offsets into the whole text, counting an emoji once', () => {
    const text = '😀😀 Before. First one.[1] 𝒜 second one. After.';
    const start = text.indexOf('First') - 2; // two emoji, each two UTF-16 units
    const end = codePointLength(text.slice(0, text.indexOf(' After')));
    const sentences = splitSentences(text, { start: start - 1, end });
    expect(sentences).toEqual([
      { start, end: start + 13 },
      { start: start + 14, end },
    ]);
    expect(sentences.map((s) => codePointSlice(text, s.start, s.end))).toEqual(['First one.[1]', '𝒜 second one.']);
  });

  it('finds no sentence in an empty or blank range', () => {
    expect(splitSentences('Some text.', { start: 4, end: 4 })).toEqual([]);
    expect(splitSentences('  \n\u00a0 ', { start: 0, end: 5 })).toEqual([]);
  });

  it('rejects a range outside the text', () => {
    expect(() => splitSentences('Short.', { start: 2, end: 99 })).toThrow(RangeError);
    expect(() => splitSentences('Short.', { start: 3, end: 2 })).toThrow(RangeError);
  });
});

// Fragments that exercise every rule: endings, abbreviations, initials, numbers, markers, quotes, astral characters.
const fragment = fc.constantFrom(
  'The', 'the', 'Russia', 'it', 'A', 'I', 'J.', 'U.S.', 'e.g.', 'etc.', 'Mr.', 'St.', 'No.', 'al.', 'p.m.', '3.', '2.5', '1,000.5',
  '.', '?', '!', '?!', '...', '…', '[4]', '[12]', '"', '“', '”', '(', ')', '[', ']', '😀', '𝒜', 'é', ',', ';', '–',
);
const gap = fc.constantFrom('', ' ', ' ', '  ', '\n', '\u00a0', '\t');
const paragraphText = fc
  .array(fc.tuple(fragment, gap), { maxLength: 40 })
  .map((parts) => parts.map(([text, space]) => text + space).join(''));

describe('splitSentences: properties', () => {
  it('returns ordered, non-overlapping, trimmed sentences inside the range that cover all of its non-blank text', () => {
    fc.assert(
      fc.property(gap, paragraphText, gap, fc.constantFrom('', '😀 x. ', 'Before it. '), (leading, body, trailing, prefix) => {
        const text = `${prefix}${leading}${body}${trailing}${prefix}`;
        const start = codePointLength(prefix);
        const end = start + codePointLength(leading + body + trailing);
        const sentences = splitSentences(text, { start, end });
        const codePoints = Array.from(text);
        const covered = new Set<number>();
        let previousEnd = start;
        for (const sentence of sentences) {
          expect(sentence.start).toBeGreaterThanOrEqual(previousEnd);
          expect(sentence.end).toBeGreaterThan(sentence.start);
          expect(sentence.end).toBeLessThanOrEqual(end);
          expect(codePoints[sentence.start]).toMatch(/\S/);
          expect(codePoints[sentence.end - 1]).toMatch(/\S/);
          for (let i = sentence.start; i < sentence.end; i++) covered.add(i);
          previousEnd = sentence.end;
        }
        for (let i = start; i < end; i++) {
          if (/\S/.test(codePoints[i] ?? '')) expect(covered.has(i)).toBe(true);
        }
      }),
    );
  });

  it('never starts a sentence with a footnote marker or, after the first, with a lowercase letter', () => {
    fc.assert(
      fc.property(paragraphText, (text) => {
        const [, ...rest] = sentencesOf(text);
        for (const sentence of rest) {
          expect(sentence).not.toMatch(/^\[\d+\]/);
          expect(sentence).not.toMatch(/^["“(\[]*\p{Ll}/u);
        }
      }),
    );
  });

  const word = fc.constantFrom('The', 'It', 'Russia', 'Smith', 'forces', 'grew', 'in', '2015', '3', 'A', 'I', '[4]', '“Jihad”', '(IS)');
  const sentenceOfWords = fc.array(word, { minLength: 1, maxLength: 12 });

  it('never splits a sentence where an abbreviation like "e.g." is inserted between two words', () => {
    fc.assert(
      fc.property(
        sentenceOfWords,
        fc.nat(),
        fc.constantFrom('e.g.', 'i.e.', 'cf.', 'vs.', 'Mr.', 'Dr.', 'Prof.', 'approx.', 'incl.', 'E.g.'),
        (words, at, abbreviation) => {
          const position = at % (words.length + 1);
          const withAbbreviation = [...words.slice(0, position), abbreviation, ...words.slice(position)];
          const text = `It starts here. Then ${withAbbreviation.join(' ')}.`;
          expect(sentencesOf(text)).toEqual(['It starts here.', `Then ${withAbbreviation.join(' ')}.`]);
        },
      ),
    );
  });
});
