import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseUnchanged, diffVersions } from '@/lib/domain/version-diff';

describe('comparing two versions word by word', () => {
  it('names the words a rewrite removed and added, and counts them', () => {
    const diff = diffVersions('Volumes doubled in two years.', 'Volumes tripled in three years.');
    expect(diff.parts).toEqual([
      { kind: 'same', text: 'Volumes ' },
      { kind: 'removed', text: 'doubled' },
      { kind: 'added', text: 'tripled' },
      { kind: 'same', text: ' in ' },
      { kind: 'removed', text: 'two' },
      { kind: 'added', text: 'three' },
      { kind: 'same', text: ' years.' },
    ]);
    expect([diff.wordsAdded, diff.wordsRemoved]).toEqual([2, 2]);
  });

  it('reads a rewritten phrase as what it was, then what it is, not word against word', () => {
    const diff = diffVersions('It said: volumes doubled in two years.', 'It said: nobody counts the trucks.');
    expect(diff.parts).toEqual([
      { kind: 'same', text: 'It said: ' },
      { kind: 'removed', text: 'volumes doubled in two years' },
      { kind: 'added', text: 'nobody counts the trucks' },
      { kind: 'same', text: '.' },
    ]);
  });

  it('finds nothing to show between a text and itself', () => {
    const diff = diffVersions('One text.\n\nTwo paragraphs.', 'One text.\n\nTwo paragraphs.');
    expect(diff.parts).toEqual([{ kind: 'same', text: 'One text.\n\nTwo paragraphs.' }]);
    expect([diff.wordsAdded, diff.wordsRemoved]).toEqual([0, 0]);
  });

  it('keeps every character: the shared and removed parts spell the older text, the shared and added ones the newer', () => {
    const words = fc.array(fc.constantFrom('Aktau', 'ferry', 'grain', 'rail', 'Łódź', '2017', ',', '.', ' ', '\n'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(words, words, (older, newer) => {
        const { parts } = diffVersions(older, newer);
        expect(parts.filter((part) => part.kind !== 'added').map((part) => part.text).join('')).toBe(older);
        expect(parts.filter((part) => part.kind !== 'removed').map((part) => part.text).join('')).toBe(newer);
      }),
    );
  });

  it('shortens a long unchanged stretch to its ends around a change, cutting between words', () => {
    const long = Array.from({ length: 200 }, (_, index) => `word${index}`).join(' ');
    const diff = diffVersions(`${long} old ending.`, `${long} new ending.`);
    const collapsed = collapseUnchanged(diff.parts, 40);
    expect(collapsed[0]).toMatchObject({ kind: 'gap' });
    const kept = collapsed[1];
    expect(kept?.kind).toBe('same');
    if (kept?.kind === 'same') expect(kept.text).toMatch(/^\sword\d+/u);
    expect(collapsed.some((part) => part.kind === 'removed' && part.text.includes('old'))).toBe(true);
  });
});
