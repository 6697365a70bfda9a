import { describe, expect, it } from 'vitest';
import { formatFromContent, parseImportedDocument, type ImportFormat } from '@/lib/domain/document-import';
import { DocumentFormatError } from '@/lib/domain/plain-text-import';

// Content any signed-in member can send to the import. Each hostile input is timed against an ordinary input of
// the same length: a linear parser takes about as long on both, a backtracking one takes seconds on the hostile
// one. The bound is generous (20 times the ordinary input, and never under 1.5 s) so a slow or busy machine
// does not fail it, while the quadratic versions took from 3 to over 20 seconds on these sizes.
const RATIO = 20;
const FLOOR_MS = 1500;

function millisecondsOf(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

// Runs the parse and swallows the refusal: a refused document is an answer too; only the time matters here.
function parseQuietly(format: ImportFormat, content: string): void {
  try {
    parseImportedDocument(format, content);
  } catch (error) {
    if (!(error instanceof DocumentFormatError)) throw error;
  }
}

function expectLinear(hostile: string, benign: string, run: (content: string) => unknown): void {
  expect(hostile.length).toBe(benign.length);
  run(benign);
  const benignMs = millisecondsOf(() => run(benign));
  const hostileMs = millisecondsOf(() => run(hostile));
  expect(hostileMs, `hostile input took ${hostileMs.toFixed(0)} ms, an ordinary one ${benignMs.toFixed(0)} ms`).toBeLessThan(
    Math.max(FLOOR_MS, RATIO * benignMs),
  );
}

// Pads `prefix + filler + suffix` with ordinary words so it is exactly `length` UTF-16 units long.
function ordinary(prefix: string, length: number, suffix = ''): string {
  const words = 'the river carries silt down to the delta every spring '.repeat(Math.ceil(length / 50));
  return `${prefix}${words.slice(0, length - prefix.length - suffix.length)}${suffix}`;
}

describe('document import on hostile input finishes quickly', () => {
  it('guesses the format of pasted text made of repeated `[^` without stalling', () => {
    const hostile = '[^'.repeat(60_000);
    expectLinear(hostile, ordinary('', hostile.length), formatFromContent);
  });

  it('imports Markdown made of repeated `[^` without stalling', () => {
    const hostile = `# Title\n\n${'[^'.repeat(40_000)}`;
    expectLinear(hostile, ordinary('# Title\n\n', hostile.length), (content) => parseQuietly('markdown', content));
  });

  it('imports plain text whose last line is `Notes` followed by a long run of spaces', () => {
    const head = 'Title\n\nA paragraph.\n\nNotes';
    const hostile = `${head}${' '.repeat(100_000)}x`;
    expectLinear(hostile, ordinary(head, hostile.length, 'x'), (content) => parseQuietly('text', content));
  });

  it('imports HTML whose list item id is a note prefix and a long run of digits', () => {
    const head = '<h1>Title</h1><p>Text.</p><ol><li id="fn';
    const tail = 'x">A note.</li></ol>';
    const hostile = `${head}${'1'.repeat(120_000)}${tail}`;
    expectLinear(hostile, `${head}${ordinary('', 120_000).replace(/\s/g, '-')}${tail}`, (content) => parseQuietly('html', content));
  });

  it('imports HTML whose note list item id is a long run of digits', () => {
    const head = '<h1>Title</h1><p>Text.</p><section class="footnotes"><ol><li id="';
    const tail = 'x">A note.</li></ol></section>';
    const hostile = `${head}${'1'.repeat(120_000)}${tail}`;
    expectLinear(hostile, `${head}${ordinary('', 120_000).replace(/\s/g, '-')}${tail}`, (content) => parseQuietly('html', content));
  });

  it('imports HTML whose link points at a fragment of a long run of digits', () => {
    const head = '<h1>Title</h1><p>Text<sup><a href="#';
    const tail = 'x">1</a></sup>.</p>';
    const hostile = `${head}${'1'.repeat(120_000)}${tail}`;
    expectLinear(hostile, `${head}${ordinary('', 120_000).replace(/\s/g, '-')}${tail}`, (content) => parseQuietly('html', content));
  });
});

describe('the hostile-input fixes keep what the parsers found before', () => {
  it('still guesses Markdown from a `[^label]` citation, and not from a `[^` without a closing bracket', () => {
    expect(formatFromContent('A claim.[^1]\n\n[^1]: Source.')).toBe('markdown');
    expect(formatFromContent('A claim[^[^note]')).toBe('markdown');
    expect(formatFromContent('x^2 and [^ y] and [^]')).toBe('text');
    expect(formatFromContent('[^'.repeat(10))).toBe('text');
  });

  it('still reads a `Notes` heading with spaces and a colon', () => {
    const { document } = parseImportedDocument('text', 'Title\n\nA claim.[1]\n\n  Notes :  \n1. The source.');
    expect(document.notes).toEqual([{ number: 1, text: 'The source.' }]);
    expect(document.text).not.toContain('Notes');
  });

  it('still ties HTML references to notes by the trailing number of their id', () => {
    const html =
      '<h1>T</h1><p>One<sup><a href="#fn:007">7</a></sup> two<a class="footnote-ref" href="#cite_note-12">12</a>.</p>' +
      '<ol><li id="fn:007">Seven.</li><li id="cite_note-12">Twelve.</li><li id="footnote-a2">Other.</li><li id="footnote-a2b">Kept.</li></ol>';
    const { document } = parseImportedDocument('html', html);
    expect(document.footnoteMarkers.map((marker) => marker.number)).toEqual([1, 2]);
    expect(document.notes).toEqual([
      { number: 1, text: 'Seven.' },
      { number: 2, text: 'Twelve.' },
    ]);
    expect(document.text).not.toContain('Other.');
    expect(document.text).toContain('Kept.');
  });
});
