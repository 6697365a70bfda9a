import type { ParagraphLayout, ParagraphSegment } from '@/lib/domain/document-layout';
import { FootnoteMarker } from './footnote-marker';
import { HighlightedText } from './highlighted-text';
import { FootnotePanels } from './footnote-panels';

const LENS_NOTES = { 'citation-needed': 'citation needed', 'unverified-notes': 'source not yet verified' } as const;

function Segments({ segments }: { segments: ParagraphSegment[] }) {
  return segments.map((segment) =>
    segment.kind === 'text' ? <HighlightedText key={segment.start} start={segment.start} text={segment.text} /> : <FootnoteMarker key={segment.start} number={segment.number} start={segment.start} end={segment.end} />,
  );
}

/** Where the original PDF of the shown version is, for a paragraph's `View page` link. */
export type PdfPageLinks = { documentSlug: string; versionNumber: number };

/** A paragraph of the document, sentence by sentence, with its highlights and footnote markers; open notes follow it. */
export function ParagraphText({ paragraph, pdf = null }: { paragraph: ParagraphLayout; pdf?: PdfPageLinks | null }) {
  return (
    <>
      <p id={paragraph.id} className="reader__paragraph" data-start={paragraph.start} data-end={paragraph.end}>
        {paragraph.parts.map((part) =>
          part.kind === 'sentence' ? (
            <span key={part.start} className="sentence" data-lens={part.lens ?? undefined} data-lens-note={part.lens ? LENS_NOTES[part.lens] : undefined}>
              <Segments segments={part.segments} />
            </span>
          ) : (
            <Segments key={part.start} segments={[part]} />
          ),
        )}
      </p>
      {pdf && paragraph.pages && <PageReference pages={paragraph.pages} pdf={pdf} />}
      {paragraph.footnoteNumbers.length > 0 && <FootnotePanels numbers={paragraph.footnoteNumbers} />}
    </>
  );
}

// The paragraph's page in the original, and a link to see that page drawn by pdf.js (loaded there, not here).
function PageReference({ pages, pdf }: { pages: { first: number; last: number }; pdf: PdfPageLinks }) {
  const label = pages.first === pages.last ? `p. ${pages.first}` : `pp. ${pages.first}–${pages.last}`;
  return (
    <p className="reader__page-ref">
      <span>{label}</span>{' '}
      <a href={`/documents/${pdf.documentSlug}/pages/${pages.first}?version=${pdf.versionNumber}`} aria-label="View page" title={`View page ${pages.first} of the original PDF`}>
        View page
      </a>
    </p>
  );
}
