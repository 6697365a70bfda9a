import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START, parseSearchQuery, splitSnippet } from '@/lib/domain/search-query';

describe('search queries', () => {
  it('separates Hypothesis-style operators from the free text', () => {
    expect(parseSearchQuery('volunteers tag:Statistic user:lena quote:"2 and 5 thousand" Syria')).toEqual({
      text: 'volunteers Syria',
      tags: ['statistic'],
      users: ['lena'],
      quotes: ['2 and 5 thousand'],
    });
  });

  it('keeps websearch syntax, accents and emoji as free text', () => {
    expect(parseSearchQuery('"Islamic State" -Iraq OR Kyrgyzstan émigrés 🙂').text).toBe('"Islamic State" -Iraq OR Kyrgyzstan émigrés 🙂');
  });

  it('reads a namespaced tag and an unterminated quoted value', () => {
    expect(parseSearchQuery('tag:actor:IMU quote:"half open')).toMatchObject({ tags: ['actor:imu'], quotes: ['half open'], text: '' });
  });

  it('never throws and never leaves control characters in the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        const query = parseSearchQuery(raw);
        expect(/\p{Cc}/u.test(query.text)).toBe(false);
      }),
    );
  });

  it('splits a highlighted snippet into plain text and matches', () => {
    expect(splitSnippet(`left ${MATCH_START}Syria${MATCH_END} and ${MATCH_START}Iraq${MATCH_END}`)).toEqual([
      { text: 'left ', isMatch: false },
      { text: 'Syria', isMatch: true },
      { text: ' and ', isMatch: false },
      { text: 'Iraq', isMatch: true },
    ]);
  });
});
