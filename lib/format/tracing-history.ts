import { TRACING_STATUS_LABELS, type TracingStatusName } from '@/lib/domain/tracing';
import { VERDICT_LABELS } from '@/lib/format/verdicts';
import type { VerdictName } from '@/lib/validation/source-choices';

/** What a history line needs of a recorded change. */
export type HistoryChange = { subject: string; field: string | null; sourceTitle: string | null; before: string | null; after: string | null };

const FIELD_LABELS: Record<string, string> = {
  kind: 'Kind',
  title: 'Title',
  authors: 'Authors',
  publisher: 'Publisher',
  containerTitle: 'Journal or site',
  doi: 'DOI',
  issued: 'Published',
  url: 'Web address',
  archiveUrl: 'Archived copy',
  accessedOn: 'Accessed on',
};

const verdict = (value: string | null) => (value ? (VERDICT_LABELS[value as VerdictName] ?? value) : 'none');
const status = (value: string | null) => (value ? (TRACING_STATUS_LABELS[value as TracingStatusName] ?? value) : 'Untraced');
const quoted = (value: string | null) => (value ? `“${value}”` : 'nothing');

/** Describes one recorded change as a sentence: what changed, from what to what. Plain text: the caller escapes it. */
export function describeTracingChange(change: HistoryChange): string {
  const source = quoted(change.sourceTitle);
  switch (change.subject) {
    case 'verdict':
      return `Verdict on ${source}: ${verdict(change.before)} → ${verdict(change.after)}`;
    case 'evidence':
      if (change.field === 'cited') return `Passage cited from ${source}: ${quoted(change.after)}`;
      return `Evidence from ${source}: ${quoted(change.before)} → ${quoted(change.after)}`;
    case 'status':
      return `Status: ${status(change.before)} → ${status(change.after)}`;
    case 'assignee':
      return `Assignee: ${change.before ?? 'nobody'} → ${change.after ?? 'nobody'}`;
    case 'link':
      if (change.field === 'created') return `Source ${source} attached, verdict ${verdict(change.after)}`;
      if (change.field === 'deleted') return `Source ${source} deleted; its last verdict was ${verdict(change.before)}`;
      if (change.field === 'merged') return `Source ${quoted(change.before)} merged into ${quoted(change.after)}`;
      return `Source ${source} changed`;
    default:
      if (change.field === 'created') return `Source ${source} created`;
      if (change.field === 'deleted') return `Source ${quoted(change.before)} deleted`;
      if (change.field === 'merged') return `Duplicate ${quoted(change.before)} merged into ${quoted(change.after)}`;
      return `${FIELD_LABELS[change.field ?? ''] ?? 'Field'}: ${quoted(change.before)} → ${quoted(change.after)}`;
  }
}
