import { needsCitation, type Claim } from '@/lib/domain/claims';
import { CodePointIndex } from '@/lib/domain/text';

/** A run of text as the reader shows it: plain text (the reader's script draws highlights over it), or a footnote marker. Offsets are code points. */
export type ParagraphSegment =
  | { kind: 'text'; start: number; text: string }
  | { kind: 'footnote'; start: number; end: number; number: number };

/**
 * What the citation lens says of a sentence: it states figures, dates or quantities but cites
 * nothing, or it cites notes none of which has a source that supports it yet.
 */
export type CitationLens = 'citation-needed' | 'unverified-notes' | null;

/** A sentence of a paragraph, with the runs it is made of. */
export type SentenceLayout = { kind: 'sentence'; start: number; end: number; footnoteNumbers: number[]; lens: CitationLens; segments: ParagraphSegment[] };

/** A paragraph ready to render: a stable id for links, its sentences and the text between them. */
export type ParagraphLayout = {
  id: string;
  ordinal: number;
  start: number;
  end: number;
  /** The notes whose markers sit in this paragraph, in text order: their panels open after it. */
  footnoteNumbers: number[];
  parts: Array<SentenceLayout | ParagraphSegment>;
  /** The pages of the original PDF the paragraph sits on; null when the document did not come from a PDF. */
  pages: { first: number; last: number } | null;
};

/** A section ready to render; `heading` is null for a section its author left untitled. */
export type SectionLayout = { ordinal: number; slug: string; heading: string | null; paragraphs: ParagraphLayout[] };

/** A document version laid out for reading: the lead (before the first section) and the sections. */
export type DocumentLayout = { lead: ParagraphLayout[]; sections: SectionLayout[] };

type Range = { start: number; end: number };
type Marker = Range & { number: number };
type LayoutInput = {
  text: string;
  sections: Array<{ ordinal: number; slug: string; heading: string | null }>;
  paragraphs: Array<Range & { ordinal: number; sectionOrdinal: number | null; pages?: { first: number; last: number } | null }>;
  footnoteMarkers: Marker[];
  /** The document's sentences (findCitedClaims); without them each paragraph is one run of text. */
  claims?: Claim[];
  /** Notes that have at least one source supporting them, for the citation lens. */
  supportedFootnotes?: ReadonlySet<number>;
};

/** Returns the stable DOM id of a paragraph, used in links to it. */
export function paragraphAnchorId(ordinal: number): string {
  return `p-${ordinal}`;
}

/** Splits paragraphs into sentences and footnote markers and groups them by section. */
export function layoutDocument({ text, sections, paragraphs, footnoteMarkers, claims = [], supportedFootnotes = new Set() }: LayoutInput): DocumentLayout {
  const index = new CodePointIndex(text);
  const markers = [...footnoteMarkers].sort((a, b) => a.start - b.start);
  const within = <T extends Range>(items: T[], range: Range) => items.filter((item) => item.start >= range.start && item.end <= range.end);

  const laidOut = [...paragraphs]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((paragraph) => {
      const paragraphMarkers = within(markers, paragraph);
      const sentences = within(claims, paragraph);
      const parts: ParagraphLayout['parts'] = [];
      let cursor = paragraph.start;
      for (const sentence of sentences) {
        parts.push(...segmentRange(index, { start: cursor, end: sentence.start }, paragraphMarkers));
        parts.push({
          kind: 'sentence',
          start: sentence.start,
          end: sentence.end,
          footnoteNumbers: sentence.footnoteNumbers,
          lens: lensOf(index, sentence, supportedFootnotes),
          segments: segmentRange(index, sentence, paragraphMarkers),
        });
        cursor = sentence.end;
      }
      parts.push(...segmentRange(index, { start: cursor, end: paragraph.end }, paragraphMarkers));
      return {
        sectionOrdinal: paragraph.sectionOrdinal,
        layout: {
          id: paragraphAnchorId(paragraph.ordinal),
          ordinal: paragraph.ordinal,
          start: paragraph.start,
          end: paragraph.end,
          footnoteNumbers: [...new Set(paragraphMarkers.map((marker) => marker.number))],
          parts,
          pages: paragraph.pages ?? null,
        },
      };
    });

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

function lensOf(index: CodePointIndex, sentence: Claim, supportedFootnotes: ReadonlySet<number>): CitationLens {
  if (!sentence.isCited) return needsCitation(index.slice(sentence.start, sentence.end)) ? 'citation-needed' : null;
  return sentence.footnoteNumbers.some((number) => supportedFootnotes.has(number)) ? null : 'unverified-notes';
}

function segmentRange(index: CodePointIndex, range: Range, markers: Marker[]): ParagraphSegment[] {
  const segments: ParagraphSegment[] = [];
  let cursor = range.start;
  for (const marker of markers) {
    if (marker.start < range.start || marker.end > range.end) continue;
    if (marker.start > cursor) segments.push({ kind: 'text', start: cursor, text: index.slice(cursor, marker.start) });
    segments.push({ kind: 'footnote', start: marker.start, end: marker.end, number: marker.number });
    cursor = marker.end;
  }
  if (cursor < range.end) segments.push({ kind: 'text', start: cursor, text: index.slice(cursor, range.end) });
  return segments;
}
