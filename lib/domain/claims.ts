import type { ParsedFootnoteMarker, ParsedParagraph } from './plain-text-import';
import { splitSentences } from './sentences';
import { CodePointIndex, codePointLength } from './text';

/** A sentence of the document with the footnotes it cites; offsets are code points in the document text, end exclusive. */
export type Claim = { start: number; end: number; paragraphOrdinal: number; footnoteNumbers: number[]; isCited: boolean };

/** What claim tracing needs of a document: its text, paragraph ranges and footnote marker ranges (code points). */
export type ClaimSourceDocument = {
  text: string;
  paragraphs: readonly Pick<ParsedParagraph, 'ordinal' | 'start' | 'end'>[];
  footnoteMarkers: readonly Pick<ParsedFootnoteMarker, 'number' | 'start' | 'end'>[];
};

/** Returns every sentence of every paragraph in text order, each with the numbers of the footnote markers inside it (in text order, without repeats). Markers outside all sentences are ignored. Pure. */
export function findCitedClaims(doc: ClaimSourceDocument): Claim[] {
  const index = new CodePointIndex(doc.text);
  const paragraphs = [...doc.paragraphs].sort((a, b) => a.start - b.start);
  const markers = [...doc.footnoteMarkers].sort((a, b) => a.start - b.start);
  const claims: Claim[] = [];
  let nextMarker = 0;
  for (const paragraph of paragraphs) {
    // Split the paragraph's own text so each paragraph costs its length, not the document's.
    const paragraphText = index.slice(paragraph.start, paragraph.end);
    for (const sentence of splitSentences(paragraphText, { start: 0, end: codePointLength(paragraphText) })) {
      const start = paragraph.start + sentence.start;
      const end = paragraph.start + sentence.end;
      const footnoteNumbers: number[] = [];
      while (nextMarker < markers.length && (markers[nextMarker]?.start ?? Infinity) < end) {
        const marker = markers[nextMarker];
        nextMarker++;
        if (marker && marker.start >= start && marker.end <= end && !footnoteNumbers.includes(marker.number)) {
          footnoteNumbers.push(marker.number);
        }
      }
      claims.push({ start, end, paragraphOrdinal: paragraph.ordinal, footnoteNumbers, isCited: footnoteNumbers.length > 0 });
    }
  }
  return claims;
}

/** Returns, for each footnote number in ascending order, the claims that cite it in text order. Pure. */
export function claimsByFootnote(claims: readonly Claim[]): Map<number, Claim[]> {
  const byNumber = new Map<number, Claim[]>();
  for (const claim of claims) {
    for (const number of claim.footnoteNumbers) {
      const citing = byNumber.get(number);
      if (citing) citing.push(claim);
      else byNumber.set(number, [claim]);
    }
  }
  return new Map([...byNumber].sort(([a], [b]) => a - b));
}

// Footnote markers carry digits that say nothing about the sentence's content.
const FOOTNOTE_MARKER = /\[[1-9]\d{0,2}\]/g;
const DIGIT = /\p{Nd}/u;
const PERCENT_SIGN = /[%‰]/u;
// Whole words only, so "behalf" and "halfway" do not count as "half".
const QUANTITY_WORD = /(?<![\p{L}\p{N}])(?:hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|halves|percent|per cent|percentage)(?![\p{L}\p{N}])/iu;

/** True when a sentence states a figure, date, percentage or quantity and so deserves a source: it has a digit (footnote markers aside), a `%` or `‰`, or one of the words hundred, thousand, million, billion, trillion, dozen (each also plural), half, halves, percent, per cent, percentage, in any case. Pure. */
export function needsCitation(sentenceText: string): boolean {
  const withoutMarkers = sentenceText.replace(FOOTNOTE_MARKER, ' ');
  return DIGIT.test(withoutMarkers) || PERCENT_SIGN.test(withoutMarkers) || QUANTITY_WORD.test(withoutMarkers);
}
