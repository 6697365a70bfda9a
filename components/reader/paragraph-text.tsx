import type { CSSProperties } from 'react';
import type { ParagraphLayout, ParagraphSegment } from '@/lib/domain/document-layout';
import { FootnoteMarker } from './footnote-marker';
import { FootnotePanels } from './footnote-panels';

const LENS_NOTES = { 'citation-needed': 'citation needed', 'unverified-notes': 'source not yet verified' } as const;

// A highlighted run is one mark with its offset and the outermost highlight's colour; which annotations are over it
// is looked up from the reader's table of ranges, so overlapping highlights add no markup per annotation.
function TextRun({ segment }: { segment: Extract<ParagraphSegment, { kind: 'text' }> }) {
  const [outermost] = segment.highlights;
  if (!outermost) return <span data-start={segment.start}>{segment.text}</span>;
  return (
    <mark
      className={segment.highlights.length > 1 ? 'highlight highlight--overlap' : 'highlight'}
      data-start={segment.start}
      style={{ '--highlight': outermost.colour } as CSSProperties}
      tabIndex={-1}
    >
      {segment.text}
    </mark>
  );
}

function Segments({ segments }: { segments: ParagraphSegment[] }) {
  return segments.map((segment) =>
    segment.kind === 'text' ? <TextRun key={segment.start} segment={segment} /> : <FootnoteMarker key={segment.start} number={segment.number} start={segment.start} end={segment.end} />,
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
