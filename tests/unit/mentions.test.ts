import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainExcerpt } from '@/lib/domain/excerpts';
import { mentionedUserIds, mentionQueryAt, mentionsAsAnchors, mentionsAsText, mentionToken, renameMentions } from '@/lib/domain/mentions';

const ANA = '0f8fad5b-d9cb-469f-a165-70867728950e';
const BOB = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('mentions', () => {
  it('are stored by id and read with the current name, in the reader and in plain excerpts', () => {
    const body = `Ask ${mentionToken(ANA, 'Ana Old')} and ${mentionToken(BOB, 'Bob')}.`;
    expect(mentionedUserIds(body)).toEqual([ANA, BOB]);
    const renamed = renameMentions(body, new Map([[ANA, 'Ana New']]));
    expect(plainExcerpt(renamed)).toBe('Ask @Ana New and @Bob.');
    expect(mentionsAsAnchors(renamed)).toBe(`Ask [@Ana New](#mention-${ANA}) and [@Bob](#mention-${BOB}).`);
  });

  it('keep any name whole, whatever brackets, backslashes or markup it holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const token = mentionToken(ANA, name);
        expect(mentionedUserIds(`x ${token} y`)).toEqual([ANA]);
        expect(mentionsAsText(token)).toBe(`@${name.replace(/\s+/gu, ' ').trim()}`);
      }),
    );
  });

  it('a token with an id that is not a UUID is no mention', () => {
    expect(mentionedUserIds('@[Eve](user:not-an-id) @[Eve](javascript:alert(1))')).toEqual([]);
  });

  it('find the query being typed after an @ that starts a word, and none inside an address', () => {
    expect(mentionQueryAt('Hello @an', 9)).toEqual({ start: 6, query: 'an' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail me at a@b', 14)).toBeNull();
    expect(mentionQueryAt(`${mentionToken(ANA, 'Ana')} `, 50)).toBeNull();
  });
});
