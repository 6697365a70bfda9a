import type { ParagraphLayout } from '@/lib/domain/document-layout';
import { FootnoteMarker } from './footnote-marker';

/** A paragraph of the document, its footnote markers turned into buttons. */
export function ParagraphText({ paragraph }: { paragraph: ParagraphLayout }) {
  return (
    <p id={paragraph.id} className="reader__paragraph" data-start={paragraph.start} data-end={paragraph.end}>
      {paragraph.segments.map((segment) =>
        segment.kind === 'text' ? (
          <span key={segment.start} data-start={segment.start}>
            {segment.text}
          </span>
        ) : (
          <FootnoteMarker key={segment.start} number={segment.number} />
        ),
      )}
    </p>
  );
}
