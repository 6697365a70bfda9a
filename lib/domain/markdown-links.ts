import type { Definition, Image, Link, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm);

// Browsers drop ASCII whitespace and control characters anywhere in a scheme (`java\tscript:`) before reading it.
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007F]/gu;
const SCHEME = /^([a-z][a-z0-9+.-]*):/iu;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Whether a link target is safe to keep in exported Markdown: http(s), mailto, or relative (no scheme at all). Pure. */
export function isSafeLinkTarget(url: string): boolean {
  const scheme = SCHEME.exec(url.replace(IGNORED_IN_SCHEME, ''))?.[1];
  return scheme === undefined || SAFE_SCHEMES.has(scheme.toLowerCase());
}

type Edit = { start: number; end: number; text: string };

/**
 * Returns `markdown` with every link, image and link definition whose target is not http(s), mailto or relative
 * turned into plain text (a link keeps its words, an image its alt text), so a `javascript:`, `data:` or
 * `vbscript:` target never reaches the reader of an export. Everything else is left byte for byte. Pure.
 */
export function neutraliseUnsafeLinks(markdown: string): string {
  const tree = parser.parse(markdown) as Root;
  const edits: Edit[] = [];
  // An explicit stack rather than recursion: comments may nest deeply (quotes in lists in quotes...).
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isLinkLike(node) && !isSafeLinkTarget(node.url)) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) {
        edits.push({ start, end, text: plainTextOf(node, markdown.slice(start, end)) });
        continue;
      }
    }
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  edits.sort((a, b) => b.start - a.start);
  let result = markdown;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of edits) {
    if (edit.end > limit) continue;
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

function isLinkLike(node: Nodes): node is Link | Image | Definition {
  return node.type === 'link' || node.type === 'image' || node.type === 'definition';
}

function plainTextOf(node: Link | Image | Definition, source: string): string {
  if (node.type === 'image') return escapeMarkdown(node.alt ?? '');
  if (node.type === 'link') return escapeMarkdown(toString(node));
  return escapeMarkdown(source);
}

// Whatever Markdown could read as syntax is escaped, `<` as an entity so no autolink or HTML can start from it.
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()!|~]/gu, (character) => `\\${character}`).replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
}
