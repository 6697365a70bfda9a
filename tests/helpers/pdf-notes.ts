// Checks an imported PDF's markers against the notes a fixture expects, and prints the table the acceptance asks for.
import type { ParsedDocument } from '@/lib/domain/plain-text-import';

/** An expected note: its whole text, or how it begins, and (for the real PDFs) the page it is printed on. */
export type ExpectedNote = { number: number; text?: string; start?: string; page?: number };

/** One expected note against what the import linked to its marker, and the pages of the marker's paragraph. */
export type NoteCheck = { number: number; expected: string; found: string | null; pages: string; isLinked: boolean };

const squash = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/**
 * Compares a document's markers and note texts with the expected notes, by number, ignoring whitespace. A note is
 * linked when its marker exists, its text is the expected one (or begins as expected), and the page the note is
 * printed on is one its marker's paragraph spans (or the next: a marker on a page's last line).
 */
export function checkNotes(document: ParsedDocument, expected: ExpectedNote[]): NoteCheck[] {
  const texts = new Map((document.notes ?? []).map((note) => [note.number, note.text]));
  return expected.map(({ number, text, start, page }) => {
    const marker = document.footnoteMarkers.find((candidate) => candidate.number === number);
    const pages = document.paragraphs.find((paragraph) => paragraph.ordinal === marker?.paragraphOrdinal)?.pages;
    const found = marker ? (texts.get(number) ?? null) : null;
    const isTextRight = found !== null && (text !== undefined ? squash(found) === squash(text) : squash(found).startsWith(squash(start ?? '')));
    const isPageRight = page === undefined || (pages !== undefined && page >= pages.first && page <= pages.last + 1);
    return { number, expected: text ?? `${start ?? ''}…`, found, pages: pages ? `${pages.first}–${pages.last}` : '', isLinked: isTextRight && isPageRight };
  });
}

/** Prints a fixture's table of notes: number, the marker paragraph's pages, linked or not, expected text and what was found. */
export function printNoteTable(name: string, checks: NoteCheck[]): void {
  const linked = checks.filter((check) => check.isLinked).length;
  const rows = checks.map((check) => `| ${check.number} | ${check.pages} | ${check.isLinked ? 'yes' : 'NO'} | ${clip(check.expected)} | ${check.found === null ? '(no marker or no text)' : clip(check.found)} |`);
  console.log([`\n${name}: ${linked}/${checks.length} notes linked`, '| N | marker on pp. | linked | expected | found |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'));
}

function clip(text: string): string {
  return (text.length > 70 ? `${text.slice(0, 70)}…` : text).replace(/\|/gu, '\\|');
}
