/** What sits between two characters of a text: the start of a word, the end of one, or neither. */
export type WordEdge = 'start' | 'end' | null;

/** How far (UTF-16 units) a fuzzy match's end may move to reach a word edge: longer than almost any word. */
export const WORD_SNAP_REACH = 40;

// Letters, digits and combining marks make words; an apostrophe or hyphen inside one ("don't", "al-Nusra") counts as
// part of it only when letters stand on both sides, which wordEdgeAt checks.
const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u;
const JOINERS = new Set(["'", '’', '-', '‐']);
// Compared when choosing between the word edges either side: enough of the quote's head or tail to tell them apart.
const EDGE_CONTEXT = 32;

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

function characterBefore(text: string, at: number): string {
  if (at <= 0) return '';
  if (at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) && isHighSurrogate(text.charCodeAt(at - 2))) return text.slice(at - 2, at);
  return text.slice(at - 1, at);
}

function characterAt(text: string, at: number): string {
  if (at >= text.length) return '';
  return isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1)) ? text.slice(at, at + 2) : text.slice(at, at + 1);
}

function isWordCharacterAt(text: string, at: number): boolean {
  const character = characterAt(text, at);
  if (WORD_CHARACTER.test(character)) return true;
  if (!JOINERS.has(character)) return false;
  return WORD_CHARACTER.test(characterBefore(text, at)) && WORD_CHARACTER.test(characterAt(text, at + 1));
}

function isWordCharacterBefore(text: string, at: number): boolean {
  const character = characterBefore(text, at);
  return character !== '' && isWordCharacterAt(text, at - character.length);
}

/** Returns what sits at UTF-16 offset `at` of `text`: a word's start, a word's end, or neither. Pure. */
export function wordEdgeAt(text: string, at: number): WordEdge {
  // Between the halves of an emoji or other astral character is no place at all.
  if (at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at))) return null;
  const isWordBefore = isWordCharacterBefore(text, at);
  const isWordAfter = isWordCharacterAt(text, at);
  if (isWordAfter && !isWordBefore) return 'start';
  if (isWordBefore && !isWordAfter) return 'end';
  return null;
}

/**
 * Returns the word edges a stored quote had in its old text, judged from the quote and the context stored either
 * side of it: `start` is 'start' when the quote began a word, `end` is 'end' when it ended one. Pure.
 */
export function quoteWordEdges(prefix: string, quote: string, suffix: string): { start: WordEdge; end: WordEdge } {
  const head = prefix.slice(-2);
  const tail = quote.slice(-2);
  return { start: wordEdgeAt(head + quote.slice(0, 2), head.length), end: wordEdgeAt(tail + suffix.slice(0, 2), tail.length) };
}

/**
 * Moves the ends of a fuzzy match [start, end) of `quote` in `text` (UTF-16 offsets) onto word edges of the kind
 * the quote had (`edges`, from quoteWordEdges): each end goes to the nearest such edge on one side or the other,
 * whichever keeps the quote's head (or tail) more alike, within WORD_SNAP_REACH. An end with no edge to keep, or no
 * edge in reach, stays; the span never becomes empty. Pure.
 */
export function snapToWordEdges(text: string, quote: string, span: { start: number; end: number }, edges: { start: WordEdge; end: WordEdge }): { start: number; end: number } {
  let { start, end } = span;
  if (edges.start && wordEdgeAt(text, start) !== edges.start) {
    const head = quote.slice(0, EDGE_CONTEXT);
    const candidates = nearestEdges(text, start, edges.start, 0, end - 1);
    start = pickClosest(candidates, start, (at) => editDistance(head, text.slice(at, at + head.length))) ?? start;
  }
  if (edges.end && wordEdgeAt(text, end) !== edges.end) {
    const tail = quote.slice(-EDGE_CONTEXT);
    const candidates = nearestEdges(text, end, edges.end, start + 1, text.length);
    end = pickClosest(candidates, end, (at) => editDistance(tail, text.slice(Math.max(0, at - tail.length), at))) ?? end;
  }
  return { start, end };
}

// The nearest offset with the wanted edge on each side of `from`, within reach and within [low, high].
function nearestEdges(text: string, from: number, edge: Exclude<WordEdge, null>, low: number, high: number): number[] {
  const found: number[] = [];
  for (let at = from - 1; at >= Math.max(low, from - WORD_SNAP_REACH); at--) {
    if (wordEdgeAt(text, at) === edge) {
      found.push(at);
      break;
    }
  }
  for (let at = from + 1; at <= Math.min(high, from + WORD_SNAP_REACH); at++) {
    if (wordEdgeAt(text, at) === edge) {
      found.push(at);
      break;
    }
  }
  return found;
}

// The candidate with the lowest cost; on equal costs the nearer one, then the later one.
function pickClosest(candidates: number[], from: number, cost: (at: number) => number): number | null {
  let winner: { at: number; cost: number } | null = null;
  for (const at of candidates) {
    const value = cost(at);
    if (!winner || value < winner.cost || (value === winner.cost && Math.abs(at - from) <= Math.abs(winner.at - from))) winner = { at, cost: value };
  }
  return winner?.at ?? null;
}

/** Levenshtein distance in UTF-16 units; meant for short strings (context and quote ends, at most ~64 units). Pure. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const unit = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (unit === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}
