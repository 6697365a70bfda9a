import { CodePointIndex } from '@/lib/domain/text';

/** A run of a paragraph as the reader shows it: plain text, or a footnote marker. Offsets are code points. */
export type ParagraphSegment =
  | { kind: 'text'; start: number; text: string }
  | { kind: 'footnote'; start: number; number: number };

/** A paragraph ready to render: a stable id for links, and its segments in order. */
export type ParagraphLayout = { id: string; ordinal: number; start: number; end: number; segments: ParagraphSegment[] };

/** A section ready to render; `heading` is null for a section its author left untitled. */
export type SectionLayout = { ordinal: number; slug: string; heading: string | null; paragraphs: ParagraphLayout[] };

/** A document version laid out for reading: the lead (before the first section) and the sections. */
export type DocumentLayout = { lead: ParagraphLayout[]; sections: SectionLayout[] };

type Range = { start: number; end: number };
type LayoutInput = {
  text: string;
  sections: Array<{ ordinal: number; slug: string; heading: string | null }>;
  paragraphs: Array<Range & { ordinal: number; sectionOrdinal: number | null }>;
  footnoteMarkers: Array<Range & { number: number }>;
};

/** Returns the stable DOM id of a paragraph, used in links to it. */
export function paragraphAnchorId(ordinal: number): string {
  return `p-${ordinal}`;
}

/** Splits each paragraph at its footnote markers and groups paragraphs by section. */
export function layoutDocument({ text, sections, paragraphs, footnoteMarkers }: LayoutInput): DocumentLayout {
  const index = new CodePointIndex(text);
  const markers = [...footnoteMarkers].sort((a, b) => a.start - b.start);
  const byParagraph = (paragraph: Range) => markers.filter((marker) => marker.start >= paragraph.start && marker.end <= paragraph.end);

  const laidOut = [...paragraphs]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((paragraph) => ({
      sectionOrdinal: paragraph.sectionOrdinal,
      layout: {
        id: paragraphAnchorId(paragraph.ordinal),
        ordinal: paragraph.ordinal,
        start: paragraph.start,
        end: paragraph.end,
        segments: segmentParagraph(index, paragraph, byParagraph(paragraph)),
      },
    }));

  return {
    lead: laidOut.filter((entry) => entry.sectionOrdinal === null).map((entry) => entry.layout),
    sections: [...sections]
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((section) => ({
        ordinal: section.ordinal,
        slug: section.slug,
        heading: section.heading,
        paragraphs: laidOut.filter((entry) => entry.sectionOrdinal === section.ordinal).map((entry) => entry.layout),
      })),
  };
}

function segmentParagraph(index: CodePointIndex, paragraph: Range, markers: Array<Range & { number: number }>): ParagraphSegment[] {
  const segments: ParagraphSegment[] = [];
  let cursor = paragraph.start;
  for (const marker of markers) {
    if (marker.start > cursor) segments.push({ kind: 'text', start: cursor, text: index.slice(cursor, marker.start) });
    segments.push({ kind: 'footnote', start: marker.start, number: marker.number });
    cursor = marker.end;
  }
  if (cursor < paragraph.end) segments.push({ kind: 'text', start: cursor, text: index.slice(cursor, paragraph.end) });
  return segments;
}
