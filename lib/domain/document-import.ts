import { parseHtmlDocument } from './html-import';
import { parseMarkdownDocument } from './markdown-import';
import { DocumentFormatError, parsePlainTextArticle, type ParsedDocument } from './plain-text-import';
import { IMPORT_FORMAT_LABELS, type AnyImportFormat, type ImportFormat } from './import-formats';
import { CodePointIndex } from './text';

export * from './import-formats';

/** A parsed import: the document, how much markup was removed, and note numbers no marker cites. */
export type ImportedDocument = { format: AnyImportFormat; document: ParsedDocument; removedMarkup: number };

/** Parses `content` as `format`; `title` replaces the title the content gives. Throws DocumentFormatError only. Pure. */
export function parseImportedDocument(format: ImportFormat, content: string, options: { title?: string } = {}): ImportedDocument {
  // PostgreSQL text cannot hold U+0000, and plain text would keep it until the insert fails. Markdown and HTML
  // parsers replace or drop it, but a NUL usually means a UTF-16 file, which decodes as valid UTF-8 with a NUL
  // after every letter and would import garbled; so every format refuses it with a message that says so.
  const nul = content.indexOf('\u0000');
  if (nul !== -1) {
    const line = content.slice(0, nul).split('\n').length;
    throw new DocumentFormatError(
      `The document contains a NUL character (U+0000) on line ${line}, which cannot be stored. It is often a sign of a binary file or a text saved as UTF-16; save it as UTF-8 text without it and import it again.`,
    );
  }
  try {
    switch (format) {
      case 'markdown': {
        const { document, removedMarkup } = parseMarkdownDocument(content, options);
        return { format, document, removedMarkup };
      }
      case 'html': {
        const { document, removed } = parseHtmlDocument(content, options);
        return { format, document, removedMarkup: removed.elements + removed.eventHandlers + removed.scriptUrls };
      }
      case 'text': {
        const { document } = parsePlainTextArticle(content);
        const title = options.title?.trim();
        return { format, document: title ? { ...document, title } : document, removedMarkup: 0 };
      }
    }
  } catch (error) {
    if (error instanceof DocumentFormatError) throw error;
    // A parser library failing on odd input is still a document that cannot be read, not a server fault.
    throw new DocumentFormatError(`The ${IMPORT_FORMAT_LABELS[format]} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** What the import form shows before anything is stored. */
export type ImportPreview = {
  format: AnyImportFormat;
  title: string;
  sections: Array<string | null>;
  paragraphCount: number;
  noteCount: number;
  markerCount: number;
  markersWithoutNotes: number[];
  removedMarkup: number;
  firstParagraphs: string[];
};

const PREVIEW_PARAGRAPHS = 3;
const PREVIEW_PARAGRAPH_LENGTH = 280;

/** Summarises a parsed import for the preview. Pure. */
export function previewOf(imported: ImportedDocument): ImportPreview {
  const { document } = imported;
  const index = new CodePointIndex(document.text);
  const withNotes = new Set((document.notes ?? []).map((note) => note.number));
  return {
    format: imported.format,
    title: document.title,
    sections: document.sections.map((section) => section.heading),
    paragraphCount: document.paragraphs.length,
    noteCount: withNotes.size,
    markerCount: document.footnoteMarkers.length,
    markersWithoutNotes: document.footnoteMarkers.map((marker) => marker.number).filter((number) => !withNotes.has(number)),
    removedMarkup: imported.removedMarkup,
    firstParagraphs: document.paragraphs.slice(0, PREVIEW_PARAGRAPHS).map((paragraph) => {
      const text = index.slice(paragraph.start, paragraph.end);
      return text.length > PREVIEW_PARAGRAPH_LENGTH ? `${text.slice(0, PREVIEW_PARAGRAPH_LENGTH).trimEnd()}…` : text;
    }),
  };
}
