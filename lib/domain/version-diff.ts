import { diffWordsWithSpace } from 'diff';

/** A stretch of a word-level comparison: text both versions share, or text only the newer (added) or older (removed) has. */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** A word-level comparison of two versions' texts, with how many words each side changed. */
export type VersionDiff = { parts: DiffPart[]; wordsAdded: number; wordsRemoved: number };

/** How many words the stretch holds: what a person counts, not the spaces between them. */
function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/**
 * Compares two texts word by word (jsdiff's diffWordsWithSpace: a changed paragraph break shows, as in the text) and
 * returns the stretches in reading order, removed before added where a passage was rewritten.
 */
export function diffVersions(older: string, newer: string): VersionDiff {
  const parts = coalesceRewrites(
    diffWordsWithSpace(older, newer).map((change): DiffPart => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value })),
  );
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const part of parts) {
    if (part.kind === 'added') wordsAdded += wordCount(part.text);
    if (part.kind === 'removed') wordsRemoved += wordCount(part.text);
  }
  return { parts, wordsAdded, wordsRemoved };
}

// A rewritten phrase comes from jsdiff word by word, each old word beside its new one with the shared spaces between
// them; read that way it is a jumble. Spaces between two changes join the run, so the phrase reads as what it was
// (removed) and then what it is (added). Every character still belongs to the side it came from.
function coalesceRewrites(changes: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const push = (part: DiffPart) => {
    const last = out.at(-1);
    if (last && last.kind === part.kind) last.text += part.text;
    else out.push({ ...part });
  };
  const flush = () => {
    if (removed) push({ kind: 'removed', text: removed });
    if (added) push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  changes.forEach((change, index) => {
    const next = changes[index + 1];
    if (change.kind === 'removed') removed += change.text;
    else if (change.kind === 'added') added += change.text;
    else if ((removed || added) && next && next.kind !== 'same' && /^\s+$/u.test(change.text)) {
      removed += change.text;
      added += change.text;
    } else {
      flush();
      push(change);
    }
  });
  flush();
  return out;
}

/** Where a comparison's shared text is long, only this many characters of it are kept either side of a change. */
export const DIFF_CONTEXT = 240;

/** A shared stretch cut short: the text kept before and after what was left out, and how much that was. */
export type CollapsedPart = DiffPart | { kind: 'gap'; characters: number };

/**
 * Shortens the long shared stretches of a comparison to DIFF_CONTEXT characters either side of each change, so a
 * small edit to a long text reads as the edit with its surroundings. Cuts fall on whitespace, never inside a word.
 */
export function collapseUnchanged(parts: readonly DiffPart[], context = DIFF_CONTEXT): CollapsedPart[] {
  const out: CollapsedPart[] = [];
  parts.forEach((part, index) => {
    const chars = Array.from(part.text);
    const keepBefore = index > 0 ? context : 0;
    const keepAfter = index < parts.length - 1 ? context : 0;
    if (part.kind !== 'same' || chars.length <= keepBefore + keepAfter + context) {
      out.push(part);
      return;
    }
    const head = cutAtSpace(chars.slice(0, keepBefore).join(''), 'end');
    const tail = cutAtSpace(chars.slice(chars.length - keepAfter).join(''), 'start');
    if (head) out.push({ kind: 'same', text: head });
    out.push({ kind: 'gap', characters: chars.length - Array.from(head).length - Array.from(tail).length });
    if (tail) out.push({ kind: 'same', text: tail });
  });
  return out;
}

function cutAtSpace(text: string, side: 'start' | 'end'): string {
  if (text === '') return '';
  if (side === 'end') {
    const last = text.search(/\s\S*$/u);
    return last > 0 ? text.slice(0, last + 1) : text;
  }
  const first = text.search(/\s/u);
  return first >= 0 ? text.slice(first) : text;
}
