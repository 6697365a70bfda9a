import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainExcerpt, plainExcerptKeepingMentions, plainQuote } from '@/lib/domain/excerpts';
import { mentionsAsText } from '@/lib/domain/mentions';

describe('plainExcerpt', () => {
  it('shows bold, italic and code as their words', () => {
    expect(plainExcerpt('The **IMU** is *not* the `ETIM`.')).toBe('The IMU is not the ETIM.');
  });

  it('keeps a link’s text and drops its address', () => {
    expect(plainExcerpt('See [OSW](https://www.osw.waw.pl/en) and <https://example.org>.')).toBe('See OSW and https://example.org.');
  });

  it('puts one space between paragraphs, list items and quotes', () => {
    expect(plainExcerpt('# Heading\n\nFirst paragraph.\n\n- one\n- two\n\n> quoted')).toBe('Heading First paragraph. one two quoted');
  });

  it('leaves raw HTML out and keeps an image’s description', () => {
    expect(plainExcerpt('Before <b>bold</b> ![a chart](https://example.org/c.png) after')).toBe('Before bold a chart after');
  });

  it('keeps emoji, flags and joined emoji sequences whole', () => {
    expect(plainExcerpt('Agreed 👍🏽 **really** 🇵🇱 👩‍👩‍👧')).toBe('Agreed 👍🏽 really 🇵🇱 👩‍👩‍👧');
  });

  it('cuts long comments with an ellipsis and never splits an emoji', () => {
    expect(plainExcerpt('**word** '.repeat(50), 20)).toBe('word word word word…');
    expect(plainExcerpt('abc😀def', 4)).toBe('abc😀…');
  });

  it('never shows the Markdown emphasis or link syntax of ordinary words', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/u), { minLength: 1, maxLength: 8 }), (words) => {
        const markdown = words.map((word, index) => (index % 3 === 0 ? `**${word}**` : index % 3 === 1 ? `[${word}](https://example.org/${word})` : `_${word}_`)).join(' ');
        expect(plainExcerpt(markdown)).toBe(words.join(' '));
      }),
    );
  });
});

describe('plainQuote', () => {
  it('removes the footnote markers from a quote', () => {
    expect(plainQuote('About 4,000 fighters left.[2] Others stayed [13] at home.')).toBe('About 4,000 fighters left. Others stayed at home.');
  });

  it('keeps brackets that are not footnote markers, and emoji', () => {
    expect(plainQuote('the [sic] figure 😀 [a]')).toBe('the [sic] figure 😀 [a]');
  });
});

describe('plainExcerptKeepingMentions', () => {
  const id = '0b5c8f2e-6d1a-4c3b-9e7f-1a2b3c4d5e6f';
  const mention = `@[Ada *Lovelace*](user:${id})`;

  it('flattens the Markdown around a mention but keeps the mention as its token', () => {
    expect(plainExcerptKeepingMentions(`**Ask** ${mention} _now_.`)).toBe(`Ask ${mention} now.`);
    expect(mentionsAsText(plainExcerptKeepingMentions(`Ask ${mention}.`))).toBe('Ask @Ada *Lovelace*.');
  });

  it('counts a mention as the name it reads as, and never cuts one in two', () => {
    // "Ask " (4) + "@Ada *Lovelace*" (15) = 19 code points.
    expect(plainExcerptKeepingMentions(`Ask ${mention} about it`, 19)).toBe(`Ask ${mention}…`);
    expect(plainExcerptKeepingMentions(`Ask ${mention} about it`, 10)).toBe('Ask…');
    expect(plainExcerptKeepingMentions(`Ask ${mention}`, 19)).toBe(`Ask ${mention}`);
  });

  it('reads like plainExcerpt when there is no mention, even with the characters it marks mentions with', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 40 }), (text, max) => {
      const cleaned = text.replace(/[\uE000\uE001]/gu, '');
      expect(plainExcerptKeepingMentions(text, max)).toBe(plainExcerpt(cleaned, max));
    }));
  });
});
