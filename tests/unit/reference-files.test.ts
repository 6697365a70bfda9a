import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectReferenceFormat, splitBibtex, splitRis } from '@/lib/domain/reference-files';

describe('splitting reference files into entries', () => {
  it('splits BibTeX by entry, keeps @string macros before each, drops comments, and confines an unclosed entry', () => {
    const file = '@string{osw = "OSW"}\n@comment{ignore me}\n@book{a, title = {A {nested} title}, publisher = osw}\n@misc{broken, title = {never closed,\n@article{b, title = "B"}\n';
    const entries = splitBibtex(file);
    expect(entries.map((entry) => entry.name)).toEqual(['a', 'broken', 'b']);
    expect(entries[0]?.text).toBe('@string{osw = "OSW"}\n@book{a, title = {A {nested} title}, publisher = osw}');
    expect(entries[1]?.text).not.toContain('@article');
    expect(entries[2]?.text.endsWith('@article{b, title = "B"}')).toBe(true);
  });

  it('splits RIS by record, naming each by its title', () => {
    const records = splitRis('TY  - BOOK\r\nTI  - First\r\nER  - \r\nTY  - JOUR\r\nT1  - Second\r\nER  -\r\nTY  - RPRT\r\nAU  - Nobody\r\n');
    expect(records.map((record) => record.name)).toEqual(['First', 'Second', 'record 3']);
    expect(records[2]?.text).toMatch(/ER {2}- \n$/u);
  });

  it('detects the format from the text', () => {
    expect(detectReferenceFormat('  [{"title": "x"}]')).toBe('csl-json');
    expect(detectReferenceFormat('TY  - BOOK\nER  - \n')).toBe('ris');
    expect(detectReferenceFormat('% a comment\n@book{a, title={x}}')).toBe('bibtex');
    expect(detectReferenceFormat('plain words')).toBeNull();
  });

  it('never throws and never loses an entry start, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('@book{k,', '@string{s = "x"}', '{', '}', '\n', 'title = {x}', '@comment{', 'TY  - BOOK\n', 'ER  - \n'), fc.string()), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        for (const entry of splitBibtex(text)) expect(entry.text.length).toBeGreaterThan(0);
        for (const record of splitRis(text)) expect(record.name.length).toBeGreaterThan(0);
      }),
    );
  });
});
