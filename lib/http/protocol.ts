import { ANNOTATION_CONTEXT, type WebAnnotation } from '@/lib/domain/web-annotation';
import { AppError } from '@/lib/errors';

// The Web Annotation Protocol (https://www.w3.org/TR/annotation-protocol/) as HTTP: the media type, the headers
// of the container and of an annotation, the container's three representations chosen by `Prefer` (§5.3: the
// annotations described in full, their IRIs only, or the container without them), and its pages (§5.3.1). Pure:
// the routes give it the annotations and send what it builds.

/** The media type of every annotation, container and page (Protocol §4, §5.3). */
export const ANNOTATION_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** The media types a POST or PUT may carry an annotation in. */
export const ANNOTATION_BODY_TYPES = ['application/ld+json', 'application/json'] as const;

/** What a 415 says to a client that sent an annotation in another media type. */
export const ANNOTATION_BODY_MESSAGE = 'Send the annotation as JSON-LD: Content-Type: application/ld+json; profile="http://www.w3.org/ns/anno.jsonld" (application/json also works).';

/** Largest annotation a POST or PUT may carry: a 10,000-character comment and its selectors fit many times over. */
export const MAX_ANNOTATION_BYTES = 64 * 1024;

/** Annotations per page of a container. */
export const CONTAINER_PAGE_SIZE = 100;

const CONSTRAINED_BY = '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"';

/** Headers on every answer from a container, errors and redirects included (Protocol §5.1, §5.2). */
export const CONTAINER_HEADERS = {
  Allow: 'GET, HEAD, OPTIONS, POST',
  'Accept-Post': `${ANNOTATION_MEDIA_TYPE}, application/json`,
  Link: `<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", ${CONSTRAINED_BY}`,
  Vary: 'Accept, Prefer, Cookie, Authorization',
  'Cache-Control': 'no-store',
} as const;

/** Headers on every answer about one annotation (Protocol §4). */
export const ANNOTATION_HEADERS = {
  Allow: 'GET, HEAD, OPTIONS, PUT, DELETE',
  Link: `<http://www.w3.org/ns/ldp#Resource>; rel="type", <http://www.w3.org/ns/oa#Annotation>; rel="type", ${CONSTRAINED_BY}`,
  Vary: 'Accept, Cookie, Authorization',
  'Cache-Control': 'no-store',
} as const;

const LDP_CONTEXT = 'http://www.w3.org/ns/ldp.jsonld';
const PREFER_MINIMAL = 'http://www.w3.org/ns/ldp#PreferMinimalContainer';
const PREFER_IRIS = 'http://www.w3.org/ns/oa#PreferContainedIRIs';
const PREFER_DESCRIPTIONS = 'http://www.w3.org/ns/oa#PreferContainedDescriptions';

/**
 * Which representation of a container a client asked for. `iris`: pages list annotation IRIs instead of the
 * annotations; `minimal`: the container names its first and last pages instead of embedding the first;
 * `isApplied`: the client sent a `return=representation` preference that was honoured (Preference-Applied).
 */
export type ContainerPreference = { iris: boolean; minimal: boolean; isApplied: boolean };

/**
 * Reads a Prefer header (RFC 7240) for the container's preferences: `return=representation` with `include`
 * naming PreferMinimalContainer, PreferContainedIRIs or PreferContainedDescriptions (space-separated, as LDP
 * writes them). Without one, the annotations are described in full and the first page embedded.
 */
export function readContainerPreference(header: string | null): ContainerPreference {
  const preference: ContainerPreference = { iris: false, minimal: false, isApplied: false };
  if (header === null) return preference;
  for (const part of header.split(',')) {
    const [first, ...parameters] = part.split(';').map((piece) => piece.trim());
    if (first?.replace(/\s+/gu, '').toLowerCase() !== 'return=representation') continue;
    preference.isApplied = true;
    for (const parameter of parameters) {
      const match = /^(include|omit)\s*=\s*"?([^"]*)"?$/iu.exec(parameter);
      if (!match) continue;
      const iris = match[2]!.split(/\s+/u);
      if (match[1]!.toLowerCase() === 'include') {
        if (iris.includes(PREFER_MINIMAL)) preference.minimal = true;
        if (iris.includes(PREFER_IRIS)) preference.iris = true;
        if (iris.includes(PREFER_DESCRIPTIONS)) preference.iris = false;
      } else if (iris.includes(PREFER_DESCRIPTIONS)) {
        preference.iris = true;
      }
    }
  }
  return preference;
}

/** What a container's query asks for: a page (0-based) or the container, and IRIs or descriptions (null: as `Prefer` says). */
export type ContainerQuery = { page: number | null; iris: boolean | null };

/** Reads `?page=N` and `?iris=0|1`; throws INVALID_INPUT with a message for anything else in them. */
export function readContainerQuery(query: URLSearchParams): ContainerQuery {
  const page = query.get('page');
  const iris = query.get('iris');
  if (page !== null && !/^\d{1,9}$/u.test(page)) {
    throw new AppError('INVALID_INPUT', 'The page must be a whole number from 0, such as ?page=1.', { fieldErrors: { page: ['Use a whole number from 0.'] } });
  }
  if (iris !== null && iris !== '0' && iris !== '1') {
    throw new AppError('INVALID_INPUT', 'iris must be 1 (annotation IRIs only) or 0 (the annotations in full).', { fieldErrors: { iris: ['Use 0 or 1.'] } });
  }
  return { page: page === null ? null : Number(page), iris: iris === null ? null : iris === '1' };
}

/** Returns the IRI of the container's representation with IRIs or descriptions: `…/annotations/?iris=1`. */
export function containerViewIri(containerIri: string, iris: boolean): string {
  return `${containerIri}?iris=${iris ? 1 : 0}`;
}

/** Returns the IRI of page `page` of that representation: `…/annotations/?iris=0&page=2`. */
export function containerPageIri(containerIri: string, iris: boolean, page: number): string {
  return `${containerViewIri(containerIri, iris)}&page=${page}`;
}

/** What a container representation is built from: its IRI, label, the annotations the caller may see, and the choices. */
export type ContainerInput = { containerIri: string; label: string; items: readonly WebAnnotation[]; iris: boolean; pageSize?: number };

/**
 * Returns the container as JSON-LD (Protocol §5.3): a BasicContainer and AnnotationCollection with its total,
 * `first` embedded (or only named when `minimal`) and `last` named. Its id is the representation's own IRI
 * (`…/?iris=0`), which the route also sends as Content-Location.
 */
export function containerRepresentation(input: ContainerInput & { minimal: boolean }): Record<string, unknown> {
  const pageCount = pageCountOf(input);
  const base = {
    '@context': [ANNOTATION_CONTEXT, LDP_CONTEXT],
    id: containerViewIri(input.containerIri, input.iris),
    type: ['BasicContainer', 'AnnotationCollection'],
    label: input.label,
    total: input.items.length,
  };
  if (input.items.length === 0) return base;
  return {
    ...base,
    first: input.minimal ? containerPageIri(input.containerIri, input.iris, 0) : pageBody(input, 0),
    last: containerPageIri(input.containerIri, input.iris, pageCount - 1),
  };
}

/** Returns page `page` of the container as JSON-LD (Protocol §5.3.1); throws NOT_FOUND, naming the pages there are, past the end. */
export function containerPage(input: ContainerInput, page: number): Record<string, unknown> {
  const pageCount = pageCountOf(input);
  if (page >= Math.max(1, pageCount)) {
    throw new AppError('NOT_FOUND', pageCount <= 1 ? 'This container has one page, page 0.' : `This container has pages 0 to ${pageCount - 1}.`);
  }
  return { '@context': ANNOTATION_CONTEXT, ...pageBody(input, page) };
}

function pageBody(input: ContainerInput, page: number): Record<string, unknown> {
  const pageSize = input.pageSize ?? CONTAINER_PAGE_SIZE;
  const startIndex = page * pageSize;
  const items = input.items.slice(startIndex, startIndex + pageSize);
  const pageCount = pageCountOf(input);
  return {
    id: containerPageIri(input.containerIri, input.iris, page),
    type: 'AnnotationPage',
    partOf: { id: containerViewIri(input.containerIri, input.iris), label: input.label, total: input.items.length },
    startIndex,
    items: input.iris ? items.map((item) => item.id) : items,
    ...(page + 1 < pageCount ? { next: containerPageIri(input.containerIri, input.iris, page + 1) } : {}),
    ...(page > 0 ? { prev: containerPageIri(input.containerIri, input.iris, page - 1) } : {}),
  };
}

function pageCountOf(input: ContainerInput): number {
  return Math.ceil(input.items.length / (input.pageSize ?? CONTAINER_PAGE_SIZE));
}
