// Which page of the original PDF a place in an imported text sits on, and how a page is cited.

/** The pages of the original PDF a paragraph (or a passage in it) sits on. */
export type PageRange = { first: number; last: number };

/** A paragraph's code-point range and its pages; null pages when the text did not come from a PDF. */
export type PagedParagraph = { start: number; end: number; pages: PageRange | null };

/** A paragraph as stored: its offsets and its first and last page (null when the text did not come from a PDF). */
export type StoredPagedParagraph = { startOffset: number; endOffset: number; pageStart: number | null; pageEnd: number | null };

/** Returns the pages of a stored paragraph, or null when it has none. Pure. */
export function pagesOf(paragraph: Pick<StoredPagedParagraph, 'pageStart' | 'pageEnd'>): PageRange | null {
  return paragraph.pageStart === null ? null : { first: paragraph.pageStart, last: paragraph.pageEnd ?? paragraph.pageStart };
}

/** Returns stored paragraphs as paged ranges, for pagesAt. Pure. */
export function pagedParagraphs(paragraphs: readonly StoredPagedParagraph[]): PagedParagraph[] {
  return paragraphs.map((paragraph) => ({ start: paragraph.startOffset, end: paragraph.endOffset, pages: pagesOf(paragraph) }));
}

/** Returns the pages of the paragraph holding code point `offset`, or null when there is none or it has no pages. Pure. */
export function pagesAt(paragraphs: readonly PagedParagraph[], offset: number): PageRange | null {
  return paragraphs.find((paragraph) => offset >= paragraph.start && offset < paragraph.end)?.pages ?? null;
}

/** Cites pages as a reader expects: "p. 4", or "pp. 4–5" for a paragraph running over a page break. Pure. */
export function pagesLabel(pages: PageRange): string {
  return pages.first === pages.last ? `p. ${pages.first}` : `pp. ${pages.first}–${pages.last}`;
}
