'use client';

import { useContext, type CSSProperties } from 'react';
import { HighlightIndexContext } from '@/components/annotations/highlight-lookup';

/**
 * A run of the document's text with the highlights over it drawn as marks, one per stretch between highlight
 * boundaries. Drawn here from the reader's table of ranges rather than sent as markup: the server's payload then
 * carries each run's text once, however many annotations overlap it.
 */
export function HighlightedText({ start, text }: { start: number; text: string }) {
  const index = useContext(HighlightIndexContext);
  const characters = Array.from(text);
  const pieces = index?.pieces(start, start + characters.length) ?? [];
  if (!pieces.some((piece) => piece.colour)) return <span data-start={start}>{text}</span>;
  return pieces.map((piece) => {
    const pieceText = characters.slice(piece.start - start, piece.end - start).join('');
    return piece.colour ? (
      <mark
        key={piece.start}
        className={piece.count > 1 ? 'highlight highlight--overlap' : 'highlight'}
        data-start={piece.start}
        style={{ '--highlight': piece.colour } as CSSProperties}
      >
        {pieceText}
      </mark>
    ) : (
      <span key={piece.start} data-start={piece.start}>
        {pieceText}
      </span>
    );
  });
}
