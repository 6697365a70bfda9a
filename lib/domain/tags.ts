import { codePointLength } from './text';
import { findForbiddenCharacter, forbiddenCharacterMessage } from './unicode';

/** Most tags one annotation may carry, counted after duplicates are merged. */
export const MAX_TAGS_PER_ANNOTATION = 20;

/** Longest tag name, in code points after normalisation. */
export const MAX_TAG_LENGTH = 40;

/** Result of validateTags: normalised names (first-seen order) with the label each was first typed as, or a message for the person. */
export type TagValidation = { ok: true; tags: string[]; labels: string[] } | { ok: false; message: string };

// C0 (including tab and newline), DEL and C1: invisible in a tag list and break CSV exports.
const CONTROL_CHARACTER = /\p{Cc}/u;
const CONTROL_CHARACTERS = /\p{Cc}/gu;
const WHITESPACE_RUN = /\s+/gu;
// `actor : IMU` and `actor:IMU` are the same namespaced tag.
const SPACED_COLON = /\s*:\s*/gu;
const NAMED_CONTROLS: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Returns a tag as it should be displayed: NFC, trimmed, inner whitespace collapsed to one space, no spaces around `:`; case kept (`actor:IMU`). */
export function tagLabel(raw: string): string {
  return raw.normalize('NFC').replace(WHITESPACE_RUN, ' ').replace(SPACED_COLON, ':').trim();
}

/**
 * Returns the canonical tag name, the key of a workspace's vocabulary: tagLabel in NFKC and case-folded, so
 * `Actor:IMU`, `actor:imu`, ` actor : IMU ` and the fullwidth `ａｃｔｏｒ:IMU` are one tag. The whole tag is folded,
 * namespace and value alike, because people type acronyms both ways; the vocabulary keeps the label first typed
 * (`actor:IMU`) for display.
 */
export function normalizeTagName(raw: string): string {
  // Upper then lower case folds what lower case alone keeps apart (ß and SS, ς and σ); both are locale-independent.
  // NFKC first, so compatibility forms fold too, and again after, since case mapping can decompose (İ -> i + U+0307).
  return tagLabel(raw).normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** Checks the tags typed for one annotation: at most 20 after merging duplicates, each 1..40 characters, no control characters. Pure. */
export function validateTags(raw: readonly string[]): TagValidation {
  const tags: string[] = [];
  const labels: string[] = [];
  const seen = new Set<string>();
  for (const [position, typed] of raw.entries()) {
    if (CONTROL_CHARACTER.test(typed)) {
      return {
        ok: false,
        message: `A tag cannot contain line breaks, tabs or other control characters: "${showControls(typed)}". Type each tag on one line.`,
      };
    }
    const forbidden = findForbiddenCharacter(typed, { isName: true });
    if (forbidden !== null) return { ok: false, message: forbiddenCharacterMessage(`the tag "${shorten(tagLabel(typed))}"`, forbidden) };
    const name = normalizeTagName(typed);
    if (name.length === 0) {
      return { ok: false, message: `Tag ${position + 1} of ${raw.length} is empty: type a name or remove it.` };
    }
    const length = codePointLength(name);
    if (length > MAX_TAG_LENGTH) {
      return {
        ok: false,
        message: `A tag can be at most ${MAX_TAG_LENGTH} characters: "${shorten(tagLabel(typed))}" has ${length}. Shorten it, or put the detail in the comment.`,
      };
    }
    if (seen.has(name)) continue;
    seen.add(name);
    tags.push(name);
    labels.push(tagLabel(typed));
  }
  if (tags.length > MAX_TAGS_PER_ANNOTATION) {
    return {
      ok: false,
      message: `An annotation can have at most ${MAX_TAGS_PER_ANNOTATION} tags, and this one has ${tags.length}. Remove ${tags.length - MAX_TAGS_PER_ANNOTATION}.`,
    };
  }
  return { ok: true, tags, labels };
}

// Makes invisible characters visible in a message: a newline shows as \n, others as \u{…}.
function showControls(typed: string): string {
  return shorten(
    typed.replace(CONTROL_CHARACTERS, (character) => NAMED_CONTROLS[character] ?? `\\u{${(character.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`),
  );
}

// Keeps a message readable when someone pasted a paragraph into the tag field.
function shorten(label: string): string {
  const codePoints = [...label];
  return codePoints.length > 2 * MAX_TAG_LENGTH ? `${codePoints.slice(0, MAX_TAG_LENGTH).join('')}…` : label;
}

/** Most shared tags one workspace's vocabulary may hold; tags used only on private notes do not count. */
export const MAX_SHARED_TAGS = 1000;
