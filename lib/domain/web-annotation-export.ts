import {
  ANNOTATION_CONTEXT,
  annotationIri,
  annotationPageIri,
  toUtcDateTime,
  type AnnotationCollection,
  type AnnotationCollectionOptions,
  type AnnotationPage,
  type ExportableAnnotation,
  type ImportedProvenance,
  type WebAnnotation,
  type WebAnnotationOptions,
  type WebTextTarget,
  type WebTextualBody,
} from './web-annotation';

// Marginalia's annotations as W3C Web Annotations, and the collection paging of the Web Annotation Protocol for
// whole exports.

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
    creator: { ...(annotation.creator.id ? { id: annotation.creator.id } : {}), type: 'Person', name: annotation.creator.name },
    ...(body.length > 0 ? { body } : {}),
    target: exportTarget(annotation, options),
    visibility: annotation.visibility,
    ...(annotation.via ? { via: annotation.via } : {}),
    ...(annotation.canonical ? { canonical: annotation.canonical } : {}),
    ...(annotation.imported ? { imported: importedMember(annotation.imported) } : {}),
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

function importedMember(imported: ImportedProvenance): NonNullable<WebAnnotation['imported']> {
  return {
    by: { id: imported.by.id, type: 'Person', name: imported.by.name },
    ...(imported.group ? { group: imported.group } : {}),
    ...(imported.source ? { source: imported.source } : {}),
  };
}
