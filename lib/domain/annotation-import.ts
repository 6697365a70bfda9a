import { parseHypothesisExport } from './hypothesis-import';
import { parseWebAnnotationExport } from './web-annotation-import';
import { type ImportedAnnotation, type ImportResult } from './web-annotation';
import { UUID_SOURCE } from './ids';

// Our annotation IRIs, under their document's container and at the old address exports before it carried.
const ANNOTATION_IRI = new RegExp(`/api/(?:documents/[^/?#]+/)?annotations/(${UUID_SOURCE})$`, 'iu');

// What an annotation file import needs besides the two parsers: which format a file is in, the key that makes a
// second import of the same file add nothing, and how the original author is recorded.

/** The formats an annotation file may be in: W3C Web Annotation JSON-LD, or Hypothesis's API / client JSON. */
export type AnnotationFileFormat = 'w3c' | 'hypothesis';

/** Most annotations one file may bring in; larger sets are split into several files. */
export const MAX_IMPORTED_ANNOTATIONS = 10_000;

/** Where Hypothesis serves an annotation by its id: the IRI imported Hypothesis annotations are remembered by. */
export const HYPOTHESIS_ANNOTATION_BASE = 'https://hypothes.is/a/';

/**
 * Returns the format of parsed JSON: W3C when it (or its first item) names a JSON-LD @context or a W3C type,
 * Hypothesis when it is a search result (`rows`), a client export (`annotations`) or a list of objects with
 * Hypothesis's `uri`, `user` or `references` members; null when it is neither, or an empty list. Pure.
 */
export function detectAnnotationFormat(json: unknown): AnnotationFileFormat | null {
  if (Array.isArray(json)) {
    const first = json.find(isRecord);
    if (first === undefined) return null;
    if (isW3cLike(first)) return 'w3c';
    return isHypothesisLike(first) ? 'hypothesis' : null;
  }
  if (!isRecord(json)) return null;
  if (isW3cLike(json)) return 'w3c';
  if (Array.isArray(json.rows) || Array.isArray(json.annotations)) return 'hypothesis';
  return isHypothesisLike(json) ? 'hypothesis' : null;
}

/** Reads a file's JSON in the given format with the matching parser (one Hypothesis annotation alone is read as a list of one). Pure. */
export function parseAnnotationFile(json: unknown, format: AnnotationFileFormat): ImportResult {
  if (format === 'w3c') return parseWebAnnotationExport(json);
  return parseHypothesisExport(isRecord(json) && isHypothesisLike(json) && !Array.isArray(json.rows) && !Array.isArray(json.annotations) ? [json] : json);
}

/**
 * Returns the IRI an annotation is remembered by after import, or null when the file gives it no id: the W3C id
 * as written, or https://hypothes.is/a/<id> for a Hypothesis id. A reply's parent is looked up by the same key
 * (importKeyOfParent), so a reply in a later file finds a parent imported earlier. Pure.
 */
export function importKeyOf(annotation: Pick<ImportedAnnotation, 'externalId'>, format: AnnotationFileFormat): string | null {
  if (annotation.externalId === null) return null;
  return keyOf(annotation.externalId, format);
}

/** Returns the key of the annotation a reply answers (see importKeyOf), or null when it is not a reply. Pure. */
export function importKeyOfParent(annotation: Pick<ImportedAnnotation, 'target'>, format: AnnotationFileFormat): string | null {
  return annotation.target.kind === 'reply' ? keyOf(annotation.target.parentExternalId, format) : null;
}

/**
 * Returns how the original author is shown on an imported annotation ("Marta Kowalska (acct:mkowalska@hypothes.is)",
 * the name or the account alone when only one is known), or null when the file does not say. Pure.
 */
export function originalCreatorLabel(creator: ImportedAnnotation['creator']): string | null {
  if (creator === null) return null;
  const name = creator.name?.trim() || null;
  const id = creator.id?.trim() || null;
  if (name !== null && id !== null && name !== id) return `${name} (${id})`;
  return name ?? id;
}

/** Returns the id of one of our annotations that an IRI names (`…/api/documents/<slug>/annotations/<uuid>`, or the old `…/api/annotations/<uuid>`), whatever host it was exported from, or null. Pure. */
export function marginaliaAnnotationIdOf(iri: string): string | null {
  const match = ANNOTATION_IRI.exec(iri);
  return match?.[1]?.toLowerCase() ?? null;
}

/** Returns the section slug a document IRI's fragment names (`…/versions/3#the-threat`) when it is one of `slugs`, else null. Pure. */
export function sectionSlugOfIri(iri: string, slugs: ReadonlySet<string>): string | null {
  const hash = iri.indexOf('#');
  if (hash === -1) return null;
  let fragment: string;
  try {
    fragment = decodeURIComponent(iri.slice(hash + 1));
  } catch {
    return null;
  }
  return slugs.has(fragment) ? fragment : null;
}

/**
 * Returns the dates an imported annotation keeps: the original creation and modification instants, except that
 * none may lie in the future (a clock error in the source would otherwise pin it to the top of every list) and
 * modification never precedes creation. Missing dates become `now`. Pure.
 */
export function importedDates(created: string | null, modified: string | null, now: Date): { createdAt: Date; updatedAt: Date } {
  const clamp = (value: string | null) => {
    const time = value === null ? Number.NaN : Date.parse(value);
    return Number.isNaN(time) || time > now.getTime() ? now : new Date(time);
  };
  const createdAt = clamp(created);
  const updatedAt = clamp(modified ?? created);
  return { createdAt, updatedAt: updatedAt < createdAt ? createdAt : updatedAt };
}

function keyOf(id: string, format: AnnotationFileFormat): string {
  return format === 'hypothesis' ? `${HYPOTHESIS_ANNOTATION_BASE}${encodeURIComponent(id)}` : id;
}

function isW3cLike(value: Record<string, unknown>): boolean {
  if ('@context' in value) return true;
  const types = Array.isArray(value.type) ? value.type : [value.type];
  return types.some((type) => type === 'Annotation' || type === 'AnnotationCollection' || type === 'AnnotationPage' || type === 'oa:Annotation');
}

function isHypothesisLike(value: Record<string, unknown>): boolean {
  return typeof value.uri === 'string' || typeof value.user === 'string' || Array.isArray(value.references) || 'user_info' in value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
