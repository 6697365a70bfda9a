import { linkKindSlug, matchesLinkFilter, readLinkFilter, type LinkFilter, type LinkKind } from '@/lib/domain/annotation-links';

/** What the reader's filter can ask for; every field is optional and they combine with AND. */
export type AnnotationFilter = {
  tag?: string;
  author?: string;
  section?: string;
  footnote?: number;
  status?: 'OPEN' | 'RESOLVED';
  visibility?: 'PRIVATE' | 'WORKSPACE';
  /** Threads whose first annotation has a link the viewer sees: any, or of one kind. */
  link?: LinkFilter;
};

type Filterable = {
  id: string;
  parentId: string | null;
  rootId: string | null;
  authorName: string;
  tags: Array<{ label: string }>;
  sectionSlug: string | null;
  status: 'OPEN' | 'RESOLVED';
  visibility: 'PRIVATE' | 'WORKSPACE';
  anchor: { start: number | null; end: number | null };
  /** The kinds of the links the viewer sees on it; only the link filter reads them. */
  linkKinds?: readonly LinkKind[];
};

/** Reads a filter from URL search parameters, ignoring anything malformed. Pure. */
export function readAnnotationFilter(params: Record<string, string | string[] | undefined>): AnnotationFilter {
  const one = (key: string) => {
    const value = params[key];
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    return text ? text.slice(0, 200) : undefined;
  };
  const footnote = Number(one('footnote'));
  const status = one('status')?.toUpperCase();
  const visibility = one('visibility')?.toUpperCase();
  return {
    tag: one('tag')?.toLowerCase(),
    author: one('author'),
    section: one('section'),
    footnote: Number.isInteger(footnote) && footnote > 0 ? footnote : undefined,
    status: status === 'OPEN' || status === 'RESOLVED' ? status : undefined,
    visibility: visibility === 'PRIVATE' || visibility === 'WORKSPACE' ? visibility : undefined,
    link: readLinkFilter(one('link')),
  };
}

/** Returns the URL search parameters that ask for `filter`, the inverse of readAnnotationFilter. Pure. */
export function filterSearchParams(filter: AnnotationFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter).flatMap(([key, value]) => (value === undefined ? [] : [[key, key === 'link' && value !== 'any' ? linkKindSlug(value as LinkKind) : String(value)]])),
  );
}

/** Whether the filter asks for anything. */
export function isFilterActive(filter: AnnotationFilter): boolean {
  return Object.values(filter).some((value) => value !== undefined);
}

/**
 * Keeps the threads whose first annotation matches the filter, with all their replies. `citingRanges` gives,
 * for the footnote asked for, the ranges of the sentences that cite it. Pure.
 */
export function filterAnnotations<T extends Filterable>(annotations: T[], filter: AnnotationFilter, citingRanges: Array<{ start: number; end: number }> = []): T[] {
  if (!isFilterActive(filter)) return annotations;
  const matches = (root: T) =>
    (!filter.tag || root.tags.some((tag) => tag.label.toLowerCase() === filter.tag)) &&
    (!filter.author || root.authorName === filter.author) &&
    (!filter.section || root.sectionSlug === filter.section) &&
    (!filter.status || root.status === filter.status) &&
    (!filter.visibility || root.visibility === filter.visibility) &&
    matchesLinkFilter(root.linkKinds ?? [], filter.link) &&
    (filter.footnote === undefined ||
      (root.anchor.start !== null &&
        root.anchor.end !== null &&
        citingRanges.some((range) => (root.anchor.start ?? 0) < range.end && (root.anchor.end ?? 0) > range.start)));
  const keptRoots = new Set(annotations.filter((annotation) => annotation.parentId === null && matches(annotation)).map((annotation) => annotation.id));
  return annotations.filter((annotation) => keptRoots.has(annotation.parentId === null ? annotation.id : (annotation.rootId ?? '')));
}
