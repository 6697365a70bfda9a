// Checks an imported PDF's markers against the notes a fixture expects, and prints the table the acceptance asks for.
import type { ParsedDocument } from '@/lib/domain/plain-text-import';

/** One expected note against what the import linked to its marker. */
export type NoteCheck = { number: number; expected: string; found: string | null; isLinked: boolean };

/** Compares a document's markers and note texts with the expected notes (whitespace-insensitive, by number). */
export function checkNotes(document: ParsedDocument, expected: Array<{ number: number; text: string }>): NoteCheck[] {
  const texts = new Map((document.notes ?? []).map((note) => [note.number, note.text]));
  const markers = new Set(document.footnoteMarkers.map((marker) => marker.number));
  const squash = (text: string): string => text.replace(/\s+/gu, ' ').trim();
  return expected.map(({ number, text }) => {
    const found = markers.has(number) ? (texts.get(number) ?? null) : null;
    return { number, expected: text, found, isLinked: found !== null && squash(found) === squash(text) };
  });
}

/** Prints a fixture's table of notes: number, linked or not, expected text and what was found. */
export function printNoteTable(name: string, checks: NoteCheck[]): void {
  const linked = checks.filter((check) => check.isLinked).length;
  const rows = checks.map((check) => `| ${check.number} | ${check.isLinked ? 'yes' : 'NO'} | ${clip(check.expected)} | ${check.found === null ? '(no marker or no text)' : clip(check.found)} |`);
  console.log([`\n${name}: ${linked}/${checks.length} notes linked`, '| N | linked | expected | found |', '| --- | --- | --- | --- |', ...rows].join('\n'));
}

function clip(text: string): string {
  return (text.length > 70 ? `${text.slice(0, 70)}…` : text).replace(/\|/gu, '\\|');
}
