import { VERDICT_LABELS } from '@/lib/format/verdicts';
import type { SourceKindName, VerdictName } from '@/lib/validation/sources';
import { CSL_TYPES } from '@/lib/validation/source-choices';

/** One work in CSL-JSON, as citation managers (Zotero, Pandoc citeproc) read it. */
export type CslItem = {
  id: string;
  type: string;
  title: string;
  author?: Array<{ family: string; given: string } | { literal: string }>;
  publisher?: string;
  issued?: { 'date-parts': number[][] };
  URL?: string;
  accessed?: { 'date-parts': number[][] };
  note?: string;
};

/** A source attached to a note, with what CSL-JSON carries of it. */
export type CslSource = {
  sourceId: string;
  kind: SourceKindName;
  title: string;
  authors: string[];
  publisher: string | null;
  issued: string | null;
  url: string | null;
  accessedOn: string | null;
  verdict: VerdictName;
  evidenceQuote: string | null;
};

/**
 * Returns the sources attached to a document's notes (by note number) as CSL-JSON, one item per source: a source
 * serving several notes appears once, and its `note` lists each note with its verdict.
 */
export function toCslItems(attached: ReadonlyMap<number, CslSource[]>): CslItem[] {
  const bySource = new Map<string, { source: CslSource; notes: string[] }>();
  for (const [number, sources] of [...attached.entries()].sort(([a], [b]) => a - b)) {
    for (const source of sources) {
      const entry = bySource.get(source.sourceId) ?? { source, notes: [] };
      // A quote pasted with its own quotation marks keeps only ours: “…”, never ““…””.
      const quote = source.evidenceQuote?.trim().replace(/^[“"„«‘']+|[”"»’']+$/gu, '');
      entry.notes.push(`Note ${number}: ${VERDICT_LABELS[source.verdict]}${quote ? ` (“${quote}”)` : ''}`);
      bySource.set(source.sourceId, entry);
    }
  }
  return [...bySource.values()].map(({ source, notes }) => {
    const issued = dateParts(source.issued);
    const accessed = dateParts(source.accessedOn);
    return {
      id: source.sourceId,
      type: CSL_TYPES[source.kind],
      title: source.title,
      ...(source.authors.length > 0 ? { author: source.authors.map(cslName) } : {}),
      ...(source.publisher ? { publisher: source.publisher } : {}),
      ...(issued ? { issued } : {}),
      ...(source.url ? { URL: source.url } : {}),
      ...(accessed ? { accessed } : {}),
      note: notes.join('; '),
    };
  });
}

function cslName(author: string): { family: string; given: string } | { literal: string } {
  const comma = author.indexOf(',');
  if (comma < 0) return { literal: author.trim() };
  return { family: author.slice(0, comma).trim(), given: author.slice(comma + 1).trim() };
}

// `2016`, `2016-05` and `2016-05-17` become [[2016]], [[2016, 5]] and [[2016, 5, 17]].
function dateParts(value: string | null): { 'date-parts': number[][] } | null {
  const match = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec(value) : null;
  if (!match) return null;
  return { 'date-parts': [match.slice(1).filter((part): part is string => part !== undefined).map(Number)] };
}
