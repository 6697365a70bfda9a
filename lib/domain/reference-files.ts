// Splitting reference-manager files into their entries, so each can be parsed on its own: one malformed BibTeX
// entry makes a parser refuse the whole file, and a team should lose only that entry, named, not the rest.

/** A reference file format we read. */
export type ReferenceFormat = 'bibtex' | 'ris' | 'csl-json';

/** One entry of a file, with the name a person would know it by (its key, or its title) and its own text. */
export type ReferenceChunk = { name: string; text: string };

/** Guesses the format of a reference file from its text: JSON is CSL-JSON, `TY  -` lines are RIS, `@type{` is BibTeX. */
export function detectReferenceFormat(text: string): ReferenceFormat | null {
  const start = text.replace(/^\uFEFF/u, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'csl-json';
  if (/^TY {2}- /mu.test(start)) return 'ris';
  if (/@[A-Za-z]+\s*[{(]/u.test(start)) return 'bibtex';
  return null;
}

// The index just after the brace that closes the one at `open`, or -1 when the file ends first.
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const character = text[index];
    if (character === '\\') index++;
    else if (character === '{') depth++;
    else if (character === '}') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/**
 * Splits a BibTeX file into its entries. `@string` definitions are kept and put before every entry, so macros
 * still resolve; `@comment` and `@preamble` are dropped. An entry whose braces never close runs to the next line
 * starting with `@`, so it fails alone.
 */
export function splitBibtex(text: string): ReferenceChunk[] {
  const starts: number[] = [];
  const entryStart = /(^|\n)[ \t]*@([A-Za-z]+)\s*\{/gu;
  for (let match = entryStart.exec(text); match; match = entryStart.exec(text)) starts.push(match.index + match[1]!.length);
  const strings: string[] = [];
  const entries: ReferenceChunk[] = [];
  starts.forEach((start, position) => {
    const next = starts[position + 1] ?? text.length;
    const open = text.indexOf('{', start);
    const end = closingBrace(text, open);
    const chunk = text.slice(start, end > 0 && end <= next ? end : next).trim();
    const type = /^@([A-Za-z]+)/u.exec(chunk)?.[1]?.toLowerCase() ?? '';
    if (type === 'string') strings.push(chunk);
    else if (type !== 'comment' && type !== 'preamble') {
      const key = /^@[A-Za-z]+\s*\{\s*([^,\s}]+)/u.exec(chunk)?.[1];
      entries.push({ name: key ?? `entry ${entries.length + 1}`, text: chunk });
    }
  });
  const prefix = strings.length ? `${strings.join('\n')}\n` : '';
  return entries.map((entry) => ({ ...entry, text: `${prefix}${entry.text}` }));
}

/** Splits an RIS file into its records (each ends with `ER  -`); a record is named by its title, else its number. */
export function splitRis(text: string): ReferenceChunk[] {
  const records: ReferenceChunk[] = [];
  let lines: string[] = [];
  for (const line of text.replace(/\r\n?/gu, '\n').split('\n')) {
    if (/^TY {2}- /u.test(line) && lines.some((kept) => kept.trim())) {
      records.push(risChunk(lines, records.length));
      lines = [];
    }
    lines.push(line);
    if (/^ER {2}-/u.test(line)) {
      records.push(risChunk(lines, records.length));
      lines = [];
    }
  }
  if (lines.some((line) => line.trim())) records.push(risChunk(lines, records.length));
  return records;
}

function risChunk(lines: string[], index: number): ReferenceChunk {
  const title = lines.map((line) => /^(?:TI|T1) {2}- (.+)$/u.exec(line)?.[1]).find(Boolean);
  const body = lines.join('\n').trim();
  return { name: title ? title.trim().slice(0, 120) : `record ${index + 1}`, text: /\nER {2}-/u.test(`\n${body}`) ? `${body}\n` : `${body}\nER  - \n` };
}
