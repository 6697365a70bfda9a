import { DocumentFormatError, type ParsedDocument, type ParsedFootnoteMarker, type ParsedNote, type ParsedParagraph, type ParsedSection } from './plain-text-import';
import { slugify } from './slugs';
import { codePointLength, normalizeText } from './text';

/** A run of inline content: plain text, or a reference to the note labelled `label`. */
export type InlinePart = { kind: 'text'; text: string } | { kind: 'reference'; label: string };

/** A block of a structured document (Markdown, HTML) before it is laid out as text. */
export type DocumentBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; parts: InlinePart[]; pages?: { first: number; last: number } };

/** What a structured parser found: the title, the blocks in reading order, and note texts by label. */
export type DocumentOutline = { title: string; blocks: DocumentBlock[]; notes: Map<string, string> };

/** Lays out an outline as a ParsedDocument. Pure; throws DocumentFormatError when there is no title or no paragraph. */
export function buildDocument(outline: DocumentOutline): ParsedDocument {
  const title = collapseSpaces(outline.title);
  if (!title) {
    throw new DocumentFormatError('The document has no title: start it with a top-level heading, or fill in the Title field.');
  }
  // The text is laid out like a plain-text article (title, blank line, paragraphs; two blank lines before a
  // heading), so the stored text reads naturally and the plain-text parser would find the same structure.
  let text = title;
  let length = codePointLength(title);
  const append = (piece: string): void => {
    text += piece;
    length += codePointLength(piece);
  };

  const numbers = new Map<string, number>();
  const sections: ParsedSection[] = [];
  const paragraphs: ParsedParagraph[] = [];
  const footnoteMarkers: ParsedFootnoteMarker[] = [];
  const usedSlugs = new Set<string>();

  for (const block of outline.blocks) {
    if (block.kind === 'heading') {
      const heading = collapseSpaces(block.text);
      if (!heading) continue;
      append('\n\n\n');
      const start = length;
      append(heading);
      const ordinal = sections.length + 1;
      sections.push({
        ordinal,
        heading,
        headingStart: start,
        headingEnd: length,
        slug: uniqueSlug(slugify(heading) || `section-${ordinal}`, usedSlugs),
        start,
        end: length,
      });
      continue;
    }
    const parts = trimParts(block.parts);
    if (parts.length === 0) continue;
    append('\n\n');
    const start = length;
    const ordinal = paragraphs.length + 1;
    for (const part of parts) {
      if (part.kind === 'text') {
        append(part.text);
        continue;
      }
      const known = numbers.get(part.label);
      const number = known ?? numbers.size + 1;
      const marker = `[${number}]`;
      // A note cited a second time keeps its number; only the first citation is its marker, since a note has one place.
      if (known === undefined) {
        numbers.set(part.label, number);
        footnoteMarkers.push({ number, start: length, end: length + marker.length, paragraphOrdinal: ordinal });
      }
      append(marker);
    }
    const section = sections[sections.length - 1];
    paragraphs.push({ ordinal, start, end: length, sectionOrdinal: section ? section.ordinal : null, ...(block.pages ? { pages: block.pages } : {}) });
    if (section) section.end = length;
  }

  if (paragraphs.length === 0) {
    throw new DocumentFormatError(`The document "${title}" has no readable text: no paragraph was found after its title.`);
  }

  const notes: ParsedNote[] = [];
  for (const [label, number] of numbers) {
    const note = collapseSpaces(outline.notes.get(label) ?? '');
    if (note) notes.push({ number, text: note });
  }
  return { title, text, paragraphs, sections, footnoteMarkers, notes };
}

/** Returns `text` with every run of whitespace as one space, trimmed. */
export function collapseSpaces(text: string): string {
  return normalizeText(text).replace(/\s+/gu, ' ').trim();
}

// Collapses whitespace across the parts of one paragraph and drops it at the ends, keeping references in place.
// Adjacent text runs are joined before normalising, so a letter and a combining mark split across runs compose.
function trimParts(parts: InlinePart[]): InlinePart[] {
  const merged: InlinePart[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (part.kind === 'text' && previous?.kind === 'text') previous.text += part.text;
    else merged.push(part.kind === 'text' ? { kind: 'text', text: part.text } : part);
  }
  const result: InlinePart[] = [];
  merged.forEach((part, i) => {
    if (part.kind === 'reference') {
      result.push(part);
      return;
    }
    let text = normalizeText(part.text).replace(/\s+/gu, ' ');
    if (i === 0 || result.length === 0) text = text.trimStart();
    if (i === merged.length - 1) text = text.trimEnd();
    if (text) result.push({ kind: 'text', text });
  });
  // A paragraph of nothing but spaces around a reference still reads as text only if it has letters or digits.
  return result.some((part) => part.kind === 'text' && /[\p{L}\p{N}]/u.test(part.text)) ? result : [];
}

function uniqueSlug(slug: string, used: Set<string>): string {
  let candidate = slug;
  for (let n = 2; used.has(candidate); n++) candidate = `${slug}-${n}`;
  used.add(candidate);
  return candidate;
}
