import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatFromContent,
  formatFromFileName,
  formatFromMediaType,
  IMPORT_FORMATS,
  parseImportedDocument,
  previewOf,
  type ImportFormat,
} from '@/lib/domain/document-import';
import { parseHtmlDocument } from '@/lib/domain/html-import';
import { parseMarkdownDocument } from '@/lib/domain/markdown-import';
import { DocumentFormatError, parsePlainTextArticle, type ParsedDocument } from '@/lib/domain/plain-text-import';
import { codePointLength, codePointSlice } from '@/lib/domain/text';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url), 'utf8');

const slice = (doc: ParsedDocument, range: { start: number; end: number }): string => codePointSlice(doc.text, range.start, range.end);

const noteOf = (doc: ParsedDocument, number: number): string | undefined => doc.notes?.find((note) => note.number === number)?.text;

// What every imported document must satisfy, whatever its format.
function expectConsistent(doc: ParsedDocument): void {
  const length = codePointLength(doc.text);
  expect(doc.text.normalize('NFC')).toBe(doc.text);
  expect(doc.paragraphs.length).toBeGreaterThan(0);
  for (const paragraph of doc.paragraphs) {
    expect(0 <= paragraph.start && paragraph.start < paragraph.end && paragraph.end <= length).toBe(true);
    const content = slice(doc, paragraph);
    expect(content.trim()).toBe(content);
    expect(content).not.toContain('\n\n');
  }
  for (const section of doc.sections) {
    expect(0 <= section.start && section.start <= section.end && section.end <= length).toBe(true);
    if (section.heading !== null && section.headingStart !== null && section.headingEnd !== null) {
      expect(slice(doc, { start: section.headingStart, end: section.headingEnd })).toBe(section.heading);
    }
  }
  const numbers = new Set<number>();
  for (const marker of doc.footnoteMarkers) {
    expect(slice(doc, marker)).toBe(`[${marker.number}]`);
    const paragraph = doc.paragraphs[marker.paragraphOrdinal - 1];
    expect(paragraph && paragraph.start <= marker.start && marker.end <= paragraph.end).toBe(true);
    // The store keeps one footnote per number.
    expect(numbers.has(marker.number)).toBe(false);
    numbers.add(marker.number);
  }
  for (const note of doc.notes ?? []) expect(numbers.has(note.number)).toBe(true);
}

describe('Markdown import', () => {
  const { document: doc, removedMarkup } = parseMarkdownDocument(fixture('water-and-power.md'));

  it('takes the title from the first top-level heading, flattening its formatting', () => {
    expect(doc.title).toBe('Water and Power in Central Asia');
    expect(doc.text.startsWith('Water and Power in Central Asia\n\n')).toBe(true);
  });

  it('turns headings into sections and paragraphs, list items and quotes into paragraphs', () => {
    expect(doc.sections.map((section) => section.heading)).toEqual(['Who controls the rivers', 'What comes next']);
    expect(doc.sections.map((section) => section.slug)).toEqual(['who-controls-the-rivers', 'what-comes-next']);
    const paragraphs = doc.paragraphs.map((paragraph) => slice(doc, paragraph));
    expect(paragraphs).toEqual([
      "The Amu Darya feeds two thirds of the region's irrigated land.[1] Upstream dams change that balance every spring, and the downstream states know it.[2]",
      "Tajikistan's Rogun dam, once finished, will be the tallest in the world.[3] Uzbekistan dropped its objections in 2018.[1]",
      'Kyrgyzstan sells summer electricity to Kazakhstan.',
      'Turkmenistan draws the Karakum canal from the Amu Darya.[4]',
      "Water is the region's oldest diplomatic currency.",
      'A treaty is unlikely before 2030.[5] Inline markup is flattened.',
    ]);
    expect(doc.paragraphs.map((paragraph) => paragraph.sectionOrdinal)).toEqual([null, 1, 1, 1, 1, 2]);
  });

  it('numbers notes by first citation, fills their texts from the definitions and leaves a cited-but-undefined note empty', () => {
    expect(doc.footnoteMarkers.map((marker) => marker.number)).toEqual([1, 2, 3, 4, 5]);
    expect(noteOf(doc, 1)).toBe('UN-Water, Transboundary Waters Fact Sheet (2021), p. 4.');
    expect(noteOf(doc, 2)).toBe('See the ICG report of 2014, chapter 3.');
    expect(noteOf(doc, 4)).toBe('Zonn, The Karakum Canal, 2012.');
    expect(noteOf(doc, 5)).toBeUndefined();
    expect(doc.notes).toHaveLength(4);
    expect(removedMarkup).toBe(2);
    expectConsistent(doc);
  });

  it('uses the title given in the form when the text has no top-level heading', () => {
    const parsed = parseMarkdownDocument('Just a paragraph.[^1]\n\n[^1]: The note.', { title: 'Given title' }).document;
    expect(parsed.title).toBe('Given title');
    expect(noteOf(parsed, 1)).toBe('The note.');
  });

  it('refuses a document with no title, and one with no text after its title', () => {
    expect(() => parseMarkdownDocument('Only a paragraph.')).toThrow(/no title/);
    expect(() => parseMarkdownDocument('# Title only\n\n<script>alert(1)</script>')).toThrow(/no readable text/);
  });

  it('keeps the text inside inline script and style tags out of the document', () => {
    const parsed = parseMarkdownDocument('# T\n\nBefore <script>alert("x")</script> after.[^1]\n\n[^1]: Note <style>p{}</style>text.').document;
    expect(parsed.text).not.toContain('alert');
    expect(slice(parsed, parsed.paragraphs[0]!)).toBe('Before after.[1]');
    expect(noteOf(parsed, 1)).toBe('Note text.');
  });
});

describe('plain-text import with a Notes section', () => {
  const { document: doc, notesWithoutMarker } = parsePlainTextArticle(fixture('moscow-memo.txt'));

  it('reads `1. text`, `[2] text` and `3 text` lines as note texts, continuation lines included', () => {
    expect(noteOf(doc, 1)).toBe('Interview with a Russian diplomat, Astana, May 2023.');
    expect(noteOf(doc, 2)).toBe('Ministry of Finance, annual report 2023, p. 17.');
    expect(noteOf(doc, 3)).toBe('Rosstat, foreign trade statistics.');
    expect(notesWithoutMarker).toEqual([]);
  });

  it('removes the Notes section from the body', () => {
    expect(doc.text).not.toMatch(/Notes|Rosstat/);
    expect(doc.sections.map((section) => section.heading)).toEqual(['Economic ties']);
    expectConsistent(doc);
  });

  it('leaves a section called Notes alone when its lines are not notes', () => {
    const parsed = parsePlainTextArticle('Title\n\nBody.[1]\n\n\nNotes\n\nThese are my working notes, not footnotes.').document;
    expect(parsed.sections.map((section) => section.heading)).toEqual(['Notes']);
    expect(parsed.notes).toEqual([]);
  });

  it('keeps only the first place of a marker cited twice, so each note has one place', () => {
    const parsed = parsePlainTextArticle('Title\n\nOne.[1] Again.[1]\n\nNotes\n\n1. The note.').document;
    expect(parsed.footnoteMarkers.map((marker) => marker.start)).toEqual([11]);
    expect(noteOf(parsed, 1)).toBe('The note.');
  });
});

describe('HTML import', () => {
  const { document: doc, removed } = parseHtmlDocument(fixture('hostile-article.html'));

  it('keeps the text structure: title, sections, paragraphs, list items', () => {
    expect(doc.title).toBe('Sanctions and Smuggling');
    expect(doc.sections.map((section) => section.heading)).toEqual(['The routes']);
    expect(doc.paragraphs.map((paragraph) => slice(doc, paragraph))).toEqual([
      'Re-export trade through Kyrgyzstan grew fivefold.[1]',
      'Read the leaked memo for more.',
      'Trucks cross at Torugart.[2]',
      'Electronics',
      'Car parts [3]',
    ]);
  });

  it('reads footnote references and the footnotes section into markers and note texts, without back links', () => {
    expect(noteOf(doc, 1)).toBe('Kyrgyz customs data, 2023.');
    expect(noteOf(doc, 2)).toBe('Field notes, Naryn, 2023.');
    expect(noteOf(doc, 3)).toBe('Comtrade mirror statistics.');
    expectConsistent(doc);
  });

  it('drops scripts, styles, frames, event handlers and javascript: links, and counts them', () => {
    const stored = JSON.stringify(doc);
    for (const forbidden of ['<script', 'alert', 'onerror', 'onload', 'javascript:', 'injected', 'steal', 'Home']) {
      expect(stored).not.toContain(forbidden);
    }
    expect(removed).toEqual({ elements: 5, eventHandlers: 4, scriptUrls: 1 });
  });

  it('falls back to the page title when there is no h1', () => {
    expect(parseHtmlDocument('<title>Page title</title><p>Text.</p>').document.title).toBe('Page title');
  });

  it('refuses a page with no readable text', () => {
    expect(() => parseHtmlDocument('<h1>Title</h1><script>alert(1)</script><img src=x onerror=alert(1)>')).toThrow(DocumentFormatError);
  });
});

describe('a document holding a NUL character (U+0000)', () => {
  it.each<[ImportFormat, string, number]>([
    ['text', 'Title\n\nA paragraph\u0000 with a NUL.', 3],
    ['text', 'Tit\u0000le\n\nA paragraph.', 1],
    ['markdown', '# Title\n\nA paragraph.\n\n```\ncode\u0000\n```', 6],
    ['html', '<h1>Title</h1>\n<pre>code\u0000</pre>', 2],
  ])('is refused as %s, naming the line, instead of failing when stored', (format, content, line) => {
    expect(() => parseImportedDocument(format, content)).toThrow(DocumentFormatError);
    expect(() => parseImportedDocument(format, content)).toThrow(`The document contains a NUL character (U+0000) on line ${line}`);
  });

  it('is refused when the file was saved as UTF-16, suggesting UTF-8', () => {
    const utf16AsUtf8 = new TextDecoder().decode(new Uint8Array(Buffer.from('# Title\n\nA paragraph.', 'utf16le')));
    expect(() => parseImportedDocument('markdown', utf16AsUtf8)).toThrow(/UTF-16; save it as UTF-8/);
  });
});

describe('format detection and preview', () => {
  it('detects the format from the extension, the media type or the content', () => {
    expect(formatFromFileName('notes.MD')).toBe('markdown');
    expect(formatFromFileName('page.htm')).toBe('html');
    expect(formatFromFileName('memo.txt')).toBe('text');
    expect(formatFromFileName('report.pdf')).toBeNull();
    expect(formatFromMediaType('text/markdown; charset=utf-8')).toBe('markdown');
    expect(formatFromMediaType('application/pdf')).toBeNull();
    expect(formatFromContent('<!DOCTYPE html><html>')).toBe('html');
    expect(formatFromContent('# Title\n\nText[^1]')).toBe('markdown');
    expect(formatFromContent('Title\n\nText.[1]')).toBe('text');
  });

  it('previews counts, notes without text and the removed markup', () => {
    const preview = previewOf(parseImportedDocument('markdown', fixture('water-and-power.md')));
    expect(preview).toMatchObject({ title: 'Water and Power in Central Asia', paragraphCount: 6, noteCount: 4, markerCount: 5, markersWithoutNotes: [5], removedMarkup: 2 });
    expect(preview.sections).toEqual(['Who controls the rivers', 'What comes next']);
    expect(preview.firstParagraphs).toHaveLength(3);
  });
});

describe('import properties', () => {
  const word = fc.constantFrom('word', 'café', 'cafe\u0301', '\u0301', '😀', '漢字', '[1]', '[^a]', '[^b]', '<b>', '</b>', '<script>', '*', '_', '\\', '`', '#', '&amp;', '<sup><a href="#fn1">1</a></sup>');
  const line = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
  const prefix = fc.constantFrom('', '# ', '## ', '- ', '> ', '1. ', '[^a]: ', '[^b]: ', '<p>', '<h2>', '<li id="fn1">', 'Notes', '[1] ');
  const documentText = fc.array(fc.tuple(prefix, line, fc.constantFrom('\n', '\n\n', '\n\n\n')), { maxLength: 12 }).map((lines) =>
    lines.map(([start, text, end]) => start + text + end).join(''),
  );

  it('offsets stay inside the text, markers cover [N] exactly, and the only failure is DocumentFormatError', () => {
    fc.assert(
      fc.property(fc.constantFrom<ImportFormat>(...IMPORT_FORMATS), fc.oneof(documentText, fc.string({ unit: 'grapheme' })), (format, content) => {
        try {
          expectConsistent(parseImportedDocument(format, content, { title: 'Fallback' }).document);
        } catch (error) {
          if (!(error instanceof DocumentFormatError)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });
});
