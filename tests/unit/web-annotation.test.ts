import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRange } from '@/lib/domain/selectors';
import { validateTags } from '@/lib/domain/tags';
import { CodePointIndex, codePointLength, normalizeText } from '@/lib/domain/text';
import { ANNOTATION_CONTEXT, annotationIdFromIri, annotationIri, MAX_IMPORTED_BODY_LENGTH, toUtcDateTime, type ExportableAnnotation, type ImportedAnnotation, type WebAnnotation } from '@/lib/domain/web-annotation';
import { checkAnnotationCollectionMusts, checkWebAnnotationMusts } from '@/tests/helpers/web-annotation-checker';
import { fromWebAnnotation, parseWebAnnotationExport } from '@/lib/domain/web-annotation-import';
import { toAnnotationCollection, toAnnotationPage, toWebAnnotation } from '@/lib/domain/web-annotation-export';

const article = normalizeText(readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8'));
const index = new CodePointIndex(article);

const BASE = 'https://marginalia.example/annotations/';
const DOCUMENT = 'https://marginalia.example/documents/exporting-jihad/versions/3';
const SECTION = `${DOCUMENT}#syria-a-game-changer`;
const OPTIONS = { annotationIriBase: BASE };

function selectorsFor(quote: string) {
  const start = index.toCodePoint(article.indexOf(quote));
  return describeRange(article, start, start + codePointLength(quote), index);
}

const marta = { id: 'https://marginalia.example/users/5b0c2a4e-0d7f-4f43-9a53-0a1f4e2f6c11', name: 'Marta Kowalska' };
const daniel = { id: 'https://marginalia.example/users/8e6b9f3a-77c2-4d8e-b1d4-52c0b7a9e204', name: 'Daniel Bergström' };

const quote: ExportableAnnotation = {
  id: '3f0e8a52-5d0b-4c1e-9d55-1b8f6f3a2c01',
  documentIri: DOCUMENT,
  selectors: selectorsFor('between 2 and 5 thousand volunteers from Central Asia have left for Syria and Iraq'),
  body: 'A range this wide needs its source: footnote **13** is missing from our copy.',
  tags: [],
  motivation: 'commenting',
  parentId: null,
  creator: marta,
  created: new Date('2026-11-20T09:12:44.510Z'),
  modified: new Date('2026-11-20T09:15:02.118Z'),
  visibility: 'workspace',
};
const highlight: ExportableAnnotation = {
  ...quote,
  id: '7a1d4c9e-2b3f-4e5a-8c6d-9f0a1b2c3d04',
  selectors: selectorsFor('This de facto meant the end of the IMU'),
  body: '',
  motivation: 'highlighting',
};
const reply: ExportableAnnotation = {
  ...quote,
  id: 'c4e5f6a7-b8c9-4d0e-a1f2-0a1b2c3d4e05',
  selectors: null,
  body: 'The low end looks like the official figures; the high end like NGO estimates.',
  motivation: 'replying',
  parentId: quote.id,
  creator: daniel,
};
const tagged: ExportableAnnotation = {
  ...quote,
  id: 'd5f6a7b8-c9d0-4e1f-b2a3-1b2c3d4e5f06',
  selectors: selectorsFor('out of which the Islamic Movement of Uzbekistan – IMU – became the primary one'),
  body: 'Most accounts date the founding later than 1990.',
  tags: ['claim', 'actor:IMU', 'statistic'],
};
const privateNote: ExportableAnnotation = {
  ...quote,
  id: 'e6a7b8c9-d0e1-4f2a-8b3c-2c3d4e5f6a07',
  selectors: selectorsFor('Currently in Russia at least 3 million Central Asian labour migrants are present'),
  body: 'Check this against the migration service figures before we cite it.',
  visibility: 'private',
};
const sectionComment: ExportableAnnotation = {
  ...quote,
  id: 'f7b8c9d0-e1f2-4a3b-9c4d-3d4e5f6a7b08',
  selectors: null,
  sectionIri: SECTION,
  body: 'This section carries the article: every figure in it lacks its note.',
};

const examples = { quote, highlight, reply, tagged, private: privateNote, 'section discussion': sectionComment } as const;

function exported(annotation: ExportableAnnotation): WebAnnotation {
  return toWebAnnotation(annotation, OPTIONS);
}

type Json = Record<string, unknown>;

// A JSON copy that tests may damage freely.
function mutable(annotation: ExportableAnnotation = tagged): Json {
  return JSON.parse(JSON.stringify(exported(annotation)));
}

const targetOf = (json: Json) => json.target as Json;
const selectorsOf = (json: Json) => targetOf(json).selector as Json[];
const selectorOf = (json: Json, at: number) => selectorsOf(json)[at] as Json;
const bodyOf = (json: Json, at: number) => (json.body as Json[])[at] as Json;

function imported(json: unknown): ImportedAnnotation {
  const result = fromWebAnnotation(json);
  if (!result.ok) throw new Error(`Expected the annotation to import, got: ${result.message}`);
  return result.value;
}

function refusal(json: unknown): string {
  const result = fromWebAnnotation(json);
  if (result.ok) throw new Error(`Expected ${JSON.stringify(json).slice(0, 200)} to be refused`);
  return result.message;
}

// --- Generators ----------------------------------------------------------------------------------------

const textUnit = fc.constantFrom('a', 'Z', ' ', '\n', 'é', 'e\u0301', '😀', '–', '’', '*', '[', '1', ':');
const nfcText = (options: { minLength?: number; maxLength?: number }) => fc.string({ unit: textUnit, ...options }).map((text) => text.normalize('NFC'));
const tagLabels = fc
  .array(fc.string({ unit: fc.constantFrom('a', 'B', ':', '-', 'é', '1', ' '), minLength: 1, maxLength: 12 }), { maxLength: 8 })
  .map((raw) => validateTags(raw))
  .filter((result) => result.ok)
  .map((result) => (result.ok ? result.labels : []));
const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true });
const selectors = fc
  .record({
    exact: nfcText({ minLength: 1, maxLength: 60 }).filter((exact) => exact.trim() !== ''),
    prefix: nfcText({ maxLength: 32 }),
    suffix: nfcText({ maxLength: 32 }),
    start: fc.nat({ max: 100_000 }),
    length: fc.nat({ max: 500 }),
  })
  .map(({ exact, prefix, suffix, start, length }) => ({
    quote: { type: 'TextQuoteSelector' as const, exact, prefix, suffix },
    position: { type: 'TextPositionSelector' as const, start, end: start + length },
  }));

const exportable: fc.Arbitrary<ExportableAnnotation> = fc
  .record({
    id: fc.uuid(),
    documentIri: fc.webUrl(),
    kind: fc.constantFrom('quote', 'reply', 'section', 'page'),
    selectors,
    parentId: fc.uuid(),
    sectionIri: fc.webUrl({ withFragments: true }),
    body: fc.string({ maxLength: 300 }),
    tags: tagLabels,
    motivation: fc.constantFrom('commenting' as const, 'highlighting' as const),
    creatorId: fc.uuid(),
    creatorName: fc.string({ minLength: 1, maxLength: 40 }).filter((name) => name.trim() !== ''),
    created: instant,
    modified: instant,
    visibility: fc.constantFrom('private' as const, 'workspace' as const),
  })
  .map((x) => ({
    id: x.id,
    documentIri: x.documentIri,
    selectors: x.kind === 'quote' ? x.selectors : null,
    sectionIri: x.kind === 'section' ? x.sectionIri : null,
    body: x.body,
    tags: x.tags,
    motivation: x.kind === 'reply' ? 'replying' : x.motivation,
    parentId: x.kind === 'reply' ? x.parentId : null,
    creator: { id: `https://marginalia.example/users/${x.creatorId}`, name: x.creatorName },
    created: x.created,
    modified: x.modified,
    visibility: x.visibility,
  }));

// --- Export ----------------------------------------------------------------------------------------------

describe('toWebAnnotation', () => {
  it.each(Object.entries(examples))('exports a %s that breaks no MUST of the Web Annotation Data Model', (_name, annotation) => {
    expect(checkWebAnnotationMusts(exported(annotation))).toEqual([]);
  });

  it('exports a quote as an Annotation on the document version, with its quote and its code-point position', () => {
    const json = exported(quote);
    expect(json['@context']).toBe(ANNOTATION_CONTEXT);
    expect(json.id).toBe(`${BASE}${quote.id}`);
    expect(json.type).toBe('Annotation');
    expect(json.motivation).toBe('commenting');
    expect(json.body).toEqual([{ type: 'TextualBody', value: quote.body, format: 'text/markdown', purpose: 'commenting' }]);
    expect(json.target).toEqual({
      type: 'SpecificResource',
      source: DOCUMENT,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: 'between 2 and 5 thousand volunteers from Central Asia have left for Syria and Iraq',
          prefix: 'ce the outbreak of war in 2011, ',
          suffix: ', where they joined radical Isla',
        },
        { type: 'TextPositionSelector', start: 6084, end: 6166 },
      ],
    });
    expect(json.creator).toEqual({ id: marta.id, type: 'Person', name: 'Marta Kowalska' });
    expect(json.created).toBe('2026-11-20T09:12:44.510Z');
    expect(json.modified).toBe('2026-11-20T09:15:02.118Z');
    expect(json.visibility).toBe('workspace');
  });

  it('exports a highlight without a body at all, as the model allows', () => {
    const json = exported(highlight);
    expect(json).not.toHaveProperty('body');
    expect(json.motivation).toBe('highlighting');
    expect(typeof json.target === 'object' && json.target.selector[0].exact).toBe('This de facto meant the end of the IMU');
  });

  it('exports a reply as an annotation on its parent annotation, motivated by replying', () => {
    const json = exported(reply);
    expect(json.target).toBe(`${BASE}${quote.id}`);
    expect(json.motivation).toBe('replying');
    expect(json.body).toEqual([{ type: 'TextualBody', value: reply.body, format: 'text/markdown', purpose: 'commenting' }]);
  });

  it('marks anything with a parent as a reply, and a parentless "reply" as a comment', () => {
    expect(exported({ ...reply, motivation: 'commenting' }).motivation).toBe('replying');
    expect(exported({ ...quote, motivation: 'replying' }).motivation).toBe('commenting');
  });

  it('exports each tag as a tagging body after the comment, keeping the label people see', () => {
    expect(exported(tagged).body).toEqual([
      { type: 'TextualBody', value: tagged.body, format: 'text/markdown', purpose: 'commenting' },
      { type: 'TextualBody', value: 'claim', purpose: 'tagging' },
      { type: 'TextualBody', value: 'actor:IMU', purpose: 'tagging' },
      { type: 'TextualBody', value: 'statistic', purpose: 'tagging' },
    ]);
  });

  it('exports a tagged highlight with tagging bodies only', () => {
    expect(exported({ ...highlight, tags: ['IMU'] }).body).toEqual([{ type: 'TextualBody', value: 'IMU', purpose: 'tagging' }]);
  });

  it('says a private note is private, in a member of its own', () => {
    expect(exported(privateNote).visibility).toBe('private');
  });

  it('exports a section discussion as an annotation on the section', () => {
    expect(exported(sectionComment).target).toBe(SECTION);
  });

  it('exports a note on no passage and no section as an annotation on the document version', () => {
    expect(exported({ ...sectionComment, sectionIri: null }).target).toBe(DOCUMENT);
  });

  it('leaves out a blank comment rather than exporting an empty body', () => {
    expect(exported({ ...quote, body: '  \n ' })).not.toHaveProperty('body');
  });

  it('copies only the selector fields the model defines, whatever else the stored JSON holds', () => {
    const stored = { ...quote, selectors: { quote: { ...quote.selectors!.quote, legacy: 1 }, position: { ...quote.selectors!.position, old: true } } } as ExportableAnnotation;
    expect(exported(stored).target).toEqual(exported(quote).target);
  });

  it('writes every time in UTC, whatever offset it was given in', () => {
    expect(exported({ ...quote, created: '2026-11-20T11:12:44.510+02:00' }).created).toBe('2026-11-20T09:12:44.510Z');
    expect(toUtcDateTime('2017-04-18T09:12:44.510233+00:00')).toBe('2017-04-18T09:12:44.510Z');
    expect(toUtcDateTime('2017-04-12T23:30:00-01:00')).toBe('2017-04-13T00:30:00.000Z');
  });

  it('refuses to export a time without a timezone, or an invalid date, rather than guess the instant', () => {
    expect(() => exported({ ...quote, created: '2026-11-20T09:12:44' })).toThrow(/no timezone/);
    expect(() => exported({ ...quote, created: new Date('nonsense') })).toThrow(RangeError);
    expect(() => toUtcDateTime('2017-02-30T10:00:00Z')).toThrow(/not an xsd:dateTime/);
  });

  it('keeps every generated annotation free of MUST violations', () => {
    fc.assert(
      fc.property(exportable, (annotation) => {
        expect(checkWebAnnotationMusts(exported(annotation))).toEqual([]);
      }),
    );
  });
});

describe('annotationIri', () => {
  it('builds annotation IRIs under the base and reads the id back out of them', () => {
    expect(annotationIri('https://marginalia.example/annotations', 'a b')).toBe('https://marginalia.example/annotations/a%20b');
    expect(annotationIdFromIri('https://marginalia.example/annotations/a%20b', 'https://marginalia.example/annotations')).toBe('a b');
  });

  it('does not claim IRIs from elsewhere or below the base', () => {
    expect(annotationIdFromIri('https://hypothes.is/a/Xk2fRu7EEeeLbq8tXm1Qyw', BASE)).toBeNull();
    expect(annotationIdFromIri(`${BASE}x/replies`, BASE)).toBeNull();
    expect(annotationIdFromIri(BASE, BASE)).toBeNull();
    expect(annotationIdFromIri(`${BASE}%E0%A4%A`, BASE)).toBeNull();
  });
});

// --- MUST checks -------------------------------------------------------------------------------------------

type Damage = [string, (json: Json) => unknown, string, RegExp];

// Each case breaks exactly one MUST of a valid exported annotation and names the field the checker must blame.
const damages: Damage[] = [
  ['no @context', (json) => delete json['@context'], '@context', /MUST have 1 or more @context/],
  ['a @context without anno.jsonld', (json) => (json['@context'] = 'https://schema.org/'), '@context', /MUST include "http:\/\/www.w3.org\/ns\/anno.jsonld"/],
  ['a @context list without anno.jsonld', (json) => (json['@context'] = ['https://www.w3.org/ns/anno.jsonld']), '@context', /MUST include/],
  ['no id', (json) => delete json.id, 'id', /MUST have exactly 1 IRI/],
  ['an id that is not an IRI', (json) => (json.id = 'annotation-1'), 'id', /absolute IRI/],
  ['an id that is a list of two', (json) => (json.id = [BASE + '1', BASE + '2']), 'id', /exactly 1 absolute IRI/],
  ['no type', (json) => delete json.type, 'type', /MUST have 1 or more types/],
  ['a type without Annotation', (json) => (json.type = ['Note']), 'type', /MUST include "Annotation"/],
  ['no target', (json) => delete json.target, 'target', /1 or more targets/],
  ['an empty target list', (json) => (json.target = []), 'target', /1 or more targets/],
  ['a target string that is not an IRI', (json) => (json.target = 'the second paragraph'), 'target', /MUST be the IRI/],
  ['a target of the wrong kind', (json) => (json.target = 42), 'target', /MUST be an IRI or an object/],
  ['a SpecificResource without source', (json) => delete targetOf(json).source, 'target.source', /exactly 1 source/],
  ['a SpecificResource with two sources', (json) => (targetOf(json).source = [DOCUMENT, DOCUMENT]), 'target.source', /exactly 1 source/],
  ['a source that is not an IRI', (json) => (targetOf(json).source = 'exporting jihad'), 'target.source', /MUST be an IRI/],
  ['both body and bodyValue', (json) => (json.bodyValue = 'Also this.'), 'bodyValue', /MUST NOT have both body and bodyValue/],
  ['a TextualBody without value', (json) => delete bodyOf(json, 0).value, 'body[0].value', /exactly 1 value/],
  ['a TextualBody whose value is a number', (json) => (bodyOf(json, 1).value = 7), 'body[1].value', /exactly 1 value/],
  ['a body string that is not an IRI', (json) => (json.body = 'Nice point'), 'body', /MUST be the IRI of an External Web Resource/],
  ['a body purpose outside the list', (json) => (bodyOf(json, 1).purpose = 'liking'), 'body[1].purpose', /MUST be a Motivation/],
  ['a textDirection outside ltr, rtl, auto', (json) => (bodyOf(json, 0).textDirection = 'up'), 'body[0].textDirection', /ltr", "rtl" or "auto"/],
  ['an empty Choice', (json) => (json.body = { type: 'Choice', items: [] }), 'body.items', /1 or more items/],
  ['a selector without type', (json) => delete selectorOf(json, 0).type, 'target.selector[0].type', /exactly 1 type/],
  ['a selector with two types', (json) => (selectorOf(json, 0).type = ['TextQuoteSelector', 'Other']), 'target.selector[0].type', /exactly 1 type/],
  ['a TextQuoteSelector without exact', (json) => delete selectorOf(json, 0).exact, 'target.selector[0].exact', /exactly 1 exact/],
  ['a TextQuoteSelector with a non-string prefix', (json) => (selectorOf(json, 0).prefix = 3), 'target.selector[0].prefix', /prefix MUST be one string/],
  ['a negative start', (json) => (selectorOf(json, 1).start = -1), 'target.selector[1].start', /non-negative integer/],
  ['a fractional end', (json) => (selectorOf(json, 1).end = 6166.5), 'target.selector[1].end', /non-negative integer/],
  ['a start given as a string', (json) => (selectorOf(json, 1).start = '6084'), 'target.selector[1].start', /non-negative integer/],
  ['no end', (json) => delete selectorOf(json, 1).end, 'target.selector[1].end', /non-negative integer/],
  ['an end before the start', (json) => (selectorOf(json, 1).end = 10), 'target.selector[1].end', /must not be before its start/],
  ['a FragmentSelector without value', (json) => selectorsOf(json).push({ type: 'FragmentSelector' }), 'target.selector[2].value', /exactly 1 value/],
  ['a RangeSelector without endSelector', (json) => selectorsOf(json).push({ type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[4]' } }), 'target.selector[2].endSelector', /exactly 1 endSelector/],
  ['a refinement without exact', (json) => (selectorOf(json, 1).refinedBy = { type: 'TextQuoteSelector' }), 'target.selector[1].refinedBy.exact', /exactly 1 exact/],
  ['a created date that is not a date', (json) => (json.created = 'yesterday'), 'created', /MUST be an xsd:dateTime/],
  ['a modified date on 30 February', (json) => (json.modified = '2026-02-30T10:00:00Z'), 'modified', /MUST be an xsd:dateTime/],
  ['a created date without timezone', (json) => (json.created = '2026-11-20T09:12:44'), 'created', /timezone/],
  ['two created dates', (json) => (json.created = ['2026-11-20T09:12:44Z', '2026-11-21T09:12:44Z']), 'created', /exactly 1 xsd:dateTime/],
  ['a generated date that is a number', (json) => (json.generated = 1_700_000_000), 'generated', /exactly 1 xsd:dateTime/],
  ['a motivation outside the list', (json) => (json.motivation = 'liking'), 'motivation', /MUST be a Motivation/],
  ['a creator string that is not an IRI', (json) => (json.creator = 'Marta'), 'creator', /MUST be its IRI/],
  ['a creator id that is not an IRI', (json) => (json.creator = { id: 'marta', type: 'Person' }), 'creator.id', /absolute IRI/],
  ['rights that are not an IRI', (json) => (json.rights = 'CC-BY'), 'rights', /MUST be an IRI/],
  ['a canonical that is not an IRI', (json) => (json.canonical = 'annotation 1'), 'canonical', /exactly 1 IRI/],
  ['a via that is not an IRI', (json) => (json.via = ['hypothesis']), 'via[0]', /MUST be an IRI/],
];

describe('checkWebAnnotationMusts', () => {
  it.each(damages)('reports %s, and nothing else', (_name, damage, path, message) => {
    const json = mutable();
    damage(json);
    const violations = checkWebAnnotationMusts(json);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.path).toBe(path);
    expect(violations[0]?.message).toMatch(message);
  });

  it('reports a value that is not an annotation at all', () => {
    for (const value of [null, 'annotation', 12, [], undefined]) {
      expect(checkWebAnnotationMusts(value)).toEqual([{ path: '', message: expect.stringMatching(/MUST be a JSON object/) }]);
    }
  });

  it('reports every broken MUST at once, each under its own field', () => {
    const violations = checkWebAnnotationMusts({ type: 'Annotation', body: { type: 'TextualBody' } });
    expect(violations.map((violation) => violation.path)).toEqual(['@context', 'id', 'target', 'body.value']);
  });

  it('accepts the examples of the Data Model: bodyValue, external bodies, extension motivations, several targets', () => {
    const examplesFromTheModel = [
      { '@context': ANNOTATION_CONTEXT, id: 'http://example.org/anno1', type: 'Annotation', body: 'http://example.org/post1', target: 'http://example.com/page1' },
      { '@context': ANNOTATION_CONTEXT, id: 'http://example.org/anno2', type: 'Annotation', bodyValue: 'Comment text', target: 'http://example.org/target1' },
      {
        '@context': [ANNOTATION_CONTEXT, { ex: 'http://example.org/ns#' }],
        id: 'urn:uuid:3f0e8a52-5d0b-4c1e-9d55-1b8f6f3a2c01',
        type: ['Annotation'],
        motivation: ['ex:liking', 'bookmarking'],
        created: '2015-01-28T12:00:00+01:00',
        body: { type: 'Choice', items: [{ type: 'TextualBody', value: 'I love this!', language: 'en' }, { type: 'TextualBody', value: "J'adore !", language: 'fr' }] },
        target: [
          { id: 'http://example.com/image1', type: 'Image', format: 'image/jpeg' },
          { source: 'http://example.org/page1', selector: { type: 'FragmentSelector', value: 'xywh=50,50,640,480', conformsTo: 'http://www.w3.org/TR/media-frags/' } },
          {
            source: 'http://example.org/page1',
            selector: { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '//table[1]/tr[1]/td[2]' }, endSelector: { type: 'XPathSelector', value: '//table[1]/tr[1]/td[4]' } },
          },
        ],
      },
    ];
    for (const example of examplesFromTheModel) expect(checkWebAnnotationMusts(example)).toEqual([]);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(Array.isArray(checkWebAnnotationMusts(value))).toBe(true);
        expect(Array.isArray(checkAnnotationCollectionMusts(value))).toBe(true);
      }),
    );
  });
});

// --- Collections ---------------------------------------------------------------------------------------------

const COLLECTION = 'https://marginalia.example/documents/exporting-jihad/annotations';
const allExported = Object.values(examples).map(exported);

describe('toAnnotationCollection', () => {
  it('pages a document’s annotations, embedding the first page and linking the others', () => {
    const collection = toAnnotationCollection(allExported, { id: COLLECTION, label: 'Exporting Jihad: annotations', pageSize: 4 });
    expect(collection).toMatchObject({ '@context': ANNOTATION_CONTEXT, id: COLLECTION, type: 'AnnotationCollection', label: 'Exporting Jihad: annotations', total: 6 });
    expect(collection.last).toBe(`${COLLECTION}?page=1`);
    expect(collection.first).toEqual({
      id: `${COLLECTION}?page=0`,
      type: 'AnnotationPage',
      partOf: { id: COLLECTION, label: 'Exporting Jihad: annotations', total: 6 },
      startIndex: 0,
      items: allExported.slice(0, 4),
      next: `${COLLECTION}?page=1`,
    });
    expect(checkAnnotationCollectionMusts(collection)).toEqual([]);
  });

  it('serves a later page on its own, with its context, its place and a link back', () => {
    const page = toAnnotationPage(allExported, { id: COLLECTION, label: 'Annotations', pageSize: 4, page: 1 });
    expect(page).toEqual({
      '@context': ANNOTATION_CONTEXT,
      id: `${COLLECTION}?page=1`,
      type: 'AnnotationPage',
      partOf: { id: COLLECTION, label: 'Annotations', total: 6 },
      startIndex: 4,
      items: allExported.slice(4),
      prev: `${COLLECTION}?page=0`,
    });
    expect(() => toAnnotationPage(allExported, { id: COLLECTION, label: 'Annotations', pageSize: 4, page: 2 })).toThrow(/pages 0 to 1/);
  });

  it('puts everything on one page by default, so an export file is complete on its own', () => {
    const collection = toAnnotationCollection(allExported, { id: COLLECTION, label: 'Annotations' });
    expect(collection.first?.items).toHaveLength(6);
    expect(collection.first).not.toHaveProperty('next');
    expect(collection.last).toBe(collection.first?.id);
  });

  it('adds the page parameter to a collection IRI that already has a query', () => {
    const collection = toAnnotationCollection(allExported, { id: `${COLLECTION}?tag=statistic`, label: 'Statistics', pageSize: 5 });
    expect(collection.first?.next).toBe(`${COLLECTION}?tag=statistic&page=1`);
  });

  it('describes an empty collection without pages', () => {
    const collection = toAnnotationCollection([], { id: COLLECTION, label: 'Annotations' });
    expect(collection).toEqual({ '@context': ANNOTATION_CONTEXT, id: COLLECTION, type: 'AnnotationCollection', label: 'Annotations', total: 0 });
    expect(checkAnnotationCollectionMusts(collection)).toEqual([]);
  });

  it('refuses a page size below one', () => {
    expect(() => toAnnotationCollection(allExported, { id: COLLECTION, label: 'Annotations', pageSize: 0 })).toThrow(RangeError);
  });

  it('reports a collection that breaks the model, down to the annotations on its first page', () => {
    const collection = JSON.parse(JSON.stringify(toAnnotationCollection(allExported, { id: COLLECTION, label: 'Annotations', pageSize: 2 })));
    collection.type = 'Collection';
    collection.first.startIndex = -2;
    delete collection.first.items[1].target;
    expect(checkAnnotationCollectionMusts(collection).map((violation) => violation.path)).toEqual(['type', 'first.startIndex', 'first.items[1].target']);
  });
});

// --- Import -------------------------------------------------------------------------------------------------

describe('fromWebAnnotation', () => {
  it.each(Object.entries(examples))('gets back the body, tags, selectors, parent and author of an exported %s', (_name, annotation) => {
    const back = imported(exported(annotation));
    expect(back.externalId).toBe(annotationIri(BASE, annotation.id));
    expect(back.body).toBe(annotation.body);
    expect(back.tags).toEqual(annotation.tags);
    expect(back.visibility).toBe(annotation.visibility);
    expect(back.creator).toEqual(annotation.creator);
    expect(back.created).toBe(toUtcDateTime(annotation.created));
    expect(back.modified).toBe(toUtcDateTime(annotation.modified));
    expect(back.warnings).toEqual([]);
    if (annotation.parentId !== null) {
      expect(back.target).toEqual({ kind: 'reply', parentExternalId: annotationIri(BASE, annotation.parentId) });
      expect(back.target.kind === 'reply' && annotationIdFromIri(back.target.parentExternalId, BASE)).toBe(annotation.parentId);
      expect(back.motivation).toBe('replying');
    } else if (annotation.selectors !== null) {
      expect(back.target).toEqual({ kind: 'quote', source: DOCUMENT, quote: annotation.selectors.quote, position: annotation.selectors.position });
      expect(back.motivation).toBe(annotation.motivation);
    } else {
      expect(back.target).toEqual({ kind: 'resource', iri: SECTION });
    }
  });

  it('round-trips any annotation Marginalia can export', () => {
    fc.assert(
      fc.property(exportable, (annotation) => {
        const back = imported(exported(annotation));
        expect(back.body).toBe(annotation.body.trim() === '' ? '' : annotation.body);
        expect(back.tags).toEqual(annotation.tags);
        expect(back.visibility).toBe(annotation.visibility);
        expect(back.creator).toEqual(annotation.creator);
        expect(back.created).toBe(toUtcDateTime(annotation.created));
        if (annotation.parentId !== null) {
          expect(back.target).toEqual({ kind: 'reply', parentExternalId: annotationIri(BASE, annotation.parentId) });
        } else if (annotation.selectors !== null) {
          expect(back.target).toEqual({ kind: 'quote', source: annotation.documentIri, ...annotation.selectors });
          expect(back.motivation).toBe(annotation.motivation);
        } else {
          expect(back.target).toEqual({ kind: 'resource', iri: annotation.sectionIri ?? annotation.documentIri });
        }
      }),
    );
  });

  it('reads a body given as one object, as a plain string, or as bodyValue', () => {
    const base = { '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: `${BASE}parent`, motivation: 'replying' };
    expect(imported({ ...base, body: { type: 'TextualBody', value: 'Agreed.' } }).body).toBe('Agreed.');
    expect(imported({ ...base, body: { value: 'No type, still text.' } }).body).toBe('No type, still text.');
    expect(imported({ ...base, body: 'https://blog.example/post-1' }).body).toBe('https://blog.example/post-1');
    expect(imported({ ...base, bodyValue: 'Plain text comment' }).body).toBe('Plain text comment');
  });

  it('reads tagging bodies as tags, merging tags that differ only in case', () => {
    const back = imported({
      '@context': ANNOTATION_CONTEXT,
      type: 'Annotation',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'Statistic' },
        { type: 'TextualBody', purpose: ['tagging'], value: 'actor : IMU' },
        { type: 'TextualBody', purpose: 'tagging', value: 'statistic' },
        { type: 'TextualBody', purpose: 'describing', value: 'Check the source.' },
      ],
      target: { source: DOCUMENT, selector: { type: 'TextQuoteSelector', exact: 'This de facto meant the end of the IMU' } },
    });
    expect(back.tags).toEqual(['Statistic', 'actor:IMU']);
    expect(back.body).toBe('Check the source.');
    expect(back.motivation).toBe('commenting');
  });

  it('reads a quote from a single selector object and fills in missing context as empty', () => {
    const back = imported({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { source: DOCUMENT, selector: { type: 'TextQuoteSelector', exact: 'the IMU' } } });
    expect(back.target).toEqual({ kind: 'quote', source: DOCUMENT, quote: { type: 'TextQuoteSelector', exact: 'the IMU', prefix: '', suffix: '' }, position: null });
    expect(back.motivation).toBe('highlighting');
  });

  it('ignores selector types it does not use when a TextQuoteSelector is present', () => {
    const back = imported({
      '@context': ANNOTATION_CONTEXT,
      type: 'Annotation',
      bodyValue: 'Note',
      target: {
        source: DOCUMENT,
        selector: [
          { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[4]' }, endSelector: { type: 'XPathSelector', value: '/p[4]' } },
          { type: 'TextPositionSelector', start: 3857, end: 3935 },
          { type: 'TextQuoteSelector', exact: 'out of which', prefix: 'organisations (', suffix: ' the Islamic' },
        ],
      },
    });
    expect(back.target).toMatchObject({ kind: 'quote', quote: { exact: 'out of which' }, position: { start: 3857, end: 3935 } });
    expect(back.warnings).toEqual([]);
  });

  it('stores an imported quote as Marginalia stores text: composed accents, \\n line ends', () => {
    const back = imported({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { source: DOCUMENT, selector: { type: 'TextQuoteSelector', exact: 'Pre\u0301diction\r\nnext', prefix: 'a\rb' } } });
    expect(back.target).toMatchObject({ quote: { exact: 'Pr\u00e9diction\nnext', prefix: 'a\nb' } });
  });

  it('keeps the quote but drops a position that makes no sense, saying so', () => {
    const back = imported({
      '@context': ANNOTATION_CONTEXT,
      type: 'Annotation',
      target: { source: DOCUMENT, selector: [{ type: 'TextPositionSelector', start: 90, end: 10 }, { type: 'TextQuoteSelector', exact: 'the IMU' }] },
    });
    expect(back.target).toMatchObject({ kind: 'quote', position: null });
    expect(back.warnings).toEqual(['A TextPositionSelector was ignored: its start is after its end']);
  });

  it('reads a target given as an object with an id, or as the first of several targets that quotes something', () => {
    expect(imported({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', motivation: 'replying', target: { id: `${BASE}p1` } }).target).toEqual({ kind: 'reply', parentExternalId: `${BASE}p1` });
    const several = imported({
      '@context': ANNOTATION_CONTEXT,
      type: 'Annotation',
      target: ['https://elsewhere.example/page', { source: DOCUMENT, selector: { type: 'TextQuoteSelector', exact: 'the IMU' } }],
    });
    expect(several.target.kind).toBe('quote');
    expect(several.warnings).toEqual(['It has 2 targets; only one was imported.']);
  });

  it('takes an https context, a creator given by IRI, and a time without timezone as UTC with a warning', () => {
    const back = imported({
      '@context': 'https://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      target: SECTION,
      bodyValue: 'Section note',
      creator: 'https://people.example/marta',
      created: '2017-04-18T09:12:44',
    });
    expect(back.creator).toEqual({ id: 'https://people.example/marta', name: null });
    expect(back.created).toBe('2017-04-18T09:12:44.000Z');
    expect(back.warnings).toEqual(['Its created date has no timezone; it was read as UTC.']);
    expect(back.visibility).toBeNull();
  });

  it('refuses an annotation with no target, saying what a target is', () => {
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', bodyValue: 'Orphan' })).toMatch(/It has no target: an annotation must say what it annotates/);
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: [] })).toMatch(/It has no target/);
  });

  it('refuses a target whose only selectors are of a type it cannot anchor, naming the type', () => {
    const message = refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { source: DOCUMENT, selector: { type: 'FragmentSelector', value: 'xywh=0,0,10,10' } } });
    expect(message).toBe('Unsupported selector type FragmentSelector: Marginalia places annotations by their quoted text and needs a TextQuoteSelector.');
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { source: DOCUMENT, selector: [{ type: 'CssSelector', value: 'p' }, 'https://sel.example/1'] } })).toMatch(
      /^Unsupported selector type CssSelector, given by IRI:/,
    );
  });

  it('refuses a selector type the Web Annotation model does not define, even beside a quote, naming it', () => {
    const quote = { type: 'TextQuoteSelector', exact: 'a passage' };
    const message = refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { source: DOCUMENT, selector: [quote, { type: 'PdfPageSelector', page: 3 }] } });
    expect(message).toBe(
      'Unknown selector type "PdfPageSelector": the selector types of the Web Annotation model are TextQuoteSelector, TextPositionSelector, RangeSelector, XPathSelector, CssSelector, FragmentSelector, DataPositionSelector, SvgSelector.',
    );
    const beside = fromWebAnnotation({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { source: DOCUMENT, selector: [quote, { type: 'XPathSelector', value: '/p[1]' }] } });
    expect(beside.ok).toBe(true);
  });

  it('refuses a position without a quote, explaining that the quote is what anchors', () => {
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { source: DOCUMENT, selector: { type: 'TextPositionSelector', start: 1, end: 5 } } })).toMatch(
      /TextPositionSelector but no TextQuoteSelector/,
    );
  });

  it('refuses a TextQuoteSelector without its quote', () => {
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { source: DOCUMENT, selector: { type: 'TextQuoteSelector', prefix: 'x' } } })).toMatch(/needs the quoted text/);
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { source: DOCUMENT, selector: { type: 'TextQuoteSelector', exact: '  ' } } })).toMatch(/quotes nothing/);
  });

  it('refuses a comment over 10,000 characters, giving its length', () => {
    const json = mutable(quote);
    json.body = [{ type: 'TextualBody', value: 'a'.repeat(MAX_IMPORTED_BODY_LENGTH + 1), purpose: 'commenting' }];
    expect(refusal(json)).toMatch(/The comment has 10,001 characters; Marginalia keeps comments under 10,000/);
    json.body = [{ type: 'TextualBody', value: 'a'.repeat(MAX_IMPORTED_BODY_LENGTH) }];
    expect(imported(json).body).toHaveLength(MAX_IMPORTED_BODY_LENGTH);
  });

  it('refuses a comment holding a NUL character, which the database cannot store', () => {
    const json = mutable(quote);
    json.body = [{ type: 'TextualBody', value: 'Agreed.\u0000', purpose: 'commenting' }];
    expect(refusal(json)).toMatch(/^The comment contains a NUL character \(U\+0000\)/);
  });

  const quoteSelectorOf = (json: Json): Json => selectorsOf(json).find((selector) => selector.type === 'TextQuoteSelector') as Json;
  it.each<[string, (json: Json) => void, RegExp]>([
    ['id', (json) => (json.id = `${BASE}a\u0000b`), /^Its id contains a NUL character \(U\+0000\)/],
    ["creator's name", (json) => (json.creator = { id: marta.id, type: 'Person', name: 'Marta\u0000' }), /^Its creator's name contains a NUL character/],
    ["creator's id", (json) => (json.creator = { id: `${marta.id}\u0000`, type: 'Person', name: 'Marta' }), /^Its creator's id contains a NUL character/],
    ["target's source", (json) => (targetOf(json).source = `${DOCUMENT}\u0000`), /^Its target's source contains a NUL character/],
    ['quoted text', (json) => (quoteSelectorOf(json).exact = `${String(quoteSelectorOf(json).exact)}\u0000`), /^The quoted text \("exact"\) contains a NUL character/],
    ['text before the quote (prefix)', (json) => (quoteSelectorOf(json).prefix = '\u0000'), /^The text before the quote \("prefix"\) contains a NUL character/],
    ['text after the quote (suffix)', (json) => (quoteSelectorOf(json).suffix = 'x\u0000'), /^The text after the quote \("suffix"\) contains a NUL character/],
  ])('refuses an annotation whose %s holds a NUL character, naming the field', (_field, damage, message) => {
    const json = mutable(quote);
    damage(json);
    expect(refusal(json)).toMatch(message);
  });

  it('refuses a reply whose parent id holds a NUL character, as no IRI holds one', () => {
    const json = mutable(reply);
    json.target = `${BASE}parent\u0000`;
    expect(refusal(json)).toMatch(/is not an IRI/);
  });

  it('refuses 25 tags, saying how many to remove', () => {
    const json = mutable(quote);
    json.body = Array.from({ length: 25 }, (_, n) => ({ type: 'TextualBody', purpose: 'tagging', value: `tag-${n}` }));
    expect(refusal(json)).toBe('An annotation can have at most 20 tags, and this one has 25. Remove 5.');
  });

  it('refuses a tag with a line break in it, showing where', () => {
    const json = mutable(quote);
    json.body = [{ type: 'TextualBody', purpose: 'tagging', value: 'statistic\nclaim' }];
    expect(refusal(json)).toMatch(/A tag cannot contain line breaks.*statistic\\nclaim/);
  });

  it('refuses what is not an object, saying what it got', () => {
    expect(refusal(null)).toBe('Expected a W3C Web Annotation (a JSON object) and got null.');
    expect(refusal([exported(quote)])).toMatch(/got a list/);
    expect(refusal('annotation')).toMatch(/got the text "annotation"/);
    expect(refusal(42)).toMatch(/got the number 42/);
  });

  it('refuses an annotation without @context or type, naming both', () => {
    const json = mutable(quote);
    delete json['@context'];
    delete json.type;
    expect(refusal(json)).toBe(
      `It has no @context: a W3C Web Annotation names "${ANNOTATION_CONTEXT}" as its @context. It has no type: a W3C Web Annotation has "type": "Annotation".`,
    );
  });

  it('refuses JSON-LD that is not an annotation', () => {
    expect(refusal({ '@context': 'https://schema.org/', type: 'Annotation', target: DOCUMENT })).toMatch(/does not include "http:\/\/www.w3.org\/ns\/anno.jsonld"/);
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationPage', target: DOCUMENT })).toMatch(/type does not include "Annotation"/);
  });

  it('refuses a TextualBody without text, an unreadable date and a target that is not an IRI', () => {
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: DOCUMENT, body: [{ type: 'TextualBody', value: 'ok' }, { type: 'TextualBody' }] })).toBe(
      'Body 2 of 2 is a TextualBody without its text: "value" must be a string.',
    );
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: DOCUMENT, created: 'last Tuesday' })).toMatch(/created date "last Tuesday" is not a date and time/);
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: 'page one' })).toBe('Its target "page one" is not an IRI.');
    expect(refusal({ '@context': ANNOTATION_CONTEXT, type: 'Annotation', target: { type: 'Text' } })).toMatch(/names nothing/);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof fromWebAnnotation(value).ok).toBe('boolean');
      }),
    );
  });

  it('never throws on annotation-shaped JSON with anything in any field', () => {
    const anything = fc.jsonValue({ maxDepth: 3 });
    const field = <T>(valid: T) => fc.oneof(fc.constant(valid), anything);
    const selector = fc.oneof(
      fc.record({ type: field('TextQuoteSelector'), exact: field('the IMU'), prefix: field(''), suffix: field('') }, { requiredKeys: ['type'] }),
      fc.record({ type: field('TextPositionSelector'), start: field(3), end: field(9) }, { requiredKeys: ['type'] }),
      anything,
    );
    const annotationLike = fc.record(
      {
        '@context': field(ANNOTATION_CONTEXT),
        type: field('Annotation'),
        id: field(`${BASE}x`),
        motivation: field('replying'),
        body: fc.oneof(anything, fc.array(fc.record({ type: field('TextualBody'), value: field('text'), purpose: field('tagging') }), { maxLength: 3 })),
        bodyValue: anything,
        target: fc.oneof(anything, fc.record({ source: field(DOCUMENT), selector: fc.oneof(selector, fc.array(selector, { maxLength: 3 })), id: anything })),
        created: field('2017-04-18T09:12:44Z'),
        modified: anything,
        creator: fc.oneof(anything, fc.record({ id: anything, name: anything, nickname: anything })),
        visibility: anything,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(annotationLike, (value) => {
        expect(typeof fromWebAnnotation(value).ok).toBe('boolean');
        expect(Array.isArray(checkWebAnnotationMusts(value))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseWebAnnotationExport', () => {
  it('reads back a whole exported collection, parents before replies', () => {
    const collection = toAnnotationCollection([exported(reply), ...allExported.filter((json) => json.id !== exported(reply).id)], { id: COLLECTION, label: 'Annotations' });
    const { annotations, problems } = parseWebAnnotationExport(JSON.parse(JSON.stringify(collection)));
    expect(problems).toEqual([]);
    expect(annotations).toHaveLength(6);
    const ids = annotations.map((annotation) => annotation.externalId);
    expect(ids.indexOf(annotationIri(BASE, quote.id))).toBeLessThan(ids.indexOf(annotationIri(BASE, reply.id)));
  });

  it('lets the items of a page take the page’s @context, and reports pages that are only linked', () => {
    const withoutContext = mutable(quote);
    delete withoutContext['@context'];
    const page = { '@context': ANNOTATION_CONTEXT, id: `${COLLECTION}?page=0`, type: 'AnnotationPage', items: [withoutContext], next: `${COLLECTION}?page=1` };
    const result = parseWebAnnotationExport(page);
    expect(result.annotations).toHaveLength(1);
    expect(result.problems).toEqual([]);
    expect(result.notices).toEqual([`The next page, ${COLLECTION}?page=1, is not in this file: download it and import it too.`]);
    const linkedOnly = parseWebAnnotationExport({ '@context': ANNOTATION_CONTEXT, id: COLLECTION, type: 'AnnotationCollection', total: 3, first: `${COLLECTION}?page=0` });
    expect(linkedOnly.notices[0]).toMatch(/only linked from this file/);
  });

  it('reads a single annotation or a list, and names the ones it cannot take', () => {
    expect(parseWebAnnotationExport(exported(quote)).annotations).toHaveLength(1);
    const { annotations, problems } = parseWebAnnotationExport([exported(quote), { ...exported(tagged), target: undefined }, 7]);
    expect(annotations).toHaveLength(1);
    expect(problems).toEqual([
      { id: annotationIri(BASE, tagged.id), message: expect.stringMatching(/^It has no target/) },
      { id: null, message: 'Annotation 3 of 3: Expected a W3C Web Annotation (a JSON object) and got the number 7.' },
    ]);
  });

  it('warns about a reply whose parent is not in the file, and drops a repeated id', () => {
    const { annotations, problems } = parseWebAnnotationExport([exported(reply), exported(reply)]);
    expect(annotations).toHaveLength(1);
    expect(annotations[0]?.warnings[0]).toMatch(/replies to .* which is not in this file/);
    expect(problems).toEqual([{ id: annotationIri(BASE, reply.id), message: expect.stringMatching(/appears more than once/) }]);
  });

  it('says so when the file is not an annotation export at all', () => {
    expect(parseWebAnnotationExport('hello').problems[0]?.message).toMatch(/^This is not a W3C annotation export/);
  });
});
