import type { SourceKindName, VerdictName } from '@/lib/validation/sources';

/** How each verdict is named to people. */
export const VERDICT_LABELS: Record<VerdictName, string> = {
  UNVERIFIED: 'Not yet checked',
  SUPPORTS: 'Supports',
  PARTIALLY_SUPPORTS: 'Partly supports',
  DOES_NOT_SUPPORT: 'Does not support',
  CANNOT_ACCESS: 'Cannot access',
};

/** How each kind of source is named to people. */
export const SOURCE_KIND_LABELS: Record<SourceKindName, string> = {
  ARTICLE: 'Journal article',
  REPORT: 'Report',
  BOOK: 'Book',
  CHAPTER: 'Book chapter',
  NEWS: 'News story',
  WEBPAGE: 'Web page',
  DATASET: 'Dataset',
  LEGAL: 'Law or court document',
  OTHER: 'Other',
};

/** Returns `url` if it is an absolute http(s) address, else null: the last guard before a link is rendered. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
