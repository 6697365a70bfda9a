import { CodePointIndex } from './text';

// Why a rule-based scanner and not Intl.Segmenter: the platform's sentence segmenter (UAX #29) was tried
// on the seed and the cases below and needed repairs at most of its boundaries. It cuts inside a footnote
// marker ("The end.[" | "4] Next"), hands a marker after a space to the next sentence ("He came. " |
// "[5] Then"), and splits after every abbreviation or initial before a capital ("Mr. " | "Smith",
// "J. " | "R. " | "R. " | "Tolkien", "cf. " | "Smith et al. " | "2010."); locale extensions that suppress
// abbreviations (`-u-ss-standard`) are ignored by V8. Its answers also follow the ICU version of each
// browser and Node release, while sentence offsets must agree between server and client. Repairing it
// would mean re-reading the context of every boundary anyway, so one pass of explicit rules is clearer.

/** A sentence: its code-point range in the text, without the whitespace around it. */
export type Sentence = { start: number; end: number };

// Characters that may end a sentence; a run of them ("?!", "...") counts as one ending.
const TERMINATORS = new Set(['.', '?', '!', '…', '‽', '。', '？', '！']);
// Closing quotes, closing brackets and footnote markers that stay with the sentence they follow: `…end.")[4] Next`.
const CLOSERS_AND_MARKERS = /(?:\[[1-9]\d{0,2}\]|["'”’»›)\]}])*/y;
// A marker set off by a space after the full stop (`…end. [4] Next`) still belongs to the sentence before it.
const SPACED_MARKERS = /(?:\s+\[[1-9]\d{0,2}\](?:\[[1-9]\d{0,2}\]|["'”’»›)\]}])*)*/y;
const WHITESPACE = /\s+/y;
// Quotes and brackets that may open a sentence; skipped when looking at the sentence's first word.
const OPENING_PUNCTUATION = /["'“‘«‹([¿¡]*/y;
// A sentence never starts with a lowercase letter, a clause or closing mark, or another ending.
const CANNOT_START_SENTENCE = /[\p{Ll},;:)\]}”’»›%.?!…‽。？！]/u;
const LEADING_OPENING_PUNCTUATION = /^["'“‘«‹([]+/u;
const FIRST_WORD = /[\p{L}\p{M}]+/uy;

// Abbreviations that always introduce something (a name, an example, a figure): never the end of a sentence.
const NEVER_FINAL_ABBREVIATIONS = new Set(
  withCapitalised([
    'Mr', 'Mrs', 'Ms', 'Messrs', 'Dr', 'Prof', 'Rev', 'Gen', 'Col', 'Lt', 'Capt', 'Sgt', 'Adm', 'Gov', 'Sen', 'Rep', 'Hon',
    'e.g', 'i.e', 'cf', 'vs', 'viz', 'approx', 'incl', 'esp',
  ]),
);

// Abbreviations that also end sentences ("…pears etc. The next"); case matters ("No. 5", but "said no.").
const SOMETIMES_FINAL_ABBREVIATIONS = new Set([
  'etc', 'al', 'Inc', 'Ltd', 'Co', 'Corp', 'Jr', 'Sr', 'Bros', 'St', 'UN', 'No', 'Nos', 'p', 'pp', 'Vol', 'vol', 'Fig', 'fig',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
]);

// After an ambiguous full stop (a sometimes-final abbreviation, an initial, an ellipsis) a new sentence starts
// only before one of these words, which commonly open sentences but rarely follow "St.", "J." or "U.S."
// inside one: "in the U.S. The talks" splits, "the U.S. Army", "J. R. R. Tolkien", "et al. 2010" do not.
const SENTENCE_OPENERS = new Set([
  'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'There', 'Their',
  'His', 'Her', 'Our', 'My', 'Your', 'In', 'On', 'At', 'By', 'For', 'From', 'With', 'Without', 'After', 'Before', 'During',
  'Since', 'As', 'If', 'When', 'While', 'Although', 'Though', 'Because', 'But', 'And', 'Or', 'Yet', 'So', 'Then', 'Now',
  'However', 'Moreover', 'Furthermore', 'Therefore', 'Thus', 'Hence', 'Nevertheless', 'Nonetheless', 'Meanwhile',
  'Instead', 'Also', 'Still', 'Indeed', 'Finally', 'Similarly', 'Consequently', 'Accordingly', 'Both', 'Each', 'Every',
  'Some', 'Many', 'Most', 'Such', 'Other', 'Another', 'All', 'No', 'Not', 'Only', 'One', 'What', 'Why', 'How', 'Who',
  'Where', 'Which', 'Despite', 'Given', 'Unlike', 'Following', 'According', 'Among', 'Amongst', 'Within', 'Under',
  'Here', 'Today',
]);

type FullStopKind = 'never-final' | 'ambiguous' | 'final';

/** Splits code points `[range.start, range.end)` of `text` (one paragraph) into sentences in text order; footnote markers stay with the sentence they follow. Throws RangeError on an invalid range. Pure. */
export function splitSentences(text: string, range: { start: number; end: number }): Sentence[] {
  const slice = new CodePointIndex(text).slice(range.start, range.end);
  const local = new CodePointIndex(slice);
  return splitUtf16(slice).map((span) => ({
    start: range.start + local.toCodePoint(span.start),
    end: range.start + local.toCodePoint(span.end),
  }));
}

// Sentence spans of `s` as UTF-16 indices.
function splitUtf16(s: string): Sentence[] {
  const sentences: Sentence[] = [];
  let sentenceStart = skipWhitespace(s, 0);
  let i = sentenceStart;
  while (i < s.length) {
    if (!TERMINATORS.has(s.charAt(i))) {
      i++;
      continue;
    }
    let runEnd = i;
    while (runEnd < s.length && TERMINATORS.has(s.charAt(runEnd))) runEnd++;
    const closersEnd = matchEnd(CLOSERS_AND_MARKERS, s, runEnd);
    const sentenceEnd = matchEnd(SPACED_MARKERS, s, closersEnd);
    const nextStart = skipWhitespace(s, sentenceEnd);
    // "2.5", "U.S", "e.g," and the text's last sentence: no whitespace, or nothing, after the ending.
    const isFollowedByAnotherSentence = nextStart < s.length && skipWhitespace(s, closersEnd) > closersEnd;
    if (isFollowedByAnotherSentence && endsSentence(s, i, s.slice(i, runEnd), nextStart)) {
      sentences.push({ start: sentenceStart, end: sentenceEnd });
      sentenceStart = nextStart;
      i = nextStart;
    } else {
      i = runEnd;
    }
  }
  const lastEnd = trimEnd(s, s.length);
  if (lastEnd > sentenceStart) sentences.push({ start: sentenceStart, end: lastEnd });
  return sentences;
}

// Whether the ending `run` at `runStart` closes its sentence, given that the next one would begin at `nextStart`.
function endsSentence(s: string, runStart: number, run: string, nextStart: number): boolean {
  const firstUnit = skipOpeningPunctuation(s, nextStart);
  if (firstUnit >= s.length || CANNOT_START_SENTENCE.test(s.charAt(firstUnit))) return false;
  const kind = /[?!‽？！]/u.test(run) ? 'final' : run === '.' ? fullStopKind(wordBefore(s, runStart)) : 'ambiguous';
  if (kind === 'final') return true;
  if (kind === 'never-final') return false;
  FIRST_WORD.lastIndex = firstUnit;
  const word = FIRST_WORD.exec(s)?.[0];
  // "A." and "I." after the word make it an initial, not the article or the pronoun.
  return word !== undefined && SENTENCE_OPENERS.has(word) && s.charAt(firstUnit + word.length) !== '.';
}

function fullStopKind(word: string): FullStopKind {
  if (NEVER_FINAL_ABBREVIATIONS.has(word)) return 'never-final';
  if (SOMETIMES_FINAL_ABBREVIATIONS.has(word)) return 'ambiguous';
  // An initial ("J. R. R. Tolkien") or a dotted initialism ("U.S.", "U.K.", "p.m.").
  if (/^(?:\p{L}\.)*\p{L}$/u.test(word) && (word.length > 1 || /\p{Lu}/u.test(word))) return 'ambiguous';
  return 'final';
}

// The non-space token that ends at `end`, without the quotes or brackets that open it: "(U.S." -> "U.S".
function wordBefore(s: string, end: number): string {
  let start = end;
  while (start > 0 && !/\s/.test(s.charAt(start - 1))) start--;
  return s.slice(start, end).replace(LEADING_OPENING_PUNCTUATION, '');
}

function withCapitalised(words: string[]): string[] {
  return words.flatMap((word) => [word, word.charAt(0).toUpperCase() + word.slice(1)]);
}

function matchEnd(sticky: RegExp, s: string, from: number): number {
  sticky.lastIndex = from;
  return sticky.exec(s) ? sticky.lastIndex : from;
}

function skipWhitespace(s: string, from: number): number {
  return matchEnd(WHITESPACE, s, from);
}

function skipOpeningPunctuation(s: string, from: number): number {
  return matchEnd(OPENING_PUNCTUATION, s, from);
}

function trimEnd(s: string, end: number): number {
  let trimmed = end;
  while (trimmed > 0 && /\s/.test(s.charAt(trimmed - 1))) trimmed--;
  return trimmed;
}
