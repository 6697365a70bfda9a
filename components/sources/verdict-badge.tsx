import { VERDICT_LABELS } from '@/lib/format/verdicts';
import type { VerdictName } from '@/lib/validation/source-choices';

/** A verdict as a small coloured label; the words carry the meaning, the colour only repeats it. */
export function VerdictBadge({ verdict }: { verdict: VerdictName }) {
  return (
    <span className="verdict-badge" data-verdict={verdict}>
      {VERDICT_LABELS[verdict]}
    </span>
  );
}
