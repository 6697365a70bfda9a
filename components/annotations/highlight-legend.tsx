import type { HighlightColouring, LegendEntry } from '@/lib/domain/highlight-colours';
import { HighlightColourChoice } from './highlight-colour-choice';

/** What the highlight colours stand for, and (for a signed-in reader) the choice of what to colour them by. */
export function HighlightLegend({ colouring, legend, isSignedIn }: { colouring: HighlightColouring; legend: LegendEntry[]; isSignedIn: boolean }) {
  if (!isSignedIn && legend.length === 0) return null;
  return (
    <div className="highlight-legend">
      {isSignedIn && <HighlightColourChoice colouring={colouring} />}
      {legend.length > 0 && (
        <ul className="highlight-legend__entries" aria-label="Highlight colours">
          {legend.map((entry) => (
            <li key={`${entry.label}-${entry.colour}`} className="highlight-legend__entry">
              <span className="highlight-legend__swatch" style={{ background: entry.colour }} aria-hidden="true" />
              {entry.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
