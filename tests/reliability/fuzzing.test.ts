import { readdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from '@/lib/zod';
import { anchorSelectors } from '@/lib/domain/anchoring';
import { fromLinkingAnnotation, splitLinkingAnnotations } from '@/lib/domain/annotation-links-w3c';
import { parseHypothesisExport, fromHypothesisAnnotation } from '@/lib/domain/hypothesis-import';
import { DocumentFormatError, parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { parseSearchQuery } from '@/lib/domain/search-query';
import { describeRange, InvalidRangeError } from '@/lib/domain/selectors';
import { validateTags } from '@/lib/domain/tags';
import { checkWebAnnotationMusts } from '@/tests/helpers/web-annotation-checker';
import { fromWebAnnotation, parseWebAnnotationExport } from '@/lib/domain/web-annotation-import';
import { toWebAnnotation } from '@/lib/domain/web-annotation-export';
import { AppError, parseInput } from '@/lib/errors';
import { parsePdfDocument } from '@/lib/domain/pdf-import';
import type { PdfPageText } from '@/lib/domain/pdf-layout';
import { PdfReadError, readPdfText } from '@/lib/pdf/read-pdf-text';
import { footnotesFixture, twoColumnFixture } from '@/tests/helpers/pdf-fixtures';

// Property-based fuzzing of everything that reads outside input: the importers, the selectors and anchoring, and the
// zod schemas behind the API and the forms. Each may refuse input, but only in its documented way (a result value or
// its own error type), never with a TypeError or RangeError that would surface as a 500.
const RUNS = { numRuns: 300 };

const codePoints = (text: string) => Array.from(text);

/** Text that looks like an article often enough to reach deep into the parser: words, markers, blank lines, odd characters. */
const articleText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('Central Asia', 'The claim.', 'About 4,000 fighters left', 'Islamic State (IS)', 'A heading', 'word') },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 1200 }).map((number) => `[${number}]`) },
      { weight: 3, arbitrary: fc.constantFrom('\n', '\n\n', '\n\n\n', '\n\n\n\n', '\r\n', '\r', ' ', '\t') },
      { weight: 1, arbitrary: fc.constantFrom('😀', 'e\u0301', '\u200b', '\ufeff', '\u2028', '[', ']', '[01]', '𝒜', '\u0000', '\ud800') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

describe('the plain-text importer', () => {
  it('reads any text into consistent code-point offsets, or refuses it with a DocumentFormatError', () => {
    fc.assert(
      fc.property(fc.oneof(articleText, fc.string({ unit: 'binary' })), (raw) => {
        let parsed: ReturnType<typeof parsePlainTextDocument>;
        try {
          parsed = parsePlainTextDocument(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(DocumentFormatError);
          expect((error as Error).message.length).toBeGreaterThan(10);
          return;
        }
        const text = codePoints(parsed.text);
        let previousEnd = 0;
        for (const paragraph of parsed.paragraphs) {
          expect(paragraph.start).toBeGreaterThanOrEqual(previousEnd);
          expect(paragraph.end).toBeGreaterThan(paragraph.start);
          expect(paragraph.end).toBeLessThanOrEqual(text.length);
          previousEnd = paragraph.end;
        }
        for (const section of parsed.sections) {
          expect(section.start).toBeLessThanOrEqual(section.end);
          expect(section.end).toBeLessThanOrEqual(text.length);
        }
        for (const marker of parsed.footnoteMarkers) {
          expect(text.slice(marker.start, marker.end).join('')).toBe(`[${marker.number}]`);
          const paragraph = parsed.paragraphs.find((candidate) => candidate.ordinal === marker.paragraphOrdinal);
          expect(paragraph && marker.start >= paragraph.start && marker.end <= paragraph.end).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

/** JSON shaped like a W3C annotation, with any member swapped for something else now and then. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.jsonValue() });
const nearlyW3c = fc.record(
  {
    '@context': maybe(fc.constant('http://www.w3.org/ns/anno.jsonld')),
    id: maybe(fc.webUrl()),
    type: maybe(fc.constantFrom('Annotation', 'annotation', ['Annotation'])),
    motivation: maybe(fc.constantFrom('commenting', 'highlighting', 'replying', 'tagging', 'bookmarking', 'nonsense')),
    body: maybe(
      fc.array(
        fc.record({
          type: maybe(fc.constantFrom('TextualBody', 'SpecificResource')),
          value: maybe(fc.string({ unit: 'grapheme', maxLength: 60 })),
          purpose: maybe(fc.constantFrom('commenting', 'tagging', 'replying', 'describing')),
          format: maybe(fc.constantFrom('text/markdown', 'text/plain', 'text/html')),
        }),
        { maxLength: 4 },
      ),
    ),
    target: maybe(
      fc.oneof(
        fc.webUrl(),
        fc.record({
          source: maybe(fc.webUrl()),
          selector: maybe(
            fc.array(
              fc.oneof(
                fc.record({ type: fc.constant('TextQuoteSelector'), exact: maybe(fc.string({ maxLength: 40 })), prefix: maybe(fc.string({ maxLength: 10 })), suffix: maybe(fc.string({ maxLength: 10 })) }),
                fc.record({ type: fc.constant('TextPositionSelector'), start: maybe(fc.integer()), end: maybe(fc.integer()) }),
                fc.record({ type: fc.constant('RangeSelector'), startSelector: fc.jsonValue() }),
              ),
              { maxLength: 3 },
            ),
          ),
        }),
      ),
    ),
    created: maybe(fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.string())),
    visibility: maybe(fc.constantFrom('private', 'workspace', 'public')),
  },
  { requiredKeys: [] },
);

describe('the W3C and Hypothesis importers', () => {
  it('fromWebAnnotation answers any JSON with a result, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyW3c, fc.jsonValue(), fc.anything()), (json) => {
        const result = fromWebAnnotation(json);
        if (result.ok) expect(typeof result.value.body).toBe('string');
        else expect(result.message.length).toBeGreaterThan(5);
      }),
      RUNS,
    );
  });

  it('linking annotations of any shape come back as links or as a warning, never an exception', () => {
    const linkingLike = fc.record(
      {
        motivation: fc.oneof(fc.constant('linking'), fc.constant(['linking', 'tagging']), fc.jsonValue()),
        target: fc.oneof(fc.tuple(fc.webUrl(), fc.webUrl()), fc.array(fc.oneof(fc.string(), fc.jsonValue()), { maxLength: 3 }), fc.jsonValue()),
        body: fc.oneof(fc.array(fc.record({ type: fc.constant('TextualBody'), purpose: fc.constantFrom('tagging', 'describing', 'x'), value: fc.oneof(fc.constantFrom('supports', 'same claim as'), fc.string(), fc.jsonValue()) }), { maxLength: 3 }), fc.jsonValue()),
        id: fc.oneof(fc.string(), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const fileLike = fc.oneof(
      fc.array(fc.oneof(linkingLike, nearlyW3c), { maxLength: 5 }),
      fc.record({ type: fc.constant('AnnotationCollection'), first: fc.record({ type: fc.constant('AnnotationPage'), items: fc.array(fc.oneof(linkingLike, nearlyW3c), { maxLength: 5 }) }) }),
      linkingLike,
      fc.anything(),
    );
    fc.assert(
      fc.property(fileLike, (json) => {
        const split = splitLinkingAnnotations(json);
        for (const link of split.links) expect([link.fromIri, link.toIri].every((iri) => typeof iri === 'string')).toBe(true);
        expect(split.warnings.every((warning) => warning.length > 10)).toBe(true);
        expect(typeof fromLinkingAnnotation(json).ok).toBe('boolean');
        expect(Array.isArray(parseWebAnnotationExport(split.rest).problems)).toBe(true);
      }),
      RUNS,
    );
  });

  it('whole W3C and Hypothesis exports are read into annotations and problems, never an exception', () => {
    const exportLike = fc.oneof(
      fc.record({ type: fc.constant('AnnotationCollection'), first: fc.record({ type: fc.constant('AnnotationPage'), items: fc.array(nearlyW3c, { maxLength: 5 }) }) }),
      fc.array(nearlyW3c, { maxLength: 5 }),
      fc.record({ rows: fc.array(fc.jsonValue(), { maxLength: 5 }) }),
      fc.jsonValue(),
      fc.anything(),
    );
    fc.assert(
      fc.property(exportLike, (json) => {
        for (const parsed of [parseWebAnnotationExport(json), parseHypothesisExport(json)]) {
          expect(Array.isArray(parsed.annotations)).toBe(true);
          expect(Array.isArray(parsed.problems)).toBe(true);
        }
        expect(Array.isArray(checkWebAnnotationMusts(json))).toBe(true);
        const hypothesis = fromHypothesisAnnotation(json);
        expect(typeof hypothesis.ok).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('what we export reads back with the same comment and tags', () => {
    const tag = fc.stringMatching(/^[a-z][a-z0-9:-]{0,20}$/u);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), fc.uniqueArray(tag, { maxLength: 5 }), (body, tags) => {
        const exported = toWebAnnotation(
          {
            id: '4b8d0c1e-4f8a-4c5e-9a57-0a8f3c3b2d11',
            documentIri: 'https://example.org/documents/memo/versions/1',
            selectors: { quote: { type: 'TextQuoteSelector', exact: 'a claim', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 7 } },
            body,
            tags,
            motivation: 'commenting',
            parentId: null,
            creator: { id: 'u1', name: 'Reader' },
            created: '2026-01-01T00:00:00Z',
            modified: '2026-01-01T00:00:00Z',
            visibility: 'workspace',
          },
          { annotationIriBase: 'https://example.org/annotations/' },
        );
        const read = fromWebAnnotation(JSON.parse(JSON.stringify(exported)));
        expect(read.ok && { body: read.value.body, tags: read.value.tags, visibility: read.value.visibility }).toEqual({ body: body.trim() === '' ? '' : body, tags, visibility: 'workspace' });
      }),
      RUNS,
    );
  });
});

describe('the PDF importer', () => {
  // Reads bytes through pdf.js (in its worker) and the layout rules; the only refusals allowed are the PDF reader's
  // and the importer's own errors, which the import turns into a 4xx.
  const importPdf = async (bytes: Uint8Array): Promise<'read' | 'refused'> => {
    try {
      const text = await readPdfText(bytes);
      parsePdfDocument(text.pages, { metadataTitle: text.metadataTitle ?? undefined });
      return 'read';
    } catch (error) {
      if (error instanceof PdfReadError || error instanceof DocumentFormatError) return 'refused';
      throw error;
    }
  };

  it('a PDF with corrupted bytes is read or refused with a message, never an exception of another kind', async () => {
    const originals = [(await footnotesFixture()).bytes, (await twoColumnFixture()).bytes];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...originals),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }),
        fc.option(fc.nat(), { nil: null }),
        async (original, flips, cut) => {
          const bytes = new Uint8Array(original);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          const damaged = cut === null ? bytes : bytes.slice(0, cut % bytes.length);
          expect(['read', 'refused']).toContain(await importPdf(damaged));
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);

  // A4, US Letter, and page sizes only a damaged or hostile file claims.
  const PAGE_WIDTHS = [595, 612, 0, 1e9];

  it('the layout rules take any text runs on any page size, refusing only with a DocumentFormatError', () => {
    const item = fc.record({
      text: fc.oneof(fc.constantFrom('1', '12', '*', '†', 'Notes', 'word-', 'The claim.', 'A Heading', ' '), fc.string({ maxLength: 20 })),
      x: fc.double({ min: -100, max: 700, noNaN: true }),
      y: fc.double({ min: -100, max: 900, noNaN: true }),
      width: fc.double({ min: 0, max: 600, noNaN: true }),
      fontSize: fc.constantFrom(0, 6, 8, 10, 11, 14, 18, 24),
      isBold: fc.boolean(),
    });
    const pages = fc.array(fc.array(item, { maxLength: 60 }), { minLength: 1, maxLength: 4 }).map((list): PdfPageText[] => list.map((items, index) => ({ number: index + 1, width: PAGE_WIDTHS[index % PAGE_WIDTHS.length] ?? 595, height: 842, items })));
    fc.assert(
      fc.property(pages, fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), (input, title) => {
        try {
          const document = parsePdfDocument(input, { title });
          for (const paragraph of document.paragraphs) expect(paragraph.start).toBeLessThanOrEqual(paragraph.end);
        } catch (error) {
          if (!(error instanceof DocumentFormatError)) throw error;
        }
      }),
      RUNS,
    );
  });
});

describe('selectors and anchoring', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '😀', 'e\u0301', '.', 'x'), minLength: 1, maxLength: 300 });

  it('a range is described and found again exactly, or refused with an InvalidRangeError', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -5, max: 320 }), fc.integer({ min: -5, max: 320 }), (source, start, end) => {
        let selectors: ReturnType<typeof describeRange>;
        try {
          selectors = describeRange(source, start, end);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidRangeError);
          return;
        }
        expect(selectors.quote.exact).toBe(codePoints(source).slice(start, end).join(''));
        const anchored = anchorSelectors(source, selectors);
        expect({ status: anchored.status, start: anchored.start, end: anchored.end }).toEqual({ status: 'exact', start, end });
      }),
      RUNS,
    );
  });

  it('anchoring any selectors in any text gives a placement inside the text, or an orphan', () => {
    const anySelectors = fc.record({
      quote: fc.record({ type: fc.constant('TextQuoteSelector' as const), exact: fc.string({ maxLength: 60 }), prefix: fc.string({ maxLength: 40 }), suffix: fc.string({ maxLength: 40 }) }),
      position: fc.record({ type: fc.constant('TextPositionSelector' as const), start: fc.integer({ min: -10, max: 400 }), end: fc.integer({ min: -10, max: 400 }) }),
    });
    fc.assert(
      fc.property(text, anySelectors, (source, selectors) => {
        const result = anchorSelectors(source, selectors);
        expect(['exact', 'moved', 'fuzzy', 'orphan']).toContain(result.status);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(1);
        if (result.status === 'orphan') return;
        const length = codePoints(source).length;
        expect(result.start).not.toBeNull();
        expect(0 <= result.start! && result.start! <= result.end! && result.end! <= length).toBe(true);
      }),
      RUNS,
    );
  });
});

// Every module of lib/validation, listed from the folder, so a new module's schemas are fuzzed without a change here.
const SCHEMAS: Array<readonly [string, z.ZodType]> = [];
for (const file of (await readdir('lib/validation')).filter((name) => name.endsWith('.ts')).sort()) {
  const moduleName = path.basename(file, '.ts');
  const exports = (await import(`@/lib/validation/${moduleName}`)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(exports)) if (value instanceof z.ZodType) SCHEMAS.push([`${moduleName}.${name}`, value]);
}

/** Input shaped like the forms and API bodies, with wrong types, huge strings and odd characters mixed in. */
const formLike = fc.dictionary(
  fc.constantFrom('id', 'name', 'email', 'password', 'currentPassword', 'newPassword', 'body', 'tags', 'visibility', 'start', 'end', 'versionNumber', 'revision', 'parentId', 'isResolved', 'note', 'kind', 'title', 'url', 'archiveUrl', 'issued', 'accessedOn', 'verdict', 'evidenceQuote', 'sourceId', 'label', 'colour', 'description', 'role', 'expiresInDays', 'isSingleUse', 'memberId', 'status', 'assigneeId', 'reason', 'doi', 'containerTitle', 'content', 'format', 'target', 'documentSlug', 'annotationId', 'footnoteNumber', 'isFollowing', 'notificationId', 'isRead', '__proto__', 'constructor'),
  fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.constant('x'.repeat(20_000)), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.jsonValue()),
);

describe('every zod schema behind the API and the forms', () => {
  it('there are schemas to fuzz', () => {
    expect(SCHEMAS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(SCHEMAS)('%s accepts or refuses any input with field messages, never an exception', (_name, schema) => {
    fc.assert(
      fc.property(fc.oneof(formLike, fc.anything()), (input) => {
        try {
          parseInput(schema, input);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('INVALID_INPUT');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('search queries and tag lists of any text are read without an exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 700 }), fc.array(fc.string({ unit: 'binary', maxLength: 60 }), { maxLength: 30 }), (query, tags) => {
        const parsed = parseSearchQuery(query);
        expect(Array.isArray(parsed.tags)).toBe(true);
        const validated = validateTags(tags);
        expect(typeof validated.ok).toBe('boolean');
      }),
      RUNS,
    );
  });
});
