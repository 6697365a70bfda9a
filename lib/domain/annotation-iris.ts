// The addresses of the Web Annotation Protocol as Marginalia serves them. Each document has one annotation
// container, `…/api/documents/<slug>/annotations/` (its IRI ends in "/", as the Protocol asks), and every
// annotation lives directly under its container. The old address of an annotation, `…/api/annotations/<id>`,
// answers a permanent redirect to its place under the container, and files exported with old IRIs still import.

/** Returns the IRI of a document's annotation container: `https://host/api/documents/<slug>/annotations/`. Pure. */
export function annotationContainerIri(baseUrl: string, slug: string): string {
  return `${trimSlash(baseUrl)}/api/documents/${encodeURIComponent(slug)}/annotations/`;
}

/** Returns the IRI of one annotation of a document, under the document's container. Pure. */
export function annotationIriOf(baseUrl: string, slug: string, id: string): string {
  return `${annotationContainerIri(baseUrl, slug)}${encodeURIComponent(id)}`;
}

/** Returns an annotation's old address (`…/api/annotations/<id>`), kept only to redirect and to recognise old exports. Pure. */
export function legacyAnnotationIri(baseUrl: string, id: string): string {
  return `${trimSlash(baseUrl)}/api/annotations/${encodeURIComponent(id)}`;
}

/** Returns the IRI of version `number` of a document: what exported selectors are pinned to. Pure. */
export function documentVersionIri(baseUrl: string, slug: string, number: number): string {
  return `${trimSlash(baseUrl)}/documents/${encodeURIComponent(slug)}/versions/${number}`;
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
