// Links between annotations in W3C Web Annotation JSON-LD: each link is an annotation of its own with motivation
// `linking`, whose target lists the IRIs of the annotation it starts from and the one it points to (in that order),
// and whose kind is a TextualBody with purpose `tagging` ("contradicts"). A reason goes in a TextualBody with
// purpose `describing`. Pure: no database, no framework.
import { LINK_KIND_NAMES, linkKindOfName, type LinkKind } from '@/lib/domain/annotation-links';
import { ANNOTATION_CONTEXT, toUtcDateTime } from '@/lib/domain/web-annotation';

/** A link as the export writes it: the IRIs of both ends, who made it and when. */
export type ExportableLink = {
  id: string;
  kind: LinkKind;
  reason: string | null;
  fromIri: string;
  toIri: string;
  creator: { id: string; name: string };
  created: Date | string;
  visibility: 'private' | 'workspace';
};

/** A linking annotation in W3C JSON-LD, as Marginalia writes it (with the same `visibility` member as its other annotations). */
export type LinkingWebAnnotation = {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'linking';
  created: string;
  creator: { id: string; type: 'Person'; name: string };
  body: Array<{ type: 'TextualBody'; value: string; purpose: 'tagging' | 'describing' }>;
  target: [string, string];
  visibility: 'private' | 'workspace';
};

/** Returns the IRI a link goes out under: a URN of its id, since a link has no page of its own to fetch. Pure. */
export function linkIri(id: string): string {
  return `urn:uuid:${id}`;
}

/** Returns a link as a W3C annotation with motivation `linking`. Pure. */
export function toLinkingAnnotation(link: ExportableLink): LinkingWebAnnotation {
  return {
    '@context': ANNOTATION_CONTEXT,
    id: linkIri(link.id),
    type: 'Annotation',
    motivation: 'linking',
    created: toUtcDateTime(link.created),
    creator: { id: link.creator.id, type: 'Person', name: link.creator.name },
    body: [
      { type: 'TextualBody', value: LINK_KIND_NAMES[link.kind], purpose: 'tagging' },
      ...(link.reason ? [{ type: 'TextualBody' as const, value: link.reason, purpose: 'describing' as const }] : []),
    ],
    target: [link.fromIri, link.toIri],
    visibility: link.visibility,
  };
}

/** A link read from a W3C file: its id there, its kind, the IRIs of its two ends and its reason. */
export type ImportedLink = { externalId: string | null; kind: LinkKind; fromIri: string; toIri: string; reason: string | null };

/** A W3C file with its linking annotations taken out: `rest` is what the annotation importer reads, `links` come back as links. */
export type SplitLinks = { rest: unknown; links: ImportedLink[]; warnings: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const hasType = (value: Record<string, unknown>, type: string) => listOf(value.type).includes(type);

/** Whether a W3C annotation's motivation is `linking` (alone or among others). Pure. */
export function isLinkingAnnotation(value: unknown): boolean {
  return isRecord(value) && listOf(value.motivation).some((motivation) => motivation === 'linking' || motivation === 'oa:linking');
}

const iriOf = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (isRecord(value)) return typeof value.id === 'string' ? value.id : typeof value.source === 'string' ? value.source : null;
  return null;
};

const MAX_REASON_LENGTH = 1_000;

/** Reads one linking annotation, or says in a sentence why it cannot come back as a link. Pure. */
export function fromLinkingAnnotation(value: unknown): { ok: true; link: ImportedLink } | { ok: false; message: string } {
  if (!isRecord(value)) return { ok: false, message: 'A linking annotation must be an object.' };
  const label = typeof value.id === 'string' ? value.id : 'A linking annotation';
  const targets = listOf(value.target).map(iriOf);
  if (targets.length !== 2 || targets.some((target) => target === null)) return { ok: false, message: `${label} must target exactly two annotations by their IRIs; it was left out.` };
  const bodies = listOf(value.body).filter(isRecord);
  const kinds = bodies.filter((body) => body.purpose === 'tagging' && typeof body.value === 'string').map((body) => linkKindOfName(String(body.value)));
  const kind = kinds.find((found) => found !== null) ?? null;
  if (kind === null) return { ok: false, message: `${label} names no link type (a tagging body reading supports, contradicts, same claim as or answers); it was left out.` };
  const described = bodies.find((body) => body.purpose === 'describing' && typeof body.value === 'string');
  const reason = typeof described?.value === 'string' ? described.value.trim().slice(0, MAX_REASON_LENGTH) || null : null;
  return { ok: true, link: { externalId: typeof value.id === 'string' ? value.id : null, kind, fromIri: targets[0]!, toIri: targets[1]!, reason } };
}

/**
 * Takes the linking annotations out of a W3C file (one annotation, a list, an AnnotationPage or an AnnotationCollection
 * with embedded pages) and returns the rest in the same shape for the annotation importer, the links read, and a
 * warning for each linking annotation that cannot come back as a link. Pure: `json` is not changed.
 */
export function splitLinkingAnnotations(json: unknown): SplitLinks {
  const links: ImportedLink[] = [];
  const warnings: string[] = [];
  const keep = (items: unknown): unknown => {
    if (!Array.isArray(items)) return items;
    return items.filter((item) => {
      if (!isLinkingAnnotation(item)) return true;
      const read = fromLinkingAnnotation(item);
      if (read.ok) links.push(read.link);
      else warnings.push(read.message);
      return false;
    });
  };
  const page = (value: unknown, seen: Set<unknown>): unknown => {
    if (!isRecord(value) || seen.has(value)) return value;
    seen.add(value);
    return { ...value, items: keep(value.items), ...(value.next !== undefined ? { next: page(value.next, seen) } : {}) };
  };
  let rest: unknown = json;
  if (Array.isArray(json)) rest = keep(json);
  else if (isRecord(json) && hasType(json, 'AnnotationCollection')) rest = { ...json, first: page(json.first, new Set()) };
  else if (isRecord(json) && hasType(json, 'AnnotationPage')) rest = { ...json, items: keep(json.items) };
  else if (isLinkingAnnotation(json)) rest = keep([json]);
  return { rest, links, warnings };
}
