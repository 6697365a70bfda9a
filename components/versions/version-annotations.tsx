import type { VersionAnnotation } from '@/lib/dal/document-versions';
import { formatInstant } from '@/lib/format/dates';

const PLACEMENT_LABELS: Record<VersionAnnotation['placement'], string> = {
  exact: 'Placed exactly',
  moved: 'Placed where the quote moved',
  fuzzy: 'Placed on a similar passage',
  orphan: 'Not found in this version',
};

// Where the placement shown comes from: kept as the annotation sat, or worked out again for this page.
const sourceLabel = (annotation: VersionAnnotation) => (annotation.isPlacedAgain ? 'placed again from its quote' : 'as it sat');

/** One annotation on a version: the passage it covered there (or its quote when it was placed nowhere), and what it says. */
function VersionAnnotationCard({ annotation }: { annotation: VersionAnnotation }) {
  const isReworded = annotation.highlighted !== null && annotation.highlighted !== annotation.quote;
  return (
    <article aria-label={`Annotation by ${annotation.authorName}`}>
      <blockquote>{annotation.highlighted ?? annotation.quote}</blockquote>
      {isReworded && <p className="version-annotations__quote">Its quote read: “{annotation.quote}”</p>}
      {annotation.excerpt && <p>{annotation.excerpt}</p>}
      <p className="version-annotations__meta">
        {annotation.authorName}, {formatInstant(annotation.createdAt)} ·{' '}
        <span className="version-annotations__placement">
          {PLACEMENT_LABELS[annotation.placement]}, {sourceLabel(annotation)}
        </span>
      </p>
    </article>
  );
}

/** The annotations that sat on a version, each with the passage it covered there and how it was placed. */
export function VersionAnnotations({ annotations }: { annotations: VersionAnnotation[] }) {
  return (
    <section aria-labelledby="version-annotations" className="version-annotations">
      <h2 id="version-annotations">Annotations on this version</h2>
      {annotations.length === 0 ? (
        <p className="status-message">No annotations you can see were made on this version.</p>
      ) : (
        <ul>
          {annotations.map((annotation) => (
            <li key={annotation.id}>
              <VersionAnnotationCard annotation={annotation} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
