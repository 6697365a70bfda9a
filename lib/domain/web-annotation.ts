import type { z } from '@/lib/zod';
import type {
  annotationCollectionSchema,
  annotationPageSchema,
  pdfPageSelectorSchema,
  webAnnotationSchema,
  webTextTargetSchema,
  webTextualBodySchema,
} from '@/lib/validation/web-annotation';
import type { TextPositionSelector, TextQuoteSelector, TextSelectors } from './selectors';
import { readDateTime } from './json-ld-values';

// W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/): the types and IRIs shared by
// Marginalia's export (web-annotation-export.ts) and its import of W3C files (web-annotation-import.ts); the
// Hypothesis importer (hypothesis-import.ts) produces the same ImportedAnnotation records.

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

/**
 * Why an annotation exists: Marginalia makes comments on a passage or section, bare highlights and replies in a
 * thread; an import keeps any other motivation of the Data Model (a bookmark stays a bookmark).
 */
export type AnnotationMotivation = W3cMotivation;

/** Whether a value is one of the Data Model's motivations. Pure. */
export function isW3cMotivation(value: unknown): value is W3cMotivation {
  return typeof value === 'string' && (W3C_MOTIVATIONS as readonly string[]).includes(value);
}

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
  /** Who made it; for an import, its original author (whose IRI the file may not have given). */
  creator: { id?: string; name: string };
  created: Date | string;
  modified: Date | string;
  visibility: AnnotationVisibility;
  /** The page of the original PDF the quote sits on, when the document came from a PDF. */
  page?: number | null;
  /** The IRI it had where it came from: an imported annotation's original id, or the id a client posted it with. */
  via?: string | null;
  /** The IRI its creator named as canonical; kept unchanged. */
  canonical?: string | null;
  /** For an import: who imported it (the `creator` is then its original author), the group and page it came from. */
  imported?: ImportedProvenance | null;
};

/** Who brought an annotation in, and the group and page it came from; exported as the `imported` member. */
export type ImportedProvenance = { by: { id: string; name: string }; group: string | null; source: string | null };

/** Options for toWebAnnotation: `annotationIriBase` + id is an annotation's IRI (`https://host/annotations/` + uuid). */
export type WebAnnotationOptions = { annotationIriBase: string };

/** A TextualBody of an exported annotation: the comment (Markdown) or one tag. */
export type WebTextualBody = z.output<typeof webTextualBodySchema>;

/** The target of a quote annotation: the document version, narrowed by a quote and a code-point position. */
export type WebTextTarget = z.output<typeof webTextTargetSchema>;

/** The page of the original PDF a quote sits on, as a W3C FragmentSelector in the PDF fragment syntax of RFC 3778 (`page=4`). */
export type PdfPageSelector = z.output<typeof pdfPageSelectorSchema>;

/**
 * An annotation as Marginalia exports and serves it: W3C JSON-LD plus members the Data Model does not define,
 * `visibility` and `imported` (see webAnnotationSchema, from which this type and the API description both come).
 */
export type WebAnnotation = z.output<typeof webAnnotationSchema>;

/** Options for toAnnotationCollection and toAnnotationPage; `pageSize` defaults to everything on one page. */
export type AnnotationCollectionOptions = { id: string; label: string; pageSize?: number };

/** One page of a collection (Data Model §5.2); `@context` only when the page is served on its own. */
export type AnnotationPage = z.output<typeof annotationPageSchema>;

/** An ordered collection of annotations (Data Model §5.1) with its first page embedded; `first`/`last` absent when empty. */
export type AnnotationCollection = z.output<typeof annotationCollectionSchema>;

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
  /** The IRI the file says the annotation had before (W3C `via`), when it is not the file's own id. */
  via?: string | null;
  /** The group it was shared in where it came from (a Hypothesis group id). */
  group?: string | null;
  /** The address of the page it was made on where it came from (Hypothesis `uri`). */
  sourceUri?: string | null;
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


function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
