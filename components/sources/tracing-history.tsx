import type { TracingHistoryEntry } from '@/lib/dal/tracing-history';
import { formatInstant } from '@/lib/format/dates';
import { describeTracingChange } from '@/lib/format/tracing-history';

/** A history of changes, oldest first: what changed from what to what, who, when and why. */
export function TracingHistory({ entries, label }: { entries: TracingHistoryEntry[]; label: string }) {
  if (entries.length === 0) return null;
  return (
    <details className="tracing-history">
      <summary>
        {label} ({entries.length})
      </summary>
      <ol aria-label={label}>
        {entries.map((entry) => (
          <li key={entry.id}>
            {describeTracingChange(entry)}
            <span className="tracing-history__who">
              {' '}
              — {entry.changedBy}, {formatInstant(entry.changedAt)}
            </span>
            {entry.reason && <span className="tracing-history__reason">. Why: {entry.reason}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}
