import 'server-only';
import type { Viewer } from '@/lib/dal/authorization';
import { claimsOf } from '@/lib/dal/documents';
import { getReadableDocument } from '@/lib/dal/document-lookup';
import { findAttachedSources, type AttachedSource } from '@/lib/dal/sources';
import { claimsByFootnote } from '@/lib/domain/claims';
import { passageInContext, type PassageInContext } from '@/lib/domain/passage-context';
import { CodePointIndex } from '@/lib/domain/text';

/** One source of the note beside its cited passage, with the verdict and the reason last given for it. */
export type ComparedSource = Pick<AttachedSource, 'id' | 'title' | 'verdict' | 'evidenceQuote' | 'passage' | 'sourceDocument'> & { reason: string | null; verdictBy: string };

/** A note's citing sentences beside the passages its sources were cited at. */
export type NoteComparison = {
  documentSlug: string;
  documentTitle: string;
  footnoteNumber: number;
  citing: PassageInContext[];
  sources: ComparedSource[];
};

/** Returns the comparison of note `footnoteNumber` of document `slug`, or null when the viewer may not read it or it has no such note. */
export async function getNoteComparison(viewer: Viewer | null, slug: string, footnoteNumber: number): Promise<NoteComparison | null> {
  const document = await getReadableDocument(viewer, slug);
  if (!document || !document.version.footnotes.some((footnote) => footnote.number === footnoteNumber)) return null;
  const { version } = document;
  const index = new CodePointIndex(version.text);
  const claims = claimsByFootnote(claimsOf(version)).get(footnoteNumber) ?? [];
  const attached = (await findAttachedSources(document.id, viewer)).get(footnoteNumber) ?? [];
  return {
    documentSlug: document.slug,
    documentTitle: document.title,
    footnoteNumber,
    citing: claims.map((claim) => {
      const paragraph = version.paragraphs.find((candidate) => candidate.ordinal === claim.paragraphOrdinal);
      return passageInContext(index, claim, paragraph ? { start: paragraph.startOffset, end: paragraph.endOffset } : null);
    }),
    sources: attached.map((source) => {
      const last = source.history.at(-1);
      return {
        id: source.id,
        title: source.title,
        verdict: source.verdict,
        evidenceQuote: source.evidenceQuote,
        passage: source.passage,
        sourceDocument: source.sourceDocument,
        reason: last?.comment && last.comment !== 'Source added' ? last.comment : null,
        verdictBy: source.verdict === 'UNVERIFIED' ? source.attachedBy : source.verdictSetBy,
      };
    }),
  };
}
