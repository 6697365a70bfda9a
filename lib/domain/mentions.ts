// A mention is stored in a comment's Markdown as `@[Name](user:<id>)`: the id is the reference, so it survives a
// rename; the name in brackets is only what the person was called when written, and every read puts in their
// current one (renameMentions). As Markdown it is "@" and a link, so plain excerpts read "@Name" without help.

const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MENTION = new RegExp(`@\\[((?:[^\\[\\]\\\\\\n]|\\\\.){0,200})\\]\\(user:(${ID})\\)`, 'gu');

/** The most mentions one comment may notify; the rest stay text. */
export const MAX_MENTIONS = 20;

/** Returns a person's name as it may stand inside a mention's brackets: Markdown's link brackets and backslashes escaped, lines joined. Pure. */
export function mentionLabel(name: string): string {
  return name.replace(/\s+/gu, ' ').replace(/[\\[\]]/gu, (character) => `\\${character}`).trim();
}

/** Returns the text a mention of person `id` named `name` is written as. Pure. */
export function mentionToken(id: string, name: string): string {
  return `@[${mentionLabel(name)}](user:${id.toLowerCase()})`;
}

/** Returns the distinct ids of the people `body` mentions, in order of first mention, at most MAX_MENTIONS. Pure. */
export function mentionedUserIds(body: string): string[] {
  const ids = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    if (ids.size >= MAX_MENTIONS) break;
    ids.add(match[2] ?? '');
  }
  return [...ids].filter(Boolean);
}

/** Returns `body` with every mention named by `names` (id → current name); a mention of someone unknown keeps its stored name. Pure. */
export function renameMentions(body: string, names: ReadonlyMap<string, string>): string {
  return body.replace(MENTION, (token, _label: string, id: string) => {
    const name = names.get(id);
    return name === undefined ? token : mentionToken(id, name);
  });
}

/**
 * Returns `body` with each mention made a link to `#mention-<id>` reading "@Name", for the Markdown renderer, which
 * drops links of unknown schemes such as `user:` and draws these as the person's name instead of a link. Pure.
 */
export function mentionsAsAnchors(body: string): string {
  return body.replace(MENTION, (_token, label: string, id: string) => `[@${label}](#mention-${id})`);
}

/** Returns `body` with each mention replaced by what `replace` makes of its stored token, label and person id. Pure. */
export function replaceMentions(body: string, replace: (token: string, label: string, id: string) => string): string {
  return body.replace(MENTION, (token, label: string, id: string) => replace(token, label, id));
}

/** Returns `body` with each mention as plain "@Name", for text without Markdown (CSV cells, mail subjects). Pure. */
export function mentionsAsText(body: string): string {
  return body.replace(MENTION, (_token, label: string) => `@${label.replace(/\\(.)/gu, '$1')}`);
}

/** The `@` query being typed just before `caret` in `text` (letters after an `@` that starts a word), or null. Pure. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[\s(])@([\p{L}\p{N}._' -]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[1] ?? '';
  // A space ends the query once two words are typed without a match being picked; a leading space is no query.
  if (query.startsWith(' ') || /\s{2}/u.test(query)) return null;
  return { start: caret - query.length - 1, query };
}
