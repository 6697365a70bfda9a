import { creditOf, pageOf, sectionOf, tagLabelsOf, type ExportDocument, type ExportRecord, type ExportSection } from '@/lib/domain/export-model';
import { isSafeLinkTarget, neutraliseUnsafeLinks } from '@/lib/domain/markdown-links';
import type { TextSelectors } from '@/lib/domain/selectors';
import { formatInstant } from '@/lib/format/dates';
import { VERDICT_LABELS } from '@/lib/format/verdicts';
import type { VerdictName } from '@/lib/validation/sources';
import { mentionsAsText } from '@/lib/domain/mentions';

/** A source attached to a note, as the report lists it. */
export type ReportSource = {
  title: string;
  authors: string[];
  publisher: string | null;
  issued: string | null;
  url: string | null;
  verdict: VerdictName;
  verdictSetBy: string;
  verdictSetAt: string;
  evidenceQuote: string | null;
};

/** What the Markdown report is made of: the document, the annotations the viewer may see, each note's sources. */
export type MarkdownReportInput = {
  document: ExportDocument;
  rows: ExportRecord[];
  sources: ReadonlyMap<number, ReportSource[]>;
  readerUrl: string;
  /** Who the report was made for; null for a visitor. */
  viewerName: string | null;
  exportedAt: Date;
};

type Thread = { row: ExportRecord; replies: Thread[] };

type Grouped = { lead: Thread[]; bySection: Map<string, { quotes: Thread[]; discussion: Thread[] }>; whole: Thread[]; unplaced: Thread[]; detached: Thread[] };

function buildThreads(rows: ExportRecord[]): { roots: Thread[]; detached: Thread[] } {
  const threads = new Map(rows.map((row) => [row.id, { row, replies: [] as Thread[] }]));
  const roots: Thread[] = [];
  const detached: Thread[] = [];
  for (const thread of threads.values()) {
    if (thread.row.parentId === null) roots.push(thread);
    else {
      const parent = threads.get(thread.row.parentId);
      // A reply whose parent was removed stays with its thread's first annotation when that is still there.
      const fallback = thread.row.rootId ? threads.get(thread.row.rootId) : undefined;
      if (parent) parent.replies.push(thread);
      else if (fallback) fallback.replies.push(thread);
      else detached.push(thread);
    }
  }
  return { roots, detached };
}

function groupThreads(rows: ExportRecord[], document: ExportDocument): Grouped {
  const { roots, detached } = buildThreads(rows);
  const grouped: Grouped = { lead: [], bySection: new Map(document.current.sections.map((section) => [section.slug, { quotes: [], discussion: [] }])), whole: [], unplaced: [], detached };
  const byPosition = (a: Thread, b: Thread) => (a.row.anchorStart ?? 0) - (b.row.anchorStart ?? 0) || a.row.createdAt.getTime() - b.row.createdAt.getTime();
  for (const thread of roots.sort(byPosition)) {
    const row = thread.row;
    const slug = sectionOf(row, document);
    const section = slug === null ? undefined : grouped.bySection.get(slug);
    if (row.selectors === null) (section ? section.discussion : grouped.whole).push(thread);
    else if (row.anchorStart === null) grouped.unplaced.push(thread);
    else if (section) section.quotes.push(thread);
    else grouped.lead.push(thread);
  }
  return grouped;
}

/**
 * Returns the Markdown report: per section, each quoted passage with its comment, tags, author, date and indented
 * replies, then the section's discussion; then the sources of every note with verdicts and evidence.
 */
export function renderMarkdownReport({ document, rows, sources, readerUrl, viewerName, exportedAt }: MarkdownReportInput): string {
  const grouped = groupThreads(rows, document);
  const out: string[] = [];
  out.push(`# ${escapeInline(document.title)}`, '');
  out.push(`Annotations and sources from Marginalia, version ${document.current.number} of the text: <${readerUrl}>.`, '');
  out.push(`${rows.length === 1 ? '1 annotation' : `${rows.length} annotations`} visible to ${viewerName !== null ? escapeInline(viewerName) : 'a visitor'}, exported ${formatInstant(exportedAt.toISOString())}.`, '');

  const part = (heading: string, threads: Thread[], level = 2) => {
    if (threads.length === 0) return;
    out.push(`${'#'.repeat(level)} ${heading}`, '');
    for (const thread of threads) renderThread(out, thread, pageOf(thread.row, document));
  };
  part('Lead', grouped.lead);
  part('The whole document', grouped.whole);
  for (const section of document.current.sections) {
    const threads = grouped.bySection.get(section.slug);
    out.push(`## ${sectionName(section)}`, '');
    if (!threads || (threads.quotes.length === 0 && threads.discussion.length === 0)) {
      out.push('*No annotations.*', '');
      continue;
    }
    for (const thread of threads.quotes) renderThread(out, thread, pageOf(thread.row, document));
    part('Discussion', threads.discussion, 3);
  }
  part('Not placed in this version', grouped.unplaced);
  part('Replies to removed annotations', grouped.detached);

  out.push('## Sources', '');
  if (document.current.footnotes.length === 0) out.push('*This document has no notes.*', '');
  for (const number of document.current.footnotes) {
    out.push(`### Note ${number}`, '');
    const attached = sources.get(number) ?? [];
    if (attached.length === 0) {
      out.push('*No source attached yet.*', '');
      continue;
    }
    for (const source of attached) renderSource(out, source);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/gu, '\n\n').trimEnd()}\n`;
}

function sectionName(section: Pick<ExportSection, 'heading' | 'ordinal'>): string {
  return section.heading ? escapeInline(section.heading) : `Untitled section ${section.ordinal + 1}`;
}

/** Deepest indentation of a reply in the report; deeper replies are listed at this level, so the size stays linear. */
export const MAX_REPORT_REPLY_DEPTH = 50;

function renderThread(out: string[], thread: Thread, page: number | null): void {
  const { row } = thread;
  const quote = (row.selectors as TextSelectors | null)?.quote.exact;
  if (quote !== undefined) out.push(...quote.split(/\r?\n/u).map((line) => (line.trim() === '' ? '>' : `> ${escapeInline(line)}`)), '');
  if (quote !== undefined && page !== null) out.push(`(p. ${page} of the original PDF)`, '');
  if (row.body.trim() !== '') out.push(commentMarkdown(row.body), '');
  out.push(byline(row), '');
  renderReplies(out, thread.replies);
  if (thread.replies.length > 0) out.push('');
}

// Walks the replies with an explicit stack, depth first in order of creation: a chain thousands deep neither
// overflows the stack nor indents without end (below MAX_REPORT_REPLY_DEPTH, replies stay at that level).
function renderReplies(out: string[], replies: Thread[]): void {
  const stack: Array<{ thread: Thread; depth: number }> = replies.map((thread) => ({ thread, depth: 0 })).reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { thread, depth } = next;
    const indent = '  '.repeat(depth);
    const lines = [byline(thread.row), ...(thread.row.body.trim() === '' ? [] : ['', ...commentMarkdown(thread.row.body).split('\n')])];
    out.push(`${indent}- ${lines[0]}`, ...lines.slice(1).map((line) => (line === '' ? '' : `${indent}  ${line}`)));
    const childDepth = Math.min(depth + 1, MAX_REPORT_REPLY_DEPTH);
    for (let i = thread.replies.length - 1; i >= 0; i--) stack.push({ thread: thread.replies[i]!, depth: childDepth });
  }
}

function byline(row: ExportRecord): string {
  const tags = tagLabelsOf(row);
  const facts = [
    `**${escapeInline(creditOf(row).name)}**`,
    ...(creditOf(row).importedBy === null ? [] : [`imported by ${escapeInline(creditOf(row).importedBy ?? '')}`]),
    formatInstant(row.createdAt.toISOString()),
    ...(row.visibility === 'PRIVATE' ? ['private'] : []),
    ...(row.parentId === null && row.status === 'RESOLVED' ? ['resolved'] : []),
    ...(row.parentId === null && row.motivation === 'HIGHLIGHTING' && tags.length === 0 ? ['highlight'] : []),
  ];
  return `${facts.join(' · ')}${tags.length > 0 ? ` · Tags: ${tags.map(escapeInline).join(', ')}` : ''}`;
}

function renderSource(out: string[], source: ReportSource): void {
  const authors = source.authors.length > 0 ? `${source.authors.map(escapeInline).join('; ')}. ` : '';
  const issued = source.issued ? ` (${escapeInline(source.issued)})` : '';
  const publisher = source.publisher ? ` ${escapeInline(source.publisher)}.` : '';
  const link = source.url && isSafeLinkTarget(source.url) ? ` <${source.url.replace(/[<>\s]/gu, encodeURIComponent)}>` : '';
  out.push(`- ${authors}*${escapeInline(source.title)}*${issued}.${publisher}${link}`);
  out.push(`  Verdict: **${VERDICT_LABELS[source.verdict]}** (${escapeInline(source.verdictSetBy)}, ${formatInstant(source.verdictSetAt)}).`);
  if (source.evidenceQuote) out.push('', ...source.evidenceQuote.split(/\r?\n/u).map((line) => (line.trim() === '' ? '  >' : `  > ${escapeInline(line)}`)), '');
}

// Quotes, names, titles and tags are plain text: whatever Markdown could read as syntax there is escaped.
function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&]/gu, (character) => `\\${character}`)
    .replace(/^(\s*)([#+=-])/u, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/u, '$1\\$2');
}

// Comments are Markdown already and stay so, but raw HTML is neutralised (the app never renders it either) and
// headings are pushed below the report's own levels so a comment cannot open a section of the report. Links and
// images keep their targets only when those are http(s), mailto or relative; any other becomes plain text.
function commentMarkdown(body: string): string {
  return neutraliseUnsafeLinks(mentionsAsText(body).replace(/\r\n?/gu, '\n'))
    .replace(/<(?!https?:\/\/[^\s<>]*>)(?=[A-Za-z/!?])/gu, '&lt;')
    .replace(/^(\s{0,3})(#{1,6})(\s|$)/gmu, (_, space: string, hashes: string, after: string) => `${space}\\${hashes}${after}`)
    .trim();
}
