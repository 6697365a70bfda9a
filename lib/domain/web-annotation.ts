import { z } from '@/lib/zod';
import type { TextPositionSelector, TextQuoteSelector, TextSelectors } from './selectors';
import { validateTags } from './tags';

// W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) and the collection paging of the
// Web Annotation Protocol: Marginalia's export format, and one of the formats it imports (the other is
// Hypothesis's, in hypothesis-import.ts, which produces the same ImportedAnnotation records).

/** The JSON-LD context every Web Annotation, collection and page names (Data Model §3.1). */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The motivations defined by the Data Model (§3.3.5); they are also the values a body's `purpose` may take. */
export const W3C_MOTIVATIONS = [
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
] as const;

/** One of the Data Model's motivations. */
export type W3cMotivation = (typeof W3C_MOTIVATIONS)[number];

/** Why a Marginalia annotation exists: a comment on a passage or section, a bare highlight, or a reply in a thread. */
export type AnnotationMotivation = 'commenting' | 'highlighting' | 'replying';

/** Who may see an annotation: its author only, or every member of the document's workspace. */
export type AnnotationVisibility = 'private' | 'workspace';

/** Longest comment an import accepts, in UTF-16 units: the annotation form's limit (MAX_BODY_LENGTH in lib/validation/annotations.ts). */
export const MAX_IMPORTED_BODY_LENGTH = 10_000;

/**
 * What toWebAnnotation needs of one annotation, as the data layer loads it. `documentIri` names the document
 * version the selectors were made on (`https://host/documents/<slug>/versions/3`), because code-point offsets
 * only mean something against one text. `selectors` is null for replies and section discussions; a section
 * discussion gives `sectionIri` instead. `tags` are labels as displayed (`actor:IMU`). Dates are instants.
 */
export type ExportableAnnotation = {
  id: string;
  documentIri: string;
  selectors: TextSelectors | null;
  sectionIri?: string | null;
  body: string;
  tags: readonly string[];
  motivation: AnnotationMotivation;
  parentId: string | null;
  creator: { id: string; name: string };
  created: Date | string;
  modified: Date | string;
  visibility: AnnotationVisibility;
  /** The page of the original PDF the quote sits on, when the document came from a PDF. */
  page?: number | null;
  /** The IRI it had where it came from: an imported annotation's original id, or the id a client posted it with. */
  via?: string | null;
  /** The IRI its creator named as canonical; kept unchanged. */
  canonical?: string | null;
};

/** Options for toWebAnnotation: `annotationIriBase` + id is an annotation's IRI (`https://host/annotations/` + uuid). */
export type WebAnnotationOptions = { annotationIriBase: string };

/** A TextualBody of an exported annotation: the comment (Markdown) or one tag. */
export type WebTextualBody =
  | { type: 'TextualBody'; value: string; format: 'text/markdown'; purpose: 'commenting' }
  | { type: 'TextualBody'; value: string; purpose: 'tagging' };

/** The target of a quote annotation: the document version, narrowed by a quote and a code-point position. */
export type WebTextTarget = {
  type: 'SpecificResource';
  source: string;
  selector: [TextQuoteSelector, TextPositionSelector] | [TextQuoteSelector, TextPositionSelector, PdfPageSelector];
};

/** The page of the original PDF a quote sits on, as a W3C FragmentSelector in the PDF fragment syntax of RFC 3778 (`page=4`). */
export type PdfPageSelector = { type: 'FragmentSelector'; conformsTo: 'http://tools.ietf.org/rfc/rfc3778'; value: string };

/**
 * An annotation as Marginalia exports it: W3C JSON-LD plus one member the Data Model does not define,
 * `visibility` ("private" | "workspace"). The anno.jsonld context does not map it, so JSON-LD processing drops
 * it and other tools ignore it (the Data Model requires consumers to ignore unfamiliar properties); Marginalia
 * reads it back on import so a private note stays private.
 */
export type WebAnnotation = {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: AnnotationMotivation;
  created: string;
  modified: string;
  creator: { id: string; type: 'Person'; name: string };
  body?: WebTextualBody[];
  target: WebTextTarget | string;
  visibility: AnnotationVisibility;
  via?: string;
  canonical?: string;
};

/** Options for toAnnotationCollection and toAnnotationPage; `pageSize` defaults to everything on one page. */
export type AnnotationCollectionOptions = { id: string; label: string; pageSize?: number };

/** One page of a collection (Data Model §5.2); `@context` only when the page is served on its own. */
export type AnnotationPage = {
  '@context'?: typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'AnnotationPage';
  partOf: { id: string; label: string; total: number };
  startIndex: number;
  items: WebAnnotation[];
  next?: string;
  prev?: string;
};

/** An ordered collection of annotations (Data Model §5.1) with its first page embedded; `first`/`last` absent when empty. */
export type AnnotationCollection = {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first?: AnnotationPage;
  last?: string;
};

/**
 * What an imported annotation is attached to: a quoted passage (`position` is a hint only: re-anchor by the
 * quote, since other tools count offsets differently and the text may differ), the annotation it replies to
 * (as the other system named it), or a whole resource such as a web page or a section (`iri`), which has no
 * passage to highlight.
 */
export type ImportedTarget =
  | { kind: 'quote'; source: string | null; quote: TextQuoteSelector; position: TextPositionSelector | null }
  | { kind: 'reply'; parentExternalId: string }
  | { kind: 'resource'; iri: string };

/**
 * One validated, normalised annotation from a W3C or Hypothesis file, ready for the importer: the body as
 * Markdown ('' for none), tag labels checked by validateTags, dates as UTC ISO strings, and `warnings` naming
 * anything that was dropped or guessed. `externalId` is the annotation's id in the file (an IRI for W3C, a
 * Hypothesis id), the key replies use in `parentExternalId`.
 */
export type ImportedAnnotation = {
  externalId: string | null;
  target: ImportedTarget;
  motivation: AnnotationMotivation;
  body: string;
  tags: string[];
  visibility: AnnotationVisibility | null;
  creator: { id: string | null; name: string | null } | null;
  created: string | null;
  modified: string | null;
  warnings: string[];
  /** The IRI the file names as the annotation's canonical one (W3C `canonical`), kept unchanged; null when none. */
  canonical?: string | null;
};

/** Result of reading one annotation: the record, or a message saying what is wrong with it. */
export type AnnotationImportResult = { ok: true; value: ImportedAnnotation } | { ok: false; message: string };

/** An annotation a file import could not take, by its id in the file (null when it has none), with the reason. */
export type ImportProblem = { id: string | null; message: string };

/**
 * Result of reading a whole file: the annotations that can be imported (parents before their replies), the
 * problems (annotations it could not take), and notices about the file as a whole that stop nothing, such as
 * pages of a collection that are only linked from it.
 */
export type ImportResult = { annotations: ImportedAnnotation[]; problems: ImportProblem[]; notices: string[] };

/** A broken MUST of the Data Model: where (`target[0].selector[1].start`, '' for the whole document) and what. */
export type MustViolation = { path: string; message: string };

/** Returns the IRI of annotation `id` under `base` (a `/` is added to a base without one). Pure. */
export function annotationIri(base: string, id: string): string {
  return `${withSlash(base)}${encodeURIComponent(id)}`;
}

/** Returns the id an annotation IRI made by annotationIri(base, id) carries, or null for an IRI from elsewhere. Pure. */
export function annotationIdFromIri(iri: string, base: string): string | null {
  const prefix = withSlash(base);
  if (!iri.startsWith(prefix)) return null;
  const rest = iri.slice(prefix.length);
  if (rest === '' || /[/?#]/u.test(rest)) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

/** Returns the IRI of page `page` (0-based) of collection `collectionId`: the collection IRI with a `page` query parameter. */
export function annotationPageIri(collectionId: string, page: number): string {
  return `${collectionId}${collectionId.includes('?') ? '&' : '?'}page=${page}`;
}

/**
 * Returns one annotation as W3C JSON-LD: replies target their parent's IRI with motivation `replying`; quote
 * annotations target the document version through a TextQuoteSelector and a TextPositionSelector; section
 * discussions target the section's IRI and page-level notes the document's. The comment becomes a Markdown
 * TextualBody and each tag a `tagging` TextualBody; a bare highlight has no body at all. Dates come out in UTC
 * (`Z`). Throws RangeError for an invalid date or a date string without a timezone (the data layer passes Dates). Pure.
 */
export function toWebAnnotation(annotation: ExportableAnnotation, options: WebAnnotationOptions): WebAnnotation {
  const isReply = annotation.parentId !== null;
  const body: WebTextualBody[] = [];
  if (annotation.body.trim() !== '') body.push({ type: 'TextualBody', value: annotation.body, format: 'text/markdown', purpose: 'commenting' });
  for (const tag of annotation.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  return {
    '@context': ANNOTATION_CONTEXT,
    id: annotationIri(options.annotationIriBase, annotation.id),
    type: 'Annotation',
    // A reply is a reply whatever else it says; a non-reply claiming `replying` would target nothing it replies to.
    motivation: isReply ? 'replying' : annotation.motivation === 'replying' ? 'commenting' : annotation.motivation,
    created: toUtcDateTime(annotation.created),
    modified: toUtcDateTime(annotation.modified),
    creator: { id: annotation.creator.id, type: 'Person', name: annotation.creator.name },
    ...(body.length > 0 ? { body } : {}),
    target: exportTarget(annotation, options),
    visibility: annotation.visibility,
    ...(annotation.via ? { via: annotation.via } : {}),
    ...(annotation.canonical ? { canonical: annotation.canonical } : {}),
  };
}

/**
 * Returns page `page` (0-based) of a collection of exported annotations, with its own `@context`, for serving
 * one page at annotationPageIri(id, page). Throws RangeError for a page past the end or a bad page size. Pure.
 */
export function toAnnotationPage(annotations: readonly WebAnnotation[], options: AnnotationCollectionOptions & { page: number }): AnnotationPage {
  return { '@context': ANNOTATION_CONTEXT, ...buildPage(annotations, options, options.page) };
}

/**
 * Returns the annotations as an AnnotationCollection whose first page is embedded, the other pages being named
 * by IRI (`next`, `last`) for toAnnotationPage to serve. With the default page size the whole export is one
 * self-contained document. An empty collection has `total: 0` and no pages. Pure.
 */
export function toAnnotationCollection(annotations: readonly WebAnnotation[], options: AnnotationCollectionOptions): AnnotationCollection {
  const collection: AnnotationCollection = {
    '@context': ANNOTATION_CONTEXT,
    id: options.id,
    type: 'AnnotationCollection',
    label: options.label,
    total: annotations.length,
  };
  if (annotations.length === 0) return collection;
  const pageSize = checkedPageSize(options.pageSize, annotations.length);
  return {
    ...collection,
    first: buildPage(annotations, options, 0),
    last: annotationPageIri(options.id, Math.ceil(annotations.length / pageSize) - 1),
  };
}


/**
 * Reads a W3C export: one Annotation, a list of them, an AnnotationPage, or an AnnotationCollection whose pages
 * are embedded (pages only linked by IRI are reported as problems, to be fetched and imported separately).
 * Items without `@context` inherit their container's. Returns annotations with parents before replies. Pure.
 */
export function parseWebAnnotationExport(json: unknown): ImportResult {
  const items: Array<{ item: unknown; position: number }> = [];
  const problems: ImportProblem[] = [];
  const notices: string[] = [];
  const addItems = (list: unknown, context: unknown) => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const inherited = isRecord(item) && !('@context' in item) && context !== undefined ? { '@context': context, ...item } : item;
      items.push({ item: inherited, position: items.length + 1 });
    }
  };

  if (Array.isArray(json)) addItems(json, undefined);
  else if (isRecord(json) && hasType(json, 'AnnotationCollection')) {
    let page: unknown = json.first;
    const seen = new Set<unknown>();
    while (page !== undefined && !seen.has(page)) {
      seen.add(page);
      if (typeof page === 'string') {
        notices.push(`The page ${page} is only linked from this file, not included: download it and import it too.`);
        break;
      }
      if (!isRecord(page) || !Array.isArray(page.items)) {
        problems.push({ id: null, message: 'A page of this collection has no list of items, so its annotations could not be read.' });
        break;
      }
      addItems(page.items, page['@context'] ?? json['@context']);
      page = page.next;
    }
  } else if (isRecord(json) && hasType(json, 'AnnotationPage')) {
    addItems(json.items, json['@context']);
    if (typeof json.next === 'string') {
      notices.push(`The next page, ${json.next}, is not in this file: download it and import it too.`);
    }
  } else if (isRecord(json)) {
    items.push({ item: json, position: 1 });
  } else {
    problems.push({ id: null, message: `This is not a W3C annotation export: expected an Annotation, a list of them or an AnnotationCollection, and got ${describeValue(json)}.` });
  }

  const annotations: ImportedAnnotation[] = [];
  for (const { item, position } of items) {
    const result = fromWebAnnotation(item);
    const id = isRecord(item) && typeof item.id === 'string' ? item.id : null;
    if (result.ok) annotations.push(result.value);
    else problems.push({ id, message: id === null ? `Annotation ${position} of ${items.length}: ${result.message}` : result.message });
  }
  return finishImport(annotations, problems, notices);
}

/**
 * Lists the MUSTs of the W3C Web Annotation Data Model that a JSON annotation breaks, field by field; an empty
 * list means it conforms. Checks: @context present and including anno.jsonld; id one absolute IRI; type
 * including Annotation; at least one target; not both body and bodyValue, bodyValue one string; string bodies
 * and targets are IRIs, as is the id of any resource or agent that has one; each TextualBody has one string
 * value; a Choice has items; a SpecificResource has exactly one source that is (or names) an IRI; each selector
 * is an IRI or has exactly one type; TextQuoteSelector has one string `exact` (prefix, suffix strings); Text and
 * Data Position selectors have non-negative integer start and end; Fragment, CSS and XPath selectors a string
 * value; RangeSelector a start and end selector; refinedBy selectors are checked too; created, modified and
 * generated are single xsd:dateTime values; motivation and purpose come from the W3C list (or are IRIs/CURIEs
 * of extensions); textDirection is ltr, rtl or auto; rights, via and canonical are IRIs. Two checks go beyond
 * the letter of the model, as Marginalia requires: dates carry a timezone (a SHOULD there) and a position
 * selector's start is not after its end. Pure; never throws.
 */
export function checkWebAnnotationMusts(json: unknown): MustViolation[] {
  const violations: MustViolation[] = [];
  checkAnnotation(json, '', violations, undefined);
  return violations;
}

/**
 * Lists the MUSTs of the Data Model (§5) that an AnnotationCollection with embedded pages breaks: its @context,
 * IRI id and type, a non-negative integer total, `first` and `last` as pages or IRIs, and for each embedded page
 * its IRI id, AnnotationPage type, items list, non-negative startIndex, IRI `next`/`prev`/`partOf`, and every
 * item by checkWebAnnotationMusts (an item may take its @context from the collection). Pure; never throws.
 */
export function checkAnnotationCollectionMusts(json: unknown): MustViolation[] {
  const violations: MustViolation[] = [];
  checkCollection(json, violations);
  return violations;
}

/**
 * Returns `value` as an xsd:dateTime in UTC with millisecond precision (`2017-04-12T09:30:00.000Z`). Accepts a
 * Date or a string with a timezone (`+00:00`, `Z`; digits past milliseconds are dropped, as Hypothesis sends
 * microseconds). Throws RangeError for an invalid date or a string without a timezone, whose instant is unknown.
 */
export function toUtcDateTime(value: Date | string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('Cannot export an invalid date.');
    return value.toISOString();
  }
  const parsed = readDateTime(value);
  if (parsed === null) throw new RangeError(`"${value}" is not an xsd:dateTime such as 2017-04-12T09:30:00Z.`);
  if (parsed.utc === null) throw new RangeError(`"${value}" has no timezone, so the instant it names is unknown; add Z or an offset.`);
  return parsed.utc;
}

/**
 * Reads the selectors of a target (one selector or a list; any values): the first TextQuoteSelector, normalised
 * like stored text (NFC, `\n` line ends), and the first valid TextPositionSelector as a hint. Other selector
 * types are ignored when a quote is present and named in the error when none is. Shared by the importers.
 */
export function readQuoteSelectors(selector: unknown): { ok: true; quote: TextQuoteSelector; position: TextPositionSelector | null; warnings: string[] } | { ok: false; message: string } {
  const list = Array.isArray(selector) ? selector : [selector];
  let quote: TextQuoteSelector | null = null;
  let position: TextPositionSelector | null = null;
  const warnings: string[] = [];
  const unsupported: string[] = [];
  let hasPosition = false;
  for (const item of list) {
    const type = isRecord(item) ? selectorType(item) : null;
    if (type === 'TextQuoteSelector') {
      if (quote !== null) continue;
      const parsed = quoteSelectorSchema.safeParse(item);
      if (!parsed.success) return { ok: false, message: firstMessage(parsed.error) };
      quote = {
        type: 'TextQuoteSelector',
        exact: normalizeQuoted(parsed.data.exact),
        prefix: normalizeQuoted(parsed.data.prefix ?? ''),
        suffix: normalizeQuoted(parsed.data.suffix ?? ''),
      };
    } else if (type === 'TextPositionSelector') {
      hasPosition = true;
      if (position !== null) continue;
      const parsed = positionSelectorSchema.safeParse(item);
      if (parsed.success) position = { type: 'TextPositionSelector', start: parsed.data.start, end: parsed.data.end };
      else warnings.push(`A TextPositionSelector was ignored: ${firstMessage(parsed.error)}`);
    } else if (type !== null && !KNOWN_SELECTOR_TYPES.includes(type)) {
      return {
        ok: false,
        message: `Unknown selector type "${shorten(type)}": the selector types of the Web Annotation model are ${KNOWN_SELECTOR_TYPES.join(', ')}.`,
      };
    } else {
      unsupported.push(type ?? (typeof item === 'string' ? 'given by IRI' : 'without a type'));
    }
  }
  if (quote !== null) return { ok: true, quote, position, warnings };
  if (list.length === 0) return { ok: false, message: 'The target lists no selectors, so there is no passage to place the annotation on.' };
  if (hasPosition) {
    return {
      ok: false,
      message: 'The target has a TextPositionSelector but no TextQuoteSelector: Marginalia places annotations by their quoted text, so it needs the quote.',
    };
  }
  const types = [...new Set(unsupported)].join(', ');
  return {
    ok: false,
    message: `Unsupported selector type ${types}: Marginalia places annotations by their quoted text and needs a TextQuoteSelector.`,
  };
}

/**
 * The selector types the Web Annotation Data Model defines (§4.2). Only TextQuoteSelector places an annotation
 * here (TextPositionSelector is a hint); the others are ignored beside a quote. Any other type is refused, since
 * a file using it was made for some other kind of resource.
 */
export const KNOWN_SELECTOR_TYPES: readonly string[] = [
  'TextQuoteSelector',
  'TextPositionSelector',
  'RangeSelector',
  'XPathSelector',
  'CssSelector',
  'FragmentSelector',
  'DataPositionSelector',
  'SvgSelector',
];

/** Checks an imported comment: at most 10,000 characters (as the annotation form allows) and no U+0000; returns a message or null. */
export function importedBodyProblem(body: string): string | null {
  // PostgreSQL cannot store U+0000; refusing it here gives a 422 the client can act on instead of a failed insert.
  if (body.includes('\u0000')) return 'The comment contains a NUL character (U+0000), which cannot be stored. Remove it and send the annotation again.';
  if (body.length <= MAX_IMPORTED_BODY_LENGTH) return null;
  return `The comment has ${body.length.toLocaleString('en')} characters; Marginalia keeps comments under ${MAX_IMPORTED_BODY_LENGTH.toLocaleString('en')}. Shorten it or split it into replies, then import it again.`;
}

/**
 * Checks the text an import stores besides the comment (the annotation's id, its target, quote and creator) for
 * U+0000; returns a message naming the field, or null. Shared by the importers, with importedBodyProblem.
 */
export function importedTextProblem(annotation: Pick<ImportedAnnotation, 'externalId' | 'target' | 'creator'>): string | null {
  const { target, creator } = annotation;
  type Field = [name: string, value: string | null | undefined];
  const targetFields: Field[] =
    target.kind === 'quote'
      ? [
          ["Its target's source", target.source],
          ['The quoted text ("exact")', target.quote.exact],
          ['The text before the quote ("prefix")', target.quote.prefix],
          ['The text after the quote ("suffix")', target.quote.suffix],
        ]
      : target.kind === 'reply'
        ? [['The id of the annotation it replies to', target.parentExternalId]]
        : [["Its target's address", target.iri]];
  const fields: Field[] = [['Its id', annotation.externalId], ...targetFields, ["Its creator's id", creator?.id], ["Its creator's name", creator?.name]];
  // PostgreSQL cannot store U+0000 in text: refused here as a 422 naming the field rather than a failed insert.
  const field = fields.find(([, value]) => value?.includes('\u0000'))?.[0];
  return field === undefined ? null : `${field} contains a NUL character (U+0000), which cannot be stored. Remove it and send the annotation again.`;
}

/** Reads an optional imported date: null when absent, the UTC ISO string, or a message; a date without timezone is read as UTC with a warning. */
export function readImportedDate(value: string | undefined, field: string): { ok: true; value: string | null; warning: string | null } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, value: null, warning: null };
  const parsed = readDateTime(value);
  if (parsed === null) return { ok: false, message: `Its ${field} date "${shorten(value)}" is not a date and time such as 2017-04-12T09:30:00Z.` };
  if (parsed.utc !== null) return { ok: true, value: parsed.utc, warning: null };
  return { ok: true, value: toUtcDateTime(`${value}Z`), warning: `Its ${field} date has no timezone; it was read as UTC.` };
}

/**
 * Finishes a file import: drops repeated ids (reporting them), warns about replies whose parent is not in the
 * file, and orders the annotations so every parent comes before its replies (the database needs the parent
 * first), otherwise keeping file order. Shared by the importers. Pure.
 */
export function finishImport(annotations: readonly ImportedAnnotation[], problems: readonly ImportProblem[], notices: readonly string[] = []): ImportResult {
  const byId = new Map<string, ImportedAnnotation>();
  const unique: ImportedAnnotation[] = [];
  const allProblems = [...problems];
  for (const annotation of annotations) {
    if (annotation.externalId !== null) {
      if (byId.has(annotation.externalId)) {
        allProblems.push({ id: annotation.externalId, message: 'This id appears more than once in the file; only the first annotation with it was kept.' });
        continue;
      }
      byId.set(annotation.externalId, annotation);
    }
    unique.push(annotation);
  }

  const ordered: ImportedAnnotation[] = [];
  const placed = new Set<ImportedAnnotation>();
  for (const annotation of unique) {
    // Climb to the oldest ancestor not yet placed, then place the chain top-down; `chain` also stops cycles.
    const chain = new Set<ImportedAnnotation>();
    let current: ImportedAnnotation | undefined = annotation;
    while (current !== undefined && !placed.has(current) && !chain.has(current)) {
      chain.add(current);
      current = current.target.kind === 'reply' ? byId.get(current.target.parentExternalId) : undefined;
    }
    for (const item of [...chain].reverse()) {
      placed.add(item);
      ordered.push(
        item.target.kind === 'reply' && !byId.has(item.target.parentExternalId)
          ? { ...item, warnings: [...item.warnings, `It replies to ${item.target.parentExternalId}, which is not in this file.`] }
          : item,
      );
    }
  }
  return { annotations: ordered, problems: allProblems, notices: [...notices] };
}

// ---------------------------------------------------------------------------------------------------------
// Export

function exportTarget(annotation: ExportableAnnotation, options: WebAnnotationOptions): WebTextTarget | string {
  if (annotation.parentId !== null) return annotationIri(options.annotationIriBase, annotation.parentId);
  if (annotation.selectors !== null) {
    const { quote, position } = annotation.selectors;
    // Copy field by field: selectors come from a JSON column and may carry members of older versions.
    return {
      type: 'SpecificResource',
      source: annotation.documentIri,
      selector: [
        { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: 'TextPositionSelector', start: position.start, end: position.end },
        ...(annotation.page ? [{ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: `page=${annotation.page}` } as const] : []),
      ] as WebTextTarget['selector'],
    };
  }
  return annotation.sectionIri ?? annotation.documentIri;
}

function buildPage(annotations: readonly WebAnnotation[], options: AnnotationCollectionOptions, page: number): AnnotationPage {
  const pageSize = checkedPageSize(options.pageSize, annotations.length);
  const pageCount = Math.max(1, Math.ceil(annotations.length / pageSize));
  if (!Number.isInteger(page) || page < 0 || page >= pageCount) {
    throw new RangeError(`Page ${page} does not exist: this collection has pages 0 to ${pageCount - 1}.`);
  }
  const startIndex = page * pageSize;
  return {
    id: annotationPageIri(options.id, page),
    type: 'AnnotationPage',
    partOf: { id: options.id, label: options.label, total: annotations.length },
    startIndex,
    items: annotations.slice(startIndex, startIndex + pageSize),
    ...(page + 1 < pageCount ? { next: annotationPageIri(options.id, page + 1) } : {}),
    ...(page > 0 ? { prev: annotationPageIri(options.id, page - 1) } : {}),
  };
}

function checkedPageSize(pageSize: number | undefined, total: number): number {
  if (pageSize === undefined) return Math.max(1, total);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`A page holds at least one annotation; got a page size of ${pageSize}.`);
  return pageSize;
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

// ---------------------------------------------------------------------------------------------------------
// Import

const stringOrStrings = z.union([z.string(), z.array(z.string())]);

const envelopeSchema = z.looseObject({
  '@context': z
    .union([z.string(), z.array(z.unknown())], {
      error: (issue) =>
        issue.input === undefined
          ? `It has no @context: a W3C Web Annotation names "${ANNOTATION_CONTEXT}" as its @context.`
          : `Its @context must be "${ANNOTATION_CONTEXT}" or a list that includes it.`,
    })
    .refine(namesAnnotationContextLeniently, { error: `Its @context does not include "${ANNOTATION_CONTEXT}", so it is not a W3C Web Annotation.` }),
  type: z
    .union([z.string(), z.array(z.unknown())], {
      error: (issue) => (issue.input === undefined ? 'It has no type: a W3C Web Annotation has "type": "Annotation".' : 'Its type must be "Annotation" or a list that includes it.'),
    })
    .refine((type) => valuesOf(type).some((value) => value === 'Annotation' || value === 'oa:Annotation'), {
      error: 'Its type does not include "Annotation", so it is not a W3C Web Annotation.',
    }),
  id: z.string({ error: 'Its id must be an IRI, written as a string.' }).optional(),
  motivation: stringOrStrings.optional().catch(undefined),
  bodyValue: z.string({ error: 'Its bodyValue must be a string.' }).optional(),
  body: z.unknown().optional(),
  target: z.unknown().refine((target) => target !== undefined && target !== null && !(Array.isArray(target) && target.length === 0), {
    error: 'It has no target: an annotation must say what it annotates (a passage of a document, or the annotation it replies to).',
  }),
  created: z.string({ error: 'Its created date must be a string such as 2017-04-12T09:30:00Z.' }).optional(),
  modified: z.string({ error: 'Its modified date must be a string such as 2017-04-12T09:30:00Z.' }).optional(),
  creator: z.unknown().optional(),
  visibility: z.unknown().optional(),
  canonical: z.string().optional().catch(undefined),
});

const bodyObjectSchema = z.looseObject({
  type: stringOrStrings.optional().catch(undefined),
  value: z.unknown().optional(),
  purpose: stringOrStrings.optional().catch(undefined),
  id: z.unknown().optional(),
  source: z.unknown().optional(),
  items: z.unknown().optional(),
});

const quoteSelectorSchema = z.looseObject({
  exact: z
    .string({ error: 'A TextQuoteSelector needs the quoted text, as a string, in "exact".' })
    .refine((exact) => exact.trim() !== '', { error: 'A TextQuoteSelector quotes nothing: its "exact" is empty.' }),
  prefix: z.string({ error: 'A TextQuoteSelector\'s "prefix" must be a string.' }).optional(),
  suffix: z.string({ error: 'A TextQuoteSelector\'s "suffix" must be a string.' }).optional(),
});

const offset = (name: string) =>
  z.number({ error: `its ${name} must be a number` }).int({ error: `its ${name} must be a whole number` }).min(0, { error: `its ${name} must not be negative` });

const positionSelectorSchema = z
  .looseObject({ start: offset('start'), end: offset('end') })
  .refine((selector) => selector.start <= selector.end, { error: 'its start is after its end' });

const targetObjectSchema = z.looseObject({
  id: z.unknown().optional(),
  source: z.unknown().optional(),
  selector: z.unknown().optional(),
});

const agentSchema = z.looseObject({
  id: z.string().optional().catch(undefined),
  name: stringOrStrings.optional().catch(undefined),
  nickname: z.string().optional().catch(undefined),
});

/**
 * Reads one W3C Web Annotation from parsed JSON (any value; never throws). Accepts a body given as an object,
 * a list, a plain string or `bodyValue`; `tagging` TextualBodies become tags and the others the comment. The
 * target may be an IRI (a reply's parent when the motivation is `replying`, else a whole resource) or an
 * object whose selectors include a TextQuoteSelector, the one Marginalia anchors by; other selector types are
 * ignored beside it and refused alone. Refuses a comment over 10,000 characters and tags validateTags refuses.
 */
export function fromWebAnnotation(json: unknown): AnnotationImportResult {
  if (!isRecord(json)) return { ok: false, message: `Expected a W3C Web Annotation (a JSON object) and got ${describeValue(json)}.` };
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, message: allMessages(envelope.error) };
  const annotation = envelope.data;
  const warnings: string[] = [];

  const motivations = valuesOf(annotation.motivation);
  const isReply = motivations.includes('replying');

  const body = readBodies(annotation.body, annotation.bodyValue);
  if (!body.ok) return body;
  warnings.push(...body.warnings);

  const target = readTarget(annotation.target, isReply);
  if (!target.ok) return target;
  warnings.push(...target.warnings);

  const dates: Record<'created' | 'modified', string | null> = { created: null, modified: null };
  for (const field of ['created', 'modified'] as const) {
    const date = readImportedDate(annotation[field], field);
    if (!date.ok) return date;
    dates[field] = date.value;
    if (date.warning !== null) warnings.push(date.warning);
  }

  const creator = readAgent(annotation.creator);
  const textProblem = importedTextProblem({ externalId: annotation.id ?? null, target: target.value, creator });
  if (textProblem !== null) return { ok: false, message: textProblem };

  const motivation: AnnotationMotivation =
    target.value.kind === 'reply'
      ? 'replying'
      : motivations.includes('highlighting') || (motivations.length === 0 && body.text === '')
        ? 'highlighting'
        : 'commenting';
  return {
    ok: true,
    value: {
      externalId: annotation.id ?? null,
      target: target.value,
      motivation,
      body: body.text,
      tags: body.tags,
      visibility: readVisibility(annotation.visibility),
      creator,
      created: dates.created,
      modified: dates.modified,
      warnings,
      canonical: annotation.canonical !== undefined && isIri(annotation.canonical) ? annotation.canonical : null,
    },
  };
}

type BodyReading = { ok: true; text: string; tags: string[]; warnings: string[] } | { ok: false; message: string };

function readBodies(body: unknown, bodyValue: string | undefined): BodyReading {
  const texts: string[] = bodyValue !== undefined && bodyValue.trim() !== '' ? [bodyValue] : [];
  const rawTags: string[] = [];
  const warnings: string[] = [];
  const bodies = body === undefined || body === null ? [] : Array.isArray(body) ? body : [body];

  for (const [index, item] of bodies.entries()) {
    const label = bodies.length === 1 ? 'Its body' : `Body ${index + 1} of ${bodies.length}`;
    // A Choice offers alternatives (translations, say); the first is the one its author put first.
    const chosen = isRecord(item) && valuesOf(item.type).includes('Choice') && Array.isArray(item.items) ? item.items[0] : item;
    if (typeof chosen === 'string') {
      // A string body is the IRI of a resource holding the comment (a blog post, say); keep it as a link.
      if (chosen.trim() !== '') texts.push(chosen);
      continue;
    }
    if (!isRecord(chosen)) return { ok: false, message: `${label} is ${describeValue(chosen)}; expected text or a TextualBody object.` };
    const parsed = bodyObjectSchema.parse(chosen);
    const purposes = valuesOf(parsed.purpose);
    if (parsed.value !== undefined || valuesOf(parsed.type).includes('TextualBody')) {
      if (typeof parsed.value !== 'string') return { ok: false, message: `${label} is a TextualBody without its text: "value" must be a string.` };
      if (purposes.includes('tagging')) rawTags.push(parsed.value);
      else if (parsed.value.trim() !== '') texts.push(parsed.value);
      continue;
    }
    const link = typeof parsed.id === 'string' ? parsed.id : typeof parsed.source === 'string' ? parsed.source : null;
    if (link !== null) texts.push(link);
    else warnings.push(`${label} was left out: it has neither text nor a link.`);
  }

  const text = texts.join('\n\n');
  const tooLong = importedBodyProblem(text);
  if (tooLong !== null) return { ok: false, message: tooLong };
  const tags = validateTags(rawTags);
  if (!tags.ok) return { ok: false, message: tags.message };
  return { ok: true, text, tags: tags.labels, warnings };
}

type TargetReading = { ok: true; value: ImportedTarget; warnings: string[] } | { ok: false; message: string };

function readTarget(target: unknown, isReply: boolean): TargetReading {
  const targets = Array.isArray(target) ? target : [target];
  // Several targets: the one with a quote is the one Marginalia can place.
  const chosen = targets.find((item) => isRecord(item) && item.selector !== undefined) ?? targets[0];
  const warnings = targets.length > 1 ? [`It has ${targets.length} targets; only one was imported.`] : [];

  if (typeof chosen === 'string') {
    if (!isIri(chosen)) return { ok: false, message: `Its target "${shorten(chosen)}" is not an IRI.` };
    return { ok: true, value: isReply ? { kind: 'reply', parentExternalId: chosen } : { kind: 'resource', iri: chosen }, warnings };
  }
  if (!isRecord(chosen)) return { ok: false, message: `Its target is ${describeValue(chosen)}; expected an IRI or an object with a source and selectors.` };

  const parsed = targetObjectSchema.parse(chosen);
  const source = typeof parsed.source === 'string' ? parsed.source : isRecord(parsed.source) && typeof parsed.source.id === 'string' ? parsed.source.id : null;
  if (parsed.selector !== undefined && parsed.selector !== null) {
    const selectors = readQuoteSelectors(parsed.selector);
    if (!selectors.ok) return selectors;
    if (isReply) warnings.push('It is marked as a reply but quotes a passage; it was imported as a comment on that passage.');
    return { ok: true, value: { kind: 'quote', source, quote: selectors.quote, position: selectors.position }, warnings: [...warnings, ...selectors.warnings] };
  }
  const iri = typeof parsed.id === 'string' ? parsed.id : source;
  if (iri === null) return { ok: false, message: 'Its target names nothing: it has no id, no source and no selectors.' };
  if (!isIri(iri)) return { ok: false, message: `Its target "${shorten(iri)}" is not an IRI.` };
  return { ok: true, value: isReply ? { kind: 'reply', parentExternalId: iri } : { kind: 'resource', iri }, warnings };
}

function readVisibility(value: unknown): AnnotationVisibility | null {
  if (typeof value !== 'string') return null;
  const lower = value.toLowerCase();
  return lower === 'private' || lower === 'workspace' ? lower : null;
}

function readAgent(value: unknown): ImportedAnnotation['creator'] {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return { id: first, name: null };
  if (!isRecord(first)) return null;
  const agent = agentSchema.parse(first);
  const name = valuesOf(agent.name)[0] ?? agent.nickname ?? null;
  return { id: agent.id ?? null, name: typeof name === 'string' && name.trim() !== '' ? name : null };
}

function selectorType(selector: Record<string, unknown>): string | null {
  const types = valuesOf(selector.type).filter((type): type is string => typeof type === 'string');
  return types[0] ?? null;
}

function normalizeQuoted(text: string): string {
  return text.replace(/\r\n?/gu, '\n').normalize('NFC');
}

function namesAnnotationContextLeniently(context: unknown): boolean {
  // https: is not the registered context IRI, but it serves the same document and some tools write it.
  return valuesOf(context).some((value) => value === ANNOTATION_CONTEXT || value === 'https://www.w3.org/ns/anno.jsonld');
}

// ---------------------------------------------------------------------------------------------------------
// MUST checks

type Violations = MustViolation[];

const TEXT_DIRECTIONS = ['ltr', 'rtl', 'auto'];
const MOTIVATIONS: readonly string[] = W3C_MOTIVATIONS;

function checkAnnotation(json: unknown, path: string, out: Violations, inheritedContext: unknown): void {
  if (!isRecord(json)) {
    out.push({ path, message: `An Annotation MUST be a JSON object (Data Model §3.1); got ${describeValue(json)}.` });
    return;
  }
  checkContext(json['@context'] ?? inheritedContext, join(path, '@context'), 'An Annotation', out);
  checkId(json, path, 'An Annotation', out, true);
  checkType(json.type, join(path, 'type'), 'Annotation', out);

  if (json.target === undefined || (Array.isArray(json.target) && json.target.length === 0)) {
    out.push({ path: join(path, 'target'), message: 'An Annotation MUST have 1 or more targets (Data Model §3.1).' });
  } else {
    forEachValue(json.target, join(path, 'target'), (target, targetPath) => checkResource(target, targetPath, 'target', out));
  }

  if (json.body !== undefined && json.bodyValue !== undefined) {
    out.push({ path: join(path, 'bodyValue'), message: 'An Annotation MUST NOT have both body and bodyValue (Data Model §3.2.5).' });
  }
  if (json.bodyValue !== undefined && typeof single(json.bodyValue) !== 'string') {
    out.push({ path: join(path, 'bodyValue'), message: 'bodyValue MUST be exactly one string (Data Model §3.2.5).' });
  }
  if (json.body !== undefined) forEachValue(json.body, join(path, 'body'), (body, bodyPath) => checkResource(body, bodyPath, 'body', out));

  checkCommonProperties(json, path, out);
  checkMotivations(json.motivation, join(path, 'motivation'), 'motivation', out);
  for (const role of ['creator', 'generator'] as const) {
    if (json[role] !== undefined) forEachValue(json[role], join(path, role), (agent, agentPath) => checkAgent(agent, agentPath, out));
  }
}

function checkResource(resource: unknown, path: string, role: 'body' | 'target', out: Violations): void {
  if (typeof resource === 'string') {
    if (!isIri(resource)) out.push({ path, message: `A ${role} given as a string MUST be the IRI of an External Web Resource (Data Model §3.2.1); got "${shorten(resource)}".` });
    return;
  }
  if (!isRecord(resource)) {
    out.push({ path, message: `A ${role} MUST be an IRI or an object (Data Model §3.2); got ${describeValue(resource)}.` });
    return;
  }
  const types = valuesOf(resource.type);
  checkCommonProperties(resource, path, out);
  if (resource.purpose !== undefined) checkMotivations(resource.purpose, join(path, 'purpose'), 'purpose', out);
  const textDirection = single(resource.textDirection);
  if (resource.textDirection !== undefined && !(typeof textDirection === 'string' && TEXT_DIRECTIONS.includes(textDirection))) {
    out.push({ path: join(path, 'textDirection'), message: 'textDirection MUST be one of "ltr", "rtl" or "auto" (Data Model §3.2.4).' });
  }

  if (types.includes('Choice') || types.includes('Composite') || types.includes('List') || types.includes('Independents')) {
    if (!Array.isArray(resource.items) || resource.items.length === 0) {
      out.push({ path: join(path, 'items'), message: 'A Choice or other set of resources MUST have 1 or more items (Data Model §3.2.7).' });
    } else {
      resource.items.forEach((item, index) => checkResource(item, `${join(path, 'items')}[${index}]`, role, out));
    }
    checkId(resource, path, `A ${role}`, out, false);
    return;
  }
  if (resource.value !== undefined || types.includes('TextualBody')) {
    if (typeof single(resource.value) !== 'string') {
      out.push({ path: join(path, 'value'), message: 'A TextualBody MUST have exactly 1 value, a string (Data Model §3.2.4).' });
    }
    checkId(resource, path, 'A TextualBody', out, false);
    return;
  }
  if (resource.source !== undefined || resource.selector !== undefined || types.includes('SpecificResource')) {
    checkSpecificResource(resource, path, out);
    return;
  }
  checkId(resource, path, 'An External Web Resource', out, true);
}

function checkSpecificResource(resource: Record<string, unknown>, path: string, out: Violations): void {
  const sourcePath = join(path, 'source');
  const source = resource.source;
  if (source === undefined || (Array.isArray(source) && source.length !== 1)) {
    out.push({ path: sourcePath, message: 'A SpecificResource MUST have exactly 1 source (Data Model §4).' });
  } else {
    const value = single(source);
    if (typeof value === 'string') {
      if (!isIri(value)) out.push({ path: sourcePath, message: `A SpecificResource's source MUST be an IRI (Data Model §4); got "${shorten(value)}".` });
    } else if (isRecord(value)) {
      checkId(value, sourcePath, 'The source', out, true);
    } else {
      out.push({ path: sourcePath, message: `A SpecificResource's source MUST be an IRI or a resource with an IRI (Data Model §4); got ${describeValue(value)}.` });
    }
  }
  checkId(resource, path, 'A SpecificResource', out, false);
  if (resource.selector !== undefined) forEachValue(resource.selector, join(path, 'selector'), (selector, selectorPath) => checkSelector(selector, selectorPath, out, 0));
}

function checkSelector(selector: unknown, path: string, out: Violations, depth: number): void {
  if (depth > 16) return;
  if (typeof selector === 'string') {
    if (!isIri(selector)) out.push({ path, message: `A selector given as a string MUST be an IRI (Data Model §4.2); got "${shorten(selector)}".` });
    return;
  }
  if (!isRecord(selector)) {
    out.push({ path, message: `A selector MUST be an object or an IRI (Data Model §4.2); got ${describeValue(selector)}.` });
    return;
  }
  const types = valuesOf(selector.type);
  const type = types[0];
  if (types.length !== 1 || typeof type !== 'string') {
    out.push({ path: join(path, 'type'), message: 'A selector MUST have exactly 1 type (Data Model §4.2).' });
    return;
  }
  switch (type) {
    case 'TextQuoteSelector':
      if (typeof single(selector.exact) !== 'string') {
        out.push({ path: join(path, 'exact'), message: 'A TextQuoteSelector MUST have exactly 1 exact, the quoted text as a string (Data Model §4.2.4).' });
      }
      for (const context of ['prefix', 'suffix'] as const) {
        if (selector[context] !== undefined && typeof single(selector[context]) !== 'string') {
          out.push({ path: join(path, context), message: `A TextQuoteSelector's ${context} MUST be one string (Data Model §4.2.4).` });
        }
      }
      break;
    case 'TextPositionSelector':
    case 'DataPositionSelector': {
      const start = single(selector.start);
      const end = single(selector.end);
      for (const [name, value] of [['start', start], ['end', end]] as const) {
        if (!isNonNegativeInteger(value)) {
          out.push({ path: join(path, name), message: `A ${type}'s ${name} MUST be exactly 1 non-negative integer (Data Model, ${type}); got ${describeValue(value)}.` });
        }
      }
      if (isNonNegativeInteger(start) && isNonNegativeInteger(end) && start > end) {
        out.push({ path: join(path, 'end'), message: `A ${type}'s end (${end}) must not be before its start (${start}): end is the position after the last selected character.` });
      }
      break;
    }
    case 'FragmentSelector':
    case 'CssSelector':
    case 'XPathSelector':
      if (typeof single(selector.value) !== 'string') {
        out.push({ path: join(path, 'value'), message: `A ${type} MUST have exactly 1 value, a string (Data Model §4.2).` });
      }
      break;
    case 'RangeSelector':
      for (const end of ['startSelector', 'endSelector'] as const) {
        if (selector[end] === undefined) out.push({ path: join(path, end), message: `A RangeSelector MUST have exactly 1 ${end} (Data Model, Range Selector).` });
        else checkSelector(single(selector[end]), join(path, end), out, depth + 1);
      }
      break;
    default:
      break;
  }
  if (selector.refinedBy !== undefined) {
    forEachValue(selector.refinedBy, join(path, 'refinedBy'), (refinement, refinementPath) => checkSelector(refinement, refinementPath, out, depth + 1));
  }
}

function checkAgent(agent: unknown, path: string, out: Violations): void {
  if (typeof agent === 'string') {
    if (!isIri(agent)) out.push({ path, message: `An agent given as a string MUST be its IRI (Data Model §3.3.2); got "${shorten(agent)}".` });
    return;
  }
  if (!isRecord(agent)) {
    out.push({ path, message: `An agent MUST be an object or an IRI (Data Model §3.3.2); got ${describeValue(agent)}.` });
    return;
  }
  checkId(agent, path, 'An agent', out, false);
}

// Lifecycle, rights and other identities: allowed on annotations, bodies and targets alike.
function checkCommonProperties(resource: Record<string, unknown>, path: string, out: Violations): void {
  for (const field of ['created', 'modified', 'generated'] as const) {
    const value = resource[field];
    if (value === undefined) continue;
    const date = single(value);
    const fieldPath = join(path, field);
    if (typeof date !== 'string' || (Array.isArray(value) && value.length !== 1)) {
      out.push({ path: fieldPath, message: `${field} MUST be exactly 1 xsd:dateTime (Data Model §3.3.1); got ${describeValue(value)}.` });
      continue;
    }
    const parsed = readDateTime(date);
    if (parsed === null) out.push({ path: fieldPath, message: `${field} MUST be an xsd:dateTime such as 2017-04-12T09:30:00Z (Data Model §3.3.1); got "${shorten(date)}".` });
    else if (parsed.utc === null) out.push({ path: fieldPath, message: `${field} must name a timezone (Z or ±hh:mm): the Data Model says SHOULD (§3.3.1) and Marginalia requires it; got "${shorten(date)}".` });
  }
  for (const field of ['rights', 'via'] as const) {
    if (resource[field] === undefined) continue;
    forEachValue(resource[field], join(path, field), (value, valuePath) => {
      if (typeof value !== 'string' || !isIri(value)) out.push({ path: valuePath, message: `${field} MUST be an IRI (Data Model §3.3.6–3.3.7); got ${describeValue(value)}.` });
    });
  }
  if (resource.canonical !== undefined) {
    const canonical = resource.canonical;
    if (typeof canonical !== 'string' || !isIri(canonical)) {
      out.push({ path: join(path, 'canonical'), message: `canonical MUST be exactly 1 IRI (Data Model §3.3.7); got ${describeValue(canonical)}.` });
    }
  }
}

function checkMotivations(value: unknown, path: string, field: 'motivation' | 'purpose', out: Violations): void {
  if (value === undefined) return;
  forEachValue(value, path, (motivation, motivationPath) => {
    // A bare word outside the anno.jsonld vocabulary does not expand to a Motivation; extensions use an IRI or CURIE.
    if (typeof motivation !== 'string' || (!MOTIVATIONS.includes(motivation) && !motivation.includes(':'))) {
      out.push({
        path: motivationPath,
        message: `A ${field} MUST be a Motivation: one of ${W3C_MOTIVATIONS.join(', ')}, or the IRI of an extension (Data Model §3.3.5); got ${describeValue(motivation)}.`,
      });
    }
  });
}

function checkContext(context: unknown, path: string, subject: string, out: Violations): void {
  if (context === undefined) {
    out.push({ path, message: `${subject} MUST have 1 or more @context values (Data Model §3.1); it has none.` });
  } else if (!valuesOf(context).includes(ANNOTATION_CONTEXT)) {
    out.push({ path, message: `${subject}'s @context MUST include "${ANNOTATION_CONTEXT}" (Data Model §3.1).` });
  }
}

function checkId(resource: Record<string, unknown>, path: string, subject: string, out: Violations, isRequired: boolean): void {
  const id = resource.id;
  if (id === undefined) {
    if (isRequired) out.push({ path: join(path, 'id'), message: `${subject} MUST have exactly 1 IRI that identifies it, its id (Data Model §3.1, §3.2.1).` });
    return;
  }
  if (typeof id !== 'string' || !isIri(id)) {
    out.push({ path: join(path, 'id'), message: `${subject}'s id MUST be exactly 1 absolute IRI (Data Model §3.1); got ${describeValue(id)}.` });
  }
}

function checkType(type: unknown, path: string, expected: string, out: Violations): void {
  if (type === undefined) out.push({ path, message: `It MUST have 1 or more types, and ${expected} MUST be one of them (Data Model §3.1, §5); it has none.` });
  else if (!valuesOf(type).includes(expected)) out.push({ path, message: `Its type MUST include "${expected}" (Data Model §3.1, §5); got ${describeValue(type)}.` });
}

function checkCollection(json: unknown, out: Violations): void {
  if (!isRecord(json)) {
    out.push({ path: '', message: `An AnnotationCollection MUST be a JSON object (Data Model §5.1); got ${describeValue(json)}.` });
    return;
  }
  const context = json['@context'];
  checkContext(context, '@context', 'An AnnotationCollection', out);
  checkId(json, '', 'An AnnotationCollection', out, true);
  checkType(json.type, 'type', 'AnnotationCollection', out);
  if (json.total !== undefined && !isNonNegativeInteger(single(json.total))) {
    out.push({ path: 'total', message: `total MUST be a non-negative integer (Data Model §5.1); got ${describeValue(json.total)}.` });
  }
  if (isNonNegativeInteger(json.total) && json.total > 0 && json.first === undefined) {
    out.push({ path: 'first', message: 'A non-empty AnnotationCollection MUST link to its first page (Data Model §5.1).' });
  }
  if (json.last !== undefined && !(typeof json.last === 'string' && isIri(json.last))) {
    out.push({ path: 'last', message: `last MUST be the IRI of the last page (Data Model §5.1); got ${describeValue(json.last)}.` });
  }
  const first = json.first;
  if (first === undefined) return;
  if (typeof first === 'string') {
    if (!isIri(first)) out.push({ path: 'first', message: `first MUST be a page or its IRI (Data Model §5.1); got "${shorten(first)}".` });
    return;
  }
  if (!isRecord(first)) {
    out.push({ path: 'first', message: `first MUST be a page or its IRI (Data Model §5.1); got ${describeValue(first)}.` });
    return;
  }
  checkId(first, 'first', 'An AnnotationPage', out, true);
  checkType(first.type, 'first.type', 'AnnotationPage', out);
  for (const link of ['next', 'prev'] as const) {
    if (first[link] !== undefined && !(typeof first[link] === 'string' && isIri(first[link]))) {
      out.push({ path: `first.${link}`, message: `${link} MUST be the IRI of a page (Data Model §5.2); got ${describeValue(first[link])}.` });
    }
  }
  const partOf = isRecord(first.partOf) ? first.partOf.id : first.partOf;
  if (first.partOf !== undefined && !(typeof partOf === 'string' && isIri(partOf))) {
    out.push({ path: 'first.partOf', message: 'partOf MUST name the collection by its IRI (Data Model §5.2).' });
  }
  if (first.startIndex !== undefined && !isNonNegativeInteger(first.startIndex)) {
    out.push({ path: 'first.startIndex', message: `startIndex MUST be a non-negative integer (Data Model §5.2); got ${describeValue(first.startIndex)}.` });
  }
  if (!Array.isArray(first.items)) {
    out.push({ path: 'first.items', message: 'An AnnotationPage MUST list its annotations in items (Data Model §5.2).' });
    return;
  }
  first.items.forEach((item, index) => checkAnnotation(item, `first.items[${index}]`, out, first['@context'] ?? context));
}

// ---------------------------------------------------------------------------------------------------------
// Shared helpers

// xsd:dateTime: date, time, optional fraction, optional timezone. Years beyond 9999 and negative years are
// legal xsd but not in any annotation Marginalia will meet, so they are refused rather than mis-converted.
const XSD_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/u;

// Returns null when `value` is not an xsd:dateTime; `utc` is null when it has no timezone.
function readDateTime(value: string): { utc: string | null } | null {
  const match = XSD_DATE_TIME.exec(value);
  if (!match) return null;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction = '', zone] = match;
  const [year, month, day, hour, minute, second] = [yearText, monthText, dayText, hourText, minuteText, secondText].map(Number) as [number, number, number, number, number, number];
  const isEndOfDay = hour === 24 && minute === 0 && second === 0 && /^\.?0*$/u.test(fraction);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if ((hour > 23 && !isEndOfDay) || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneMinutes > 59 || zoneHours * 60 + zoneMinutes > 14 * 60) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  if (zone === undefined) return { utc: null };
  const milliseconds = Math.floor(Number(`0${fraction || '.0'}`) * 1000);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, milliseconds);
  const instant = date.getTime() - offsetMinutes * 60_000;
  if (!Number.isFinite(instant)) return null;
  return { utc: new Date(instant).toISOString() };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// An absolute IRI (RFC 3987): a scheme, a colon, then no spaces, controls or characters IRIs exclude.
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\p{Cc}]+$/u;

function isIri(value: string): boolean {
  return ABSOLUTE_IRI.test(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: Record<string, unknown>, type: string): boolean {
  return valuesOf(value.type).includes(type);
}

// JSON-LD writes one value bare and several as a list; read both as a list.
function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

// The value of a property that must have exactly one: a bare value, or a list of exactly one.
function single(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.length === 1 ? value[0] : undefined;
}

function forEachValue(value: unknown, path: string, visit: (item: unknown, itemPath: string) => void): void {
  if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
  else visit(value, path);
}

function join(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${shorten(value)}"`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

function shorten(text: string): string {
  const codePoints = [...text];
  return codePoints.length > 80 ? `${codePoints.slice(0, 77).join('')}…` : text;
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'It is not valid.';
}

// Several independent problems (no @context and no type) are worth reporting together.
function allMessages(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.message))].slice(0, 3).join(' ');
}
