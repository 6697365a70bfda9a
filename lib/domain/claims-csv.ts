import { creditOf, paragraphPagesOf, placementOf, sectionOf, tagLabelsOf, type ExportDocument, type ExportRecord } from '@/lib/domain/export-model';
import { mentionsAsText } from '@/lib/domain/mentions';
import type { PageRange } from '@/lib/domain/pdf-pages';

// `page` comes last so the columns before it keep their places for existing readers of the file.
const CSV_COLUMNS = ['id', 'section', 'quote', 'tags', 'author', 'created', 'comment', 'status', 'link', 'page'] as const;

/**
 * Returns tagged thread starters as CSV (RFC 4180, CRLF, a header row), one row per annotation, each linking to
 * its card in the reader at `readerUrl`, with the page of the original PDF for a document imported from one. Cells a spreadsheet would run as a formula are prefixed with `'`.
 */
export function renderClaimsCsv(document: ExportDocument, rows: ExportRecord[], readerUrl: string): string {
  const sectionNames = new Map(document.current.sections.map((section) => [section.slug, section.heading ?? `Untitled section ${section.ordinal + 1}`]));
  const records = rows.map((row) => {
    const slugOfSection = sectionOf(row, document);
    const section = row.selectors !== null && row.anchorStart === null ? 'Not placed' : slugOfSection === null ? (row.selectors === null ? 'Whole document' : 'Lead') : (sectionNames.get(slugOfSection) ?? slugOfSection);
    return [
      row.id,
      section,
      placementOf(row, document).selectors?.quote.exact ?? '',
      tagLabelsOf(row).join('; '),
      creditOf(row).name,
      row.createdAt.toISOString(),
      mentionsAsText(row.body),
      row.status === 'RESOLVED' ? 'resolved' : 'open',
      `${readerUrl}#annotation-${row.id}`,
      pagesCell(paragraphPagesOf(row, document)),
    ];
  });
  return [CSV_COLUMNS as readonly string[], ...records].map((record) => record.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// Spreadsheets skip leading whitespace and read fullwidth ＝＋－＠ as their ASCII forms before deciding on a formula.
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/u;

/** Returns one CSV cell: quoted when needed (RFC 4180), and prefixed with `'` when a spreadsheet would read it as a formula. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

// The page of the original PDF, `4` or `4–5`; empty when the document did not come from a PDF or the quote is not placed.
function pagesCell(pages: PageRange | null): string {
  return pages === null ? '' : pages.first === pages.last ? String(pages.first) : `${pages.first}–${pages.last}`;
}
