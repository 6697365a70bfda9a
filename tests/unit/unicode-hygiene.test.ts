import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeLinkTarget, neutraliseUnsafeLinks } from '@/lib/domain/markdown-links';
import { normalizeTagName, validateTags } from '@/lib/domain/tags';
import { findForbiddenCharacter, findLoneSurrogateInJson } from '@/lib/domain/unicode';

describe('forbidden characters', () => {
  it('finds unpaired surrogates and bidi controls everywhere, invisible characters only in names', () => {
    expect(findForbiddenCharacter('a\uD800b', { isName: false })).toBe('\uD800');
    expect(findForbiddenCharacter('a\uDC00', { isName: false })).toBe('\uDC00');
    expect(findForbiddenCharacter('😀 paired', { isName: true })).toBeNull();
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(findForbiddenCharacter(`x${control}y`, { isName: false })).toBe(control);
    }
    expect(findForbiddenCharacter('a\u200Bb', { isName: false })).toBeNull();
    expect(findForbiddenCharacter('a\u200Bb', { isName: true })).toBe('\u200B');
  });

  it('keeps joiners between letters and inside emoji, but not at the edges', () => {
    expect(findForbiddenCharacter('می\u200Cخواهم', { isName: true })).toBeNull();
    expect(findForbiddenCharacter('👩\u200D💻', { isName: true })).toBeNull();
    expect(findForbiddenCharacter('❤️ love', { isName: true })).toBeNull();
    expect(findForbiddenCharacter('\u200Dlead', { isName: true })).toBe('\u200D');
    expect(findForbiddenCharacter('a \u200C b', { isName: true })).toBe('\u200C');
  });

  it('finds a lone surrogate in JSON keys and nested values', () => {
    expect(findLoneSurrogateInJson(JSON.parse('{"a":[1,{"b":"\\ud800"}]}'))).toBe('\uD800');
    expect(findLoneSurrogateInJson(JSON.parse('{"\\udfff":1}'))).toBe('\uDFFF');
    expect(findLoneSurrogateInJson({ fine: ['😀', null, 3] })).toBeNull();
  });
});

describe('tags', () => {
  it('fold compatibility forms and case, so look-alikes are one tag', () => {
    expect(normalizeTagName('ＳＴＲＡＳＳＥ')).toBe(normalizeTagName('Straße'));
    expect(normalizeTagName('ﬁnance')).toBe('finance');
    expect(validateTags(['ab', 'AB', 'ａｂ'])).toMatchObject({ ok: true, tags: ['ab'] });
  });

  it('never let an invisible character make two tags that look the same', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom('\u200B', '\u2060', '\uFEFF', '\u00AD', '\u202E'), fc.nat(10), (text, invisible, at) => {
        const position = Math.min(at, text.length);
        const result = validateTags([`${text.slice(0, position)}${invisible}${text.slice(position)}`]);
        return !result.ok;
      }),
    );
  });
});

describe('link targets in exported Markdown', () => {
  it('allows http(s), mailto and relative targets only, however the scheme is spelled', () => {
    for (const safe of ['https://example.org', 'HTTP://x', 'mailto:a@b.c', '#fn-1', '/documents/x', 'page.html', '?q=1']) expect(isSafeLinkTarget(safe), safe).toBe(true);
    for (const unsafe of ['javascript:alert(1)', 'JavaScript:x', ' java\tscript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '\u0001javascript:x']) {
      expect(isSafeLinkTarget(unsafe), unsafe).toBe(false);
    }
  });

  it('turns an unsafe link into its text and leaves safe ones as written', () => {
    expect(neutraliseUnsafeLinks('[a](https://x.org) and [b](javascript:alert(1)) and ![c](data:x)')).toBe('[a](https://x.org) and b and c');
    expect(neutraliseUnsafeLinks('[ref][r]\n\n[r]: vbscript:x')).toBe('[ref][r]\n\n\\[r\\]: vbscript:x');
  });
});
