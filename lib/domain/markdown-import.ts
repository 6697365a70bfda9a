import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { buildDocument, collapseSpaces, type DocumentBlock, type InlinePart } from './document-builder';
import type { ParsedDocument } from './plain-text-import';

/** A parsed Markdown article and how many pieces of raw HTML it held (dropped: the stored text has no markup). */
export type ParsedMarkdown = { document: ParsedDocument; removedMarkup: number };

const markdownParser = unified().use(remarkParse).use(remarkGfm);

/**
 * Parses a Markdown article with GFM footnotes: the first level-one heading is the title (unless `title` is given),
 * other headings open sections, paragraphs, list items, quotes and table rows become paragraphs, `[^label]`
 * becomes `[N]` numbered in order of first citation, and definitions fill the note texts. Throws DocumentFormatError.
 */
export function parseMarkdownDocument(markdown: string, options: { title?: string } = {}): ParsedMarkdown {
  const tree = markdownParser.parse(markdown);
  const state: WalkState = { title: null, blocks: [], notes: new Map(), removedMarkup: 0 };
  walkBlocks(tree, state);
  const document = buildDocument({ title: options.title?.trim() || state.title || '', blocks: state.blocks, notes: state.notes });
  return { document, removedMarkup: state.removedMarkup };
}

type WalkState = { title: string | null; blocks: DocumentBlock[]; notes: Map<string, string>; removedMarkup: number; skippedElement?: string };

// Inline raw HTML arrives as separate open and close tags around ordinary text nodes; the text inside these
// elements is code or styling, not reading text, so it is skipped up to the closing tag.
const HIDDEN_ELEMENT_OPEN = /^<(script|style|iframe|noscript|template|object|textarea)\b/i;

// Counts a piece of raw HTML and notes whether it opens or closes an element whose text must not be kept.
function dropRawHtml(value: string, state: WalkState): void {
  state.removedMarkup += 1;
  const open = HIDDEN_ELEMENT_OPEN.exec(value.trim());
  const element = open?.[1]?.toLowerCase();
  if (element && !new RegExp(`</${element}\\s*>\\s*$`, 'i').test(value)) state.skippedElement = element;
  else if (state.skippedElement && new RegExp(`^</${state.skippedElement}\\s*>`, 'i').test(value.trim())) state.skippedElement = undefined;
}

function walkBlocks(parent: Root | Extract<RootContent, { children: RootContent[] }>, state: WalkState): void {
  for (const node of parent.children) walkBlock(node, state);
}

function walkBlock(node: RootContent, state: WalkState): void {
  // An unclosed <script> in one block must not swallow the blocks after it.
  state.skippedElement = undefined;
  switch (node.type) {
    case 'heading': {
      const text = plainText(node.children, state);
      if (node.depth === 1 && state.title === null) state.title = text;
      else state.blocks.push({ kind: 'heading', text });
      return;
    }
    case 'paragraph':
      state.blocks.push({ kind: 'paragraph', parts: inlineParts(node.children, state) });
      return;
    case 'code':
      state.blocks.push({ kind: 'paragraph', parts: [{ kind: 'text', text: node.value }] });
      return;
    case 'table':
      for (const row of node.children) {
        const cells = row.children.map((cell) => inlineParts(cell.children, state));
        state.blocks.push({ kind: 'paragraph', parts: cells.flatMap((cell, i) => (i === 0 ? cell : [{ kind: 'text' as const, text: ' | ' }, ...cell])) });
      }
      return;
    case 'list':
    case 'listItem':
    case 'blockquote':
      walkBlocks(node, state);
      return;
    case 'footnoteDefinition': {
      const text = node.children.map((child) => collapseSpaces(nodeText(child, state))).filter(Boolean).join(' ');
      // The first definition of a label wins, as in GitHub's rendering.
      if (!state.notes.has(node.identifier)) state.notes.set(node.identifier, text);
      return;
    }
    case 'html':
      dropRawHtml(node.value, state);
      return;
    default:
      // Thematic breaks, link definitions and front matter carry no reading text.
      return;
  }
}

function inlineParts(nodes: PhrasingContent[], state: WalkState): InlinePart[] {
  const parts: InlinePart[] = [];
  for (const node of nodes) {
    if (state.skippedElement && node.type !== 'html') continue;
    switch (node.type) {
      case 'text':
        parts.push(...textWithCitations(node.value));
        break;
      case 'inlineCode':
        parts.push({ kind: 'text', text: node.value });
        break;
      case 'break':
        parts.push({ kind: 'text', text: ' ' });
        break;
      case 'image':
      case 'imageReference':
        if (node.alt) parts.push({ kind: 'text', text: node.alt });
        break;
      case 'footnoteReference':
        parts.push({ kind: 'reference', label: node.identifier });
        break;
      case 'html':
        dropRawHtml(node.value, state);
        break;
      default:
        if ('children' in node) parts.push(...inlineParts(node.children, state));
    }
  }
  return parts;
}

// GFM only links `[^label]` that has a definition; a citation whose definition is missing is still a citation,
// so it becomes a marker whose note has no text.
const UNDEFINED_CITATION = /\[\^([^\]\s^]+)\]/g;

function textWithCitations(value: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let last = 0;
  for (const match of value.matchAll(UNDEFINED_CITATION)) {
    if (match.index > last) parts.push({ kind: 'text', text: value.slice(last, match.index) });
    parts.push({ kind: 'reference', label: (match[1] ?? '').toLowerCase() });
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push({ kind: 'text', text: value.slice(last) });
  return parts;
}

// Text of a heading or a note: references inside it are not markers (a heading or a note cannot carry one).
function plainText(nodes: PhrasingContent[], state: WalkState): string {
  return inlineParts(nodes, state)
    .map((part) => (part.kind === 'text' ? part.text : ''))
    .join('');
}

const BLOCK_CONTAINERS = new Set(['list', 'listItem', 'blockquote', 'table', 'tableRow', 'tableCell', 'footnoteDefinition']);

function nodeText(node: Nodes, state: WalkState): string {
  if (node.type === 'html') {
    dropRawHtml(node.value, state);
    return '';
  }
  if (state.skippedElement) return '';
  if (node.type === 'footnoteReference') return '';
  if ('value' in node) return node.value;
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map((child) => nodeText(child, state)).join(BLOCK_CONTAINERS.has(node.type) ? ' ' : '');
  return '';
}
