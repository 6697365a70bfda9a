import type { Element, ElementContent, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { buildDocument, collapseSpaces, type DocumentBlock, type InlinePart } from './document-builder';
import type { ParsedDocument } from './plain-text-import';

/** What sanitizing removed from an HTML article: dangerous elements, event-handler attributes, `javascript:` addresses. */
export type RemovedMarkup = { elements: number; eventHandlers: number; scriptUrls: number };

/** A parsed HTML article; nothing of its markup survives into `document`, only text structure. */
export type ParsedHtml = { document: ParsedDocument; removed: RemovedMarkup };

// Elements whose content is code, embedded media or controls, never reading text. Counted when active or embedding.
const ACTIVE_ELEMENTS = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'link', 'meta', 'base', 'noscript', 'template']);
const SKIPPED_ELEMENTS = new Set(['head', 'svg', 'math', 'canvas', 'video', 'audio', 'picture', 'img', 'button', 'input', 'select', 'textarea', 'nav']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// Elements that end the paragraph being collected before and after them.
const BLOCK_ELEMENTS = new Set([
  'html', 'body', 'main', 'article', 'section', 'header', 'footer', 'aside', 'div', 'p', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'caption', 'hr', 'address', 'details', 'summary',
]);
const URL_PROPERTIES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'data', 'poster', 'background', 'cite'];
// `[12]` typed into the text is a marker too, as in the plain-text format.
const TEXT_MARKER = /\[([1-9]\d{0,2})\]/g;
const NOTE_CONTAINER_CLASSES = ['footnotes', 'footnote', 'endnotes', 'notes', 'references', 'reflist'];
// A note item's id: a note prefix, then word characters ending in a digit (see isNoteItemId).
const NOTE_ITEM_PREFIX = /^(?:user-content-)?(?:fn|footnote|note|endnote|cite_note|en)[-:_]?[\w-]*$/i;

/**
 * Parses an HTML article into text structure: the first `h1` (or `<title>`) is the title unless `title` is given,
 * other headings open sections, paragraphs, list items and quotes become paragraphs, footnote references
 * (`<sup><a href="#fn1">`, `a.footnote-ref`, `[1]`) become `[N]` and footnote lists (`section.footnotes`,
 * `ol.footnotes`, `li#fn1`) fill the note texts. Scripts, styles, frames, event handlers and `javascript:`
 * addresses are dropped and counted. Throws DocumentFormatError.
 */
export function parseHtmlDocument(html: string, options: { title?: string } = {}): ParsedHtml {
  const tree = fromHtml(html);
  const removed: RemovedMarkup = { elements: 0, eventHandlers: 0, scriptUrls: 0 };
  countUnsafe(tree, removed);
  const notes = new Map<string, string>();
  const noteElements = new Set<Element>();
  collectNotes(tree, notes, noteElements, false);
  const state: WalkState = { title: null, headTitle: null, blocks: [], parts: [], noteElements, noteLabels: new Set(notes.keys()) };
  walk(tree, state);
  flush(state);
  const title = options.title?.trim() || state.title || state.headTitle || '';
  return { document: buildDocument({ title, blocks: state.blocks, notes }), removed };
}

type WalkState = {
  title: string | null;
  headTitle: string | null;
  blocks: DocumentBlock[];
  parts: InlinePart[];
  noteElements: Set<Element>;
  noteLabels: Set<string>;
};

function countUnsafe(node: Nodes, removed: RemovedMarkup): void {
  if (node.type === 'element') {
    if (ACTIVE_ELEMENTS.has(node.tagName)) removed.elements += 1;
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on./i.test(key) && key.toLowerCase() !== 'open') removed.eventHandlers += 1;
      else if (URL_PROPERTIES.includes(key) && typeof value === 'string' && isScriptUrl(value)) removed.scriptUrls += 1;
    }
    if (node.tagName === 'template' && node.content) countUnsafe(node.content, removed);
  }
  if ('children' in node) for (const child of node.children) countUnsafe(child, removed);
}

function isScriptUrl(url: string): boolean {
  // Browsers ignore control characters and spaces inside the scheme: `java\tscript:` still runs.
  return /^(?:javascript|vbscript|data):/i.test(url.replace(/[\u0000-\u0020]/g, ''));
}

function classesOf(element: Element): string[] {
  const className = element.properties.className;
  return Array.isArray(className) ? className.map(String) : [];
}

function isNoteContainer(element: Element): boolean {
  if (!['section', 'ol', 'ul', 'div', 'aside', 'footer'].includes(element.tagName)) return false;
  const role = String(element.properties.role ?? '');
  return (
    classesOf(element).some((name) => NOTE_CONTAINER_CLASSES.includes(name.toLowerCase())) ||
    element.properties.dataFootnotes !== undefined ||
    role === 'doc-endnotes' ||
    role === 'doc-footnotes'
  );
}

// The label that ties a reference to its note: the trailing number of the note's id (`fn1`, `fn:1`,
// `user-content-fn-1`, `cite_note-1` all give "1"), else the whole id.
// Both are read by scanning back from the end rather than with /\d+$/ or a lazy `[\w-]*?\d+$`: a regex tries
// every start in a long run of digits followed by another character, which is quadratic in the run.
function labelOf(id: string): string {
  const digits = trailingDigits(id);
  return digits ? digits.replace(/^0+(?=\d)/, '') : id;
}

function isNoteItemId(id: string): boolean {
  return trailingDigits(id) !== '' && NOTE_ITEM_PREFIX.test(id);
}

function trailingDigits(value: string): string {
  let start = value.length;
  while (start > 0 && value.charCodeAt(start - 1) >= 0x30 && value.charCodeAt(start - 1) <= 0x39) start--;
  return value.slice(start);
}

function collectNotes(node: Nodes, notes: Map<string, string>, noteElements: Set<Element>, isInContainer: boolean): void {
  if (node.type !== 'element' && node.type !== 'root') return;
  if (node.type === 'element') {
    if (ACTIVE_ELEMENTS.has(node.tagName)) return;
    const isContainer = isNoteContainer(node);
    if (isContainer) noteElements.add(node);
    const id = typeof node.properties.id === 'string' ? node.properties.id : '';
    if (node.tagName === 'li' && (isInContainer || isNoteItemId(id))) {
      noteElements.add(node);
      const label = id ? labelOf(id) : String(notes.size + 1);
      if (!notes.has(label)) notes.set(label, collapseSpaces(noteText(node)));
      return;
    }
    for (const child of node.children) collectNotes(child, notes, noteElements, isInContainer || isContainer);
    return;
  }
  for (const child of node.children) collectNotes(child, notes, noteElements, isInContainer);
}

function isBackLink(element: Element): boolean {
  const href = typeof element.properties.href === 'string' ? element.properties.href : '';
  return (
    element.tagName === 'a' &&
    (/^#(?:user-content-)?fnref/i.test(href) ||
      classesOf(element).some((name) => /backref|backlink|reversefootnote/i.test(name)) ||
      element.properties.dataFootnoteBackref !== undefined ||
      element.properties.role === 'doc-backlink')
  );
}

function noteText(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') {
    if (ACTIVE_ELEMENTS.has(node.tagName) || SKIPPED_ELEMENTS.has(node.tagName) || isBackLink(node)) return '';
    const inner = node.children.map(noteText).join('');
    return BLOCK_ELEMENTS.has(node.tagName) || node.tagName === 'br' ? ` ${inner} ` : inner;
  }
  if (node.type === 'root') return node.children.map(noteText).join('');
  return '';
}

function flush(state: WalkState): void {
  if (state.parts.length > 0) state.blocks.push({ kind: 'paragraph', parts: state.parts });
  state.parts = [];
}

function referenceLabel(element: Element, state: WalkState, isInSup: boolean): string | null {
  if (element.tagName !== 'a') return null;
  const href = typeof element.properties.href === 'string' ? element.properties.href : '';
  if (!href.startsWith('#') || href.length < 2) return null;
  const target = decodeURIComponentSafe(href.slice(1));
  const label = labelOf(target);
  const isMarked =
    classesOf(element).some((name) => /footnote-?ref|noteref/i.test(name)) ||
    element.properties.dataFootnoteRef !== undefined ||
    element.properties.role === 'doc-noteref';
  return isMarked || isInSup || state.noteLabels.has(label) ? label : null;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function walk(node: Root | ElementContent, state: WalkState, isInSup = false): void {
  if (node.type === 'text') {
    addText(node.value, state);
    return;
  }
  if (node.type === 'root') {
    for (const child of node.children) if (child.type !== 'doctype' && child.type !== 'comment') walk(child, state);
    return;
  }
  if (node.type !== 'element') return;
  const tag = node.tagName;
  if (tag === 'head') {
    const titleElement = findElement(node, 'title');
    if (titleElement) state.headTitle = collapseSpaces(noteText(titleElement));
    return;
  }
  if (ACTIVE_ELEMENTS.has(tag) || SKIPPED_ELEMENTS.has(tag) || state.noteElements.has(node)) return;
  if (HEADINGS.has(tag)) {
    flush(state);
    const text = collapseSpaces(noteText(node).replace(TEXT_MARKER, ''));
    if (tag === 'h1' && state.title === null) state.title = text;
    else state.blocks.push({ kind: 'heading', text });
    return;
  }
  const label = referenceLabel(node, state, isInSup);
  if (label !== null) {
    state.parts.push({ kind: 'reference', label });
    return;
  }
  if (tag === 'br' || tag === 'td' || tag === 'th') state.parts.push({ kind: 'text', text: ' ' });
  const isBlock = BLOCK_ELEMENTS.has(tag);
  if (isBlock) flush(state);
  for (const child of node.children) walk(child, state, isInSup || tag === 'sup');
  if (isBlock) flush(state);
}

function addText(value: string, state: WalkState): void {
  let last = 0;
  for (const match of value.matchAll(TEXT_MARKER)) {
    if (match.index > last) state.parts.push({ kind: 'text', text: value.slice(last, match.index) });
    state.parts.push({ kind: 'reference', label: match[1] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < value.length) state.parts.push({ kind: 'text', text: value.slice(last) });
}

function findElement(node: Element, tagName: string): Element | null {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName) return child;
    const found = findElement(child, tagName);
    if (found) return found;
  }
  return null;
}
