import { linkKindSlug, readLinkFilter, type LinkFilter, type LinkKind } from '@/lib/domain/annotation-links';

/** What the reader's filter can ask for; every field is optional and they combine with AND (applied in lib/dal/reader-thread-index.ts). */
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
