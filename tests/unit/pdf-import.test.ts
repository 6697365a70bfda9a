import { describe, expect, it } from 'vitest';
import { parsePdfDocument } from '@/lib/domain/pdf-import';
import type { PdfPageText, PdfTextItem } from '@/lib/domain/pdf-layout';
import { CodePointIndex } from '@/lib/domain/text';
import { readPdfText } from '@/lib/pdf/read-pdf-text';
import { checkNotes, printNoteTable } from '../helpers/pdf-notes';
import { endnotesFixture, footnotesFixture, generatedFixtures, twoColumnFixture } from '../helpers/pdf-fixtures';
import { realPdfFixtures } from '../helpers/pdf-real-fixtures';

async function parseFixture(bytes: Uint8Array) {
  const text = await readPdfText(bytes);
  return parsePdfDocument(text.pages, { metadataTitle: text.metadataTitle ?? undefined });
}

function paragraphTexts(document: ReturnType<typeof parsePdfDocument>): string[] {
  const index = new CodePointIndex(document.text);
  return document.paragraphs.map((paragraph) => index.slice(paragraph.start, paragraph.end));
}

describe('PDF import of generated fixtures', { timeout: 60_000 }, () => {
  it('links every footnote marker of every fixture to its note text', async () => {
    for (const fixture of await generatedFixtures()) {
      const document = await parseFixture(fixture.bytes);
      const checks = checkNotes(document, fixture.notes);
      printNoteTable(fixture.name, checks);
      expect(document.footnoteMarkers.map((marker) => marker.number)).toEqual(fixture.notes.map((note) => note.number));
      expect(checks.filter((check) => check.isLinked).length / checks.length).toBeGreaterThanOrEqual(0.95);
      expect(document.title).toBe(fixture.title);
    }
  });

  it('finds every marker of each published PDF, nothing else, and links at least 95% of them to the note the hand-checked table names', { timeout: 240_000 }, async () => {
    const fixtures = await realPdfFixtures();
    expect(fixtures.length).toBeGreaterThanOrEqual(2);
    for (const fixture of fixtures) {
      const document = await parseFixture(fixture.bytes);
      const checks = checkNotes(document, fixture.notes);
      printNoteTable(fixture.name, checks);
      // Exponents in formulas, program output such as `[1]` and raised letters are not markers.
      expect([fixture.name, document.footnoteMarkers.map((marker) => marker.number)]).toEqual([fixture.name, fixture.notes.map((note) => note.number)]);
      expect(checks.filter((check) => check.isLinked).length / checks.length, fixture.name).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('outlines each published PDF with the headings its README lists, and not its byline, bold abstract, run-in leads or figure labels', { timeout: 240_000 }, async () => {
    const fixtures = (await realPdfFixtures()).filter((fixture) => fixture.headings !== null);
    expect(fixtures.map((fixture) => fixture.name)).toContain('rcpp-introduction (Rcpp-introduction.pdf)');
    for (const fixture of fixtures) {
      const document = await parseFixture(fixture.bytes);
      expect([fixture.name, document.sections.map((section) => section.heading)]).toEqual([fixture.name, fixture.headings]);
    }
  });

  it('joins lines and pages into paragraphs, undoes line-end hyphens and drops running heads and page numbers', async () => {
    const document = await parseFixture((await footnotesFixture()).bytes);
    const paragraphs = paragraphTexts(document);
    expect(paragraphs[0]).toBe(
      'The regional water authorities were first recognised in the constitution of 1997, after a decade of floods.[1] Their powers grew slowly, and the naïve hope of a single river basin agency was dropped by 2004.[2]',
    );
    expect(paragraphs[1]).toBe(
      'A second paragraph begins here and describes the Straße of reservoirs along the border, which the ministry counted in several incompatible ways across the decades that followed its reorganisation.[3] The second section turns to the figures themselves.',
    );
    expect(document.paragraphs.map((paragraph) => paragraph.pages)).toEqual([{ first: 1, last: 1 }, { first: 1, last: 2 }, { first: 2, last: 2 }]);
    expect(document.sections.map((section) => section.heading)).toEqual(['Introduction', 'Figures']);
    expect(document.text).not.toContain('Journal of Close Reading');
    expect(document.text).not.toMatch(/\n\n[12]\n/u);
  });

  it('reads the left column before the right and carries a paragraph across the gutter', async () => {
    const document = await parseFixture((await twoColumnFixture()).bytes);
    expect(paragraphTexts(document)).toEqual([
      'The left column opens the argument and carries it down the page with its first cited claim.[1]',
      'Its second paragraph is short and ends at the column foot with a word that carries over to the right column, where the claim is completed.[2]',
      'The right column adds its own point about the sources and ends here.[3]',
    ]);
  });

  it('takes an endnotes section out of the body', async () => {
    const document = await parseFixture((await endnotesFixture()).bytes);
    expect(document.text).not.toContain('Hamid Karimov');
    expect(document.sections).toEqual([]);
    expect(paragraphTexts(document)).toHaveLength(2);
  });
});

const item = (text: string, x: number, y: number, extra: Partial<PdfTextItem> = {}): PdfTextItem => ({ text, x, y, width: text.length * 5.5, fontSize: 11, isBold: false, ...extra });
const page = (number: number, items: PdfTextItem[]): PdfPageText => ({ number, width: 595, height: 842, items });

describe('PDF layout rules on text runs', () => {
  it('says a PDF without a text layer is a scan', () => {
    expect(() => parsePdfDocument([page(1, []), page(2, [])])).toThrow(/no text layer.*scan/u);
  });

  it('keeps a raised number after a digit as an exponent, not a marker', () => {
    const document = parsePdfDocument([
      page(1, [item('Title Of Paper', 72, 760, { fontSize: 18, isBold: true }), item('An area of 10', 72, 700), item('2', 143.5, 704, { fontSize: 7, width: 4 }), item(' metres was flooded.', 147.5, 700)]),
    ]);
    expect(document.footnoteMarkers).toEqual([]);
    expect(document.text).toContain('An area of 102 metres was flooded.');
  });

  it('drops the NUL characters pdf.js gives for glyphs without a Unicode mapping, which could not be stored', () => {
    const document = parsePdfDocument([page(1, [item('Title Of Paper', 72, 760, { fontSize: 18, isBold: true }), item('A cl\u0000aim\u0001 here.', 72, 700), item('1 A n\u0000ote.', 72, 60, { fontSize: 8 }), item('1', 150, 704, { fontSize: 7, width: 4 })])]);
    expect(document.text).toBe('Title Of Paper\n\nA claim here.[1]');
    expect(document.notes).toEqual([{ number: 1, text: 'A note.' }]);
  });

  it('takes as headings only the lines that stand as one: not the byline, emphasised prose, a run-in lead or a figure label', () => {
    const bold = { isBold: true };
    const document = parsePdfDocument([
      page(1, [
        item('Title Of Paper', 72, 760, { fontSize: 18, isBold: true }),
        item('Ann Author and Bo Writer', 72, 735, bold),
        item('An abstract set in bold runs over several lines and its first line reads', 72, 700, bold),
        item('On like a heading would, yet the sentence carries on into the next line', 72, 687, bold),
        item('and ends only here, on its third line of bold text.', 72, 674, bold),
        item('Method', 72, 640, bold),
        item('The method section opens with a plain paragraph set at the body size.', 72, 620),
        item('Samples', 250, 560, { fontSize: 14 }),
        item('Fig. 1. A figure whose axis label is larger than the body text.', 72, 480),
        item('Thanks.', 72, 440, { isBold: true, width: 40 }),
        item('We thank the readers of an earlier draft for their comments.', 116, 440),
      ]),
    ]);
    expect(document.sections.map((section) => section.heading)).toEqual(['Method']);
    expect(paragraphTexts(document)).toContain('Thanks. We thank the readers of an earlier draft for their comments.');
    expect(paragraphTexts(document).some((text) => text.startsWith('An abstract set in bold runs over several lines'))).toBe(true);
  });

  it('gives a marker whose note is missing a marker without text', () => {
    const document = parsePdfDocument([page(1, [item('Title Of Paper', 72, 760, { fontSize: 18, isBold: true }), item('A claim.', 72, 700), item('7', 116, 704, { fontSize: 7, width: 4 })])]);
    expect(document.footnoteMarkers.map((marker) => marker.number)).toEqual([1]);
    expect(document.notes).toEqual([]);
  });
});
