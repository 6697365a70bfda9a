import { CodePointIndex } from './text';

/** W3C TextQuoteSelector: the quoted text with the context either side that tells repeated quotes apart. */
export type TextQuoteSelector = { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string };

/** W3C TextPositionSelector: code-point offsets into the document version's text, end exclusive. */
export type TextPositionSelector = { type: 'TextPositionSelector'; start: number; end: number };

/** The two selectors Marginalia stores for every quote-anchored annotation. */
export type TextSelectors = { quote: TextQuoteSelector; position: TextPositionSelector };

/** Code points of context kept before and after a quote; enough to tell a repeated phrase's occurrences apart. */
export const SELECTOR_CONTEXT_LENGTH = 32;

/** Thrown by describeRange when a selection cannot be annotated; the message tells the person what to select instead. */
export class InvalidRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRangeError';
  }
}

const ONLY_WHITESPACE = /^\s*$/u;

/** Returns quote and position selectors for code points `[start, end)` of `text`; throws InvalidRangeError for an empty, blank or out-of-text range. Pure. */
export function describeRange(text: string, start: number, end: number, index: CodePointIndex = new CodePointIndex(text)): TextSelectors {
  const length = index.codePointLength;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start > end) {
    throw new InvalidRangeError(
      `The selection (characters ${start} to ${end}) is outside this text, which has ${length} characters. Reload the document and select the passage again.`,
    );
  }
  if (start === end) {
    throw new InvalidRangeError('The selection is empty: select at least one word to annotate.');
  }
  const exact = index.slice(start, end);
  if (ONLY_WHITESPACE.test(exact)) {
    throw new InvalidRangeError('The selection holds only spaces or line breaks: select some words to annotate.');
  }
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact,
      prefix: index.slice(Math.max(0, start - SELECTOR_CONTEXT_LENGTH), start),
      suffix: index.slice(end, Math.min(length, end + SELECTOR_CONTEXT_LENGTH)),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}
