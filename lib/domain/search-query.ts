import { normalizeTagName } from './tags';

/** Longest query searched, in characters; longer ones are refused with a message. */
export const MAX_QUERY_LENGTH = 500;

/** A search as typed, split into free text (PostgreSQL websearch syntax) and the operators people know from Hypothesis. */
export type SearchQuery = { text: string; tags: string[]; users: string[]; quotes: string[] };

const OPERATOR = /(^|\s)(tag|user|quote):("([^"]*)"?|(\S+))/gi;

/** Parses `tag:`, `user:` and `quote:` operators (values may be "quoted"); everything else is free text. Pure. */
export function parseSearchQuery(raw: string): SearchQuery {
  const query: SearchQuery = { text: '', tags: [], users: [], quotes: [] };
  const text = raw.normalize('NFC').replace(/\p{Cc}+/gu, ' ').replace(OPERATOR, (_match, lead: string, operator: string, _value: string, quoted?: string, bare?: string) => {
    const value = (quoted ?? bare ?? '').trim();
    if (value) {
      const kind = operator.toLowerCase();
      if (kind === 'tag') query.tags.push(normalizeTagName(value));
      else if (kind === 'user') query.users.push(value);
      else query.quotes.push(value);
    }
    return lead;
  });
  query.text = text.replace(/\s+/g, ' ').trim();
  return query;
}

/** Whether a parsed query asks for anything at all. */
export function isEmptyQuery(query: SearchQuery): boolean {
  return !query.text && query.tags.length === 0 && query.users.length === 0 && query.quotes.length === 0;
}

// ts_headline marks matches with these private-use characters, which no document contains, so the snippet can be
// split into plain text and matches without ever treating database text as HTML.
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

/** Splits a snippet marked with MATCH_START/MATCH_END into runs, matches flagged. */
export function splitSnippet(snippet: string): Array<{ text: string; isMatch: boolean }> {
  const runs: Array<{ text: string; isMatch: boolean }> = [];
  for (const [index, part] of snippet.split(MATCH_START).entries()) {
    if (index === 0) {
      if (part) runs.push({ text: part, isMatch: false });
      continue;
    }
    const [match = '', rest = ''] = part.split(MATCH_END);
    if (match) runs.push({ text: match, isMatch: true });
    if (rest) runs.push({ text: rest, isMatch: false });
  }
  return runs;
}
