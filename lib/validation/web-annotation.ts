import { z } from '@/lib/zod';
import { ANNOTATION_CONTEXT, W3C_MOTIVATIONS } from '@/lib/domain/web-annotation';

// The W3C Web Annotation JSON-LD that the annotation API sends and accepts, as zod schemas. The domain's types of an
// exported annotation, page and collection are inferred from them, and the OpenAPI document's schemas are generated
// from them, so what the server sends, what the code says it sends and what the API description says cannot differ.

const iri = z.url();
const dateTime = z.iso.datetime();
const visibility = z.enum(['private', 'workspace']);

/** W3C TextQuoteSelector as Marginalia sends it: the quote and up to 32 code points of context either side. */
export const textQuoteSelectorSchema = z
  .object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1), prefix: z.string(), suffix: z.string() })
  .meta({ description: 'The quoted passage, with the text just before and after it to tell repeated phrases apart.' });

/** W3C TextPositionSelector: code-point offsets into the document version's text, end exclusive. */
export const textPositionSelectorSchema = z
  .object({ type: z.literal('TextPositionSelector'), start: z.int().nonnegative(), end: z.int().nonnegative() })
  .meta({ description: 'Offsets in Unicode code points of the document version’s plain text, end exclusive.' });

/** The page of the original PDF a quote sits on, as a FragmentSelector in the PDF fragment syntax of RFC 3778 (`page=4`). */
export const pdfPageSelectorSchema = z
  .object({ type: z.literal('FragmentSelector'), conformsTo: z.literal('http://tools.ietf.org/rfc/rfc3778'), value: z.string().regex(/^page=\d+$/u) })
  .meta({ description: 'The page of the original PDF the quote sits on (RFC 3778 fragment syntax).' });

/** A TextualBody of an exported annotation: the comment (Markdown) or one tag. */
export const webTextualBodySchema = z
  .discriminatedUnion('purpose', [
    z.object({ type: z.literal('TextualBody'), value: z.string(), format: z.literal('text/markdown'), purpose: z.literal('commenting') }),
    z.object({ type: z.literal('TextualBody'), value: z.string(), purpose: z.literal('tagging') }),
  ])
  .meta({ description: 'The comment (Markdown, purpose `commenting`) or one tag (purpose `tagging`).' });

/** The target of a quote annotation: the document version, narrowed by a quote, a code-point position and, for a PDF, its page. */
export const webTextTargetSchema = z.object({
  type: z.literal('SpecificResource'),
  source: iri,
  selector: z.union([
    z.tuple([textQuoteSelectorSchema, textPositionSelectorSchema]),
    z.tuple([textQuoteSelectorSchema, textPositionSelectorSchema, pdfPageSelectorSchema]),
  ]),
});

const person = z.object({ id: z.string(), type: z.literal('Person'), name: z.string() });

/**
 * An annotation as Marginalia sends it: W3C JSON-LD plus members the Data Model does not define, `visibility`
 * and `imported`. The anno.jsonld context does not map them, so JSON-LD processing drops them and other tools
 * ignore them; Marginalia reads them back on import so a private note stays private.
 */
export const webAnnotationSchema = z
  .object({
    '@context': z.literal(ANNOTATION_CONTEXT),
    id: iri,
    type: z.literal('Annotation'),
    motivation: z.enum(W3C_MOTIVATIONS),
    created: dateTime,
    modified: dateTime,
    creator: person.partial({ id: true }),
    body: z.array(webTextualBodySchema).optional(),
    target: z.union([webTextTargetSchema, iri]).meta({
      description: 'A passage of a document version, or an IRI: the parent annotation for a reply, `…/versions/<n>#<section>` for a section’s discussion, the version for a page note.',
    }),
    visibility: visibility.meta({ description: 'Not part of the W3C model: `private` annotations are seen only by their author, `workspace` ones by every member.' }),
    via: iri.optional().meta({ description: 'The IRI it had where it came from: an imported annotation’s original id, or the id a client posted it with.' }),
    canonical: iri.optional().meta({ description: 'The IRI its creator named as canonical; kept unchanged.' }),
    imported: z
      .object({ by: person, group: z.string().optional(), source: z.string().optional() })
      .optional()
      .meta({ description: 'Not part of the W3C model: for an imported annotation, who imported it (the creator is its original author) and the group and page it came from.' }),
  })
  .meta({ description: 'A W3C Web Annotation as the server sends it.' });

/** A reference to the collection a page belongs to. */
const partOf = z.object({ id: iri, label: z.string(), total: z.int().nonnegative() });

/** One page of a collection (Data Model §5.2); `@context` only when the page is served on its own. */
export const annotationPageSchema = z
  .object({
    '@context': z.literal(ANNOTATION_CONTEXT).optional(),
    id: iri,
    type: z.literal('AnnotationPage'),
    partOf,
    startIndex: z.int().nonnegative(),
    items: z.array(webAnnotationSchema),
    next: iri.optional(),
    prev: iri.optional(),
  })
  .meta({ description: 'One page of annotations, in full.' });

/** An ordered collection of annotations (Data Model §5.1) with its first page embedded; `first`/`last` absent when empty. */
export const annotationCollectionSchema = z
  .object({
    '@context': z.literal(ANNOTATION_CONTEXT),
    id: iri,
    type: z.literal('AnnotationCollection'),
    label: z.string(),
    total: z.int().nonnegative(),
    first: annotationPageSchema.optional(),
    last: iri.optional(),
  })
  .meta({ description: 'A self-contained W3C AnnotationCollection, every annotation on one page.' });

/** A page of the annotation container: its annotations in full, or only their IRIs (PreferContainedIRIs). */
export const containerPageSchema = annotationPageSchema
  .extend({ '@context': z.literal(ANNOTATION_CONTEXT).optional(), items: z.union([z.array(webAnnotationSchema), z.array(iri)]) })
  .meta({ description: 'One page of the container, 100 annotations a page, in full or as IRIs.' });

/** The annotation container (Protocol §5.3): an LDP BasicContainer and AnnotationCollection, its first page embedded or named. */
export const annotationContainerSchema = z
  .object({
    '@context': z.tuple([z.literal(ANNOTATION_CONTEXT), z.literal('http://www.w3.org/ns/ldp.jsonld')]),
    id: iri,
    type: z.tuple([z.literal('BasicContainer'), z.literal('AnnotationCollection')]),
    label: z.string(),
    total: z.int().nonnegative(),
    first: z.union([containerPageSchema, iri]).optional().meta({ description: 'The first page, embedded; only its IRI under PreferMinimalContainer. Absent when empty.' }),
    last: iri.optional(),
  })
  .meta({ description: 'A document’s annotation container, as an LDP BasicContainer and an AnnotationCollection.' });

const inputSelector = z.looseObject({ type: z.string() }).meta({
  description: 'A TextQuoteSelector (`exact`, with `prefix` and `suffix` when you have them) places the annotation; a TextPositionSelector is a hint; other W3C selectors are kept.',
});

const inputBody = z.looseObject({
  type: z.literal('TextualBody').optional(),
  value: z.string(),
  purpose: z.enum(W3C_MOTIVATIONS).optional(),
  format: z.string().optional().meta({ examples: ['text/markdown'] }),
});

/** An annotation as a client may send it to the container or in a PUT: what the reader of a W3C annotation accepts. */
export const annotationInputSchema = z
  .looseObject({
    '@context': z.union([z.string(), z.array(z.unknown())]).meta({ description: `"${ANNOTATION_CONTEXT}", or a list that includes it.` }),
    type: z.union([z.string(), z.array(z.unknown())]).meta({ description: '"Annotation", or a list that includes it.' }),
    motivation: z.union([z.enum(W3C_MOTIVATIONS), z.array(z.string())]).optional(),
    body: z.union([inputBody, z.string(), z.array(z.union([inputBody, z.string()]))]).optional(),
    bodyValue: z.string().optional().meta({ description: 'A plain-text comment, instead of a body.' }),
    target: z.union([
      iri,
      z.looseObject({ type: z.string().optional(), source: iri, selector: z.union([inputSelector, z.array(inputSelector)]).optional() }),
    ]).meta({ description: 'A passage of the document (a SpecificResource with a TextQuoteSelector), a section (`…/versions/<n>#<section>`), or, for a reply, the parent annotation’s IRI.' }),
    visibility: visibility.default('private').meta({ description: 'Not part of the W3C model: who may see the annotation. Private when left out.' }),
    id: z.string().optional().meta({ description: 'Your own IRI for it; kept in `via`.' }),
    canonical: z.string().optional(),
  })
  .meta({
    description:
      'A W3C Web Annotation. The comment is the TextualBody with purpose `commenting` (Markdown), each tag a TextualBody with purpose `tagging`. Creator and dates sent are ignored.',
  });
