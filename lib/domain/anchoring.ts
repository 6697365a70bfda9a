import search from 'approx-string-match';
import { GramIndex, searchWholeText } from './approximate-search';
import { SELECTOR_CONTEXT_LENGTH, type TextSelectors } from './selectors';
import { CodePointIndex, codePointLength } from './text';
import { editDistance, quoteWordEdges, snapToWordEdges } from './word-edges';

/** How an annotation was placed on a text: unchanged spot, same quote elsewhere, similar text, or nowhere. */
export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan';

/** Where an annotation sits on a text (code points, end exclusive; null for an orphan) and how sure we are, 0..1. */
export type AnchorResult = { status: AnchorStatus; start: number | null; end: number | null; score: number };

/** Options for anchorSelectors; pass `index` when anchoring many annotations on one text so it is built once. */
/**
 * `index`: a CodePointIndex of the text, shared across many calls. `isExactOnly`: look only for the quote itself,
 * never for a near match, which costs far more on a long text (for bulk work that has run out of time).
 */
export type AnchorOptions = { index?: CodePointIndex; grams?: GramIndex; isExactOnly?: boolean };

/**
 * Quotes shorter than this (code points) are never placed fuzzily. With errors bounded at a quarter of the
 * quote, a 9-character quote may differ by 2 characters, and one or two short words with two changes match
 * dozens of unrelated spots in any article ("Asia" -> "Asian", "the IMU" -> "the UN"); the match would carry
 * no evidence of being the same passage, so a short quote that is no longer in the text becomes an orphan.
 */
export const FUZZY_MIN_QUOTE_LENGTH = 10;

/** Upper bound on the errors a fuzzy search allows, whatever the quote's length (see maxFuzzyErrors). */
export const FUZZY_MAX_ERRORS = 256;

/** Fuzzy matches scoring below this are not placed: the annotation becomes an orphan listed for the team. */
export const FUZZY_MIN_SCORE = 0.5;

/** Moved or fuzzy anchors scoring below this ask a person to confirm the new place (see needsConfirmation). */
export const FUZZY_CONFIRM_THRESHOLD = 0.8;

/** UTF-16 units searched either side of the old position before the fuzzy search falls back to the whole text. */
export const FUZZY_WINDOW_MARGIN = 1000;

/** One side of a match's stored context agrees when at least this share of it is still next to the match. */
export const CONTEXT_AGREES = 0.6;

// Context this unlike the stored one (both sides) is no more alike than two unrelated English phrases of its length.
const CONTEXT_UNRELATED = 0.45;
// Beyond the window around the old position, a near match may have half the errors of one nearby (an eighth of the
// quote): text far away that differs by a quarter is weak evidence of being the same passage, and the whole-text
// search this bounds is where re-anchoring after a heavy rewrite spends its time (the q-gram filter of
// approximate-search.ts skips most of the text at an eighth, little at a quarter).
const FAR_ERROR_DIVISOR = 2;
// A verbatim quote this long is evidence of itself even in new company (a sentence moved to another paragraph).
const SELF_EVIDENT_QUOTE_LENGTH = 40;
// Below this a short quote's near matches are not even searched (one letter changed in "IMU" is any word).
const SHORT_FUZZY_MIN_LENGTH = 4;

// A match is judged on how much of the stored selection (prefix + quote + suffix) is still around it, and a
// little on how far it moved: context tells repeated quotes apart far better than position does, which only
// breaks ties (the same phrase in the same words) and pulls a match towards the annotation's old place.
const SELECTION_WEIGHT = 0.9;
const POSITION_WEIGHT = 0.1;
// Bounds the edit-distance work per annotation when a quote occurs very often ("the", "Central Asia").
const MAX_SCORED_CANDIDATES = 16;
// Distinct places a context-guided search looks at; more only happens in texts made of one repeated sentence.
const MAX_CONTEXT_REGIONS = 4;

type Span = { start: number; end: number; errors: number };
type ScoredSpan = Span & { score: number; distance: number };
// Everything in UTF-16 units: approx-string-match and String methods index code units.
// `scores` remembers each span's score: the wider searches score again the spans a narrower one already scored.
type Target = { text: string; index: CodePointIndex; grams: GramIndex; quote: string; prefix: string; suffix: string; oldStart: number | null; scores: Map<string, number> };

/**
 * Returns how many errors (insertions, deletions, substitutions) a fuzzy match of a quote of `quoteLength`
 * code points may have: a quarter of the quote, because beyond that the passage has been rewritten rather than
 * corrected and a comment on the old wording may no longer apply. Capped at FUZZY_MAX_ERRORS so one search of
 * a whole article stays within 8 words of Myers' bit-parallel algorithm. 0 below FUZZY_MIN_QUOTE_LENGTH.
 */
export function maxFuzzyErrors(quoteLength: number): number {
  if (quoteLength < FUZZY_MIN_QUOTE_LENGTH) return 0;
  return Math.min(FUZZY_MAX_ERRORS, Math.floor(quoteLength / 4));
}

/** Returns true when the UI should ask a person to confirm an anchor: a moved or fuzzy placement with a low score. */
export function needsConfirmation(result: AnchorResult): boolean {
  return (result.status === 'moved' || result.status === 'fuzzy') && result.score < FUZZY_CONFIRM_THRESHOLD;
}

/**
 * Places an annotation's selectors on `text`: at the old position if the quote is still there, or at its only
 * verbatim copy with its stored prefix and suffix around it (`exact`, score 1), else at the best exact occurrence of the quote (`moved`) unless its context disagrees and a similar passage in
 * the stored context scores higher (`fuzzy`), else `orphan`. Never places it on text that differs from the quote
 * by more than maxFuzzyErrors. Pure.
 */
export function anchorSelectors(text: string, selectors: TextSelectors, options: AnchorOptions = {}): AnchorResult {
  const index = options.index ?? new CodePointIndex(text);
  const { exact: quote, prefix, suffix } = selectors.quote;
  if (quote.length === 0) return orphan();

  const target: Target = {
    text,
    index,
    grams: options.grams ?? new GramIndex(text),
    quote,
    // Imported selectors (Hypothesis) may carry long context; only the part next to the quote is worth comparing.
    prefix: prefix.slice(-2 * SELECTOR_CONTEXT_LENGTH),
    suffix: suffix.slice(0, 2 * SELECTOR_CONTEXT_LENGTH),
    oldStart: oldStartUnit(selectors, index),
    scores: new Map(),
  };

  const { oldStart } = target;
  if (oldStart !== null && text.startsWith(quote, oldStart) && isCodePointBoundary(text, oldStart + quote.length)) {
    if (contextAgreesAt(target, oldStart, oldStart + quote.length)) return placed(target, 'exact', oldStart, oldStart + quote.length, 1);
    // The old spot still holds the quote but its context changed: a repeated phrase may have shifted into it
    // while the annotated occurrence moved on. Stay unless another occurrence's context agrees better.
    const best = bestExactOccurrence(target);
    if (!best || best.start === oldStart) return placed(target, 'exact', oldStart, oldStart + quote.length, 1);
    return placed(target, 'moved', best.start, best.end, best.score);
  }

  const found = bestExactOccurrence(target);
  // A unique copy with its whole stored context around it is the passage itself, whatever position came with it
  // (or none: imports from Hypothesis carry none we can trust), so it counts as exact, not as moved.
  if (found && contextAgreesAt(target, found.start, found.end) && isOnlyOccurrence(target, found)) {
    return placed(target, 'exact', found.start, found.end, 1);
  }
  const copy = found && judgedByContext(target, found);
  if (copy && copy.score >= FUZZY_CONFIRM_THRESHOLD) return placed(target, 'moved', copy.start, copy.end, copy.score);
  if (options.isExactOnly) return copy ? placed(target, 'moved', copy.start, copy.end, copy.score) : orphan();
  // A copy of the quote in other words' company is often the same phrase recurring elsewhere ("the IMU") while
  // the annotated passage was edited in place; a near match among the stored context is then the better evidence.
  const nearMatch = bestFuzzyMatch(target) ?? shortQuoteMatch(target);
  const near = nearMatch && judgedByContext(target, nearMatch);
  const winner = copy && (!near || copy.score >= near.score) ? copy : near;
  if (!winner) return orphan();
  if (winner.errors === 0) return placed(target, 'moved', winner.start, winner.end, winner.score);
  // A near match's ends fall wherever the fewest edits put them, often inside a word ("ro|ughly"); a quote that began
  // or ended with a word begins or ends with one again.
  const snapped = snapToWordEdges(text, quote, winner, quoteWordEdges(target.prefix, quote, target.suffix));
  // Each unit an end moves adds at most one error; past the fuzzy bound, the exact count decides.
  const maxErrors = maxFuzzyErrors(codePointLength(quote));
  const shift = Math.abs(snapped.start - winner.start) + Math.abs(snapped.end - winner.end);
  const isWithinBound = winner.errors + shift <= maxErrors || editDistance(quote, text.slice(snapped.start, snapped.end)) <= maxErrors;
  const span = isWithinBound ? snapped : winner;
  return placed(target, 'fuzzy', span.start, span.end, winner.score);
}

/** Re-anchors many annotations on one text (sharing one CodePointIndex) and returns each result under its id. Pure. */
export function reanchorAll(text: string, items: ReadonlyArray<{ id: string; selectors: TextSelectors }>): Map<string, AnchorResult> {
  const index = new CodePointIndex(text);
  const grams = new GramIndex(text);
  const results = new Map<string, AnchorResult>();
  for (const item of items) results.set(item.id, anchorSelectors(text, item.selectors, { index, grams }));
  return results;
}

function orphan(): AnchorResult {
  return { status: 'orphan', start: null, end: null, score: 0 };
}

function placed(target: Target, status: AnchorStatus, start: number, end: number, score: number): AnchorResult {
  return {
    status,
    start: target.index.toCodePoint(start),
    end: target.index.toCodePoint(end),
    score: Math.min(1, Math.max(0, score)),
  };
}

// The stored position as a UTF-16 index, clamped to the text (the new version may be shorter); null when unusable.
function oldStartUnit(selectors: TextSelectors, index: CodePointIndex): number | null {
  const start = selectors.position.start;
  if (!Number.isInteger(start) || start < 0) return null;
  return index.toUtf16(Math.min(start, index.codePointLength));
}

function bestExactOccurrence(target: Target): ScoredSpan | null {
  const { text, quote } = target;
  const spans: Span[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    // A quote starting or ending with a lone surrogate could match half of an emoji; that is not this quote.
    if (isCodePointBoundary(text, at) && isCodePointBoundary(text, at + quote.length)) {
      spans.push({ start: at, end: at + quote.length, errors: 0 });
    }
  }
  if (spans.length > MAX_SCORED_CANDIDATES) {
    // A common phrase: shortlist by how many context characters agree right next to it, nearest first on ties.
    const agreement = new Map(spans.map((span) => [span, adjacentContextAgreement(target, span)]));
    spans.sort((a, b) => (agreement.get(b) ?? 0) - (agreement.get(a) ?? 0) || distanceFromOld(target, a) - distanceFromOld(target, b));
    spans.length = MAX_SCORED_CANDIDATES;
  }
  return best(target, spans);
}

function bestFuzzyMatch(target: Target): ScoredSpan | null {
  const { text, quote, oldStart } = target;
  const maxErrors = maxFuzzyErrors(codePointLength(quote));
  if (maxErrors === 0) return null;

  let spans: Span[] = [];
  let isWholeTextSearched = false;
  if (oldStart !== null) {
    // Most edits move a passage a little: search around the old position first, which is cheap, and only
    // scan the whole text when nothing convincing is found there.
    const from = snapBack(text, Math.max(0, oldStart - FUZZY_WINDOW_MARGIN));
    const to = snapForward(text, Math.min(text.length, oldStart + quote.length + FUZZY_WINDOW_MARGIN));
    isWholeTextSearched = from === 0 && to === text.length;
    spans = search(text.slice(from, to), quote, maxErrors).map((match) => ({ ...match, start: match.start + from, end: match.end + from }));
    const nearby = best(target, spans);
    if (nearby && nearby.score >= FUZZY_CONFIRM_THRESHOLD) return nearby;
  }
  if (!isWholeTextSearched) {
    // Away from its old place a passage must have kept more of its wording to be recognised (see FAR_ERROR_DIVISOR).
    const anywhere = searchWholeText(target.grams, quote, oldStart === null ? maxErrors : Math.floor(maxErrors / FAR_ERROR_DIVISOR));
    spans = spans.concat(anywhere);
    const bestSoFar = best(target, spans);
    if (bestSoFar && bestSoFar.score >= FUZZY_CONFIRM_THRESHOLD) return bestSoFar;
    // A whole-text search reports only its fewest-error matches: when a phrase recurs ("Islamic radicals from
    // Central Asia"), a closer copy elsewhere hides the edited original. Searching with the context as well finds
    // the original. No match anywhere within maxErrors means none near the context either, so skip it then.
    if (anywhere.length > 0) spans = spans.concat(contextGuidedSpans(target, maxErrors));
  }
  const found = best(target, spans);
  return found && found.score >= FUZZY_MIN_SCORE ? found : null;
}

// An edited quote too short to carry evidence of its own (one or two words) is placed only where the context on both
// sides still agrees: near matches of a few letters are everywhere, the words around them are not.
function shortQuoteMatch(target: Target): ScoredSpan | null {
  const length = codePointLength(target.quote);
  if (length >= FUZZY_MIN_QUOTE_LENGTH || length < SHORT_FUZZY_MIN_LENGTH) return null;
  const spans = contextGuidedSpans(target, Math.max(1, Math.floor(length / 4)));
  const agreeing = spans.filter((span) => {
    const { prefix, suffix } = contextAgreement(target, span);
    return Math.min(prefix, suffix) >= CONTEXT_AGREES;
  });
  const found = best(target, agreeing);
  // A few letters placed by their context alone may be the same letters beside them: a person confirms.
  return found && found.score >= FUZZY_MIN_SCORE ? { ...found, score: Math.min(found.score, FUZZY_CONFIRM_THRESHOLD - 0.01) } : null;
}

// How much of the stored prefix and suffix is still next to a span, each 0..1 (1 when nothing was stored).
function contextAgreement(target: Target, span: { start: number; end: number }): { prefix: number; suffix: number } {
  const { text, prefix, suffix } = target;
  return {
    prefix: similarity(prefix, text.slice(Math.max(0, span.start - prefix.length), span.start)),
    suffix: similarity(suffix, text.slice(span.end, span.end + suffix.length)),
  };
}

/**
 * Keeps a placement whose context agrees on at least one side. With neither side agreeing, the quote may be the
 * same words recurring in another passage: a long quote is kept with a score that asks a person, a short one,
 * whose context is no more alike than any two phrases, is dropped (null: an orphan unless something else fits).
 */
function judgedByContext(target: Target, span: ScoredSpan): ScoredSpan | null {
  const { prefix, suffix } = contextAgreement(target, span);
  const agreement = Math.max(prefix, suffix);
  if (agreement >= CONTEXT_AGREES) return span;
  if (agreement < CONTEXT_UNRELATED && codePointLength(target.quote) < SELF_EVIDENT_QUOTE_LENGTH) return null;
  return { ...span, score: Math.min(span.score, (FUZZY_CONFIRM_THRESHOLD - 0.01) * (0.5 + agreement / 2)) };
}

function isOnlyOccurrence(target: Target, span: { start: number }): boolean {
  const { text, quote } = target;
  return text.indexOf(quote) === span.start && text.indexOf(quote, span.start + 1) === -1;
}

// Quote matches inside the regions where the whole stored selection (prefix + quote + suffix) matches best.
function contextGuidedSpans(target: Target, maxQuoteErrors: number): Span[] {
  const { text, quote, prefix, suffix } = target;
  if (prefix.length + suffix.length === 0) return [];
  const selection = prefix + quote + suffix;
  const errorShare = target.oldStart === null ? 4 : 4 * FAR_ERROR_DIVISOR;
  const regions = searchWholeText(target.grams, selection, Math.min(FUZZY_MAX_ERRORS, Math.floor(selection.length / errorShare)));
  const spans: Span[] = [];
  let lastRegionStart = -Infinity;
  let searchedRegions = 0;
  for (const region of regions) {
    // Consecutive end positions of one match come out as separate regions; search each place once.
    if (region.start - lastRegionStart < quote.length || searchedRegions >= MAX_CONTEXT_REGIONS) continue;
    lastRegionStart = region.start;
    searchedRegions++;
    const from = snapBack(text, Math.max(0, region.start - SELECTOR_CONTEXT_LENGTH));
    const to = snapForward(text, Math.min(text.length, region.end + SELECTOR_CONTEXT_LENGTH));
    for (const match of search(text.slice(from, to), quote, maxQuoteErrors)) {
      spans.push({ ...match, start: match.start + from, end: match.end + from });
    }
  }
  return spans;
}

// The highest-scoring span; on equal scores the one nearest the old position, then the earlier one.
function best(target: Target, spans: Span[]): ScoredSpan | null {
  const unique = new Map<string, Span>();
  for (const span of spans) {
    const snapped = { start: snapBack(target.text, span.start), end: snapForward(target.text, span.end), errors: span.errors };
    const key = `${snapped.start}:${snapped.end}`;
    const seen = unique.get(key);
    if (!seen || seen.errors > snapped.errors) unique.set(key, snapped);
  }
  // The fuzzy search reports every end position with the fewest errors, mostly neighbours of one match;
  // scoring the nearest few is enough and keeps the context comparisons bounded.
  const shortlist = [...unique.values()]
    .sort((a, b) => distanceFromOld(target, a) - distanceFromOld(target, b) || a.start - b.start)
    .slice(0, MAX_SCORED_CANDIDATES * 2);

  let winner: ScoredSpan | null = null;
  for (const span of shortlist) {
    const key = `${span.start}:${span.end}:${span.errors}`;
    const score = target.scores.get(key) ?? scoreSpan(target, span);
    target.scores.set(key, score);
    const scored = { ...span, score, distance: distanceFromOld(target, span) };
    if (!winner || scored.score > winner.score || (scored.score === winner.score && scored.distance < winner.distance)) {
      winner = scored;
    }
  }
  return winner;
}

// Share of the stored selection still found around the span, weighted by length so a short quote leans on its
// context (which tells one "Central Asia" from another) and a long one on itself; plus closeness to the old spot.
function scoreSpan(target: Target, span: Span): number {
  const { text, quote, prefix, suffix } = target;
  const quoteSimilarity = 1 - Math.min(1, span.errors / quote.length);
  const foundPrefix = text.slice(Math.max(0, span.start - prefix.length), span.start);
  const foundSuffix = text.slice(span.end, span.end + suffix.length);
  const selectionSimilarity =
    (quote.length * quoteSimilarity + prefix.length * similarity(prefix, foundPrefix) + suffix.length * similarity(suffix, foundSuffix)) /
    (quote.length + prefix.length + suffix.length);
  const closeness = target.oldStart === null ? 1 : 1 - Math.min(1, distanceFromOld(target, span) / Math.max(1, text.length));
  return SELECTION_WEIGHT * selectionSimilarity + POSITION_WEIGHT * closeness;
}

function distanceFromOld(target: Target, span: { start: number }): number {
  return target.oldStart === null ? 0 : Math.abs(span.start - target.oldStart);
}

function contextAgreesAt(target: Target, start: number, end: number): boolean {
  const { text, prefix, suffix } = target;
  return start >= prefix.length && text.startsWith(prefix, start - prefix.length) && text.startsWith(suffix, end);
}

// Characters of stored context that agree outward from the span, stopping at the first difference: cheap, O(context).
function adjacentContextAgreement(target: Target, span: Span): number {
  const { text, prefix, suffix } = target;
  let agreed = 0;
  while (agreed < prefix.length && span.start - agreed > 0 && text.charCodeAt(span.start - agreed - 1) === prefix.charCodeAt(prefix.length - agreed - 1)) {
    agreed++;
  }
  let after = 0;
  while (after < suffix.length && span.end + after < text.length && text.charCodeAt(span.end + after) === suffix.charCodeAt(after)) after++;
  return agreed + after;
}

// 1 for identical strings, 0 for nothing in common; an absent stored context counts as agreeing.
function similarity(expected: string, found: string): number {
  if (expected.length === 0) return 1;
  return 1 - editDistance(expected, found) / Math.max(expected.length, found.length);
}

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

function isCodePointBoundary(text: string, at: number): boolean {
  return at <= 0 || at >= text.length || !(isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at)));
}

// Fuzzy matches index code units and may cut an emoji in half; widen them to whole code points.
function snapBack(text: string, at: number): number {
  return isCodePointBoundary(text, at) ? at : at - 1;
}

function snapForward(text: string, at: number): number {
  return isCodePointBoundary(text, at) ? at : at + 1;
}
