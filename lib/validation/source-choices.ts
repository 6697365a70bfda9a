// The choices the source forms offer, without zod: client components import these, and importing the schemas
// would ship the whole validation library to every reader.

/** Kinds of source, as the form offers them. */
export const SOURCE_KINDS = ['ARTICLE', 'REPORT', 'BOOK', 'CHAPTER', 'NEWS', 'WEBPAGE', 'DATASET', 'LEGAL', 'OTHER'] as const;
/** A kind of source. */
export type SourceKindName = (typeof SOURCE_KINDS)[number];

/** The CSL-JSON type of each kind of source, for the library's exports and the document's sources export. */
export const CSL_TYPES: Record<SourceKindName, string> = {
  ARTICLE: 'article-journal',
  REPORT: 'report',
  BOOK: 'book',
  CHAPTER: 'chapter',
  NEWS: 'article-newspaper',
  WEBPAGE: 'webpage',
  DATASET: 'dataset',
  LEGAL: 'legislation',
  OTHER: 'document',
};

/** Verdicts on whether a source bears out a claim. */
export const VERDICTS = ['UNVERIFIED', 'SUPPORTS', 'PARTIALLY_SUPPORTS', 'DOES_NOT_SUPPORT', 'CANNOT_ACCESS'] as const;
/** A verdict. */
export type VerdictName = (typeof VERDICTS)[number];
