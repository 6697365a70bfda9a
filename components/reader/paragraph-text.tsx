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

/** A paragraph of the document, sentence by sentence, with its highlights and footnote markers; open notes follow it. */
export function ParagraphText({ paragraph }: { paragraph: ParagraphLayout }) {
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
      {paragraph.footnoteNumbers.length > 0 && <FootnotePanels numbers={paragraph.footnoteNumbers} />}
    </>
  );
}
