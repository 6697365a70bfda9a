import 'server-only';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { detectReferenceFormat, splitBibtex, splitRis, type ReferenceChunk, type ReferenceFormat } from '@/lib/domain/reference-files';
import type { SourceKindName } from '@/lib/validation/source-choices';

// BibTeX out keeps Unicode as is (BibLaTeX and modern BibTeX read UTF-8): its ASCII-only mode drops every letter
// it has no TeX escape for, such as Cyrillic.
(plugins.config.get('@bibtex') as { format: { asciiOnly: boolean } }).format.asciiOnly = false;

/** A CSL-JSON item, as far as sources use it. */
export type CslInput = {
  id?: unknown;
  type?: unknown;
  title?: unknown;
  author?: unknown;
  editor?: unknown;
  reporter?: unknown;
  publisher?: unknown;
  'container-title'?: unknown;
  issued?: unknown;
  accessed?: unknown;
  DOI?: unknown;
  URL?: unknown;
};

/** One entry read from a file: the fields of a source (still to be validated), or why it could not be read. */
export type ReadReference = { name: string; fields: Record<string, unknown> } | { name: string; problem: string };

const KIND_OF_CSL_TYPE: Record<string, SourceKindName> = {
  'article-journal': 'ARTICLE',
  article: 'ARTICLE',
  'article-magazine': 'ARTICLE',
  'paper-conference': 'ARTICLE',
  report: 'REPORT',
  thesis: 'REPORT',
  book: 'BOOK',
  chapter: 'CHAPTER',
  'article-newspaper': 'NEWS',
  webpage: 'WEBPAGE',
  'post-weblog': 'WEBPAGE',
  post: 'WEBPAGE',
  dataset: 'DATASET',
  legislation: 'LEGAL',
  legal_case: 'LEGAL',
  bill: 'LEGAL',
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

function names(value: unknown): string[] {
  // RIS news records come back with their author as one `reporter` string.
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value
    .map((name: unknown) => {
      if (!name || typeof name !== 'object') return '';
      const { family, given, literal } = name as Record<string, unknown>;
      if (text(literal)) return text(literal);
      return [text(family), text(given)].filter(Boolean).join(', ');
    })
    .filter(Boolean);
}

// [[2016, 5, 17]] becomes 2016-05-17; a date CSL only has as `raw` text is kept when it already has that shape.
function cslDate(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const { 'date-parts': parts, raw } = value as Record<string, unknown>;
  const first = Array.isArray(parts) && Array.isArray(parts[0]) ? (parts[0] as unknown[]) : null;
  if (first && typeof first[0] === 'number' || (first && /^\d{4}$/u.test(text(first[0])))) {
    return first!
      .slice(0, 3)
      .map((part, index) => (index === 0 ? text(part).padStart(4, '0') : text(part).padStart(2, '0')))
      .join('-');
  }
  return /^\d{4}(-\d{2}){0,2}$/u.test(text(raw)) ? text(raw) : '';
}

/** Turns a CSL-JSON item into the fields of a source, as the source forms send them. */
export function fieldsOfCsl(item: CslInput): Record<string, unknown> {
  return {
    kind: KIND_OF_CSL_TYPE[text(item.type)] ?? 'OTHER',
    title: text(item.title),
    authors: [item.author, item.reporter, item.editor].map(names).find((list) => list.length) ?? [],
    publisher: text(item.publisher),
    containerTitle: text(item['container-title']),
    issued: cslDate(item.issued),
    accessedOn: cslDate(item.accessed).length === 10 ? cslDate(item.accessed) : '',
    doi: text(item.DOI),
    url: /^https?:\/\//iu.test(text(item.URL)) ? text(item.URL) : '',
  };
}

// Citation.js keeps each parse's input on the item (`_graph`) and invents ids; neither is part of the reference.
function parseChunk(chunk: ReferenceChunk, forceType: string): ReadReference[] {
  try {
    const items = new Cite(chunk.text, { forceType }).data as CslInput[];
    if (items.length === 0) return [{ name: chunk.name, problem: 'No reference could be read from it.' }];
    return items.map((item) => ({ name: text(item.id) && !text(item.id).startsWith('temp_id') ? text(item.id) : chunk.name, fields: fieldsOfCsl(item) }));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : 'it could not be read';
    return [{ name: chunk.name, problem: `It could not be read: ${reason}` }];
  }
}

/**
 * Reads every entry of a BibTeX, RIS or CSL-JSON file, each on its own, so a malformed entry is reported by name
 * while the others are read. Returns the format used, or null when the text is none of the three.
 */
export function readReferenceFile(content: string, format: ReferenceFormat | null = detectReferenceFormat(content)): { format: ReferenceFormat | null; entries: ReadReference[] } {
  if (format === 'bibtex') return { format, entries: splitBibtex(content).flatMap((chunk) => parseChunk(chunk, '@bibtex/text')) };
  if (format === 'ris') return { format, entries: splitRis(content).flatMap((chunk) => parseChunk(chunk, '@ris/file')) };
  if (format === 'csl-json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      return { format, entries: [{ name: 'the file', problem: `It is not valid JSON: ${error instanceof Error ? error.message.slice(0, 200) : ''}` }] };
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    return {
      format,
      entries: items.map((item: unknown, index): ReadReference => {
        const name = item && typeof item === 'object' ? text((item as CslInput).id) || text((item as CslInput).title).slice(0, 120) || `item ${index + 1}` : `item ${index + 1}`;
        return item && typeof item === 'object' && !Array.isArray(item) ? { name, fields: fieldsOfCsl(item as CslInput) } : { name, problem: 'It is not a CSL-JSON item (an object).' };
      }),
    };
  }
  return { format: null, entries: [] };
}

// A readable, unique ASCII key per entry: first author's family name and year (lemon2016, lemon2016b ...).
function citationKeys(items: CslInput[]): string[] {
  const taken = new Map<string, number>();
  return items.map((item) => {
    const first = Array.isArray(item.author) ? (item.author[0] as Record<string, unknown> | undefined) : undefined;
    const name = text(first?.family) || text(first?.literal) || text(item.title).split(/\s+/u)[0] || 'source';
    const year = cslDate(item.issued).slice(0, 4);
    const base = `${name.normalize('NFKD').replace(/[^A-Za-z0-9]/gu, '').toLowerCase() || 'source'}${year}`;
    const count = taken.get(base) ?? 0;
    taken.set(base, count + 1);
    return count === 0 ? base : `${base}${String.fromCharCode(97 + ((count - 1) % 26))}${count > 26 ? count : ''}`;
  });
}

/** Writes CSL-JSON items as BibTeX, with Citation.js's BibTeX output. */
export function toBibtex(items: CslInput[]): string {
  const keys = citationKeys(items);
  return items.length ? new Cite(items.map((item, index) => ({ ...item, 'citation-key': keys[index] }))).format('bibtex') : '';
}
