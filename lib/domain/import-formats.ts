// Kept apart from the parsers so the import form can detect formats without shipping them to the browser.

/** The formats a document can be imported from. */
export const IMPORT_FORMATS = ['markdown', 'text', 'html'] as const;

/** One of IMPORT_FORMATS. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A format of any import: the text formats, or a PDF (whose bytes are read on the server, not as text). */
export type AnyImportFormat = ImportFormat | 'pdf';

/** What people call each format. */
export const IMPORT_FORMAT_LABELS: Record<AnyImportFormat, string> = { markdown: 'Markdown', text: 'Plain text', html: 'HTML', pdf: 'PDF' };

/** The media type each format is sent with. */
export const IMPORT_MEDIA_TYPES: Record<ImportFormat, string> = { markdown: 'text/markdown', text: 'text/plain', html: 'text/html' };

const EXTENSIONS: Record<string, ImportFormat> = { md: 'markdown', markdown: 'markdown', mdown: 'markdown', txt: 'text', text: 'text', html: 'html', htm: 'html', xhtml: 'html' };

/** Returns the format a file name's extension names, or null. */
export function formatFromFileName(fileName: string): ImportFormat | null {
  const extension = /\.([a-z]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return extension ? (EXTENSIONS[extension] ?? null) : null;
}

/** Whether a file name or a media type names a PDF. */
export function isPdf({ fileName, mediaType }: { fileName?: string | null; mediaType?: string | null }): boolean {
  if (fileName && /\.pdf$/i.test(fileName.trim())) return true;
  return (mediaType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/pdf';
}

/** Returns the format a media type names (`text/markdown; charset=utf-8` gives markdown), or null. */
export function formatFromMediaType(mediaType: string): ImportFormat | null {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  if (type === 'text/plain') return 'text';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  return null;
}

/** Guesses the format of pasted content: HTML when it starts like a page, Markdown when it has `#` headings or `[^1]` notes, else plain text. */
export function formatFromContent(content: string): ImportFormat {
  const start = content.trimStart().slice(0, 1000).toLowerCase();
  if (/^<(?:!doctype html|html|head|body|article|main|section|div|p|h[1-6])\b/.test(start)) return 'html';
  if (/^#{1,6}\s/m.test(content) || hasNoteCitation(content)) return 'markdown';
  return 'text';
}

// Whether `content` holds a `[^label]` citation (a label of no spaces or `]`). A scan rather than
// /\[\^[^\]\s]+\]/, which backtracks quadratically on a run of `[^`: every `[^` inside a label runs to
// the same end, so a failed label is skipped whole.
function hasNoteCitation(content: string): boolean {
  const label = /[^\]\s]*/y;
  for (let open = content.indexOf('[^'); open !== -1; open = content.indexOf('[^', label.lastIndex)) {
    label.lastIndex = open + 2;
    const end = open + 2 + (label.exec(content)?.[0].length ?? 0);
    if (end > open + 2 && content[end] === ']') return true;
    label.lastIndex = end;
  }
  return false;
}
