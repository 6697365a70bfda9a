import 'server-only';
import { getDb } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';
import { getVersionText } from '@/lib/dal/version-texts';
import { passageInContext, type PassageInContext } from '@/lib/domain/passage-context';
import type { TextSelectors } from '@/lib/domain/selectors';

/** A passage of a source document cited as a note's evidence, as it now stands in that document's newest version. */
export type CitedPassage = {
  annotationId: string;
  documentSlug: string;
  documentTitle: string;
  versionNumber: number;
  /** The words the annotation highlights now; its stored quote when it could not be placed. */
  quote: string;
  /** The quote as it was cited, which differs from `quote` after a fuzzy re-anchoring. */
  storedQuote: string;
  context: PassageInContext;
  anchorStatus: 'exact' | 'moved' | 'fuzzy' | 'orphan';
  /** Where it sits: section, paragraph and pages ("Findings, paragraph 4, p. 3"), or that it was not found. */
  place: string;
  /** The passage in the reader of its document. */
  href: string;
};

/**
 * Returns the cited passage of each note–source link in `footnoteSourceIds` that the viewer may see: the
 * annotation is read through visibleAnnotationsWhere and its document through readableDocumentsWhere, so a
 * passage in a document the viewer cannot read is left out (the link's evidence quote stands in for it).
 */
export async function findCitedPassages(viewer: Pick<Viewer, 'id'> | null, footnoteSourceIds: readonly string[]): Promise<Map<string, CitedPassage>> {
  const passages = new Map<string, CitedPassage>();
  if (!viewer || footnoteSourceIds.length === 0) return passages;
  const db = getDb();
  const rows = await db.annotation.findMany({
    where: { AND: [{ evidenceFor: { id: { in: [...footnoteSourceIds] } } }, { deletedAt: null, hiddenAt: null }, visibleAnnotationsWhere(viewer), { document: readableDocumentsWhere(viewer) }] },
    select: {
      id: true,
      selectors: true,
      anchorStart: true,
      anchorEnd: true,
      anchorStatus: true,
      versionId: true,
      evidenceFor: { select: { id: true } },
      document: { select: { slug: true, title: true } },
      version: { select: { number: true } },
    },
  });
  for (const row of rows) {
    if (!row.evidenceFor) continue;
    const selectors = row.selectors as unknown as TextSelectors;
    const version = await getVersionText(row.versionId);
    const isPlaced = row.anchorStatus !== 'ORPHAN' && row.anchorStart !== null && row.anchorEnd !== null && version !== null;
    let context: PassageInContext = { before: selectors.quote.prefix, passage: selectors.quote.exact, after: selectors.quote.suffix };
    let place = 'Not found in the current version';
    if (isPlaced) {
      const range = { start: row.anchorStart!, end: row.anchorEnd! };
      const paragraph = await db.paragraph.findFirst({
        where: { versionId: row.versionId, startOffset: { lte: range.start }, endOffset: { gte: range.start } },
        orderBy: { ordinal: 'asc' },
        select: { ordinal: true, startOffset: true, endOffset: true, pageStart: true, pageEnd: true, section: { select: { heading: true } } },
      });
      context = passageInContext(version.index, range, paragraph ? { start: paragraph.startOffset, end: paragraph.endOffset } : null);
      const pages = paragraph?.pageStart ? (paragraph.pageEnd && paragraph.pageEnd !== paragraph.pageStart ? `pp. ${paragraph.pageStart}–${paragraph.pageEnd}` : `p. ${paragraph.pageStart}`) : null;
      place = [paragraph?.section?.heading, paragraph ? `paragraph ${paragraph.ordinal}` : null, pages].filter(Boolean).join(', ') || 'The document’s text';
    }
    passages.set(row.evidenceFor.id, {
      annotationId: row.id,
      documentSlug: row.document.slug,
      documentTitle: row.document.title,
      versionNumber: row.version.number,
      quote: context.passage,
      storedQuote: selectors.quote.exact,
      context,
      anchorStatus: row.anchorStatus.toLowerCase() as CitedPassage['anchorStatus'],
      place,
      href: `/documents/${row.document.slug}?thread=${row.id}#annotation-${row.id}`,
    });
  }
  return passages;
}
