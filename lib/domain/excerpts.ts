import type { Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { mentionsAsText, replaceMentions } from '@/lib/domain/mentions';

const markdownParser = unified().use(remarkParse).use(remarkGfm);

// Blocks whose text runs on from the previous block's without a space unless one is put between them.
const BLOCK_TYPES = new Set(['paragraph', 'heading', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'tableCell', 'code', 'thematicBreak', 'footnoteDefinition']);
// A footnote marker as the stored text carries it, with the space before it ("claim [2]" and "claim.[2]").
const FOOTNOTE_MARKER = /[^\S\n]*\[\d+\]/gu;
const WHITESPACE_RUN = /\s+/gu;

/**
 * Returns the plain text a Markdown comment reads as: emphasis, links, code and quotes flattened to their words
 * (a link keeps its text, an image its description), blocks separated by one space, raw HTML left out, emoji and
 * every other character kept. Cut to `maxLength` code points with an ellipsis when given. Pure.
 */
export function plainExcerpt(markdown: string, maxLength?: number): string {
  const parts: string[] = [];
  collectText(markdownParser.parse(markdown), parts);
  return shorten(parts.join('').replace(WHITESPACE_RUN, ' ').trim(), maxLength);
}

// Marks standing for mentions while the Markdown is flattened: private-use characters no comment is written with.
const MARK = /\uE000(\d+)\uE001/gu;

/**
 * Returns plainExcerpt's text, but with each mention kept as its token (`@[Name](user:<id>)`), so that text stored
 * now (a notification's summary) can show the person's current name when read (mentionsAsText after renaming).
 * A mention counts towards `maxLength` as the "@Name" it reads as, and is never cut in two. Pure.
 */
export function plainExcerptKeepingMentions(markdown: string, maxLength?: number): string {
  const tokens: string[] = [];
  const marked = replaceMentions(markdown.replace(/[\uE000\uE001]/gu, ''), (token) => `\uE000${tokens.push(token) - 1}\uE001`);
  const parts: string[] = [];
  collectText(markdownParser.parse(marked), parts);
  const text = parts.join('').replace(WHITESPACE_RUN, ' ').trim();
  // split() with a capturing group alternates text and the mention's number.
  const pieces = text.split(MARK).map((piece, index) => (index % 2 === 1 ? { isMention: true, kept: tokens[Number(piece)] ?? '' } : { isMention: false, kept: piece }));
  let kept = '';
  let room = maxLength ?? Number.POSITIVE_INFINITY;
  for (const piece of pieces) {
    const length = [...(piece.isMention ? mentionsAsText(piece.kept) : piece.kept)].length;
    if (length <= room) {
      kept += piece.kept;
      room -= length;
      continue;
    }
    if (!piece.isMention) kept += [...piece.kept].slice(0, room).join('');
    return `${kept.trimEnd()}…`;
  }
  return kept;
}

/** Returns a quote of the document without its footnote markers (`[2]`), whitespace collapsed, cut like plainExcerpt. Pure. */
export function plainQuote(quote: string, maxLength?: number): string {
  return shorten(withoutFootnoteMarkers(quote).replace(WHITESPACE_RUN, ' ').trim(), maxLength);
}

/** Returns text of the document with its footnote markers (`[2]`) and the spaces before them removed, nothing else changed. Pure. */
export function withoutFootnoteMarkers(text: string): string {
  return text.replace(FOOTNOTE_MARKER, '');
}

function collectText(node: Nodes, parts: string[]): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      parts.push(node.value);
      break;
    case 'image':
    case 'imageReference':
      parts.push(node.alt ?? '');
      break;
    case 'break':
      parts.push(' ');
      break;
    case 'html':
    case 'definition':
      break;
    default:
      if ('children' in node) for (const child of node.children) collectText(child as Nodes, parts);
  }
  if (BLOCK_TYPES.has(node.type)) parts.push(' ');
}

// Cuts by code points, never inside a surrogate pair, so an emoji at the edge is kept whole or left out.
function shorten(text: string, maxLength: number | undefined): string {
  if (maxLength === undefined) return text;
  const codePoints = [...text];
  if (codePoints.length <= maxLength) return text;
  return `${codePoints.slice(0, maxLength).join('').trimEnd()}…`;
}
