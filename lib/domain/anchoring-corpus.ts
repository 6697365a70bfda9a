import { describeRange, type TextSelectors } from './selectors';
import { CodePointIndex } from './text';

/** The kinds of edit the anchoring corpus makes, each with a known answer. */
export type CorpusCaseKind =
  | 'near-edit'
  | 'far-edit'
  | 'moved-paragraph'
  | 'inserted-before-all'
  | 'quote-edited'
  | 'quote-deleted'
  | 'quote-deleted-with-surroundings'
  | 'heavy-rewrite'
  | 'astral-before';

/** One corpus case: selectors made on the old text, the new text, and where the passage truly is now (null when gone). */
export type CorpusCase = {
  kind: CorpusCaseKind;
  selectors: TextSelectors;
  text: string;
  /** Code points of the new text, end exclusive; null when the passage no longer exists. */
  expected: { start: number; end: number } | null;
};

/** How many cases of each kind, and the seed that makes the corpus the same on every run. */
export type CorpusParameters = { seed: number; perKind: number; heavyRewriteQuotes: number };

/** The committed corpus: a fixed seed, so every run and every machine measures the same edits. */
export const ANCHORING_CORPUS_PARAMETERS: CorpusParameters = { seed: 20_261_203, perKind: 250, heavyRewriteQuotes: 600 };

// A quote edited by at most this share of its characters is still the passage; one with less than GONE_MAX_SURVIVING
// of its characters left is gone. Between the two (heavily edited in place) the case is left out, since whether the
// old comment still applies is a matter of opinion. Fuzzy placement allows a quarter.
const PRESENT_MAX_EDIT_SHARE = 0.2;
const GONE_MAX_SURVIVING = 0.5;

/** Deterministic pseudo-random numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

// The new text as pieces: each either copied from the old text (`from` = its UTF-16 offset there) or written anew.
type Piece = { text: string; from: number | null };

/** An edited text that remembers where each old character went, so any old span's new place is known. */
export class TrackedText {
  private pieces: Piece[];

  constructor(original: string) {
    this.pieces = [{ text: original, from: 0 }];
  }

  /** The edited text. */
  get text(): string {
    return this.pieces.map((piece) => piece.text).join('');
  }

  /** Replaces UTF-16 range [from, to) of the current text with `insert`. */
  replace(from: number, to: number, insert: string): void {
    const [before, rest] = splitPieces(this.pieces, from);
    const [, after] = splitPieces(rest, to - from);
    this.pieces = [...before, ...(insert ? [{ text: insert, from: null }] : []), ...after];
  }

  /** Moves UTF-16 range [from, to) of the current text so it starts at `at` (an offset of the text without it). */
  move(from: number, to: number, at: number): void {
    const [before, rest] = splitPieces(this.pieces, from);
    const [moved, after] = splitPieces(rest, to - from);
    const [head, tail] = splitPieces([...before, ...after], at);
    this.pieces = [...head, ...moved, ...tail];
  }

  /**
   * Where old UTF-16 span [start, end) is now, and how much of it changed (inserted or deleted units, the larger):
   * null when none of it survives or its surviving characters no longer sit together in order.
   */
  locate(start: number, end: number): { start: number; end: number; edits: number; survivors: number } | null {
    let at = 0;
    let first = -1;
    let last = -1;
    let survivors = 0;
    let previousOld = -1;
    for (const piece of this.pieces) {
      if (piece.from !== null) {
        const lo = Math.max(start, piece.from);
        const hi = Math.min(end, piece.from + piece.text.length);
        if (lo < hi) {
          if (lo < previousOld) return null;
          previousOld = hi;
          if (first === -1) first = at + lo - piece.from;
          last = at + hi - piece.from;
          survivors += hi - lo;
        }
      }
      at += piece.text.length;
    }
    if (first === -1) return null;
    const inserted = last - first - survivors;
    const deleted = end - start - survivors;
    return { start: first, end: last, edits: Math.max(inserted, deleted), survivors };
  }
}

function splitPieces(pieces: Piece[], at: number): [Piece[], Piece[]] {
  const before: Piece[] = [];
  const after: Piece[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const end = offset + piece.text.length;
    if (end <= at) before.push(piece);
    else if (offset >= at) after.push(piece);
    else {
      const cut = at - offset;
      before.push({ text: piece.text.slice(0, cut), from: piece.from });
      after.push({ text: piece.text.slice(cut), from: piece.from === null ? null : piece.from + cut });
    }
    offset = end;
  }
  return [before, after];
}

const FILLER = (
  'the committee noted that regional observers had revised several figures after new interviews with families ' +
  'officials in the capital declined to comment while analysts pointed to older surveys of labour migration'
).split(' ');
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ASTRAL_AND_COMBINING = ['😀 ', '🇺🇿 ', '👍🏽 ', 'e\u0301 ', 'n\u0303o ', '𝒜 ', '👨‍👩‍👧 ', 'a\u0308\u0301 '];

const words = (random: Random, count: number): string => Array.from({ length: count }, () => pick(random, FILLER)).join(' ');

type Paragraph = { start: number; end: number };

function paragraphsOf(text: string): Paragraph[] {
  const result: Paragraph[] = [];
  let start = 0;
  for (const part of text.split('\n\n')) {
    // Headings are blocks too, but short ones: a paragraph is a block of some length; its leading break is not text.
    const lead = part.length - part.trimStart().length;
    if (part.trim().length > 80) result.push({ start: start + lead, end: start + part.length });
    start += part.length + 2;
  }
  return result;
}

// A quote of whole words inside one paragraph: mostly 15-180 units, sometimes a short word or two.
function pickQuote(random: Random, text: string, paragraph: Paragraph): { start: number; end: number } {
  const isShort = random() < 0.15;
  const length = isShort ? between(random, 4, 9) : between(random, 15, 180);
  let start = between(random, paragraph.start, Math.max(paragraph.start, paragraph.end - length));
  while (start > paragraph.start && /\S/u.test(text[start - 1] ?? '')) start--;
  let end = Math.min(paragraph.end, start + length);
  while (end < paragraph.end && /\S/u.test(text[end] ?? '') && /\S/u.test(text[end - 1] ?? '')) end++;
  while (end > start + 1 && /\s/u.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

// Changes about `share` of the span's characters in place (substitutions, insertions, deletions), from the end backwards.
function editInside(random: Random, tracked: TrackedText, start: number, end: number, share: number): void {
  const count = Math.max(1, Math.round((end - start) * share));
  const spots = Array.from({ length: count }, () => between(random, start, end - 1)).sort((a, b) => b - a);
  for (const spot of spots) {
    const kind = random();
    if (kind < 0.5) tracked.replace(spot, spot + 1, pick(random, [...LETTERS]));
    else if (kind < 0.75) tracked.replace(spot, spot, pick(random, [...LETTERS]));
    else tracked.replace(spot, spot + 1, '');
  }
}

// A small edit (a few words inserted, replaced or removed) at a word boundary inside [from, to).
function smallEditIn(random: Random, tracked: TrackedText, from: number, to: number): void {
  const text = tracked.text;
  let at = between(random, from, Math.max(from, to - 1));
  while (at > from && text[at - 1] !== ' ') at--;
  const kind = random();
  if (kind < 0.4) tracked.replace(at, at, `${words(random, between(random, 1, 4))} `);
  else {
    let end = at;
    for (let w = between(random, 1, 3); w > 0 && end < to; w--) {
      while (end < to && text[end] !== ' ') end++;
      while (end < to && text[end] === ' ') end++;
    }
    tracked.replace(at, end, kind < 0.7 ? `${words(random, between(random, 1, 3))} ` : '');
  }
}

function toCase(kind: CorpusCaseKind, original: string, originalIndex: CodePointIndex, quote: { start: number; end: number }, tracked: TrackedText): CorpusCase | null {
  const text = tracked.text;
  const index = new CodePointIndex(text);
  return caseFor(kind, original, originalIndex, quote, tracked, text, index);
}

function caseFor(
  kind: CorpusCaseKind,
  original: string,
  originalIndex: CodePointIndex,
  quote: { start: number; end: number },
  tracked: TrackedText,
  text: string,
  index: CodePointIndex,
): CorpusCase | null {
  const selectors = describeRange(original, originalIndex.toCodePoint(quote.start), originalIndex.toCodePoint(quote.end), originalIndex);
  const length = quote.end - quote.start;
  const found = tracked.locate(quote.start, quote.end);
  if (found && found.edits <= length * PRESENT_MAX_EDIT_SHARE) {
    return { kind, selectors, text, expected: { start: index.toCodePoint(found.start), end: index.toCodePoint(found.end) } };
  }
  if (!found || found.survivors < length * GONE_MAX_SURVIVING) return { kind, selectors, text, expected: null };
  return null;
}

/**
 * Rewrites about 30% of `original`: sentences deleted, sentences reworded, a few words changed here and there, and
 * paragraphs moved. Returns the tracked edit so any old span's new place is known. Deterministic for a seed. Pure.
 */
export function heavyRewrite(original: string, seed: number): TrackedText {
  const random = seededRandom(seed);
  const tracked = new TrackedText(original);
  // Work from the end so earlier offsets stay valid while editing.
  const sentences: Array<{ start: number; end: number }> = [];
  const pattern = /[^.!?\n]+[.!?]+["”’)]*\s*/gu;
  for (const match of original.matchAll(pattern)) sentences.push({ start: match.index, end: match.index + match[0].length });
  for (const sentence of sentences.reverse()) {
    const roll = random();
    if (roll < 0.12) tracked.replace(sentence.start, sentence.end, '');
    else if (roll < 0.22) tracked.replace(sentence.start, sentence.end, `${words(random, between(random, 8, 20))}. `);
    else if (roll < 0.4) smallEditIn(random, tracked, sentence.start, sentence.end);
  }
  for (let moves = 0; moves < 6; moves++) {
    const paragraphs = paragraphsOf(tracked.text);
    if (paragraphs.length < 3) break;
    const moved = pick(random, paragraphs);
    const without = tracked.text.length - (moved.end + 2 - moved.start);
    const targets = paragraphsOf(tracked.text).map((p) => p.start).filter((start) => start < moved.start || start > moved.end);
    const target = Math.min(without, pick(random, targets.length > 0 ? targets : [0]));
    const at = target > moved.start ? target - (moved.end + 2 - moved.start) : target;
    tracked.move(moved.start, Math.min(tracked.text.length, moved.end + 2), Math.max(0, at));
  }
  return tracked;
}

/**
 * Quotes picked across `text` as selectors, for bulk re-anchoring: `count` of them, deterministic for a seed. Pure.
 */
export function corpusQuotes(text: string, count: number, seed: number): Array<{ id: string; selectors: TextSelectors; start: number; end: number }> {
  const random = seededRandom(seed);
  const index = new CodePointIndex(text);
  const paragraphs = paragraphsOf(text);
  return Array.from({ length: count }, (_, i) => {
    const quote = pickQuote(random, text, pick(random, paragraphs));
    return { id: `quote-${i}`, selectors: describeRange(text, index.toCodePoint(quote.start), index.toCodePoint(quote.end), index), ...quote };
  });
}

/**
 * Builds the anchoring corpus over `original` (the seed article's stored text): `perKind` cases of each kind and
 * `heavyRewriteQuotes` quotes on one heavy rewrite, each with its known answer. Cases whose quote was edited by
 * between 20% and 30% are left out (neither clearly the same passage nor clearly gone). Deterministic. Pure.
 */
export function buildAnchoringCorpus(original: string, parameters: CorpusParameters = ANCHORING_CORPUS_PARAMETERS): CorpusCase[] {
  const originalIndex = new CodePointIndex(original);
  const paragraphs = paragraphsOf(original);
  const cases: CorpusCase[] = [];
  const kinds: CorpusCaseKind[] = ['near-edit', 'far-edit', 'moved-paragraph', 'inserted-before-all', 'quote-edited', 'quote-deleted', 'quote-deleted-with-surroundings', 'astral-before'];
  kinds.forEach((kind, kindNumber) => {
    for (let n = 0; n < parameters.perKind; n++) {
      const random = seededRandom(parameters.seed + kindNumber * 100_003 + n * 7919);
      const paragraphNumber = Math.floor(random() * paragraphs.length);
      const paragraph = paragraphs[paragraphNumber] as Paragraph;
      const quote = pickQuote(random, original, paragraph);
      const tracked = new TrackedText(original);
      editFor(kind, random, tracked, original, paragraphs, paragraphNumber, quote);
      const made = toCase(kind, original, originalIndex, quote, tracked);
      if (made) cases.push(made);
    }
  });
  const rewrite = heavyRewrite(original, parameters.seed);
  const text = rewrite.text;
  const index = new CodePointIndex(text);
  for (const quote of corpusQuotes(original, parameters.heavyRewriteQuotes, parameters.seed + 1)) {
    const made = caseFor('heavy-rewrite', original, originalIndex, quote, rewrite, text, index);
    if (made) cases.push(made);
  }
  return cases;
}

function editFor(kind: CorpusCaseKind, random: Random, tracked: TrackedText, original: string, paragraphs: Paragraph[], paragraphNumber: number, quote: { start: number; end: number }): void {
  const paragraph = paragraphs[paragraphNumber] as Paragraph;
  switch (kind) {
    case 'near-edit': {
      // Within the stored context or just beyond it, on either side.
      if (random() < 0.5) smallEditIn(random, tracked, quote.end + 1, Math.min(original.length, quote.end + 80));
      else smallEditIn(random, tracked, Math.max(0, quote.start - 80), Math.max(0, quote.start - 2));
      return;
    }
    case 'far-edit': {
      const others = paragraphs.filter((_, i) => Math.abs(i - paragraphNumber) > 2);
      for (let edits = between(random, 1, 4); edits > 0; edits--) {
        const other = pick(random, others);
        // Each edit goes after the previous ones' offsets only if it lies before them, so edit from the end.
        smallEditIn(random, tracked, other.start, other.end);
      }
      return;
    }
    case 'moved-paragraph': {
      const targets = paragraphs.filter((_, i) => Math.abs(i - paragraphNumber) > 1);
      const target = pick(random, targets);
      const end = Math.min(original.length, paragraph.end + 2);
      const at = target.start > paragraph.start ? target.start - (end - paragraph.start) : target.start;
      tracked.move(paragraph.start, end, at);
      if (random() < 0.5) smallEditIn(random, tracked, 0, Math.min(200, tracked.text.length));
      return;
    }
    case 'inserted-before-all':
      tracked.replace(0, 0, `${words(random, between(random, 5, 60))}.\n\n`);
      return;
    case 'quote-edited':
      editInside(random, tracked, quote.start, quote.end, between(random, 1, 20) / 100);
      return;
    case 'quote-deleted':
      tracked.replace(quote.start, quote.end, '');
      return;
    case 'quote-deleted-with-surroundings':
      if (random() < 0.5) tracked.replace(paragraph.start, Math.min(original.length, paragraph.end + 2), '');
      else tracked.replace(Math.max(paragraph.start, quote.start - between(random, 20, 120)), Math.min(paragraph.end, quote.end + between(random, 20, 120)), '');
      return;
    case 'astral-before': {
      const marks = pick(random, ASTRAL_AND_COMBINING);
      // Right before the quote (inside its stored prefix), or somewhere earlier in the text.
      const at = random() < 0.5 ? quote.start : between(random, 0, quote.start);
      tracked.replace(at, at, marks);
      return;
    }
    case 'heavy-rewrite':
      return;
  }
}
