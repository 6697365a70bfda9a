import { describe, expect, it } from 'vitest';
import { ifMatchHolds, ifNoneMatchHolds, parseEntityTagList, strongEtagOf, strongMatch, weakMatch } from '@/lib/http/etag';

// RFC 9110 §8.8.3.2's comparison table, and the conditional requests of §13.1.1 and §13.1.2.

describe('entity tags', () => {
  it('compares as RFC 9110 §8.8.3.2 says: strong needs two strong tags, weak only the same opaque value', () => {
    const tag = (weak: boolean, opaque: string) => ({ weak, opaque: `"${opaque}"` });
    const rows: Array<[ReturnType<typeof tag>, ReturnType<typeof tag>, boolean, boolean]> = [
      [tag(true, '1'), tag(true, '1'), false, true],
      [tag(true, '1'), tag(true, '2'), false, false],
      [tag(true, '1'), tag(false, '1'), false, true],
      [tag(false, '1'), tag(false, '1'), true, true],
    ];
    for (const [a, b, strong, weak] of rows) expect([strongMatch(a, b), weakMatch(a, b)]).toEqual([strong, weak]);
  });

  it('reads lists, with commas inside opaque values, and drops what is not a tag', () => {
    expect(parseEntityTagList('"a,b", W/"c", nonsense')).toEqual([
      { weak: false, opaque: '"a,b"' },
      { weak: true, opaque: '"c"' },
    ]);
    expect(parseEntityTagList(' * ')).toBe('*');
    expect(parseEntityTagList(null)).toBeNull();
  });

  it('If-Match holds only for a strong match or *, and never for a resource that is not there', () => {
    expect(ifMatchHolds(null, '"x"')).toBe(true);
    expect(ifMatchHolds('"x"', '"x"')).toBe(true);
    expect(ifMatchHolds('W/"x"', '"x"')).toBe(false);
    expect(ifMatchHolds('"y", "x"', '"x"')).toBe(true);
    expect(ifMatchHolds('*', '"x"')).toBe(true);
    expect(ifMatchHolds('*', null)).toBe(false);
  });

  it('If-None-Match fails (304 for a read) on a weak match or on * for a resource that is there', () => {
    expect(ifNoneMatchHolds('W/"x"', '"x"')).toBe(false);
    expect(ifNoneMatchHolds('"x"', 'W/"x"')).toBe(false);
    expect(ifNoneMatchHolds('"y"', '"x"')).toBe(true);
    expect(ifNoneMatchHolds('*', '"x"')).toBe(false);
    expect(ifNoneMatchHolds('*', null)).toBe(true);
  });

  it('gives the same bytes the same strong tag, and other bytes another', () => {
    expect(strongEtagOf('{"a":1}')).toBe(strongEtagOf('{"a":1}'));
    expect(strongEtagOf('{"a":1}')).not.toBe(strongEtagOf('{"a":2}'));
    expect(strongEtagOf('x')).toMatch(/^"[A-Za-z0-9_-]+"$/u);
  });
});
