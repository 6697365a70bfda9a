import { describe, expect, it } from 'vitest';
import { paletteColourFor } from '@/lib/domain/colours';
import { highlightColourOf, highlightLegend, PLAIN_HIGHLIGHT_COLOUR } from '@/lib/domain/highlight-colours';

const claim = { label: 'claim', colour: '#ffe08a' };
const statistic = { label: 'statistic', colour: '#bcd7ff' };
const byAna = { authorId: 'ana', authorName: 'Ana', tags: [statistic, claim] };
const byBo = { authorId: 'bo', authorName: 'Bo', tags: [] };

describe('highlight colours', () => {
  it('take the first tag in the workspace’s order when colouring by tag, and the plain colour when untagged', () => {
    expect(highlightColourOf(byAna, 'TAG')).toBe('#bcd7ff');
    expect(highlightColourOf(byBo, 'TAG')).toBe(PLAIN_HIGHLIGHT_COLOUR);
  });

  it('take the author’s colour, or one plain colour for all', () => {
    expect(highlightColourOf(byAna, 'AUTHOR')).toBe(paletteColourFor('ana'));
    expect(highlightColourOf(byAna, 'NONE')).toBe(PLAIN_HIGHLIGHT_COLOUR);
  });

  it('are named in a legend: each deciding tag once, then Untagged; each author; nothing when all are plain', () => {
    expect(highlightLegend([byAna, byBo, { ...byAna, authorId: 'cy' }], 'TAG')).toEqual([statistic, { label: 'Untagged', colour: PLAIN_HIGHLIGHT_COLOUR }]);
    expect(highlightLegend([byBo, byAna, byAna], 'AUTHOR')).toEqual([
      { label: 'Ana', colour: paletteColourFor('ana') },
      { label: 'Bo', colour: paletteColourFor('bo') },
    ]);
    expect(highlightLegend([byAna, byBo], 'NONE')).toEqual([]);
  });
});
