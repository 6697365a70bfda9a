import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TAG_LENGTH, MAX_TAGS_PER_ANNOTATION, normalizeTagName, tagLabel, validateTags } from '@/lib/domain/tags';

function failure(raw: string[]): string {
  const result = validateTags(raw);
  if (result.ok) throw new Error(`Expected ${JSON.stringify(raw)} to be refused`);
  return result.message;
}

describe('normalizeTagName', () => {
  it('treats Actor:IMU, actor:imu and " actor : IMU " as one tag', () => {
    expect(normalizeTagName('Actor:IMU')).toBe('actor:imu');
    expect(normalizeTagName('actor:imu')).toBe('actor:imu');
    expect(normalizeTagName(' actor : IMU ')).toBe('actor:imu');
  });

  it('trims and collapses spaces, tabs and no-break spaces inside a tag', () => {
    expect(normalizeTagName('  Disputed \u00a0  claim ')).toBe('disputed claim');
  });

  it('treats an accent typed as one character or as two as the same tag', () => {
    expect(normalizeTagName('Pr\u00e9diction')).toBe(normalizeTagName('Pre\u0301diction'));
    expect(normalizeTagName('Pre\u0301diction')).toBe('pr\u00e9diction');
  });

  it('lower-cases capital I with a dot without leaving a loose combining mark', () => {
    expect(normalizeTagName('İzmir')).toBe('i\u0307zmir'.normalize('NFC'));
    expect(normalizeTagName('İzmir').normalize('NFC')).toBe(normalizeTagName('İzmir'));
  });

  it('keeps the case people typed for display', () => {
    expect(tagLabel('  actor :  IMU ')).toBe('actor:IMU');
  });

  it('changes nothing when applied twice', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', ':', '\u00a0', 'e\u0301', 'İ', 'ß', '😀') }), (raw) => {
        const once = normalizeTagName(raw);
        expect(normalizeTagName(once)).toBe(once);
        expect(once).toBe(once.trim());
      }),
    );
  });
});

describe('validateTags', () => {
  it('accepts a vocabulary of claim tags and returns them normalised in the order typed', () => {
    expect(validateTags(['Claim', 'statistic', 'actor:IMU'])).toEqual({ ok: true, tags: ['claim', 'statistic', 'actor:imu'], labels: ['Claim', 'statistic', 'actor:IMU'] });
  });

  it('merges tags that differ only in case or spacing, keeping the first spelling as the label', () => {
    expect(validateTags(['actor:IMU', 'Actor:imu', 'actor : IMU'])).toEqual({ ok: true, tags: ['actor:imu'], labels: ['actor:IMU'] });
  });

  it('accepts no tags at all', () => {
    expect(validateTags([])).toEqual({ ok: true, tags: [], labels: [] });
  });

  it('refuses a tag longer than 40 characters and quotes it', () => {
    const long = 'a'.repeat(MAX_TAG_LENGTH + 1);
    expect(failure(['claim', long])).toBe(`A tag can be at most 40 characters: "${long}" has 41. Shorten it, or put the detail in the comment.`);
  });

  it('counts an emoji as one character towards the 40', () => {
    expect(validateTags(['😀'.repeat(MAX_TAG_LENGTH)])).toMatchObject({ ok: true });
    expect(failure(['😀'.repeat(MAX_TAG_LENGTH + 1)])).toMatch(/at most 40 characters/);
  });

  it('shortens a pasted paragraph in the message', () => {
    expect(failure(['word '.repeat(100)]).length).toBeLessThan(200);
  });

  it('refuses an empty or blank tag and says which one', () => {
    expect(failure(['claim', '   '])).toBe('Tag 2 of 2 is empty: type a name or remove it.');
    expect(failure([''])).toMatch(/Tag 1 of 1 is empty/);
  });

  it('refuses line breaks, tabs and other control characters, showing where they are', () => {
    expect(failure(['two\nlines'])).toBe('A tag cannot contain line breaks, tabs or other control characters: "two\\nlines". Type each tag on one line.');
    expect(failure(['tab\there'])).toMatch(/"tab\\there"/);
    expect(failure(['bell\u0007'])).toMatch(/"bell\\u\{7\}"/);
    expect(failure(['c1\u0085control'])).toMatch(/\\u\{85\}/);
  });

  it('refuses more than 20 different tags, counting duplicates once', () => {
    const tags = Array.from({ length: MAX_TAGS_PER_ANNOTATION + 1 }, (_, i) => `tag-${i}`);
    expect(failure(tags)).toBe('An annotation can have at most 20 tags, and this one has 21. Remove 1.');
    expect(validateTags([...tags.slice(0, MAX_TAGS_PER_ANNOTATION), 'TAG-0', ' tag-1 '])).toMatchObject({ ok: true });
  });

  it('returns only unique names of 1 to 40 characters without control characters', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'A', ' ', ':', '\n', '\u0085', 'é', '😀'), maxLength: 45 }), { maxLength: 25 }), (raw) => {
        const result = validateTags(raw);
        if (!result.ok) {
          expect(result.message.length).toBeGreaterThan(0);
          return;
        }
        expect(new Set(result.tags).size).toBe(result.tags.length);
        expect(result.tags.length).toBeLessThanOrEqual(MAX_TAGS_PER_ANNOTATION);
        for (const tag of result.tags) {
          expect(Array.from(tag).length).toBeGreaterThanOrEqual(1);
          expect(Array.from(tag).length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
          expect(tag).not.toMatch(/\p{Cc}/u);
          expect(tag).toBe(normalizeTagName(tag));
        }
        expect(result.labels.map(normalizeTagName)).toEqual(result.tags);
      }),
    );
  });
});
